namespace AuditEngine.SampleGen;

/// <summary>
/// Any PDF (a real disclosure) through the same simulated scanner as the generated samples: rendered, skewed, folded,
/// blurred, noised and JPEG-compressed page by page, written as a PDF of page images. It tries the OCR path on
/// documents the seeds were not made from (bench --accuracy --scanned).
/// </summary>
public static class RealPdfScanner
{
    /// <summary>Scans <paramref name="input"/> into <paramref name="output"/>; returns the page count.</summary>
    public static int Scan(string input, string output, int dpi = 300, int seed = 1, ScanSettings? settings = null)
    {
        var pages = PageRasterizer.Render(input, dpi)
            .Select((page, i) => ScanSimulator.Distort(page, i + 1, seed, settings ?? new ScanSettings()))
            .Select(s => new ScannedPdfWriter.Page(s.Image, s.Jpeg)).ToList();
        ScannedPdfWriter.Write(output, pages, dpi);
        return pages.Count;
    }
}
