using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.SampleGen;

/// <summary>
/// Encodes scanned pages as PNG. libpng through Leptonica filters rows and compresses harder than
/// <see cref="GrayImage.ToPng"/> (about a quarter smaller on noisy scans, which matters for committed samples);
/// where Leptonica cannot load, the built-in encoder still produces a valid file.
/// </summary>
public static class PageImageEncoder
{
    public static byte[] ToPng(GrayImage image)
    {
        try { return Leptonica.EncodePng(image); }
        catch (InvalidOperationException) { return image.ToPng(); }
    }
}
