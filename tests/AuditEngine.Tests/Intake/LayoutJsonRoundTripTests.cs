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
    private static readonly string[] Inputs =
    [
        "samples/seeds/xushui-2022.txt",
        "samples/seeds/xinglong-2024.md",
        "samples/generated/langfang-guangyang-2025.docx",
        "samples/generated/langfang-guangyang-2025.pdf",
        "samples/generated/xinglong-2024.scan300.pdf",
        "samples/generated/xinglong-2024.scan300-p2.png",
    ];

    public static TheoryData<string, bool> InputsInBothForms()
    {
        var data = new TheoryData<string, bool>();
        foreach (var input in Inputs) { data.Add(input, false); data.Add(input, true); }
        return data;
    }

    /// <param name="stored">The store's shorter form (<see cref="LayoutJson.WriteStored"/>) instead of the documented one.</param>
    [Theory]
    [MemberData(nameof(InputsInBothForms))]
    public void A_layout_read_back_from_its_json_gives_the_same_blocks_and_the_same_findings(string input, bool stored)
    {
        var original = DocumentReader.Read(Path.Combine(RepositoryPaths.Root, input));
        var buffer = new MemoryStream();
        if (stored) LayoutJson.WriteStored(original, buffer);
        else LayoutJson.Write(original, buffer);
        buffer.Position = 0;
        var copy = LayoutJson.Read(buffer, input);

        Assert.Equal(original.Source, copy.Source);
        Assert.Equal(original.IntakeVersion, copy.IntakeVersion);
        Assert.True(DocumentReader.IsCurrent(copy));
        // Page sizes are written to 0.01 pt.
        Assert.Equal(original.Pages.Select(p => (p.Number, Math.Round(p.Width, 2), Math.Round(p.Height, 2), p.Scanned)),
            copy.Pages.Select(p => (p.Number, p.Width, p.Height, p.Scanned)));
        Assert.Equal(original.Blocks.Select(Describe), copy.Blocks.Select(Describe));
        // Boxes (to 0.01 pt) and lines too: evidence points at them.
        Assert.Equal(original.Blocks.Select(Positions), copy.Blocks.Select(Positions));
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

    [Fact]
    public void Hand_written_json_is_read_in_any_property_order_with_unknown_and_mistyped_values_passed_over()
    {
        // Cells before their table's page, an unknown nested property, a null and a mistyped value, a note as a plain
        // string and no block indexes: what docs/layout-format.md allows a hand-written or older layout.
        var json = """
            {
              "extra": { "nested": [1, {"a": [2]}] },
              "notes": [ "旧式说明", { "message": "第2页无法识别", "page": 2, "line": null, "repaired": true } ],
              "paragraphs": [ { "page": 2, "line": 1, "text": "第二页", "confidence": null },
                              { "page": 1, "line": 3, "text": "收支预算总表", "bbox": { "x": 1.5, "y": 2, "width": 3, "height": "4" } } ],
              "tables": [ {
                "cells": [ { "column": 1, "row": 0, "text": "100.00", "confidence": 0.5, "kind": "rowHeader", "odd": [[]] },
                           { "row": 0, "column": 0, "text": "合计", "rowSpan": "2", "page": 3 } ],
                "caption": [ "单位：万元", 7 ],
                "line": 4, "page": 1, "ownTitle": null
              } ],
              "pages": [ { "scanned": true, "number": 1, "width": 595.5 }, { "number": 2, "scanned": "yes" } ]
            }
            """u8.ToArray();

        var layout = LayoutJson.Read(json, "hand.json");

        Assert.Equal("hand.json", layout.Source);
        Assert.Null(layout.IntakeVersion);
        Assert.Equal([(1, 595.5, true), (2, 0.0, false)], layout.Pages.Select(p => (p.Number, p.Width, p.Scanned)));
        Assert.Equal(["P 1/3 收支预算总表 1", "T 1/4  [单位：万元|] 0,1,1,1,1,RowHeader:100.00:0.5;0,0,1,1,3,Content:合计:1", "P 2/1 第二页 1"],
            layout.Blocks.Select(Describe));
        Assert.Equal(new BoundingBox(1.5, 2, 3, 0), layout.Blocks[0].Box);
        Assert.Equal([("旧式说明", (int?)null, false), ("第2页无法识别", 2, true)], layout.Notes.Select(n => (n.Message, n.Provenance.Page, n.Repaired)));
    }

    [Theory]
    [InlineData("""{"pages": [ {"width": 10} ]}""")]
    [InlineData("""{"tables": [ {"cells": [ {"row": 0} ]} ]}""")]
    [InlineData("""{"tables": [ {"cells": [ {"row": 0, "column": 1.5} ]} ]}""")]
    [InlineData("""{"pages": [ """)]
    [InlineData("""[1, 2]""")]
    public void A_layout_missing_what_it_needs_or_cut_short_is_refused(string json)
    {
        var e = Assert.Throws<IntakeException>(() => LayoutJson.Read(System.Text.Encoding.UTF8.GetBytes(json), "stored/7.layout.json"));
        Assert.Equal("stored/7.layout.json", e.FileName);
    }

    private static string Describe(LayoutBlock b) => b switch
    {
        Paragraph p => $"P {p.Page}/{p.Line} {p.Text} {p.Confidence}",
        LayoutTable t => $"T {t.Page}/{t.Line} {t.Title} [{string.Join("|", t.Caption)}] "
                         + string.Join(";", t.Cells.Select(c => $"{c.Row},{c.Column},{c.RowSpan},{c.ColumnSpan},{c.Page},{c.Kind}:{c.Text}:{c.Confidence}")),
        _ => b.GetType().Name,
    };

    private static string Positions(LayoutBlock b) => b switch
    {
        LayoutTable t => $"{Box(t.Box)} {t.Line} " + string.Join(";", t.Cells.Select(c => $"{c.Line}:{Box(c.Box)}")),
        _ => $"{Box(b.Box)} {b.Line}",
    };

    private static string Box(BoundingBox? box) => box is { } b
        ? $"{Math.Round(b.X, 2)},{Math.Round(b.Y, 2)},{Math.Round(b.Width, 2)},{Math.Round(b.Height, 2)}" : "-";

    [Fact]
    public void The_stored_form_is_shorter_and_leaves_out_only_what_reading_defaults()
    {
        var original = DocumentReader.Read(Path.Combine(RepositoryPaths.Root, "samples/generated/langfang-guangyang-2025.pdf"));
        using var full = new MemoryStream();
        using var stored = new MemoryStream();
        LayoutJson.Write(original, full, indented: false);
        LayoutJson.WriteStored(original, stored);
        Assert.True(stored.Length * 10 < full.Length * 6, $"stored {stored.Length} bytes against {full.Length}");
        var json = System.Text.Encoding.UTF8.GetString(stored.ToArray());
        Assert.Contains("\"bbox\":[", json);
        Assert.DoesNotContain("\"rowSpan\":1,", json);
        Assert.DoesNotContain("\"confidence\":1", json);
    }

    private static List<string> Findings(Layout layout) =>
        Run(Recognizer.Recognise(layout))
            .Select(f => $"{f.RuleId} | {f.Severity} | {f.Message} | {string.Join(",", f.Evidence.Select(e => $"{e.Page}:{e.Table}:{e.Row}:{e.Column}"))}")
            .ToList();
}
