using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Numbers a contents list (目录) skips: entries that run “…七、… / 十、…” (邵东 魏家桥镇: the 八 and 九 of its third
/// part lost their numbers). A part was renumbered, or left out. Only gaps between two numbers printed are read: a
/// text that starts or stops mid-list (a page of an excerpt) skips nothing. Pages read by OCR are left alone: a line
/// it missed is no skipped number. The body's own part headings are not read: a PDF prints the tables' part (第二部分)
/// as a cover page or inside its first table as often as on a line of its own (普陀 决算: 第一部分, then 第三部分).
/// </summary>
internal static partial class NumberingGaps
{
    /// <summary>Entries of a contents list read at most; a list that long has run into the body.</summary>
    private const int MaxContentsEntries = 80;

    public static void Read(IReadOnlyList<Paragraph> paragraphs, IReadOnlySet<int> scannedPages, Disclosure doc)
    {
        var lines = paragraphs.Where(p => !scannedPages.Contains(p.Page))
            .Select(p => (Text: ChineseText.Compact(p.Text), Paragraph: p))
            .Where(l => l.Text.Length > 0).ToList();
        for (var i = 0; i < lines.Count; i++)
            if (lines[i].Text is "目录" or "目次")
                i = ReadContents(lines, i + 1, doc);
    }

    /// <summary>
    /// The entries after a 目录 line, level by level (第X部分, X、, （X）, 1.): a higher level's entry starts its lower levels
    /// afresh. The list ends at a line that is no entry's shape (a sentence), at an entry printed again (the body's first
    /// heading) or at a 第X部分 that does not go forward. Returns the index of the last line read.
    /// </summary>
    private static int ReadContents(List<(string Text, Paragraph Paragraph)> lines, int from, Disclosure doc)
    {
        var last = new int[Levels];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = from;
        for (; i < lines.Count && i - from < MaxContentsEntries; i++)
        {
            var (text, p) = lines[i];
            var entry = PageReference().Replace(text, "");
            if (entry.Length == 0) continue;
            if (entry.Length > 40 || entry.EndsWith('。') || !seen.Add(entry)) break;
            if (Numbered(entry) is not { } numbered)
            {
                // An entry that lost its number (“政府性基金预算收入支出决算情况”) or a line of the title: the list goes on.
                if (entry.Contains('，') || entry.Contains('；')) break;
                continue;
            }
            var (level, number) = numbered;
            if (level == 0 && last[0] > 0 && number <= last[0]) break;
            if (last[level] > 0 && number > last[level] + 1) Add(doc, "目录", last[level], number, level, text, p);
            last[level] = number;
            for (var l = level + 1; l < Levels; l++) last[l] = 0;
        }
        return i - 1;
    }

    private static void Add(Disclosure doc, string where, int before, int after, int level, string text, Paragraph p)
    {
        var missing = string.Join("、", Enumerable.Range(before + 1, after - before - 1).Select(n => Numeral(n, level)));
        doc.TextIssues.Add(new TextIssue
        {
            Kind = TextIssueKind.编号跳号,
            Marker = $"{where}编号从“{Numeral(before, level)}”跳到“{Numeral(after, level)}”，缺少“{missing}”",
            Text = text,
            Provenance = new Provenance(p.Page, p.Line),
        });
    }

    private const int Levels = 4;

    /// <summary>一 to 九, at their value less one.</summary>
    private const string Digits = "一二三四五六七八九";

    /// <summary>The level and number of an entry: 第X部分 (0), X、 (1), （X） (2), 1. (3); null for a line without one.</summary>
    private static (int Level, int Number)? Numbered(string entry)
    {
        Regex[] levels = [PartNumber(), ItemNumber(), SubNumber()];
        for (var level = 0; level < levels.Length; level++)
            if (levels[level].Match(entry) is { Success: true } m)
                return Chinese(m.Groups[1].Value) is { } number ? (level, number) : null;
        return DigitNumber().Match(entry) is { Success: true } digit ? (3, int.Parse(digit.Groups[1].Value)) : null;
    }

    /// <summary>一 … 九十九 as a number; null for anything else.</summary>
    internal static int? Chinese(string s)
    {
        if (s.Length == 0 || s.Length > 3) return null;
        var ten = s.IndexOf('十');
        if (ten < 0) return s.Length == 1 && Digits.IndexOf(s[0]) is var d and >= 0 ? d + 1 : null;
        if (s.IndexOf('十', ten + 1) >= 0) return null;
        var tens = ten == 0 ? 1 : ten == 1 && Digits.IndexOf(s[0]) is var t and >= 0 ? t + 1 : -1;
        if (tens < 0) return null;
        var rest = s[(ten + 1)..];
        if (rest.Length == 0) return tens * 10;
        return rest.Length == 1 && Digits.IndexOf(rest[0]) is var u and >= 0 ? tens * 10 + u + 1 : null;
    }

    private static string Numeral(int n, int level)
    {
        if (level == 3) return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = n < 10 ? Digits[n - 1].ToString() : (n / 10 == 1 ? "" : Digits[n / 10 - 1].ToString()) + "十" + (n % 10 == 0 ? "" : Digits[n % 10 - 1].ToString());
        return level == 0 ? $"第{text}部分" : text;
    }

    [GeneratedRegex(@"^第([一二三四五六七八九十]{1,3})部分")]
    private static partial Regex PartNumber();

    [GeneratedRegex(@"^([一二三四五六七八九十]{1,3})、")]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"^[（(]([一二三四五六七八九十]{1,3})[）)]")]
    private static partial Regex SubNumber();

    [GeneratedRegex(@"^(\d{1,2})[、.．](?!\d)")]
    private static partial Regex DigitNumber();

    /// <summary>A contents entry's page reference: leader dots and the page number (“一、主要职责……3”, “PAGEREF _Toc25831 h 3”).</summary>
    [GeneratedRegex(@"(?:PAGEREF_?Toc\d+h)?[.．…·]*\d*$")]
    private static partial Regex PageReference();
}
