using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>A layout table as rows of normalised cells, with the 序号 column, caption rows and 栏次 rows removed.</summary>
internal sealed class TableGrid
{
    public sealed record GridCell(string Text, LayoutCell Source);

    public List<List<GridCell>> Rows { get; } = [];
    /// <summary>Caption lines found inside the table (department, 预算年度, 单位 rows of Word dumps).</summary>
    public List<string> Captions { get; } = [];

    public static TableGrid From(LayoutTable table)
    {
        var grid = new TableGrid();
        var hasSerialColumn = false;
        foreach (var raw in table.Rows())
        {
            var cells = Positional(raw);
            var texts = cells.Where(c => c.Text.Length > 0).Select(c => c.Text).ToList();
            if (texts.Count == 0) continue;
            if (grid.Rows.Count == 0 && texts.All(TableTitles.IsRunningHeader)) { grid.Captions.AddRange(texts); continue; }
            if (texts.Count == 1 && grid.Rows.Count == 0 && TableTitles.IsTableTitle(texts[0])) { grid.Captions.Add(texts[0]); continue; }
            var first = cells[0].Text.Replace(" ", "");
            if (first == "栏次" || IsColumnNumbers(texts)) continue;
            if (first == "序号") hasSerialColumn = true;
            grid.Rows.Add(cells);
        }
        if (hasSerialColumn) grid.RemoveSerialColumn();
        grid.RemoveLineNumberColumns();
        return grid;
    }

    /// <summary>
    /// A row of column numbers “1 2 3 … 12” under the header: the 栏次 row of a table that prints it without its label
    /// (the national 决算 template's horizontal 三公 table).
    /// </summary>
    private static bool IsColumnNumbers(List<string> texts)
    {
        if (texts.Count < 3) return false;
        for (var i = 0; i < texts.Count; i++)
            if (!int.TryParse(texts[i].Replace(" ", ""), out var n) || n != i + 1) return false;
        return true;
    }

    /// <summary>
    /// A figure as tables print amounts: with decimals (万元) or thousands commas (元 tables print whole 元: “106,000”).
    /// A bare small number may be a 序号, 行次 or count.
    /// </summary>
    public static bool IsPrintedFigure(string text) =>
        (text.Contains('.') || text.Contains(',')) && ChineseText.ParseAmount(text) is not null;

    /// <summary>
    /// Takes out the 行次 (line number) columns: the national 决算 template prints 项目 | 行次 | 金额 on each side of its
    /// 收入支出 tables, and those numbers (1 … 63) are no amounts. A column is taken out only where its header says 行次
    /// and every cell below it is a whole number or blank.
    /// </summary>
    private void RemoveLineNumberColumns()
    {
        var headerRows = Rows.TakeWhile(r => !r.Any(c => IsPrintedFigure(c.Text))).Count();
        var columns = Rows.Take(headerRows)
            .SelectMany(r => r.Select((c, i) => (c, i)).Where(x => x.c.Text.Replace(" ", "") == "行次").Select(x => x.i))
            .Distinct().OrderDescending().ToList();
        foreach (var column in columns)
        {
            var numbers = Rows.Skip(headerRows).All(r => column >= r.Count || r[column].Text.Length == 0 || int.TryParse(r[column].Text.Replace(" ", ""), out _));
            if (!numbers) continue;
            foreach (var r in Rows) if (column < r.Count) r.RemoveAt(column);
        }
    }

    /// <summary>The 序号 column has been taken out of every row.</summary>
    public bool SerialColumnRemoved { get; private set; }

    /// <summary>
    /// Takes the 序号 column out. A continuation page whose header did not repeat still has one: the merge removes
    /// it there too, so both pages' cells line up.
    /// </summary>
    public void RemoveSerialColumn()
    {
        if (SerialColumnRemoved) return;
        foreach (var r in Rows) if (r.Count > 0) r.RemoveAt(0);
        SerialColumnRemoved = true;
    }

    /// <summary>
    /// A row as one entry per column position: a cell spanning columns occupies its first position and leaves the
    /// rest blank, the way tab-separated dumps print merged header cells.
    /// </summary>
    private static List<GridCell> Positional(IReadOnlyList<LayoutCell> raw)
    {
        if (raw.Count == 0) return [];
        var width = raw.Max(c => c.Column + c.ColumnSpan);
        var cells = new List<GridCell>(width);
        var byColumn = raw.ToDictionary(c => c.Column);
        for (var i = 0; i < width; i++)
        {
            var source = byColumn.GetValueOrDefault(i) ?? new LayoutCell { Row = raw[0].Row, Column = i, Text = "", Page = raw[0].Page, Line = raw[0].Line };
            cells.Add(new GridCell(ChineseText.Normalize(source.Text), source));
        }
        return cells;
    }

    /// <summary>
    /// Cells up to the last non-empty one. A row padded with empty cells at its end (a Word table rebuilt from a
    /// dump that lost its merged cells) is as short as the row it was made from.
    /// </summary>
    public static int EffectiveLength(List<GridCell> row)
    {
        var n = row.Count;
        while (n > 0 && row[n - 1].Text.Length == 0) n--;
        return n;
    }

    /// <summary>
    /// The grid as its side-by-side groups, or itself alone. Economic tables are often printed as two (or three)
    /// identical groups of code | name | amount columns next to each other (301 … on the left, 302 … on the right):
    /// the groups repeat one header and each starts with a classification code in many rows.
    /// </summary>
    public List<TableGrid> SideBySide()
    {
        var width = ModalWidth(Rows);
        var firstCoded = Rows.FindIndex(r => StartsWithCode(r, 0));
        if (firstCoded < 0) return [this];
        for (var k = 2; k <= 3; k++)
        {
            if (width % k != 0 || width / k < 3) continue;
            var span = width / k;
            var header = Rows.Take(firstCoded).Where(r => r.Count == width).ToList();
            var repeats = Enumerable.Range(1, k - 1).All(g =>
                Rows.Count(r => r.Count == width && StartsWithCode(r, g * span)) >= 3
                && header.Any(h => SameHeader(h, 0, g * span, span)));
            if (!repeats) continue;
            foreach (var r in Rows) if (r.Count == width) PullFigureUnderLabel(r, k, span);
            var groups = new List<TableGrid>();
            for (var g = 0; g < k; g++)
            {
                var part = new TableGrid { SerialColumnRemoved = SerialColumnRemoved };
                part.Captions.AddRange(Captions);
                foreach (var r in Rows)
                {
                    // A row narrower than the grid (a note, a wide total) belongs to the first group only.
                    if (r.Count != width) { if (g == 0) part.Rows.Add(r); continue; }
                    part.Rows.Add(r.GetRange(g * span, span));
                }
                groups.Add(part);
            }
            return groups;
        }
        return [this];

        // A group's label merged across into the next group's columns (the national template's footer “人员经费合计 |
        // 1,130.00 | 公用经费合计 ……………… | 370.00”, its label spanning five columns): the figure printed at the far
        // end belongs to the label's group, in that group's last column.
        static void PullFigureUnderLabel(List<GridCell> r, int k, int span)
        {
            for (var g = 0; g < k - 1; g++)
            {
                var own = r.GetRange(g * span, span);
                if (!own.Any(c => c.Text.Contains("合计") || c.Text.Contains("小计")) || own.Any(c => ChineseText.ParseAmount(c.Text) is not null)) continue;
                var rest = r.Skip((g + 1) * span).ToList();
                if (rest.Any(c => c.Text.Length > 0 && ChineseText.ParseAmount(c.Text) is null)) continue;
                var figures = rest.Select((c, i) => (c, i)).Where(x => x.c.Text.Length > 0).ToList();
                if (figures.Count != 1) continue;
                var from = (g + 1) * span + figures[0].i;
                var to = (g + 1) * span - 1;
                r[to] = r[from];
                r[from] = r[from] with { Text = "" };
            }
        }

        static bool SameHeader(List<GridCell> h, int a, int b, int span)
        {
            var filled = 0;
            for (var i = 0; i < span; i++)
            {
                var (x, y) = (ChineseText.Compact(h[a + i].Text), ChineseText.Compact(h[b + i].Text));
                if (x != y) return false;
                if (x.Length > 0) filled++;
            }
            return filled >= 2;
        }
    }

    private static bool StartsWithCode(List<GridCell> row, int at) =>
        at < row.Count && Codes.IsValid(row[at].Text.Replace(" ", ""));

    /// <summary>The most common number of cells per row among the given rows.</summary>
    public static int ModalWidth(IEnumerable<List<GridCell>> rows) =>
        rows.GroupBy(r => r.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).Select(g => g.Key).FirstOrDefault();
}
