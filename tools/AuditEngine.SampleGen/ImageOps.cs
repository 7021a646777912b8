using AuditEngine.Intake.Raster;

namespace AuditEngine.SampleGen;

/// <summary>
/// The pixel operations a flatbed scan applies to a page. Written here rather than taken from Leptonica so the
/// generator's output does not depend on the same library the OCR path uses to undo them.
/// </summary>
public static class ImageOps
{
    private const byte Paper = 255;

    /// <summary>
    /// Rotates about the image centre by <paramref name="degrees"/>, positive = clockwise on screen (Leptonica's
    /// convention, so intake's deskew measures ≈ −degrees), keeping the size and filling uncovered corners with
    /// white. Bilinear: each output pixel samples the source at the inversely rotated position.
    /// </summary>
    public static GrayImage Rotate(GrayImage image, double degrees)
    {
        var output = new GrayImage(image.Width, image.Height);
        var theta = degrees * Math.PI / 180;
        double cos = Math.Cos(theta), sin = Math.Sin(theta);
        double cx = (image.Width - 1) / 2.0, cy = (image.Height - 1) / 2.0;
        var src = image.Pixels;
        var dst = output.Pixels;
        int w = image.Width, h = image.Height;
        for (var y = 0; y < h; y++)
        {
            var dy = y - cy;
            for (var x = 0; x < w; x++)
            {
                var dx = x - cx;
                // Inverse of the clockwise rotation (x' = x cos − y sin, y' = x sin + y cos, y pointing down).
                var sx = dx * cos + dy * sin + cx;
                var sy = -dx * sin + dy * cos + cy;
                dst[y * w + x] = Sample(src, w, h, sx, sy);
            }
        }
        return output;
    }

    private static byte Sample(byte[] src, int w, int h, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        if (x0 < -1 || y0 < -1 || x0 >= w || y0 >= h) return Paper;
        double fx = x - x0, fy = y - y0;
        double At(int px, int py) => px < 0 || py < 0 || px >= w || py >= h ? Paper : src[py * w + px];
        var top = At(x0, y0) * (1 - fx) + At(x0 + 1, y0) * fx;
        var bottom = At(x0, y0 + 1) * (1 - fx) + At(x0 + 1, y0 + 1) * fx;
        return (byte)Math.Clamp((int)Math.Round(top * (1 - fy) + bottom * fy), 0, 255);
    }

    /// <summary>
    /// Adds zero-mean Gaussian noise (Box–Muller) with standard deviation <paramref name="sigma"/> grey levels,
    /// the sensor noise of a cheap scanner; values clip at black and white as they would on the device.
    /// </summary>
    public static void AddNoise(GrayImage image, double sigma, Random random)
    {
        if (sigma <= 0) return;
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            var r = Math.Sqrt(-2 * Math.Log(u1)) * sigma;
            p[i] = Clip(p[i] + r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < p.Length) p[i + 1] = Clip(p[i + 1] + r * Math.Sin(2 * Math.PI * u2));
        }
    }

    /// <summary>
    /// Blurs with a separable 3×3 Gaussian (1-2-1 kernel) <paramref name="passes"/> times: the slight defocus of
    /// a page not lying flat. Edges repeat the border pixel so no dark frame appears.
    /// </summary>
    public static GrayImage Blur(GrayImage image, int passes)
    {
        var current = image;
        for (var n = 0; n < passes; n++)
        {
            int w = current.Width, h = current.Height;
            var src = current.Pixels;
            var horizontal = new int[src.Length];
            for (var y = 0; y < h; y++)
            {
                var row = y * w;
                for (var x = 0; x < w; x++)
                {
                    var l = src[row + Math.Max(0, x - 1)];
                    var r = src[row + Math.Min(w - 1, x + 1)];
                    horizontal[row + x] = l + 2 * src[row + x] + r;
                }
            }
            var output = new GrayImage(w, h);
            for (var y = 0; y < h; y++)
            {
                int up = Math.Max(0, y - 1) * w, here = y * w, down = Math.Min(h - 1, y + 1) * w;
                for (var x = 0; x < w; x++)
                    output.Pixels[here + x] = (byte)((horizontal[up + x] + 2 * horizontal[here + x] + horizontal[down + x] + 8) / 16);
            }
            current = output;
        }
        return current == image ? new GrayImage(image.Width, image.Height, (byte[])image.Pixels.Clone()) : current;
    }

    /// <summary>
    /// Darkens a soft vertical band centred at <paramref name="centreX"/>: the shadow of a page folded for the
    /// envelope or lifted at the binding. The darkening follows a raised cosine so the band has no hard edge.
    /// </summary>
    public static void FoldShadow(GrayImage image, int centreX, int halfWidth, int depth)
    {
        if (depth <= 0 || halfWidth <= 0) return;
        var w = image.Width;
        var p = image.Pixels;
        for (var x = Math.Max(0, centreX - halfWidth); x < Math.Min(w, centreX + halfWidth); x++)
        {
            var t = (x - centreX) / (double)halfWidth;
            var factor = 1 - depth / 255.0 * 0.5 * (1 + Math.Cos(Math.PI * t));
            for (var y = 0; y < image.Height; y++)
                p[y * w + x] = Clip(p[y * w + x] * factor);
        }
    }

    /// <summary>
    /// Sets every pixel at or above <paramref name="threshold"/> to white: the background suppression office
    /// scanners apply by default, which leaves noise only on and around the print and in shadows.
    /// </summary>
    public static void ClipWhite(GrayImage image, int threshold)
    {
        if (threshold is <= 0 or > 255) return;
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i++)
            if (p[i] >= threshold) p[i] = Paper;
    }

    private static byte Clip(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
