namespace AuditEngine.Intake.Raster;

/// <summary>
/// A ruled table found on a page image. <see cref="RowLines"/> and <see cref="ColumnLines"/> are the ruling
/// positions in pixels, outer borders included, so there are <c>RowLines.Count - 1</c> grid rows; with residual
/// skew they are measured through the table's centre.
/// </summary>
public sealed record DetectedTable(PixelRect Box, IReadOnlyList<int> RowLines, IReadOnlyList<int> ColumnLines, IReadOnlyList<DetectedCell> Cells)
{
    public int RowCount => RowLines.Count - 1;
    public int ColumnCount => ColumnLines.Count - 1;
}

/// <summary>A cell of a detected grid; a merged cell has a span above 1 and appears once, at its top-left grid position.</summary>
public sealed record DetectedCell(int Row, int Column, int RowSpan, int ColumnSpan, PixelRect Box);
