using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.SampleGen;

/// <summary>How strongly scans are distorted; each page draws its own parameters within these bounds.</summary>
public sealed record ScanSettings
{
    public double MaxAngleDegrees { get; init; } = 1.5;
    /// <summary>Upper bound of the per-page noise σ in grey levels; 0 disables noise.</summary>
    public double MaxNoiseSigma { get; init; } = 6;
    /// <summary>Whether pages may be blurred (each page then gets 0 or 1 pass of the 3×3 Gaussian).</summary>
    public bool Blur { get; init; } = true;
    /// <summary>JPEG quality for the encode/decode round trip; null keeps the page lossless.</summary>
    public int? JpegQuality { get; init; } = 75;
    public bool FoldShadow { get; init; } = true;
    /// <summary>Background suppression threshold (grey level at or above which pixels turn white); null keeps all noise.</summary>
    public int? WhiteClip { get; init; }
}

/// <summary>The distortion one page received, recorded in the ground truth so a benchmark can relate errors to it.</summary>
public sealed record PageDistortion(
    int Page,
    double AngleDegrees,
    double NoiseSigma,
    int BlurPasses,
    int? JpegQuality,
    int FoldCentreX,
    int FoldHalfWidth,
    int FoldDepth,
    int? WhiteClip);

/// <summary>A distorted page: its pixels, and the JPEG bytes they were decoded from when JPEG was applied.</summary>
public sealed record ScannedPage(GrayImage Image, byte[]? Jpeg, PageDistortion Distortion);

/// <summary>
/// Turns clean rendered pages into what a scanner delivers. Order follows the physical process: the sheet lies
/// skewed and folded, the optics blur, the sensor adds noise, the device suppresses the background and compresses to JPEG. Every page has its
/// own Random derived from the run seed and page number, so one page's output does not depend on the others.
/// </summary>
public static class ScanSimulator
{
    public static ScannedPage Distort(GrayImage page, int pageNumber, int seed, ScanSettings settings)
    {
        var random = new Random(unchecked(seed * 7919 + pageNumber * 104729));
        var angle = Math.Round((random.NextDouble() * 2 - 1) * settings.MaxAngleDegrees, 3);
        var sigma = Math.Round(settings.MaxNoiseSigma * (0.5 + 0.5 * random.NextDouble()), 2);
        var blur = settings.Blur && random.NextDouble() < 0.5 ? 1 : 0;
        int foldX = 0, foldHalf = 0, foldDepth = 0;
        if (settings.FoldShadow)
        {
            foldX = (int)(page.Width * (0.4 + 0.2 * random.NextDouble()));
            foldHalf = Math.Max(2, (int)(page.Width * (0.01 + 0.02 * random.NextDouble())));
            foldDepth = 20 + random.Next(40);
        }

        var image = angle == 0 ? new GrayImage(page.Width, page.Height, (byte[])page.Pixels.Clone()) : ImageOps.Rotate(page, angle);
        ImageOps.FoldShadow(image, foldX, foldHalf, foldDepth);
        if (blur > 0) image = ImageOps.Blur(image, blur);
        ImageOps.AddNoise(image, sigma, random);
        if (settings.WhiteClip is { } clip) ImageOps.ClipWhite(image, clip);
        byte[]? jpeg = null;
        if (settings.JpegQuality is { } quality)
        {
            jpeg = Leptonica.EncodeJpeg(image, quality);
            image = Leptonica.Decode(jpeg);
        }
        return new ScannedPage(image, jpeg, new PageDistortion(pageNumber, angle, sigma, blur, settings.JpegQuality, foldX, foldHalf, foldDepth, settings.WhiteClip));
    }
}
