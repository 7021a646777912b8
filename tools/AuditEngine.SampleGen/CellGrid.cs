using AuditEngine.Model;

namespace AuditEngine.SampleGen;

/// <summary>One grid position: the cell starting there, or the spanning cell that covers it.</summary>
public readonly record struct GridSlot(LayoutCell? Origin, LayoutCell? Covering);

/// <summary>
/// A layout table laid onto a rectangular grid. Seed rows may be shorter than the table (the text dumps drop
/// trailing empty cells and caption rows have fewer cells); their missing positions are empty slots, which is
/// what Word needs to draw a closed ruling.
/// </summary>
public sealed class CellGrid
{
    private readonly GridSlot[,] _slots;

    public int Rows { get; }
    public int Columns { get; }

    private CellGrid(int rows, int columns)
    {
        Rows = rows;
        Columns = columns;
        _slots = new GridSlot[rows, columns];
    }

    public GridSlot this[int row, int column] => _slots[row, column];

    public static CellGrid From(LayoutTable table)
    {
        var grid = new CellGrid(Math.Max(1, table.RowCount), Math.Max(1, table.ColumnCount));
        foreach (var cell in table.Cells)
        {
            for (var r = cell.Row; r < cell.Row + cell.RowSpan && r < grid.Rows; r++)
                for (var c = cell.Column; c < cell.Column + cell.ColumnSpan && c < grid.Columns; c++)
                    grid._slots[r, c] = r == cell.Row && c == cell.Column ? new GridSlot(cell, null) : new GridSlot(null, cell);
        }
        return grid;
    }
}
