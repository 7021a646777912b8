using AuditEngine.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Turns a Word table into layout cells on the table grid: a cell's Column is its grid column (after gridBefore and
/// the gridSpans to its left), a vertically merged cell is one cell with a RowSpan, and the continuation cells of a
/// merge produce nothing — the shape recognition expects of every reader.
/// </summary>
internal static class DocxTableReader
{
    /// <summary>A cell while its spans may still grow (vMerge continuations below, hMerge continuations right).</summary>
    private sealed class Draft
    {
        public required int Row { get; init; }
        public required int Column { get; init; }
        public required string Text { get; init; }
        public required int Line { get; init; }
        public int RowSpan { get; set; } = 1;
        public int ColumnSpan { get; set; } = 1;
    }

    /// <param name="nextLine">Hands out the running line number; each table row takes one.</param>
    public static LayoutTable? Read(Table table, Func<int> nextLine)
    {
        var drafts = new List<Draft>();
        var openDownward = new Dictionary<int, Draft>();
        var firstLine = 0;
        var rowIndex = 0;
        foreach (var row in DocxText.Blocks(table).OfType<TableRow>())
        {
            var line = nextLine();
            if (rowIndex == 0) firstLine = line;
            var column = row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            Draft? left = null;
            foreach (var cell in DocxText.Blocks(row).OfType<TableCell>())
            {
                var properties = cell.TableCellProperties;
                var span = Math.Max(1, properties?.GridSpan?.Val?.Value ?? 1);
                // A continuation with nothing open above it (malformed merge) is kept as an ordinary cell.
                if (properties?.VerticalMerge is { } vMerge && IsContinuation(vMerge.Val) && openDownward.TryGetValue(column, out var above))
                {
                    above.RowSpan = rowIndex - above.Row + 1;
                    column += span;
                    left = null;
                    continue;
                }
                // Word 97's horizontal merge: the continuation cells widen the cell on their left.
                if (properties?.HorizontalMerge is { } hMerge && IsContinuation(hMerge.Val) && left is not null)
                {
                    left.ColumnSpan += span;
                    column += span;
                    continue;
                }
                var draft = new Draft { Row = rowIndex, Column = column, Text = DocxText.Cell(cell), Line = line, ColumnSpan = span };
                for (var c = column; c < column + span; c++) openDownward.Remove(c);
                if (properties?.VerticalMerge?.Val is { HasValue: true } v && v.Value == MergedCellValues.Restart)
                    openDownward[column] = draft;
                drafts.Add(draft);
                column += span;
                left = draft;
            }
            rowIndex++;
        }
        if (drafts.Count == 0) return null;
        var result = new LayoutTable { Line = firstLine };
        foreach (var d in drafts)
            result.Cells.Add(new LayoutCell
            {
                Row = d.Row, Column = d.Column, RowSpan = d.RowSpan, ColumnSpan = d.ColumnSpan, Text = d.Text, Line = d.Line,
            });
        return result;
    }

    /// <summary>A merge mark without a value means "continue" (only "restart" is ever written out explicitly).</summary>
    private static bool IsContinuation(EnumValue<MergedCellValues>? value) =>
        value is null || !value.HasValue || value.Value == MergedCellValues.Continue;
}
