using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>
/// Fallback for tables printed without rulings: consecutive rows whose words fall into at least three aligned
/// columns with figures in them. Columns come from the figure rows only (a header cell may straddle columns);
/// up to two header rows directly above are attached, their cells spanning the columns they cover.
/// </summary>
internal static partial class AlignedTableFinder
{
    private const int MinColumns = 3;
    private const int MinDataRows = 3;
    /// <summary>Gap between words, in text heights, that separates columns rather than words.</summary>
    private const double ColumnGap = 1.0;

    public static List<LayoutTable> Find(List<TextRow> rows, int page, HashSet<TextRow> consumed)
    {
        var tables = new List<LayoutTable>();
        var i = 0;
        while (i < rows.Count)
        {
            if (!IsDataRow(rows[i])) { i++; continue; }
            var j = i + 1;
            while (j < rows.Count && IsDataRow(rows[j]) && Close(rows[j - 1], rows[j])) j++;
            if (j - i >= MinDataRows && Build(rows, i, j, page) is { } table)
            {
                tables.Add(table.Table);
                foreach (var r in table.Used) consumed.Add(r);
            }
            i = j;
        }
        return tables;
    }

    private static (LayoutTable Table, List<TextRow> Used)? Build(List<TextRow> rows, int first, int end, int page)
    {
        var data = rows.GetRange(first, end - first);
        var columns = Columns(data.SelectMany(r => r.Segments(ColumnGap)).Select(TextRow.Bounds).ToList(), data[0].Height * 0.2);
        if (columns.Count < MinColumns) return null;

        var header = new List<TextRow>();
        for (var k = first - 1; k >= 0 && k >= first - 2; k--)
        {
            var segments = rows[k].Segments(ColumnGap);
            if (segments.Count < 2 || !Close(rows[k], rows[k + 1]) || segments.Any(s => IsFigure(Text(s)))) break;
            header.Insert(0, rows[k]);
        }

        var table = new LayoutTable { Page = page, Box = TextRow.Bounds(header.Concat(data).SelectMany(r => r.Words)) };
        var index = 0;
        foreach (var row in header)
        {
            foreach (var segment in row.Segments(ColumnGap))
            {
                var box = TextRow.Bounds(segment);
                var covered = Enumerable.Range(0, columns.Count).Where(c => columns[c].Start < box.Right && columns[c].End > box.X).ToList();
                var start = covered.Count > 0 ? covered[0] : NearestColumn(columns, box.X + box.Width / 2);
                table.Cells.Add(new LayoutCell { Row = index, Column = start, ColumnSpan = Math.Max(1, covered.Count), Text = Text(segment), Page = page, Box = box });
            }
            index++;
        }
        foreach (var row in data)
        {
            foreach (var group in row.Segments(ColumnGap).GroupBy(s => NearestColumn(columns, TextRow.Bounds(s).X + TextRow.Bounds(s).Width / 2)))
            {
                var words = group.SelectMany(s => s).ToList();
                table.Cells.Add(new LayoutCell { Row = index, Column = group.Key, Text = Text(words), Page = page, Box = TextRow.Bounds(words) });
            }
            index++;
        }
        return (table, header.Concat(data).ToList());
    }

    /// <summary>Column ranges: the union of the segments' x-ranges, split where no segment covers the page.</summary>
    private static List<(double Start, double End)> Columns(List<BoundingBox> boxes, double tolerance)
    {
        var columns = new List<(double Start, double End)>();
        foreach (var b in boxes.OrderBy(b => b.X))
        {
            if (columns.Count > 0 && b.X <= columns[^1].End + tolerance) columns[^1] = (columns[^1].Start, Math.Max(columns[^1].End, b.Right));
            else columns.Add((b.X, b.Right));
        }
        return columns;
    }

    private static int NearestColumn(List<(double Start, double End)> columns, double x)
    {
        var best = 0;
        double Distance(int c) => x < columns[c].Start ? columns[c].Start - x : x > columns[c].End ? x - columns[c].End : 0;
        for (var c = 1; c < columns.Count; c++) if (Distance(c) < Distance(best)) best = c;
        return best;
    }

    private static bool IsDataRow(TextRow row)
    {
        var segments = row.Segments(ColumnGap);
        return segments.Count >= MinColumns && segments.Any(s => IsFigure(Text(s)));
    }

    private static bool Close(TextRow above, TextRow below) => below.Top - above.Bottom < 2.0 * Math.Max(above.Height, below.Height);

    private static string Text(List<PlacedWord> words) => TextJoin.Words(words.Select(w => w.Text));

    private static bool IsFigure(string text) => Figure().IsMatch(text);

    [GeneratedRegex(@"^[-−]?[\d,，]*\d(?:\.\d+)?%?$")]
    private static partial Regex Figure();
}
