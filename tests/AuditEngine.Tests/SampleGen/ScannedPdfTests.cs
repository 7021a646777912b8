using AuditEngine.Intake.Raster;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.SampleGen;

[Collection(SampleGenCollection.Name)]
public sealed class ScannedPdfTests(LangfangSamples samples)
{
    [Fact]
    public void Scanned_pdf_of_synthetic_pages_has_a4_pages_that_render_as_written()
    {
        // A4 at 50 dpi: 413 × 585 pixels.
        var flat = new GrayImage(413, 585);
        Array.Fill(flat.Pixels, (byte)255);
        for (var x = 50; x < 350; x++) flat[x, 100] = 0;
        var jpegPage = ScanSimulator.Distort(flat, 1, 3, new ScanSettings { JpegQuality = 80 });
        var path = Path.Combine(samples.NewDirectory("synthetic"), "two.pdf");
        ScannedPdfWriter.Write(path, [new(flat, null), new(jpegPage.Image, jpegPage.Jpeg)], 50);

        var (pages, width, height) = Poppler.Info(path);
        Assert.Equal(2, pages);
        // The page is the image at its dpi (413 px = 594.72 pt), which is A4 to within a pixel.
        Assert.Equal(413 * 72 / 50.0, width, 0.01);
        Assert.Equal(585 * 72 / 50.0, height, 0.01);
        Assert.Equal(595.3, width, 1.5);
        Assert.Equal(841.9, height, 1.5);

        var rendered = PageRasterizer.Render(path, 50);
        Assert.Equal(2, rendered.Count);
        Assert.Equal((413, 585), (rendered[0].Width, rendered[0].Height));
        // The renderer resamples a little, so a one-pixel line comes back dark rather than pure black.
        Assert.InRange(rendered[0][200, 100], 0, 100);
        Assert.Equal(255, rendered[0][200, 300]);
    }

    [Fact]
    public void Scanning_the_langfang_pdf_writes_n_pages_a_renderable_pdf_and_truth()
    {
        var dir = samples.NewDirectory("scan");
        var options = new GeneratorOptions { OutputDirectory = dir, MaxPages = 2, Seed = 5 };
        var written = SampleGenerator.Scan(samples.Source, samples.Pdf, 100, options);

        var pdf = Path.Combine(dir, samples.Source.Name + ".scan100.pdf");
        Assert.Contains(pdf, written);
        Assert.Equal(2, Poppler.Info(pdf).Pages);
        var rendered = PageRasterizer.Render(pdf, 100);
        Assert.Equal(2, rendered.Count);
        // Something was printed on the page, and the paper is still mostly white.
        var dark = rendered[0].Pixels.Count(p => p < 128);
        Assert.InRange(dark, 1000, rendered[0].Pixels.Length / 4);

        var truth = TruthFile.Load(TruthFile.PathFor(pdf));
        Assert.Equal("scan", truth.Form);
        Assert.Equal(100, truth.Scan!.Dpi);
        Assert.Equal(2, truth.Scan.Pages.Count);
        foreach (var page in truth.Scan.Pages)
        {
            Assert.True(File.Exists(Path.Combine(dir, page.Image)), page.Image);
            Assert.InRange(Math.Abs(page.Distortion.AngleDegrees), 0, 1.5);
        }
        var png = File.ReadAllBytes(Path.Combine(dir, truth.Scan.Pages[0].Image));
        Assert.Equal(0x89, png[0]);
    }
}
