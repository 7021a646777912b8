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
            var cells = raw.Select(c => new GridCell(ChineseText.Normalize(c.Text), c)).ToList();
            var texts = cells.Where(c => c.Text.Length > 0).Select(c => c.Text).ToList();
            if (texts.Count == 0) continue;
            if (grid.Rows.Count == 0 && texts.All(TableTitles.IsRunningHeader)) { grid.Captions.AddRange(texts); continue; }
            if (texts.Count == 1 && grid.Rows.Count == 0 && TableTitles.IsTableTitle(texts[0])) { grid.Captions.Add(texts[0]); continue; }
            var first = cells[0].Text.Replace(" ", "");
            if (first == "栏次") continue;
            if (first == "序号") hasSerialColumn = true;
            grid.Rows.Add(cells);
        }
        if (hasSerialColumn)
            foreach (var r in grid.Rows) if (r.Count > 0) r.RemoveAt(0);
        return grid;
    }

    /// <summary>The most common number of cells per row among the given rows.</summary>
    public static int ModalWidth(IEnumerable<List<GridCell>> rows) =>
        rows.GroupBy(r => r.Count).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).Select(g => g.Key).FirstOrDefault();
}
