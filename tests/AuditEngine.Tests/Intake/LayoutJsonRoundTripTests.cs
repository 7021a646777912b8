using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Tests.RuleSetTests;

namespace AuditEngine.Tests.IntakeTests;

/// <summary>
/// The layout JSON is intake's stored product: read back, it must give recognition and the rules exactly what the
/// file gave, for every intake form (text dumps, DOCX, digital PDF, scanned PDF, a page photo).
/// </summary>
public sealed class LayoutJsonRoundTripTests : RuleTestBase
{
    public static TheoryData<string> Inputs => new()
    {
        "samples/seeds/xushui-2022.txt",
        "samples/seeds/xinglong-2024.md",
        "samples/generated/langfang-guangyang-2025.docx",
        "samples/generated/langfang-guangyang-2025.pdf",
        "samples/generated/xinglong-2024.scan300.pdf",
        "samples/generated/xinglong-2024.scan300-p2.png",
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_layout_read_back_from_its_json_gives_the_same_blocks_and_the_same_findings(string input)
    {
        var original = DocumentReader.Read(Path.Combine(RepositoryPaths.Root, input));
        var buffer = new MemoryStream();
        LayoutJson.Write(original, buffer);
        buffer.Position = 0;
        var copy = LayoutJson.Read(buffer, input);

        Assert.Equal(original.Source, copy.Source);
        Assert.Equal(DocumentReader.Version, copy.IntakeVersion);
        // Page sizes are written to 0.01 pt.
        Assert.Equal(original.Pages.Select(p => (p.Number, Math.Round(p.Width, 2), Math.Round(p.Height, 2), p.Scanned)),
            copy.Pages.Select(p => (p.Number, p.Width, p.Height, p.Scanned)));
        Assert.Equal(original.Blocks.Select(Describe), copy.Blocks.Select(Describe));
        Assert.Equal(original.Notes.Select(n => (n.Message, n.Provenance.Page, n.Repaired)), copy.Notes.Select(n => (n.Message, n.Provenance.Page, n.Repaired)));
        Assert.True(original.Blocks.OfType<LayoutTable>().Any(), $"{input}: no table read, the comparison proves little");

        Assert.Equal(Findings(original), Findings(copy));
    }

    [Fact]
    public void Json_that_is_not_a_layout_is_refused_naming_the_file()
    {
        var e = Assert.Throws<IntakeException>(() => LayoutJson.Read(new MemoryStream("{\"pages\": [ {\"number\": \"一\"} ]}"u8.ToArray()), "stored/42.layout.json"));
        Assert.Equal("stored/42.layout.json", e.FileName);
        Assert.Contains("版面 JSON", e.Problem);
    }

    private static string Describe(LayoutBlock b) => b switch
    {
        Paragraph p => $"P {p.Page}/{p.Line} {p.Text} {p.Confidence}",
        LayoutTable t => $"T {t.Page}/{t.Line} {t.Title} [{string.Join("|", t.Caption)}] "
                         + string.Join(";", t.Cells.Select(c => $"{c.Row},{c.Column},{c.RowSpan},{c.ColumnSpan},{c.Page},{c.Kind}:{c.Text}:{c.Confidence}")),
        _ => b.GetType().Name,
    };

    private static List<string> Findings(Layout layout) =>
        Run(Recognizer.Recognise(layout))
            .Select(f => $"{f.RuleId} | {f.Severity} | {f.Message} | {string.Join(",", f.Evidence.Select(e => $"{e.Page}:{e.Table}:{e.Row}:{e.Column}"))}")
            .ToList();
}
