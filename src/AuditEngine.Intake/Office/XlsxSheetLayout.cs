using AuditEngine.Model;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Lays one worksheet out the way a printed disclosure page looks: the single-cell rows above the table (title,
/// 单位) as paragraphs, the used range below them as one table with merged ranges as spans, and single-cell rows
/// after the table (注：…) as paragraphs again. Lines are Excel row numbers, so evidence points at the sheet row.
/// </summary>
internal static class XlsxSheetLayout
{
    /// <summary>Caption lines that are not titles: with only these above the table, the sheet name stands in as title.</summary>
    private static readonly string[] RunningCaptions = ["单位", "金额单位", "编制单位", "部门名称", "部门：", "预算年度"];

    public static IEnumerable<LayoutBlock> Blocks(XlsxSheetGrid grid, string sheetName, int page)
    {
        if (grid.Texts.Count == 0) yield break;
        var filled = grid.Texts.GroupBy(k => k.Key.Row).ToDictionary(g => g.Key, g => g.OrderBy(k => k.Key.Column).Select(k => k.Value).ToList());
        var rows = filled.Keys.Order().ToList();
        int Filled(int row) => filled[row].Count;

        var firstTableRow = rows.FirstOrDefault(r => Filled(r) > 1);
        var lastTableRow = rows.LastOrDefault(r => Filled(r) > 1);
        var above = firstTableRow == 0 ? rows : rows.TakeWhile(r => r < firstTableRow).ToList();
        var below = firstTableRow == 0 ? [] : rows.Where(r => r > lastTableRow).ToList();

        Paragraph Line(int row) => new() { Text = filled[row][0], Page = page, Line = row };
        var captions = above.Select(Line).ToList();
        if (!captions.Any(IsTitle)) yield return new Paragraph { Text = sheetName, Page = page };
        foreach (var p in captions) yield return p;
        if (firstTableRow > 0) yield return Table(grid, firstTableRow, lastTableRow, page);
        foreach (var r in below) yield return Line(r);
    }

    private static bool IsTitle(Paragraph p)
    {
        var t = p.Text.Replace(" ", "").Replace("\u3000", "");
        return !RunningCaptions.Any(c => t.StartsWith(c, StringComparison.Ordinal));
    }

    private static LayoutTable Table(XlsxSheetGrid grid, int firstRow, int lastRow, int page)
    {
        bool InRows(int r) => r >= firstRow && r <= lastRow;
        var merges = grid.Merges
            .Where(m => m.LastRow >= firstRow && m.FirstRow <= lastRow)
            .Select(m => m with { FirstRow = Math.Max(m.FirstRow, firstRow), LastRow = Math.Min(m.LastRow, lastRow) })
            .ToList();
        var textColumns = grid.Texts.Keys.Where(k => InRows(k.Row)).Select(k => k.Column).ToList();
        var firstColumn = textColumns.Concat(merges.Select(m => m.FirstColumn)).Min();
        var lastColumn = textColumns.Concat(merges.Select(m => m.LastColumn)).Max();

        var coveredBy = new Dictionary<(int Row, int Column), MergedRange>();
        foreach (var m in merges)
            for (var r = m.FirstRow; r <= m.LastRow; r++)
                for (var c = m.FirstColumn; c <= m.LastColumn; c++)
                    coveredBy.TryAdd((r, c), m);

        var table = new LayoutTable { Page = page, Line = firstRow };
        for (var r = firstRow; r <= lastRow; r++)
        {
            for (var c = firstColumn; c <= lastColumn; c++)
            {
                var merge = coveredBy.GetValueOrDefault((r, c));
                var isOrigin = merge == default || (merge.FirstRow == r && merge.FirstColumn == c);
                if (!isOrigin) continue;
                // Every position of the used range gets a cell (blank when empty) so all rows have the same width.
                table.Cells.Add(new LayoutCell
                {
                    Row = r - firstRow,
                    Column = c - firstColumn,
                    RowSpan = merge == default ? 1 : merge.LastRow - merge.FirstRow + 1,
                    ColumnSpan = merge == default ? 1 : merge.LastColumn - merge.FirstColumn + 1,
                    Text = grid.Texts.GetValueOrDefault((r, c), ""),
                    Page = page,
                    Line = r,
                });
            }
        }
        return table;
    }
}
