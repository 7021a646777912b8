using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Scan;

/// <summary>
/// Finds printed lines of text on a page image from its ink profile: bands of rows with ink, each cut to the
/// columns its ink spans. Cheap, and robust to the scattered dark pixels of a noisy scan.
/// </summary>
internal static class TextLines
{
    /// <summary>Gray level below which a pixel is ink (scanner noise and a fold shadow stay above it).</summary>
    private const byte Ink = 110;

    public static IReadOnlyList<PixelRect> Find(GrayImage image)
    {
        var rowInk = new int[image.Height];
        var rowRun = new int[image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            int count = 0, run = 0, longest = 0;
            var offset = y * image.Width;
            for (var x = 0; x < image.Width; x++)
            {
                if (image.Pixels[offset + x] < Ink) { count++; longest = Math.Max(longest, ++run); }
                else run = 0;
            }
            rowInk[y] = count;
            rowRun[y] = longest;
        }
        // A row belongs to a line when it holds more ink than a sprinkle of noise.
        var minRowInk = Math.Max(4, image.Width / 400);
        var maxGap = Math.Max(2, image.Height / 800);
        var minHeight = Math.Max(8, image.Height / 300);
        var lines = new List<PixelRect>();
        var y0 = -1;
        var gap = 0;
        for (var y = 0; y <= image.Height; y++)
        {
            // A row with one unbroken run across an eighth of the page is a ruling left at a table's edge, not text.
            // (Counting all the ink instead cut a bold full-width title in two at its densest rows.)
            var inked = y < image.Height && rowInk[y] >= minRowInk && rowRun[y] < image.Width / 8;
            if (inked)
            {
                if (y0 < 0) y0 = y;
                gap = 0;
            }
            else if (y0 >= 0 && ++gap > maxGap || y == image.Height && y0 >= 0)
            {
                var y1 = y - gap;
                if (y1 - y0 >= minHeight && y1 - y0 < image.Height / 8) AddLine(image, y0, y1, lines);
                y0 = -1;
                gap = 0;
            }
        }
        return lines;
    }

    private static void AddLine(GrayImage image, int top, int bottom, List<PixelRect> lines)
    {
        var height = bottom - top + 1;
        int left = -1, right = -1;
        for (var x = 0; x < image.Width; x++)
        {
            var ink = 0;
            for (var y = top; y <= bottom && ink < 2; y++) if (image.Pixels[y * image.Width + x] < Ink) ink++;
            if (ink < 2) continue;
            if (left < 0) left = x;
            right = x;
        }
        if (left < 0 || right - left < height / 2) return;
        var pad = Math.Max(4, height / 4);
        lines.Add(new PixelRect(left, top, right - left + 1, height).Inflate(pad, image.Width, image.Height));
    }
}
