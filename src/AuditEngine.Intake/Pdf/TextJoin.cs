using System.Text;

namespace AuditEngine.Intake.Pdf;

/// <summary>
/// Joins word fragments the way the printed text reads: Chinese runs together without spaces (a line break inside
/// a cell or paragraph is not a word break), while Latin words and figures keep the space that separated them.
/// </summary>
internal static class TextJoin
{
    public static string Words(IEnumerable<string> words) => Join(words, lineBreak: false);

    public static string Lines(IEnumerable<string> lines) => Join(lines, lineBreak: true);

    private static string Join(IEnumerable<string> parts, bool lineBreak)
    {
        var text = new StringBuilder();
        foreach (var part in parts)
        {
            if (part.Length == 0) continue;
            if (text.Length > 0 && NeedsSpace(text[^1], part[0], lineBreak)) text.Append(' ');
            text.Append(part);
        }
        return text.ToString();
    }

    // A figure wrapped in a narrow column (“30” / “9”, “132,465.” / “29”) continues without a space; words do not.
    private static bool NeedsSpace(char before, char after, bool lineBreak) =>
        lineBreak ? IsLatin(before) && IsLatin(after) && !(IsFigure(before) && char.IsDigit(after)) : !IsWide(before) && !IsWide(after);

    private static bool IsFigure(char c) => char.IsDigit(c) || c is '.' or ',';

    private static bool IsLatin(char c) => c < 0x2E80 && char.IsLetterOrDigit(c);

    /// <summary>CJK ideographs, kana and full-width punctuation: no spaces around them.</summary>
    private static bool IsWide(char c) => c is >= '\u2E80' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';
}
