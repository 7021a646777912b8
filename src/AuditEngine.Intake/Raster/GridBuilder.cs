namespace AuditEngine.Intake.Raster;

/// <summary>Turns one group of touching rulings into a grid of cells, spans included.</summary>
internal static class GridBuilder
{
    /// <summary>A separator drawn along at least this share of its length is present; less means the cells are merged.</summary>
    private const double PresentCoverage = 0.6;

    public static DetectedTable? Build(InkMask mask, List<Ruling> horizontal, List<Ruling> vertical, TableGridDetector.Tolerances tol)
    {
        var rows = Cluster(horizontal, tol.Merge);
        var columns = Cluster(vertical, tol.Merge);
        var left = Math.Min(horizontal.Min(h => h.Start), vertical.Min(v => v.Position));
        var right = Math.Max(horizontal.Max(h => h.End), vertical.Max(v => v.Position));
        var top = Math.Min(vertical.Min(v => v.Start), horizontal.Min(h => h.Position));
        var bottom = Math.Max(vertical.Max(v => v.End), horizontal.Max(h => h.Position));
        // Tables drawn without outer borders (open sides, or cut at a page break) still end where their rulings end.
        AddBorders(rows, top, bottom, tol.Merge);
        AddBorders(columns, left, right, tol.Merge);
        if (rows.Count < 2 || columns.Count < 2) return null;

        var band = Math.Max(1, tol.MaxThickness / 2);
        PruneUnsupported(rows, columns, (line, from, to) => Coverage(mask, line, from, to, band, tol.MaxThickness, horizontalLine: true)
                                                          * Clearance(mask, line, from, to, band, horizontalLine: true));
        PruneUnsupported(columns, rows, (line, from, to) => Coverage(mask, line, from, to, band, tol.MaxThickness, horizontalLine: false)
                                                          * Clearance(mask, line, from, to, band, horizontalLine: false));
        var rowCount = rows.Count - 1;
        var columnCount = columns.Count - 1;
        if (rowCount * columnCount < 2) return null;

        // Elementary grid cells joined wherever the ruling between them is missing.
        var parent = Enumerable.Range(0, rowCount * columnCount).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        void Union(int a, int b) => parent[Find(a)] = Find(b);
        for (var r = 0; r < rowCount; r++)
            for (var c = 1; c < columnCount; c++)
                if (Coverage(mask, columns[c], rows[r], rows[r + 1], band, tol.MaxThickness, horizontalLine: false) < PresentCoverage)
                    Union(r * columnCount + c - 1, r * columnCount + c);
        for (var r = 1; r < rowCount; r++)
            for (var c = 0; c < columnCount; c++)
                if (Coverage(mask, rows[r], columns[c], columns[c + 1], band, tol.MaxThickness, horizontalLine: true) < PresentCoverage)
                    Union((r - 1) * columnCount + c, r * columnCount + c);

        var inset = Math.Max(1, tol.MaxThickness / 2);
        var cells = new List<DetectedCell>();
        foreach (var group in Enumerable.Range(0, parent.Length).GroupBy(Find))
        {
            var members = group.ToList();
            int r0 = members.Min(i => i / columnCount), r1 = members.Max(i => i / columnCount);
            int c0 = members.Min(i => i % columnCount), c1 = members.Max(i => i % columnCount);
            // A non-rectangular group comes from a broken ruling, not a merged cell: keep its grid cells apart.
            var spans = (r1 - r0 + 1) * (c1 - c0 + 1) == members.Count
                ? [(r0, c0, r1 - r0 + 1, c1 - c0 + 1)]
                : members.Select(i => (i / columnCount, i % columnCount, 1, 1)).ToList();
            foreach (var (r, c, rs, cs) in spans)
            {
                var x = columns[c] + inset;
                var y = rows[r] + inset;
                var box = new PixelRect(x, y, Math.Max(1, columns[c + cs] - inset - x), Math.Max(1, rows[r + rs] - inset - y));
                cells.Add(new DetectedCell(r, c, rs, cs, box));
            }
        }
        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        var tableBox = new PixelRect(columns[0], rows[0], columns[^1] - columns[0] + 1, rows[^1] - rows[0] + 1);
        return new DetectedTable(tableBox, rows, columns, cells);
    }

    /// <summary>Ruling positions merged when closer than <paramref name="merge"/>; each cluster at its length-weighted mean.</summary>
    private static List<int> Cluster(List<Ruling> rulings, int merge)
    {
        var sorted = rulings.OrderBy(r => r.Position).ToList();
        var lines = new List<int>();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            double weighted = 0, weight = 0;
            while (j < sorted.Count && sorted[j].Position - sorted[j == i ? i : j - 1].Position <= merge)
            {
                weighted += sorted[j].Position * (double)sorted[j].Length;
                weight += sorted[j].Length;
                j++;
            }
            lines.Add((int)Math.Round(weighted / weight));
            i = j;
        }
        return lines;
    }

    private static void AddBorders(List<int> lines, int first, int last, int merge)
    {
        if (lines.Count == 0 || lines[0] - first > merge) lines.Insert(0, first);
        if (last - lines[^1] > merge) lines.Add(last);
    }

    /// <summary>
    /// Drops inner lines drawn solidly nowhere along the grid: a run of text strokes long enough to pass for a
    /// ruling, which would otherwise split every cell it crosses. Measured on the generated scans, a printed ruling
    /// covers its segments fully (1.00) where it is drawn, while the horizontal strokes of a text line that happen to
    /// align reach 0.4–0.76 in several cells at once, enough for <see cref="PresentCoverage"/> but never for this.
    /// </summary>
    private const double SolidCoverage = 0.85;

    private static void PruneUnsupported(List<int> lines, List<int> across, Func<int, int, int, double> coverage)
    {
        for (var i = lines.Count - 2; i >= 1; i--)
        {
            var supported = false;
            for (var k = 0; k + 1 < across.Count && !supported; k++)
                supported = coverage(lines[i], across[k], across[k + 1]) >= SolidCoverage;
            if (!supported) lines.RemoveAt(i);
        }
    }

    /// <summary>
    /// Share of positions from..to carrying a thin stroke within <paramref name="band"/> of the line. The crossing
    /// rulings at both ends are left out, and ink wider than a ruling across the line (a glyph's stroke running
    /// along it) does not count, so text sitting where a merged cell has no ruling does not pass for one.
    /// </summary>
    private static double Coverage(InkMask mask, int line, int from, int to, int band, int thickness, bool horizontalLine)
    {
        var edge = thickness / 2 + 2;
        var start = from + edge;
        var end = to - edge;
        if (end <= start) return 1;
        var hits = 0;
        for (var p = start; p <= end; p++)
        {
            for (var d = -band; d <= band; d++)
            {
                var q = line + d;
                var (x, y) = horizontalLine ? (p, q) : (q, p);
                if (!Inside(mask, x, y) || mask.Ink[y * mask.Width + x] == 0) continue;
                if (Across(mask, x, y, horizontalLine, thickness) <= thickness) { hits++; break; }
            }
        }
        return hits / (double)(end - start + 1);
    }

    /// <summary>
    /// 1 when the strips just beside a line are mostly paper on at least one side, as along a ruling (cells keep their
    /// text off the rulings); 0 when both sides are inked, as along a row of Chinese text whose horizontal strokes line
    /// up well enough to pass for a ruling inside a wrapped cell.
    /// </summary>
    private static double Clearance(InkMask mask, int line, int from, int to, int band, bool horizontalLine)
    {
        var (start, end) = (from + band + 2, to - band - 2);
        if (end <= start) return 1;
        int before = 0, after = 0, total = 0;
        for (var p = start; p <= end; p++)
            for (var d = band + 2; d <= band + 4; d++)
            {
                total++;
                var (x1, y1) = horizontalLine ? (p, line - d) : (line - d, p);
                var (x2, y2) = horizontalLine ? (p, line + d) : (line + d, p);
                if (Inside(mask, x1, y1) && mask.Ink[y1 * mask.Width + x1] != 0) before++;
                if (Inside(mask, x2, y2) && mask.Ink[y2 * mask.Width + x2] != 0) after++;
            }
        return before > total / 8 && after > total / 8 ? 0 : 1;
    }

    /// <summary>Width of the ink run through (x, y) measured across the line, capped just above <paramref name="limit"/>.</summary>
    private static int Across(InkMask mask, int x, int y, bool horizontalLine, int limit)
    {
        var (dx, dy) = horizontalLine ? (0, 1) : (1, 0);
        var n = 1;
        for (var k = 1; k <= limit && Inside(mask, x + dx * k, y + dy * k) && mask[x + dx * k, y + dy * k]; k++) n++;
        for (var k = 1; k <= limit && Inside(mask, x - dx * k, y - dy * k) && mask[x - dx * k, y - dy * k]; k++) n++;
        return n;
    }

    private static bool Inside(InkMask mask, int x, int y) => (uint)x < (uint)mask.Width && (uint)y < (uint)mask.Height;
}
