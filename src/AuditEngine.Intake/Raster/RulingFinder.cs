namespace AuditEngine.Intake.Raster;

/// <summary>A straight ruling: <see cref="Position"/> across it (y for horizontal), <see cref="Start"/>..<see cref="End"/> along it.</summary>
internal readonly record struct Ruling(int Position, int Start, int End, int Thickness)
{
    public int Length => End - Start + 1;
}

/// <summary>
/// Finds long thin ink runs in a (straightened) mask: the rulings of tables. Horizontal rulings are found on the
/// mask itself, vertical ones on its transpose, with the same code.
/// </summary>
internal static class RulingFinder
{
    /// <param name="minLength">Shorter runs are text strokes, not rulings.</param>
    /// <param name="maxGap">Breaks up to this long are bridged (scan dropouts, anti-aliasing).</param>
    /// <param name="maxThickness">Thicker bands are filled areas or glyph blocks, not rulings.</param>
    public static List<Ruling> Horizontal(InkMask mask, int minLength, int maxGap, int maxThickness)
    {
        var open = new List<Band>();
        var done = new List<Ruling>();
        var runs = new List<(int Start, int End)>();
        for (var y = 0; y < mask.Height; y++)
        {
            RowRuns(mask, y, minLength, maxGap, runs);
            var next = new List<Band>(open.Count + runs.Count);
            var used = new bool[runs.Count];
            foreach (var band in open)
            {
                var joined = false;
                for (var i = 0; i < runs.Count; i++)
                {
                    if (used[i] || !Overlaps(band, runs[i])) continue;
                    used[i] = true;
                    joined = true;
                    next.Add(band with { Last = y, Start = Math.Min(band.Start, runs[i].Start), End = Math.Max(band.End, runs[i].End) });
                    break;
                }
                if (!joined) Close(band, done, maxThickness);
            }
            for (var i = 0; i < runs.Count; i++)
                if (!used[i]) next.Add(new Band(y, y, runs[i].Start, runs[i].End));
            open = next;
        }
        foreach (var band in open) Close(band, done, maxThickness);
        return done;
    }

    public static List<Ruling> Vertical(InkMask mask, int minLength, int maxGap, int maxThickness) =>
        Horizontal(mask.Transpose(scratch: true), minLength, maxGap, maxThickness);

    private readonly record struct Band(int First, int Last, int Start, int End);

    private static bool Overlaps(Band band, (int Start, int End) run)
    {
        var overlap = Math.Min(band.End, run.End) - Math.Max(band.Start, run.Start);
        return overlap >= Math.Min(band.End - band.Start, run.End - run.Start) / 2;
    }

    private static void Close(Band band, List<Ruling> done, int maxThickness)
    {
        var thickness = band.Last - band.First + 1;
        if (thickness <= maxThickness) done.Add(new Ruling((band.First + band.Last) / 2, band.Start, band.End, thickness));
    }

    /// <summary>Runs of ink in row <paramref name="y"/>, gaps bridged, at least <paramref name="minLength"/> long and mostly solid.</summary>
    private static void RowRuns(InkMask mask, int y, int minLength, int maxGap, List<(int, int)> runs)
    {
        runs.Clear();
        var ink = mask.Ink;
        var row = y * mask.Width;
        var x = 0;
        while (x < mask.Width)
        {
            if (ink[row + x] == 0) { x++; continue; }
            var start = x;
            var last = x;
            var filled = 0;
            while (x < mask.Width && x - last <= maxGap + 1)
            {
                if (ink[row + x] != 0) { last = x; filled++; }
                x++;
            }
            var length = last - start + 1;
            if (length >= minLength && filled >= length * 0.7) runs.Add((start, last));
            x = last + 1;
        }
    }
}
