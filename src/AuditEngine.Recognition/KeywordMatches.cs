using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>Regex search around a keyword every match contains, for patterns too slow to run over a whole text.</summary>
public static class KeywordMatches
{
    /// <summary>
    /// The matches of <paramref name="pattern"/> that contain <paramref name="keyword"/>, found as Matches would find
    /// them (leftmost first, never overlapping) but searched only in a window around each occurrence of the keyword:
    /// patterns that open with a lazy run of any characters otherwise try every position of the whole text.
    /// </summary>
    /// <param name="before">At most this many characters of a match come before the keyword.</param>
    /// <param name="after">At most this many come after it.</param>
    public static IEnumerable<Match> Find(Regex pattern, string text, string keyword, int before, int after)
    {
        var searched = 0;
        for (var at = text.IndexOf(keyword, StringComparison.Ordinal); at >= 0;
             at = at + 1 < text.Length ? text.IndexOf(keyword, at + 1, StringComparison.Ordinal) : -1)
        {
            var start = Math.Max(searched, at - before);
            if (start > at) continue;
            var end = Math.Min(text.Length, at + keyword.Length + after);
            var m = pattern.Match(text, start, end - start);
            // A match in this window that ends before the keyword belonged to an earlier keyword's window.
            while (m.Success && m.Index + m.Length <= at) m = m.NextMatch();
            if (!m.Success || m.Index > at) continue;
            searched = m.Index + Math.Max(1, m.Length);
            yield return m;
        }
    }

}
