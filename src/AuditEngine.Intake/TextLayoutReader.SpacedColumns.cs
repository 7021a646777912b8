using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Tables a text prints with runs of spaces between the columns (岳阳 台创园: the header came out as a tab-separated
/// row, the rows under it as lines of words and figures, so the table was read as an empty one). Such rows are read
/// only as a whole: every line of the run must split, at runs of two spaces or more, into exactly as many cells as
/// the table has columns, its label first and its figures last. A row with a blank cell cannot be placed in its
/// columns, and a table read in part would fail its own sums; such a run stays text.
/// </summary>
public static partial class TextLayoutReader
{
    /// <summary>Rows of figures a table printed with spaces alone (no tab-separated header) needs, under its header.</summary>
    private const int SpacedMinRows = 2;
    private const int SpacedMinColumns = 3;
    private const int SpacedMaxHeaderCell = 20;
    /// <summary>Longest line taken for a row's label alone (“其中：公务用车运行维护费”).</summary>
    private const int SpacedMaxLabel = 30;

    private sealed record SpacedRun(List<(string[] Cells, int Line)> Rows, int Last);

    /// <summary>The cells of a line split at runs of two spaces or more (or full-width spaces); null for fewer than two.</summary>
    private static string[]? SpacedCells(string line)
    {
        var t = line.Trim().Trim('\u00A0', '\u3000');
        if (t.Length == 0 || t.Contains('\t') || t.Contains('|')) return null;
        var cells = SpacedSeparator().Split(t);
        return cells.Length >= 2 ? cells : null;
    }

    /// <summary>A row of <paramref name="width"/> cells: a label (words, or a code and its name), then figures only.</summary>
    private static bool IsSpacedRow(string[] cells, int width)
    {
        if (cells.Length != width) return false;
        var lastWords = Array.FindLastIndex(cells, c => c.Any(ch => ch >= '\u4E00' && ch <= '\u9FFF'));
        return lastWords >= 0 && lastWords < cells.Length - 1 && cells.Skip(lastWords + 1).All(c => SpacedFigure().IsMatch(c));
    }

    /// <summary>
    /// The rows of <paramref name="width"/> cells from line <paramref name="from"/> on, blank lines between them skipped.
    /// A short line of words alone between such rows is a row with its label only (“其中：”, a class without figures).
    /// Null when a line of the run holds figures but does not fit the columns (the run is then no table of that width:
    /// none of it is read) or no row fits.
    /// </summary>
    private static SpacedRun? ReadSpacedRows(string[] lines, int from, int width)
    {
        var rows = new List<(string[] Cells, int Line)>();
        var labels = new List<(string[] Cells, int Line)>();
        var last = from - 1;
        for (var i = from; i < lines.Length; i++)
        {
            var line = StripMarkup(lines[i]);
            var t = line.Trim().Trim('\u00A0', '\u3000');
            if (t.Length == 0) continue;
            var cells = SpacedCells(line);
            if (cells is not null && IsSpacedRow(cells, width))
            {
                rows.AddRange(labels);
                labels.Clear();
                rows.Add((cells, i + 1));
                last = i;
                continue;
            }
            // A line of figures that does not fit the columns: the rows cannot be placed, none is read.
            if (cells is not null && SpacedFigure().IsMatch(cells[^1])) return null;
            // Another table's row or title, a sentence or a figure ends the run; up to three labels wait for a row after them.
            if (cells is null && t.Length <= SpacedMaxLabel && labels.Count < 3 && !t.Contains('\t') && !t.Contains('|') && !t.EndsWith('表')
                && !char.IsAsciiDigit(t[^1]) && !t.Any(c => c is '。' or '；' or '，' or ';'))
            {
                labels.Add(([t], i + 1));
                continue;
            }
            break;
        }
        return rows.Any(r => r.Cells.Length == width) ? new SpacedRun(rows, last) : null;
    }

    /// <summary>
    /// A table printed with spaces alone from line <paramref name="i"/>: a header of at least three short cells and no
    /// figures, then at least <see cref="SpacedMinRows"/> rows of as many cells. Null otherwise.
    /// </summary>
    private static (LayoutTable Table, int Last)? ReadSpacedTable(string[] lines, int i)
    {
        var header = SpacedCells(StripMarkup(lines[i]));
        if (header is null || header.Length < SpacedMinColumns || header.Any(c => c.Length > SpacedMaxHeaderCell || SpacedFigure().IsMatch(c)))
            return null;
        if (ReadSpacedRows(lines, i + 1, header.Length) is not { } run || run.Rows.Count(r => r.Cells.Length == header.Length) < SpacedMinRows) return null;
        var table = new LayoutTable { Line = i + 1 };
        AddSpacedRow(table, 0, header, i + 1);
        for (var r = 0; r < run.Rows.Count; r++) AddSpacedRow(table, r + 1, run.Rows[r].Cells, run.Rows[r].Line, header.Length);
        return (table, run.Last);
    }

    /// <summary>Adds a row; a label alone gets blank cells for the columns after it.</summary>
    private static void AddSpacedRow(LayoutTable table, int row, string[] cells, int line, int width = 0)
    {
        for (var c = 0; c < Math.Max(cells.Length, width); c++)
            table.Cells.Add(new LayoutCell { Row = row, Column = c, Text = c < cells.Length ? Clean(cells[c]) : "", Line = line });
    }

    [GeneratedRegex(@"\s{2,}|\u3000+")]
    private static partial Regex SpacedSeparator();

    /// <summary>A printed figure: 1,234.56, 0.00, -3.5, 189767551; a dash for nothing.</summary>
    [GeneratedRegex(@"^(?:-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?|[-—－–])$")]
    private static partial Regex SpacedFigure();
}
