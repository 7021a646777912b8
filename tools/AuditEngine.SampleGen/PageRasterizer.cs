using AuditEngine.Intake;
using System.Text.RegularExpressions;
using AuditEngine.Intake.Raster;

namespace AuditEngine.SampleGen;

/// <summary>PDF pages → 8-bit gray rasters through poppler's pdftoppm, the renderer intake itself uses.</summary>
public static partial class PageRasterizer
{
    public static string Pdftoppm { get; set; } = "pdftoppm";
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Renders pages 1..<paramref name="maxPages"/> (all when null) at <paramref name="dpi"/>.</summary>
    public static List<GrayImage> Render(string pdfPath, int dpi, int? maxPages = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "samplegen-ppm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var args = new List<string> { "-gray", "-r", dpi.ToString() };
            if (maxPages is { } n) args.AddRange(["-f", "1", "-l", n.ToString()]);
            args.AddRange([Path.GetFullPath(pdfPath), Path.Combine(dir, "page")]);
            ExternalTool.RunChecked(Pdftoppm, args, Timeout);
            // pdftoppm pads page numbers to the width of the page count, so order by the number, not the name.
            return Directory.GetFiles(dir, "page-*.pgm")
                .OrderBy(f => int.Parse(PageNumber().Match(Path.GetFileName(f)).Groups[1].Value))
                .Select(f => GrayImage.FromPgm(File.ReadAllBytes(f)))
                .ToList();
        }
        finally
        {
            PdfConverter.TryDelete(dir);
        }
    }

    [GeneratedRegex(@"-(\d+)\.pgm$")]
    private static partial Regex PageNumber();
}
