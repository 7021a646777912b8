using AuditEngine.Model;

namespace AuditEngine.Tests.Recognition;

/// <summary>Builds layout tables from rows of cell texts, as intake would hand them to recognition.</summary>
internal static class LayoutTables
{
    public static LayoutTable Table(int page, params string[][] rows)
    {
        var table = new LayoutTable { Page = page };
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = rows[r][c], Page = page });
        return table;
    }
}
