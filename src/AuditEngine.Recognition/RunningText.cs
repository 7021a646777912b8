using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Lines joined into one running text, remembering which paragraph (page, line) each character came from. A PDF
/// gives one paragraph per printed line and a sentence, a figure (“2336.91万 / 元”) or a name (“规划和自然 / 资源局”)
/// may be broken at the line's end; Chinese text needs no space where the lines are joined.
/// </summary>
internal sealed partial class RunningText
{
    private readonly System.Text.StringBuilder text = new();
    private readonly List<(int Start, Paragraph Paragraph)> starts = [];
    private string? built;

    public int Length => text.Length;
    /// <summary>Pages read by OCR: a figure there may be garbled (<see cref="IsScannedAt"/>).</summary>
    public IReadOnlySet<int> ScannedPages { get; init; } = new HashSet<int>();
    public string Text => built ??= text.ToString();

    /// <summary>All <paramref name="paragraphs"/>, normalised (<see cref="ChineseText.Normalize"/>), as one running text.</summary>
    /// <param name="scannedPages">Pages read by OCR (<see cref="IsScannedAt"/>).</param>
    public static RunningText Of(IEnumerable<Paragraph> paragraphs, IReadOnlySet<int>? scannedPages = null)
    {
        var text = new RunningText { ScannedPages = scannedPages ?? new HashSet<int>() };
        foreach (var p in paragraphs) text.Add(ChineseText.Normalize(p.Text), p);
        return text;
    }

    public void Add(string line, Paragraph p)
    {
        line = line.Trim();
        if (line.Length == 0) return;
        // A numbered heading or item (三、 / （二） / 1、) starts a new sentence even where the line before has no
        // full stop, and so does one a PDF ran into the end of the line before (“…464.64万元三、政府采购预算情况”).
        line = EmbeddedHeading().Replace(line, "\n$1");
        line = DigitSpace().Replace(line, "");
        if (text.Length > 0 && ItemStart().IsMatch(line)) text.Append('\n');
        // Latin words and numbers printed on two lines keep a space between them (“2024” / “年” needs none).
        if (text.Length > 0 && char.IsAsciiLetterOrDigit(text[^1]) && char.IsAsciiLetterOrDigit(line[0]) && !ChineseText.IsCjk(line[0]))
            text.Append(' ');
        starts.Add((text.Length, p));
        text.Append(line);
        built = null;
    }

    /// <summary>Ends the current line: what follows starts a new sentence.</summary>
    public void Break()
    {
        if (text.Length > 0 && text[^1] != '\n') { text.Append('\n'); built = null; }
    }

    /// <summary>The paragraph the character at <paramref name="index"/> came from.</summary>
    public Paragraph ParagraphAt(int index)
    {
        var lo = 0;
        var hi = starts.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (starts[mid].Start <= index) lo = mid; else hi = mid - 1;
        }
        return starts[lo].Paragraph;
    }

    public bool IsScannedAt(int index) => ScannedPages.Count > 0 && ScannedPages.Contains(ParagraphAt(index).Page);

    public Provenance ProvenanceAt(int index)
    {
        var p = ParagraphAt(index);
        return new Provenance(p.Page, p.Line);
    }

    /// <summary>The text around [start, start+length): out to the sentence's ends, at most <paramref name="reach"/> characters each side.</summary>
    public string Quote(int start, int length, int reach = 24)
    {
        var t = Text;
        var from = start;
        while (from > 0 && start - from < reach && !IsStop(t[from - 1])) from--;
        var to = Math.Min(t.Length, start + length);
        while (to < t.Length && to - (start + length) < reach && !IsStop(t[to])) to++;
        if (to < t.Length && t[to] is '。' or '；') to++;
        return t[from..to].Trim();

        static bool IsStop(char c) => c is '。' or '；' or ';' or '\n';
    }

    [GeneratedRegex(@"(?<=[元%）\d])((?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)(?=[\u4E00-\u9FFF]{2}))")]
    private static partial Regex EmbeddedHeading();

    /// <summary>A space between a number and a Chinese character (“截至 2023年 12 月”), which PDFs print for spacing.</summary>
    [GeneratedRegex(@"(?<=\d) +(?=[\u4E00-\u9FFF（）])|(?<=[\u4E00-\u9FFF（）“”：，、]) +(?=\d)")]
    private static partial Regex DigitSpace();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十]+部分)")]
    private static partial Regex ItemStart();
}
