using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>
/// Normalisation of Chinese document text as it comes out of Word, PDF conversion and OCR:
/// full-width forms, spaces that OCR puts inside words and numbers, and amounts in 元 / 万元 / 亿元.
/// </summary>
public static partial class ChineseText
{
    /// <summary>Glyphs OCR is known to produce for common table words (Korean 슴 for 合, …).</summary>
    private static readonly (string Bad, string Good)[] OcrRepairs =
    [
        ("슴", "合"), ("пИ", "合计"), ("二公", "三公"), ("単", "单"),
    ];

    /// <summary>Full-width to half-width for ASCII, removes spaces between CJK characters, unifies brackets and quotes.</summary>
    public static string Normalize(string s)
    {
        if (string.IsNullOrEmpty(s)) return "";
        // Most text (every cell read from a DOCX, most lines) is already normal: called for each cell and title by many
        // readers, it is returned as it is instead of being rebuilt.
        if (IsNormal(s)) return s;
        if (memo is { } known && known.Normalized.TryGetValue(s, out var normal)) return normal;
        normal = Rebuild(s);
        memo?.Normalized.TryAdd(s, normal);
        return normal;
    }

    /// <summary>What <see cref="Normalize"/> gives for a text that is not already normal.</summary>
    private static string Rebuild(string s)
    {
        // Traditional script (預算, 萬元) reads as Simplified: every word and pattern below is Simplified.
        s = TraditionalChinese.ToSimplified(s);
        var sb = new StringBuilder(s.Length);
        foreach (var ch in s)
        {
            var c = ch switch
            {
                >= '\uFF01' and <= '\uFF5E' when ch is not ('（' or '）' or '：' or '，' or '；') => (char)(ch - 0xFEE0),
                '\u3000' or '\u00A0' => ' ',
                _ => ch,
            };
            sb.Append(c);
        }
        var t = sb.ToString();
        foreach (var (bad, good) in OcrRepairs) t = t.Replace(bad, good);
        t = t.Replace('(', '（').Replace(')', '）').Replace(':', '：').Replace('"', '“');
        // OCR and line wrapping put spaces inside words: “网络安全事故发生 数”.
        t = MultiSpace().Replace(t, " ");
        t = CjkSpace().Replace(t, "$1$2");
        t = CjkSpace().Replace(t, "$1$2");
        return t.Trim();
    }

    /// <summary>
    /// What <see cref="Normalize"/> and <see cref="TryParseAmount"/> gave so far on this thread while a document is
    /// recognised (<see cref="Remember"/>): several readers normalise the same lines and parse the same cells, and a
    /// line that is not already normal (spaces, brackets) or a figure costs copies, replacements and a match each
    /// time. Null outside a recognition.
    /// </summary>
    [ThreadStatic] private static DocumentMemo? memo;

    private sealed class DocumentMemo
    {
        public Dictionary<string, string> Normalized { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, (bool Parsed, decimal Value, int Decimals)> Amounts { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// Remembers normalised texts and parsed amounts until the scope is disposed (one document's recognition); a
    /// scope opened inside another keeps using the outer one.
    /// </summary>
    internal static MemoScope Remember()
    {
        if (memo is not null) return default;
        memo = new DocumentMemo();
        return new MemoScope(true);
    }

    internal readonly struct MemoScope(bool owner) : IDisposable
    {
        public void Dispose()
        {
            if (owner) memo = null;
        }
    }

    /// <summary>
    /// True when <see cref="Normalize"/> would change nothing: no white space (spaces collapse and trim), no full-width
    /// ASCII, no ASCII bracket, colon or quote, no mapped Traditional character and no glyph of <see cref="OcrRepairs"/>.
    /// </summary>
    private static bool IsNormal(string s) => s.AsSpan().IndexOfAny(NotNormal) < 0 && !s.Contains("二公");

    /// <summary>
    /// Every character whose presence makes <see cref="Normalize"/> change a text: white space, full-width ASCII
    /// (but the five kept full-width), ASCII brackets, colon and quote, mapped Traditional characters and the single
    /// glyphs of <see cref="OcrRepairs"/>. Searched vectorised: Normalize runs on every cell and line, most of them
    /// already normal.
    /// </summary>
    private static readonly SearchValues<char> NotNormal = SearchValues.Create(NotNormalCharacters());

    private static char[] NotNormalCharacters()
    {
        var list = new List<char>();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsWhiteSpace(c) || c is '(' or ')' or ':' or '"' or '\u00A0' or '슴' or 'п' or '単'
                || c is >= '\uFF01' and <= '\uFF5E' && c is not ('（' or '）' or '：' or '，' or '；')
                || TraditionalChinese.IsMapped(c))
                list.Add(c);
        }
        return [.. list];
    }

    /// <summary>Normalised text with every space removed: the key used to compare names.</summary>
    public static string Compact(string s) => Normalize(s).Replace(" ", "");

    /// <summary>
    /// Parses an amount as printed: “4230.21”, “132,372.61”, OCR's “132, 372. 61”, “-3.57”, “（3.57）”.
    /// Returns null for blank cells, dashes and anything that is not purely a number.
    /// </summary>
    public static decimal? ParseAmount(string? text) => TryParseAmount(text, out var v, out _) ? v : null;

    /// <summary>As <see cref="ParseAmount"/>, also telling how many decimals were printed (OCR can drop one).</summary>
    public static bool TryParseAmount(string? text, out decimal value, out int decimals)
    {
        value = 0; decimals = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        // Only ASCII digits parse (the pattern's \d takes other digits, decimal.TryParse does not): most cells and
        // lines asked hold none, and need no copies and no match.
        if (text.AsSpan().IndexOfAnyInRange('0', '9') < 0) return false;
        if (memo?.Amounts.TryGetValue(text, out var known) == true)
        {
            (value, decimals) = (known.Value, known.Decimals);
            return known.Parsed;
        }
        var parsed = Parse(text, out value, out decimals);
        memo?.Amounts.TryAdd(text, (parsed, value, decimals));
        return parsed;
    }

    private static bool Parse(string text, out decimal value, out int decimals)
    {
        value = 0; decimals = 0;
        var t = text.Trim().Replace('，', ',').Replace('．', '.').Replace('－', '-').Replace('—', '-');
        t = t.Replace(" ", "");
        var negative = false;
        if (t.StartsWith('（') && t.EndsWith('）') || t.StartsWith('(') && t.EndsWith(')')) { negative = true; t = t[1..^1]; }
        var m = AmountPattern().Match(t);
        if (!m.Success) return false;
        var digits = m.Groups[2].Value.Replace(",", "");
        if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)) return false;
        if (m.Groups[1].Value == "-") negative = !negative;
        if (negative) value = -value;
        var dot = digits.IndexOf('.');
        decimals = dot < 0 ? 0 : digits.Length - dot - 1;
        return true;
    }

    /// <summary>Factor that converts an amount in the given unit to 万元.</summary>
    public static decimal ToWanFactor(string unit) => unit switch
    {
        "元" => 0.0001m,
        "千元" => 0.1m,
        "亿元" => 10000m,
        _ => 1m,
    };

    /// <summary>Finds “单位：元/万元/亿元” in a caption line.</summary>
    public static string? FindUnit(string line)
    {
        var m = UnitPattern().Match(Normalize(line).Replace(" ", ""));
        return m.Success ? m.Groups[1].Value : null;
    }

    /// <summary>Characters after the decimal point of a printed number (“20.519” → 3); 0 without one.</summary>
    public static int Decimals(string number) => number.IndexOf('.') is var dot and >= 0 ? number.Length - dot - 1 : 0;

    public static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF';

    [GeneratedRegex(@"^([-]?)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$")]
    private static partial Regex AmountPattern();

    [GeneratedRegex(@"([\u4E00-\u9FFF（）“”、]) ([\u4E00-\u9FFF（）“”、])")]
    private static partial Regex CjkSpace();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex MultiSpace();

    [GeneratedRegex(@"(?:单位|金额单位|部门)：?(万元|亿元|千元|元)")]
    private static partial Regex UnitPattern();

    /// <summary>Characters to insert, delete or replace to turn one text into the other (Levenshtein).</summary>
    public static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
