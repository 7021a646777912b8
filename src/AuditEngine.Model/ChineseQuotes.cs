namespace AuditEngine.Model;

/// <summary>
/// Putting a name in Chinese quotation marks when the name may carry its own: section and table names such as
/// “三公”经费及增减变化原因 do. Wrapping those in “…” again printed ““三公”经费…”. GB/T 15834 nests quotes as
/// “…‘…’…”, so the name's own marks become single ones; a name that is already one quoted span keeps its marks.
/// </summary>
public static class ChineseQuotes
{
    public const char Open = '“';
    public const char Close = '”';

    public static string Quote(string? text)
    {
        if (string.IsNullOrEmpty(text)) return $"{Open}{Close}";
        if (IsOneQuotedSpan(text)) return text;
        return Open + text.Replace(Open, '‘').Replace(Close, '’') + Close;
    }

    /// <summary>“…” with no other mark inside: quoting it again would only double the marks.</summary>
    public static bool IsOneQuotedSpan(string text) =>
        text.Length >= 2 && text[0] == Open && text[^1] == Close && text.AsSpan(1, text.Length - 2).IndexOfAny(Open, Close) < 0;
}
