using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>A word placed on the page, with the pdftotext block it came from.</summary>
internal sealed record PlacedWord(string Text, BoundingBox Box, int Block)
{
    public double CenterX => Box.X + Box.Width / 2;
    public double CenterY => Box.Y + Box.Height / 2;
}

/// <summary>Words sharing a baseline, left to right, split into segments where a wide gap separates them.</summary>
internal sealed class TextRow
{
    public List<PlacedWord> Words { get; } = [];
    public double Top => Words.Min(w => w.Box.Y);
    public double Bottom => Words.Max(w => w.Box.Bottom);
    public double Left => Words.Min(w => w.Box.X);
    public double Right => Words.Max(w => w.Box.Right);
    /// <summary>Median word height: the font size, near enough, to scale gap thresholds by.</summary>
    public double Height
    {
        get
        {
            var h = Words.Select(w => w.Box.Height).Order().ToList();
            return Math.Max(1, h[h.Count / 2]);
        }
    }

    /// <summary>Groups of words separated by gaps wider than <paramref name="gapInHeights"/> times the text height.</summary>
    public List<List<PlacedWord>> Segments(double gapInHeights)
    {
        var segments = new List<List<PlacedWord>>();
        var limit = Height * gapInHeights;
        foreach (var w in Words)
        {
            if (segments.Count == 0 || w.Box.X - segments[^1][^1].Box.Right > limit) segments.Add([]);
            segments[^1].Add(w);
        }
        return segments;
    }

    public static BoundingBox Bounds(IEnumerable<PlacedWord> words)
    {
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        foreach (var w in words)
        {
            x0 = Math.Min(x0, w.Box.X); y0 = Math.Min(y0, w.Box.Y);
            x1 = Math.Max(x1, w.Box.Right); y1 = Math.Max(y1, w.Box.Bottom);
        }
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>
    /// Rebuilds visual rows from words: pdftotext often puts each column of an unruled table, or a right-aligned
    /// unit note, in a block of its own, so its own lines cannot be trusted to be whole rows.
    /// </summary>
    public static List<TextRow> From(IEnumerable<PlacedWord> words)
    {
        var rows = new List<TextRow>();
        foreach (var w in words.OrderBy(w => w.CenterY).ThenBy(w => w.Box.X))
        {
            var row = rows.Count > 0 ? rows[^1] : null;
            if (row is null || Math.Abs(w.CenterY - row.Words.Average(x => x.CenterY)) > Math.Min(row.Height, w.Box.Height) * 0.5)
            {
                row = new TextRow();
                rows.Add(row);
            }
            row.Words.Add(w);
        }
        foreach (var r in rows) r.Words.Sort((a, b) => a.Box.X.CompareTo(b.Box.X));
        return rows;
    }
}
