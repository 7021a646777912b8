using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Scan;

/// <summary>
/// Flattens the paper of a scan to white. A fold or the book gutter darkens a vertical band of the page, and a
/// photo is lit unevenly; OCR then reads the ink inside the band badly. Each column's paper level is taken as a
/// high percentile of its pixels (text covers only a small share of a column) and the column is rescaled so
/// that level becomes white.
/// </summary>
internal static class Background
{
    /// <summary>Columns are paper at this brightness or above already; leaving them alone keeps clean pages unchanged.</summary>
    private const int CleanPaper = 235;

    public static GrayImage Flatten(GrayImage image)
    {
        var paper = new int[image.Width];
        var histogram = new int[256];
        for (var x = 0; x < image.Width; x++)
        {
            Array.Clear(histogram);
            for (var y = 0; y < image.Height; y += 2) histogram[image.Pixels[y * image.Width + x]]++;
            // The 80th percentile: above the text and rulings, below stray bright noise.
            var target = (int)((image.Height / 2) * 0.20);
            var seen = 0;
            var level = 255;
            for (; level > 0; level--)
            {
                seen += histogram[level];
                if (seen >= target) break;
            }
            paper[x] = level;
        }
        // Smooth across neighbouring columns so a ruling or a text column does not make a stripe.
        var smooth = new int[image.Width];
        const int radius = 8;
        for (var x = 0; x < image.Width; x++)
        {
            int sum = 0, n = 0;
            for (var k = Math.Max(0, x - radius); k <= Math.Min(image.Width - 1, x + radius); k++) { sum += paper[k]; n++; }
            smooth[x] = sum / n;
        }
        if (smooth.All(p => p >= CleanPaper)) return image;
        var result = new GrayImage(image.Width, image.Height);
        for (var x = 0; x < image.Width; x++)
        {
            var level = Math.Max(64, smooth[x]);
            if (level >= CleanPaper)
            {
                for (var y = 0; y < image.Height; y++) result.Pixels[y * image.Width + x] = image.Pixels[y * image.Width + x];
                continue;
            }
            for (var y = 0; y < image.Height; y++)
            {
                var i = y * image.Width + x;
                result.Pixels[i] = (byte)Math.Min(255, image.Pixels[i] * 255 / level);
            }
        }
        return result;
    }
}
