using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;
using AuditEngine.Tests.Cli;

namespace AuditEngine.Tests.Ocr;

/// <summary>One cell of the rendered test table: its interior between the ruling lines and the text printed in it.</summary>
internal sealed record FixtureCell(PixelRect Region, OcrMode Mode, string Text);

/// <summary>
/// The budget table rendered by Fixtures/make-fixtures.py (LibreOffice → PDF → pdftoppm -gray at 100 dpi, so cells
/// are 33 px tall and go through the upscaling path). Cell rectangles come from the ruling lines, as grid
/// detection would give them.
/// </summary>
internal static class OcrFixture
{
    public static string Folder { get; } = Path.Combine(Repository.Root, "tests", "AuditEngine.Tests", "Ocr", "Fixtures");

    public static byte[] TablePng { get; } = File.ReadAllBytes(Path.Combine(Folder, "table-100dpi.png"));

    private static readonly Lazy<GrayImage> TableImage = new(() => Leptonica.Decode(TablePng));

    public static GrayImage Table => TableImage.Value;

    public static IReadOnlyList<FixtureCell> Cells { get; } = Load().Cells;

    /// <summary>The two-line paragraph under the table.</summary>
    public static PixelRect Paragraph { get; } = Load().Paragraph;

    public static FixtureCell Cell(string text) => Cells.Single(c => c.Text == text);

    /// <summary>OCR is a required part of intake: a machine without it fails these tests with the reason instead of skipping them.</summary>
    public static void RequireOcr() => Assert.True(Tesseract.IsAvailable, Tesseract.UnavailableReason);

    private static (List<FixtureCell> Cells, PixelRect Paragraph) Load()
    {
        var cells = new List<FixtureCell>();
        var paragraph = default(PixelRect);
        foreach (var line in File.ReadLines(Path.Combine(Folder, "table-100dpi.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var f = line.Split('\t');
            var rect = new PixelRect(int.Parse(f[0]), int.Parse(f[1]), int.Parse(f[2]), int.Parse(f[3]));
            if (f[4] == "Block") paragraph = rect;
            else cells.Add(new FixtureCell(rect, Enum.Parse<OcrMode>(f[4]), f[5]));
        }
        return (cells, paragraph);
    }
}
