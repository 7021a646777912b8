namespace AuditEngine.Intake.Raster;

/// <summary>A binarised page: 1 = ink. Kept separate from <see cref="GrayImage"/> so detection never alters the caller's image.</summary>
internal sealed class InkMask
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Ink { get; }

    public InkMask(int width, int height, byte[]? ink = null)
    {
        Width = width;
        Height = height;
        Ink = ink ?? new byte[width * height];
    }

    public bool this[int x, int y] => Ink[y * Width + x] != 0;

    /// <summary>
    /// Global threshold by Otsu's method, clamped so a nearly blank page does not turn paper grain into ink and light
    /// table shading (typically 200–235) stays paper.
    /// </summary>
    public static InkMask FromGray(GrayImage image, int? threshold = null)
    {
        var t = threshold ?? Math.Clamp(Otsu(image.Pixels), 100, 190);
        var ink = new byte[image.Pixels.Length];
        var px = image.Pixels;
        for (var i = 0; i < px.Length; i++) ink[i] = px[i] < t ? (byte)1 : (byte)0;
        return new InkMask(image.Width, image.Height, ink);
    }

    private static int Otsu(byte[] pixels)
    {
        var histogram = new long[256];
        foreach (var p in pixels) histogram[p]++;
        double total = pixels.Length, sum = 0;
        for (var i = 0; i < 256; i++) sum += i * (double)histogram[i];
        double sumBackground = 0, weightBackground = 0, best = -1;
        var threshold = 128;
        for (var i = 0; i < 256; i++)
        {
            weightBackground += histogram[i];
            if (weightBackground == 0) continue;
            var weightForeground = total - weightBackground;
            if (weightForeground == 0) break;
            sumBackground += i * (double)histogram[i];
            var meanB = sumBackground / weightBackground;
            var meanF = (sum - sumBackground) / weightForeground;
            var between = weightBackground * weightForeground * (meanB - meanF) * (meanB - meanF);
            if (between > best) { best = between; threshold = i + 1; }
        }
        return threshold;
    }

    public InkMask Transpose()
    {
        var t = new byte[Ink.Length];
        for (var y = 0; y < Height; y++)
        {
            var row = y * Width;
            for (var x = 0; x < Width; x++) t[x * Height + y] = Ink[row + x];
        }
        return new InkMask(Height, Width, t);
    }

    /// <summary>Ink pixels sampled on a stride, for estimating skew without touching every pixel.</summary>
    public List<(int X, int Y)> Sample(int max)
    {
        var count = 0;
        foreach (var b in Ink) count += b;
        var stride = Math.Max(1, count / Math.Max(1, max));
        var points = new List<(int, int)>(Math.Min(count, max) + 1);
        var seen = 0;
        for (var y = 0; y < Height; y++)
        {
            var row = y * Width;
            for (var x = 0; x < Width; x++)
                if (Ink[row + x] != 0 && seen++ % stride == 0) points.Add((x, y));
        }
        return points;
    }
}
