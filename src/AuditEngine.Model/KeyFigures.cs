namespace AuditEngine.Model;

/// <summary>
/// The few figures of a disclosure that are compared across departments and years (万元): 收支总计, the 三公经费 total
/// and 机关运行经费. Recorded with every audit, so an organisation-wide view reads them from the store instead of
/// recognising stored documents again. Null where the document does not state the figure.
/// </summary>
public sealed record KeyFigures(decimal? Total, decimal? SanGong, decimal? OperatingCost)
{
    public static readonly KeyFigures None = new(null, null, null);

    /// <summary>
    /// Tables first, where the figures are printed in full; the narrative where the table is missing (a 决算 or an
    /// excerpt that only states them in its text). Reads cells directly, so no evidence is recorded.
    /// </summary>
    public static KeyFigures Of(Disclosure doc)
    {
        var column = doc.AmountColumn;
        var summary = doc.Table(TableKind.IncomeExpenditureSummary)?.SideRow("收入", "total");
        var total = Value(summary, ColumnKeys.合计) ?? Value(summary, column)
                    ?? Narrative(doc, FigureKeys.收支总计) ?? Narrative(doc, FigureKeys.收入总计);
        var sanGong = Value(doc.Table(TableKind.SanGong)?.Row("合计"), column) ?? Narrative(doc, FigureKeys.三公经费);
        var operating = Narrative(doc, FigureKeys.机关运行经费) ?? Value(doc.Table(TableKind.OperatingCost)?.TotalRow, column);
        return new KeyFigures(total, sanGong, operating);
    }

    private static decimal? Value(BudgetRow? row, string column) =>
        row is not null && !string.IsNullOrEmpty(column) && row.Cell(column)?.Value is { } v ? v : null;

    private static decimal? Narrative(Disclosure doc, string key) =>
        doc.Figures.FirstOrDefault(f => f.Key == key)?.Value;
}
