using System.Text.RegularExpressions;
using AuditEngine.Intake;
using AuditEngine.Model;

namespace AuditEngine.SampleGen;

/// <summary>A table of the source layout with the facts every output form needs: its title and its header rows.</summary>
public sealed record SourceTable(LayoutTable Table, string? Title, int HeaderRows);

/// <summary>
/// A seed disclosure read through intake's own reader, so the generated forms and their ground truth start from
/// exactly the layout the text pipeline sees.
/// </summary>
public sealed partial class SourceDocument
{
    /// <summary>How far back (in blocks) a table's title paragraph may stand; captions sit directly above tables.</summary>
    private const int TitleLookBack = 3;

    /// <summary>The seed's file name stem, the base name of every generated file.</summary>
    public string Name { get; }
    /// <summary>The seed's file name, recorded in the truth so a benchmark can find the source again.</summary>
    public string SeedFile { get; }
    public Layout Layout { get; }
    public IReadOnlyList<SourceTable> Tables { get; }

    /// <summary>Paragraph blocks that serve as a table's title; writers set them bold.</summary>
    public IReadOnlySet<Paragraph> TitleParagraphs { get; }

    private SourceDocument(string path, Layout layout)
    {
        Name = StemOf(path);
        SeedFile = Path.GetFileName(path);
        Layout = layout;
        var titles = new HashSet<Paragraph>();
        var tables = new List<SourceTable>();
        for (var i = 0; i < layout.Blocks.Count; i++)
        {
            if (layout.Blocks[i] is not LayoutTable table) continue;
            var titleParagraph = FindTitleParagraph(layout.Blocks, i);
            if (titleParagraph is not null) titles.Add(titleParagraph);
            var title = table.Title ?? table.Caption.LastOrDefault() ?? titleParagraph?.Text;
            tables.Add(new SourceTable(table, title, CountHeaderRows(table)));
        }
        Tables = tables;
        TitleParagraphs = titles;
    }

    public static SourceDocument Load(string path)
    {
        var layout = DocumentReader.Read(path);
        return new SourceDocument(path, layout);
    }

    /// <summary>The seed's file name without its final extension ("jiaozuo-2025.ocr.md" → "jiaozuo-2025.ocr").</summary>
    public static string StemOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>Rows as they are in the layout (ragged when the seed's rows differ in length), texts trimmed.</summary>
    public static List<List<string>> RowTexts(LayoutTable table) =>
        table.Rows().Select(r => r.Select(c => c.Text.Trim()).ToList()).ToList();

    /// <summary>
    /// The nearest paragraph above the table naming a table ("…表", "…表（续）"), looking past a few caption lines
    /// such as the unit or department but never past another table.
    /// </summary>
    private static Paragraph? FindTitleParagraph(List<LayoutBlock> blocks, int tableIndex)
    {
        for (var j = tableIndex - 1; j >= 0 && j >= tableIndex - TitleLookBack; j--)
        {
            if (blocks[j] is not Paragraph p) return null;
            if (TitleLike().IsMatch(p.Text)) return p;
        }
        return null;
    }

    /// <summary>
    /// Leading rows without amounts or classification codes are the header; at least one row is marked so a table
    /// broken across pages still shows its column names, and at most four so a table of words is not all header.
    /// </summary>
    private static int CountHeaderRows(LayoutTable table)
    {
        var rows = table.Rows();
        var count = 0;
        while (count < rows.Count - 1 && count < 4 && !rows[count].Any(c => DataLike().IsMatch(c.Text.Trim()))) count++;
        return Math.Max(1, Math.Min(count, rows.Count));
    }

    [GeneratedRegex(@"表\s*([（(][^）)]*[）)])?$")]
    private static partial Regex TitleLike();

    [GeneratedRegex(@"^(-?[\d,]+\.\d+|\d{3,7})$")]
    private static partial Regex DataLike();
}
