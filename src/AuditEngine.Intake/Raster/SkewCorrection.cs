namespace AuditEngine.Intake.Raster;

/// <summary>
/// Residual skew of a page measured separately for horizontal and vertical strokes (a rotation tilts both, a
/// scanner's shear only one), and the linear map that straightens them about the page centre. Rulings are then
/// found as plain row and column runs, and results are mapped back into the caller's coordinates.
/// </summary>
internal sealed class SkewCorrection
{
    private const double MaxDegrees = 2.0;
    private readonly double _cx, _cy;

    /// <summary>Slope of horizontal strokes (dy/dx) and of vertical strokes (dx/dy, positive leaning left going down).</summary>
    public double HorizontalSlope { get; }
    public double VerticalSlope { get; }
    public bool IsIdentity => HorizontalSlope == 0 && VerticalSlope == 0;

    private SkewCorrection(double horizontal, double vertical, double cx, double cy)
    {
        HorizontalSlope = horizontal;
        VerticalSlope = vertical;
        _cx = cx;
        _cy = cy;
    }

    public static readonly SkewCorrection None = new(0, 0, 0, 0);

    public static SkewCorrection Estimate(InkMask mask)
    {
        var points = mask.Sample(150_000);
        var cx = mask.Width / 2.0;
        var cy = mask.Height / 2.0;
        // Horizontal strokes line up in rows when y - x·slope is constant; vertical ones in columns when x + y·slope is.
        var h = BestSlope(points, p => p.Y - cy, p => p.X - cx, mask.Height);
        var v = -BestSlope(points, p => p.X - cx, p => p.Y - cy, mask.Width);
        // Below this the drift over a whole page stays within a ruling's thickness tolerance.
        if (Math.Abs(h) < 0.0008) h = 0;
        if (Math.Abs(v) < 0.0008) v = 0;
        return new SkewCorrection(h, v, cx, cy);
    }

    /// <summary>The slope s maximising the sharpness (sum of squared bin counts) of the projection of <c>along - across·s</c>.</summary>
    private static double BestSlope(List<(int X, int Y)> points, Func<(int X, int Y), double> along, Func<(int X, int Y), double> across, int extent)
    {
        if (points.Count < 50) return 0;
        var a = points.Select(along).ToArray();
        var c = points.Select(across).ToArray();
        var bins = new int[extent * 2 + 16];
        double Score(double slope)
        {
            Array.Clear(bins);
            for (var i = 0; i < a.Length; i++)
            {
                var b = (int)Math.Round(a[i] - c[i] * slope) + extent + 8;
                if ((uint)b < (uint)bins.Length) bins[b]++;
            }
            double s = 0;
            foreach (var n in bins) s += (double)n * n;
            return s;
        }
        double best = 0, bestScore = Score(0);
        // Coarse pass over the whole range in 0.1° steps, then 0.02° steps around the best coarse slope.
        var coarse = Math.Tan(0.1 * Math.PI / 180);
        var fine = Math.Tan(0.02 * Math.PI / 180);
        foreach (var (centre, span, delta) in new[] { (0.0, Math.Tan(MaxDegrees * Math.PI / 180), coarse), (double.NaN, coarse, fine) })
        {
            var from = double.IsNaN(centre) ? best : centre;
            for (var s = from - span; s <= from + span + 1e-12; s += delta)
            {
                var score = Score(s);
                // Prefer the smaller correction on ties so clean pages stay untouched.
                if (score > bestScore * 1.0001 || score >= bestScore && Math.Abs(s) < Math.Abs(best)) { bestScore = score; best = s; }
            }
        }
        return best;
    }

    /// <summary>The straightened mask: output (x', y') samples input (x, y) where x' = x + y·v, y' = y - x·h about the centre.</summary>
    public InkMask Straighten(InkMask mask)
    {
        if (IsIdentity) return mask;
        var output = new InkMask(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                var (sx, sy) = MapBack(x, y);
                var ix = (int)Math.Round(sx);
                var iy = (int)Math.Round(sy);
                if ((uint)ix < (uint)mask.Width && (uint)iy < (uint)mask.Height && mask.Ink[iy * mask.Width + ix] != 0)
                    output.Ink[y * mask.Width + x] = 1;
            }
        }
        return output;
    }

    /// <summary>Straightened coordinates back to the original image.</summary>
    public (double X, double Y) MapBack(double x, double y)
    {
        if (IsIdentity) return (x, y);
        // Solve [x'; y'] = [[1, v], [-h, 1]] · [x; y] (centred) for x, y.
        double xp = x - _cx, yp = y - _cy;
        var det = 1 + HorizontalSlope * VerticalSlope;
        var ox = (xp - VerticalSlope * yp) / det;
        var oy = (yp + HorizontalSlope * xp) / det;
        return (ox + _cx, oy + _cy);
    }
}
