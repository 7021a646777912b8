using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.SampleGen;

/// <summary>A table as the source has it: title, header row count and rows of trimmed cell texts (ragged as in the seed).</summary>
public sealed record TruthTable(int Index, string? Title, int HeaderRows, int ColumnCount, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>
/// A block in reading order: <c>paragraph</c> with an index into <see cref="TruthFile.Paragraphs"/>, or <c>table</c>
/// with an index into <see cref="TruthFile.Tables"/>.
/// </summary>
public sealed record TruthBlock(string Kind, int Index);

/// <summary>For scanned outputs: the resolution and, per page, its image file and the distortion it received.</summary>
public sealed record ScanTruth(int Dpi, int Seed, IReadOnlyList<ScanPageTruth> Pages);

public sealed record ScanPageTruth(string Image, PageDistortion Distortion);

/// <summary>
/// The ground truth written next to each generated file (<c>&lt;file&gt;.truth.json</c>): what intake should
/// recover from it. Scans may hold only the first pages of a document; the tables and paragraphs still describe the
/// whole source, and <see cref="ScanTruth.Pages"/> says which pages exist.
/// </summary>
/// <param name="Source">the seed file name (samples/seeds/…)</param>
/// <param name="Form">docx, pdf or scan</param>
/// <param name="File">the generated file, relative to the truth file</param>
public sealed partial record TruthFile(
    int Version,
    string Source,
    string Form,
    string File,
    IReadOnlyList<TruthTable> Tables,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<TruthBlock> Blocks,
    ScanTruth? Scan)
{
    public const int CurrentVersion = 1;
    public const string Suffix = ".truth.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese stays readable in the committed files instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TruthFile FromSource(SourceDocument source, string form, string file, ScanTruth? scan = null)
    {
        var tables = source.Tables
            .Select((t, i) => new TruthTable(i, t.Title?.Trim(), t.HeaderRows, t.Table.ColumnCount,
                SourceDocument.RowTexts(t.Table).Select(r => (IReadOnlyList<string>)r).ToList()))
            .ToList();
        var blocks = new List<TruthBlock>();
        int tableIndex = 0, paragraphIndex = 0;
        foreach (var block in source.Layout.Blocks)
        {
            if (block is Paragraph) blocks.Add(new TruthBlock("paragraph", paragraphIndex++));
            else if (block is LayoutTable) blocks.Add(new TruthBlock("table", tableIndex++));
        }
        var paragraphs = source.Layout.Paragraphs.Select(p => p.Text.Trim()).ToList();
        return new TruthFile(CurrentVersion, source.SeedFile, form, file, tables, paragraphs, blocks, scan);
    }

    /// <summary>The truth file belonging to a generated file: the same name with <see cref="Suffix"/> appended.</summary>
    public static string PathFor(string generatedFile) => generatedFile + Suffix;

    public void Save(string path) =>
        System.IO.File.WriteAllText(path, CompactStringArrays().Replace(JsonSerializer.Serialize(this, Json), CollapseArray) + "\n");

    /// <summary>
    /// Puts each array of plain strings (a table row) on one line: the committed truth files then read and diff
    /// row by row instead of one cell per line. JSON strings cannot hold a raw quote or newline, so the pattern
    /// never reaches inside a string.
    /// </summary>
    [GeneratedRegex("""\[\s*("(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")*)\s*\]""")]
    private static partial Regex CompactStringArrays();

    private static string CollapseArray(Match m) => "[" + ElementSeparator().Replace(m.Groups[1].Value, ", ") + "]";

    [GeneratedRegex("""(?<=")\s*,\s*(?=")""")]
    private static partial Regex ElementSeparator();

    public static TruthFile Load(string path) =>
        JsonSerializer.Deserialize<TruthFile>(System.IO.File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no truth file");
}
