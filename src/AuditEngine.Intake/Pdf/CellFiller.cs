using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>Puts the words of the text layer into the cells of a detected table, by word centre.</summary>
internal static class CellFiller
{
    /// <summary>
    /// Fills <paramref name="cells"/> (boxes in points) from <paramref name="words"/> and returns the words that lie
    /// outside the table. A word straddling a column ruling (cells printed too close for pdftotext to separate)
    /// is split between the cells by the position of its characters.
    /// </summary>
    public static List<PlacedWord> Fill(BoundingBox table, IReadOnlyList<BoundingBox> cells, IEnumerable<PlacedWord> words, List<PlacedWord>[] content)
    {
        var outside = new List<PlacedWord>();
        foreach (var word in words)
        {
            if (!Contains(table, word.CenterX, word.CenterY)) { outside.Add(word); continue; }
            var crossed = Enumerable.Range(0, cells.Count)
                .Where(i => word.CenterY >= cells[i].Y && word.CenterY <= cells[i].Bottom && Overlap(word.Box, cells[i]) > word.Box.Width * 0.2)
                .ToList();
            if (crossed.Count >= 2 && word.Text.Length >= 2)
            {
                foreach (var (cell, part) in Split(word, crossed, cells)) content[cell].Add(part);
                continue;
            }
            content[Nearest(cells, word.CenterX, word.CenterY)].Add(word);
        }
        return outside;
    }

    /// <summary>Text of one cell: rows top to bottom, words left to right.</summary>
    public static string Text(List<PlacedWord> words) =>
        TextJoin.Lines(TextRow.From(words).Select(r => TextJoin.Words(r.Words.Select(w => w.Text))));

    private static IEnumerable<(int Cell, PlacedWord Part)> Split(PlacedWord word, List<int> crossed, IReadOnlyList<BoundingBox> cells)
    {
        var width = word.Box.Width / word.Text.Length;
        var parts = new List<(int Cell, int Start, int End)>();
        for (var i = 0; i < word.Text.Length; i++)
        {
            var x = word.Box.X + (i + 0.5) * width;
            var cell = crossed.MinBy(c => Distance(cells[c], x, word.CenterY));
            if (parts.Count > 0 && parts[^1].Cell == cell) parts[^1] = parts[^1] with { End = i + 1 };
            else parts.Add((cell, i, i + 1));
        }
        foreach (var (cell, start, end) in parts)
        {
            var text = word.Text[start..end].Trim();
            if (text.Length == 0) continue;
            var box = new BoundingBox(word.Box.X + start * width, word.Box.Y, (end - start) * width, word.Box.Height);
            yield return (cell, word with { Text = text, Box = box });
        }
    }

    private static int Nearest(IReadOnlyList<BoundingBox> cells, double x, double y)
    {
        var best = 0;
        for (var i = 1; i < cells.Count; i++)
            if (Distance(cells[i], x, y) < Distance(cells[best], x, y)) best = i;
        return best;
    }

    private static double Distance(BoundingBox b, double x, double y)
    {
        var dx = Math.Max(0, Math.Max(b.X - x, x - b.Right));
        var dy = Math.Max(0, Math.Max(b.Y - y, y - b.Bottom));
        return dx * dx + dy * dy;
    }

    private static double Overlap(BoundingBox a, BoundingBox b) => Math.Max(0, Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X));

    private static bool Contains(BoundingBox b, double x, double y) => x >= b.X && x <= b.Right && y >= b.Y && y <= b.Bottom;
}
