using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>
/// The 功能分类 paths a narrative names: one to three “name（类|款|项）” in a row, optionally after a code. A name is
/// Chinese text, with bracketed words such as 政府办公厅（室）inside it.
/// </summary>
public static partial class ClassificationPaths
{
    /// <summary>
    /// The same matches as <c>Pattern().Matches(text)</c>, found faster. Every path holds a “（类）”, “（款）” or
    /// “（项）” marker, and what comes before its first one (code, quote, names, spaces) is made of digits, spaces,
    /// quotes, Chinese characters and brackets. So a path starts in that run of characters before a marker, and it is
    /// tried there only (anchored, leftmost first) instead of at every Chinese character of the narrative, each attempt
    /// running on to the end of its phrase.
    /// </summary>
    public static List<Match> Find(string text)
    {
        var paths = new List<Match>();
        var from = 0;
        while (NextMarker(text, from) is var marker and >= 0)
        {
            var start = marker;
            while (start > from && CanPrecedeMarker(text[start - 1])) start--;
            Match? found = null;
            for (var at = start; at <= marker && found is null; at++)
                if (AnchoredPath().Match(text, at) is { Success: true } m) found = m;
            if (found is null) { from = marker + 1; continue; }
            paths.Add(found);
            from = found.Index + found.Length;
        }
        return paths;

        static int NextMarker(string text, int from)
        {
            for (var i = text.IndexOf('（', from); i >= 0 && i + 2 < text.Length; i = text.IndexOf('（', i + 1))
                if (text[i + 1] is '类' or '款' or '项' && text[i + 2] == '）') return i;
            return -1;
        }

        static bool CanPrecedeMarker(char c) =>
            char.IsDigit(c) || char.IsWhiteSpace(c) || c is '“' or '（' or '）' || ChineseText.IsCjk(c);
    }

    private const string Path = @"(?:(?<code>\d{3}(?:\d{2}){0,2})\s*)?(?:“)?(?:(?<name>(?:[\u4E00-\u9FFF]|（(?![类款项]）)[\u4E00-\u9FFF]{1,3}）)+?)（(?<level>类|款|项)）\s*){1,3}";

    [GeneratedRegex(Path)]
    public static partial Regex Pattern();

    /// <summary><see cref="Pattern"/> tried at one position only (see <see cref="Find"/>).</summary>
    [GeneratedRegex(@"\G" + Path)]
    private static partial Regex AnchoredPath();
}
