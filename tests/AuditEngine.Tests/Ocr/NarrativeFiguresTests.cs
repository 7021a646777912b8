using System.Text.RegularExpressions;
using AuditEngine.Intake;
using AuditEngine.SampleGen;
using AuditEngine.Tests.SampleGen;

namespace AuditEngine.Tests.Ocr;

/// <summary>
/// Narrative lines of 300 dpi scans are read as raw lines with their figures checked or read again
/// (<c>NarrativeLine</c>): a figure misread in a sentence is a false audit finding, so every figure of langfang's
/// narrative pages must come back exactly, in the printed order, with none lost or invented. The pages are the
/// generator's scans (skewed, noisy, blurred, JPEG, a fold shadow), read one by one as page images.
/// </summary>
[Collection(SampleGenCollection.Name)]
public sealed partial class NarrativeFiguresTests(LangfangSamples samples)
{
    // Page 8 is narrative only (“2.43万元”-like figures, numbered lists “1、” and “1.”), 7 and 13 a table and narrative,
    // 9 a 绩效 table with its narrative.
    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(13)]
    public void Figures_of_a_narrative_page_are_read_exactly_and_in_order(int page)
    {
        OcrFixture.RequireOcr();
        var (images, truth) = Scans();
        var layout = DocumentReader.Read(images[page - 1]);
        var read = Figures(string.Concat(layout.Paragraphs.Select(p => p.Text)));
        var printed = Figures(string.Concat(truth.Paragraphs));

        Assert.True(read.Count >= 3, $"page {page}: only {read.Count} figures read");
        // The page's figures are a run of the document's: a figure misread, lost or invented breaks the run.
        var at = Enumerable.Range(0, printed.Count - read.Count + 1).FirstOrDefault(i => printed.Skip(i).Take(read.Count).SequenceEqual(read), -1);
        Assert.True(at >= 0, $"page {page}: figures read {string.Join(" ", read)} are not a run of the printed ones");
    }

    /// <summary>The 13 pages scanned once for all the cases (as the bench scans them: the generator's default seed).</summary>
    private (IReadOnlyList<string> Images, TruthFile Truth) Scans()
    {
        lock (Gate)
        {
            if (scans is { } done) return done;
            var options = new GeneratorOptions { OutputDirectory = samples.NewDirectory("narrative") };
            var written = SampleGenerator.Scan(samples.Source, samples.Pdf, 300, options);
            var images = written.Where(f => f.EndsWith(".png")).OrderBy(f => int.Parse(PageNumber().Match(f).Groups[1].Value)).ToList();
            var pdf = written.Single(f => f.EndsWith(".pdf"));
            return (scans = (images, TruthFile.Load(TruthFile.PathFor(pdf)))).Value;
        }
    }

    private static readonly object Gate = new();
    private static (IReadOnlyList<string> Images, TruthFile Truth)? scans;

    private static List<string> Figures(string text) => FigureShape().Matches(text).Select(m => m.Value).ToList();

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex FigureShape();

    [GeneratedRegex(@"-p(\d+)\.png$")]
    private static partial Regex PageNumber();
}
