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
    public static InkMask FromGray(GrayImage image, int? threshold = null) => FromGray(image, threshold, scratch: false);

    /// <summary>
    /// As <see cref="FromGray(GrayImage, int?)"/>; with <paramref name="scratch"/> the mask lives in this thread's
    /// scratch buffer and is valid only until the next scratch mask of the thread: for detection that drops the mask
    /// before returning, so a page's 2 MB masks are not allocated afresh on the large-object heap for every page.
    /// </summary>
    public static InkMask FromGray(GrayImage image, int? threshold, bool scratch)
    {
        var t = threshold ?? Math.Clamp(Otsu(image.Pixels), 100, 190);
        // Every byte is written below, so the buffer need not be zeroed first.
        var ink = scratch ? Scratch(ref _scratchMask, image.Pixels.Length) : GC.AllocateUninitializedArray<byte>(image.Pixels.Length);
        Binarise(image.Pixels, ink, t);
        return new InkMask(image.Width, image.Height, ink);
    }

    /// <summary><c>ink[i] = pixels[i] &lt; threshold ? 1 : 0</c>, a vector at a time.</summary>
    private static void Binarise(byte[] pixels, byte[] ink, int threshold)
    {
        var i = 0;
        if (threshold <= 0) { Array.Clear(ink); return; }
        if (threshold > 255) { Array.Fill(ink, (byte)1); return; }
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var limit = new System.Numerics.Vector<byte>((byte)threshold);
            var one = System.Numerics.Vector<byte>.One;
            var width = System.Numerics.Vector<byte>.Count;
            for (; i <= pixels.Length - width; i += width)
            {
                var v = new System.Numerics.Vector<byte>(pixels, i);
                (System.Numerics.Vector.LessThan(v, limit) & one).CopyTo(ink, i);
            }
        }
        for (; i < pixels.Length; i++) ink[i] = pixels[i] < threshold ? (byte)1 : (byte)0;
    }

    private static int Otsu(byte[] pixels)
    {
        var histogram = Histogram(pixels);
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

    /// <summary>Pixel counts per gray level, counted in four interleaved tables so runs of equal pixels (paper) do not stall on one counter.</summary>
    private static long[] Histogram(byte[] pixels)
    {
        Span<int> counts = stackalloc int[4 * 256];
        counts.Clear();
        var i = 0;
        for (; i <= pixels.Length - 4; i += 4)
        {
            counts[pixels[i]]++;
            counts[256 + pixels[i + 1]]++;
            counts[512 + pixels[i + 2]]++;
            counts[768 + pixels[i + 3]]++;
        }
        for (; i < pixels.Length; i++) counts[pixels[i]]++;
        var histogram = new long[256];
        for (var k = 0; k < 256; k++) histogram[k] = (long)counts[k] + counts[256 + k] + counts[512 + k] + counts[768 + k];
        return histogram;
    }

    /// <summary>The mask mirrored about its diagonal, copied in square tiles so both sides stay in cache.</summary>
    public InkMask Transpose(bool scratch = false)
    {
        const int Tile = 64;
        var t = scratch ? Scratch(ref _scratchTranspose, Ink.Length) : GC.AllocateUninitializedArray<byte>(Ink.Length);
        int width = Width, height = Height;
        var ink = Ink;
        for (var y0 = 0; y0 < height; y0 += Tile)
        {
            var y1 = Math.Min(height, y0 + Tile);
            for (var x0 = 0; x0 < width; x0 += Tile)
            {
                var x1 = Math.Min(width, x0 + Tile);
                for (var y = y0; y < y1; y++)
                {
                    var row = y * width;
                    for (var x = x0; x < x1; x++) t[x * height + y] = ink[row + x];
                }
            }
        }
        return new InkMask(Height, Width, t);
    }

    [ThreadStatic] private static byte[]? _scratchMask;
    [ThreadStatic] private static byte[]? _scratchTranspose;

    /// <summary>This thread's buffer of exactly <paramref name="length"/> bytes (content undefined), kept for the next page of the same size.</summary>
    private static byte[] Scratch(ref byte[]? slot, int length)
    {
        if (slot is null || slot.Length != length) slot = GC.AllocateUninitializedArray<byte>(length);
        return slot;
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
