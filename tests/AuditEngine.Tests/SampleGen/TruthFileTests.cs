using System.Text.Json;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.SampleGen;

[Collection(SampleGenCollection.Name)]
public sealed class TruthFileTests(LangfangSamples samples)
{
    [Fact]
    public void Truth_file_round_trips_with_tables_paragraphs_and_scan_parameters()
    {
        var scan = new ScanTruth(300, 1, [new ScanPageTruth("x-p1.png", new PageDistortion(1, -0.75, 4.5, 1, 75, 1200, 40, 30, 230))]);
        var truth = TruthFile.FromSource(samples.Source, "scan", "x.pdf", scan);
        var path = TruthFile.PathFor(Path.Combine(samples.NewDirectory("truth"), "x.pdf"));
        truth.Save(path);
        var loaded = TruthFile.Load(path);

        Assert.Equal(JsonSerializer.Serialize(truth), JsonSerializer.Serialize(loaded));
        Assert.Equal(16, loaded.Tables.Count);
        Assert.Equal("部门预算收支总表", loaded.Tables[0].Title);
        Assert.Contains(loaded.Tables[0].Rows, r => r.Contains("4230.21"));
        Assert.Equal(loaded.Paragraphs.Count, loaded.Blocks.Count(b => b.Kind == "paragraph"));
        Assert.Equal(-0.75, loaded.Scan!.Pages[0].Distortion.AngleDegrees);
        // Chinese is written as is, so the committed truth files can be read and diffed.
        Assert.Contains("部门预算收支总表", File.ReadAllText(path));
    }

    [Fact]
    public void Truth_cells_are_trimmed_and_rows_keep_the_seeds_lengths()
    {
        var truth = TruthFile.FromSource(samples.Source, "docx", "x.docx");
        var first = truth.Tables[0];
        Assert.All(first.Rows.SelectMany(r => r), c => Assert.Equal(c.Trim(), c));
        Assert.Equal(3, first.Rows[0].Count); // the caption row: department, year, unit
        Assert.Equal(first.ColumnCount, first.Rows.Max(r => r.Count));
        Assert.InRange(first.HeaderRows, 1, 4);
    }
}
