namespace AuditEngine.Intake.Raster;

/// <summary>
/// Finds ruled (lattice) tables on a page image: binarise, measure and undo residual skew, find long thin
/// horizontal and vertical rulings, group rulings that touch into tables, cluster them into row and column
/// lines, and read merged cells from ruling segments that are missing between grid positions.
/// Works on any page image (rendered digital pages, deskewed scans at 200–300 dpi); knows nothing about PDF.
/// </summary>
public static class TableGridDetector
{
    /// <summary>
    /// Detects ruled tables, top to bottom. <paramref name="inkThreshold"/> overrides the automatic (Otsu)
    /// binarisation; <paramref name="assumeStraight"/> skips the skew measurement for rendered digital pages.
    /// </summary>
    public static IReadOnlyList<DetectedTable> Detect(GrayImage page, int? inkThreshold = null, bool assumeStraight = false)
    {
        // Scratch masks: nothing below keeps a mask (tables are returned as pixel rectangles).
        var original = InkMask.FromGray(page, inkThreshold, scratch: true);
        var skew = assumeStraight ? SkewCorrection.None : SkewCorrection.Estimate(original);
        var mask = skew.Straighten(original);
        var scale = new Tolerances(mask.Width, mask.Height);

        var horizontal = RulingFinder.Horizontal(mask, scale.MinHorizontal, scale.Gap, scale.MaxThickness);
        var vertical = RulingFinder.Vertical(mask, scale.MinVertical, scale.Gap, scale.MaxThickness);
        var tables = new List<DetectedTable>();
        foreach (var (h, v) in Connected(horizontal, vertical, scale.Touch))
        {
            var grid = GridBuilder.Build(mask, h, v, scale);
            // A "table" of one column is a framed line, or the strokes of large print crossing a scan's fold shadow (a
            // cover title read as four one-cell tables of garbage): its text is read as text. One row of several columns
            // stays a table: a total row alone on a continuation page.
            if (grid is not null && grid.ColumnCount >= 2) tables.Add(MapBack(grid, skew, page.Width, page.Height));
        }
        return tables.OrderBy(t => t.Box.Y).ThenBy(t => t.Box.X).ToList();
    }

    /// <summary>Residual skew in degrees of horizontal strokes (positive: falling to the right), for callers that deskew.</summary>
    public static double EstimateSkewDegrees(GrayImage page) =>
        Math.Atan(SkewCorrection.Estimate(InkMask.FromGray(page)).HorizontalSlope) * 180 / Math.PI;

    /// <summary>Size-relative tolerances, so the same code serves 100 dpi renders and 300 dpi scans.</summary>
    internal sealed class Tolerances(int width, int height)
    {
        public int Gap { get; } = Math.Max(2, width / 400);
        public int MaxThickness { get; } = Math.Max(4, width / 200);
        public int MinHorizontal { get; } = Math.Max(20, width / 25);
        public int MinVertical { get; } = Math.Max(15, height / 45);
        /// <summary>How far apart a ruling's end and a crossing ruling may be and still meet.</summary>
        public int Touch => Gap + MaxThickness;
        /// <summary>Rulings closer than this are one line (double borders, thick strokes split by noise).</summary>
        public int Merge => Math.Max(3, width / 300) + MaxThickness / 2;
    }

    /// <summary>Groups of rulings connected by crossings; each group with rulings both ways is a table candidate.</summary>
    private static IEnumerable<(List<Ruling> H, List<Ruling> V)> Connected(List<Ruling> horizontal, List<Ruling> vertical, int touch)
    {
        var parent = Enumerable.Range(0, horizontal.Count + vertical.Count).ToArray();
        int Find(int i) { while (parent[i] != i) i = parent[i] = parent[parent[i]]; return i; }
        for (var i = 0; i < horizontal.Count; i++)
        {
            var h = horizontal[i];
            for (var j = 0; j < vertical.Count; j++)
            {
                var v = vertical[j];
                if (v.Position >= h.Start - touch && v.Position <= h.End + touch && h.Position >= v.Start - touch && h.Position <= v.End + touch)
                    parent[Find(i)] = Find(horizontal.Count + j);
            }
        }
        return Enumerable.Range(0, parent.Length)
            .GroupBy(Find)
            .Select(g => (g.Where(i => i < horizontal.Count).Select(i => horizontal[i]).ToList(),
                          g.Where(i => i >= horizontal.Count).Select(i => vertical[i - horizontal.Count]).ToList()))
            // Two crossing strokes are a plus sign or an underline meeting a letter; a table needs more.
            .Where(g => g.Item1.Count >= 1 && g.Item2.Count >= 1 && g.Item1.Count + g.Item2.Count >= 4);
    }

    private static DetectedTable MapBack(DetectedTable grid, SkewCorrection skew, int width, int height)
    {
        if (skew.IsIdentity) return grid;
        var box = grid.Box;
        var cx = box.X + box.Width / 2.0;
        var cy = box.Y + box.Height / 2.0;
        var corners = new[] { skew.MapBack(box.X, box.Y), skew.MapBack(box.Right, box.Y), skew.MapBack(box.X, box.Bottom), skew.MapBack(box.Right, box.Bottom) };
        var x0 = Math.Max(0, (int)Math.Floor(corners.Min(c => c.X)));
        var y0 = Math.Max(0, (int)Math.Floor(corners.Min(c => c.Y)));
        var x1 = Math.Min(width, (int)Math.Ceiling(corners.Max(c => c.X)));
        var y1 = Math.Min(height, (int)Math.Ceiling(corners.Max(c => c.Y)));
        var rows = grid.RowLines.Select(y => (int)Math.Round(skew.MapBack(cx, y).Y)).ToList();
        var columns = grid.ColumnLines.Select(x => (int)Math.Round(skew.MapBack(x, cy).X)).ToList();
        // Each cell keeps its straightened size and is placed where its centre lies in the original image.
        var cells = grid.Cells.Select(c =>
        {
            var (mx, my) = skew.MapBack(c.Box.X + c.Box.Width / 2.0, c.Box.Y + c.Box.Height / 2.0);
            var x = Math.Clamp((int)Math.Round(mx - c.Box.Width / 2.0), 0, width - 1);
            var y = Math.Clamp((int)Math.Round(my - c.Box.Height / 2.0), 0, height - 1);
            return c with { Box = new PixelRect(x, y, Math.Min(c.Box.Width, width - x), Math.Min(c.Box.Height, height - y)) };
        }).ToList();
        return new DetectedTable(new PixelRect(x0, y0, x1 - x0, y1 - y0), rows, columns, cells);
    }
}
