namespace AuditEngine.Model;

/// <summary>Which code system a table's rows are keyed by.</summary>
public enum Classification { None = 0, 功能分类, 经济分类 }

/// <summary>
/// A recognised budget table. Columns carry canonical names (合计, 基本支出, 项目支出, 小计, 财政拨款, 上年结转,
/// 预算数, 上年预算数 …); rows carry a 功能分类 / 经济分类 code where the table has one.
/// A table split across pages is merged back into one.
/// </summary>
public sealed class BudgetTable : IHasProvenance
{
    public required TableKind Kind { get; init; }
    public required string Title { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public Classification Classification { get; set; }
    public List<string> Columns { get; } = [];
    public List<BudgetRow> Rows { get; } = [];
    /// <summary>The document says the table is empty on purpose (空表列示 / 无…预算 note).</summary>
    public bool HasEmptyNote { get; set; }
    /// <summary>The unit printed above the table before normalisation (元, 万元, 亿元).</summary>
    public string SourceUnit { get; set; } = "万元";

    public string KindName => Kind.Chinese();

    /// <summary>
    /// The table's rows were printed where its header was read but could not be placed in its columns (rows printed
    /// with spaces, a cell of them blank): its figures are unknown, not absent.
    /// </summary>
    public bool RowsUnread { get; set; }

    /// <summary>No row holds a non-zero amount (and none was left unread).</summary>
    public bool IsEmpty => !RowsUnread && !Rows.Any(r => r.Cells.Values.Any(c => c.Value is { } v && v != 0m));

    public bool HasColumn([KnownNames(typeof(ColumnKeys))] string column) => Columns.Contains(column);

    /// <summary>Rows that carry a classification code.</summary>
    public IEnumerable<BudgetRow> CodeRows => Rows.Where(r => r.Code is not null);

    /// <summary>Rows at a code level: 1 = 类 (3 digits), 2 = 款 (5), 3 = 项 (7).</summary>
    public IEnumerable<BudgetRow> RowsAtLevel(int level) => Rows.Where(r => r.Level == level);

    /// <summary>Coded rows at the highest level the table prints (类 where present, else 款, else 项).</summary>
    public IEnumerable<BudgetRow> TopCodeRows
    {
        get
        {
            var top = Rows.Where(r => r.Level > 0).Select(r => r.Level).DefaultIfEmpty(0).Min();
            return Rows.Where(r => r.Level == top && top > 0);
        }
    }

    /// <summary>The 合计 row: a row named 合计/总计 without a code, or null.</summary>
    public BudgetRow? TotalRow => Rows.FirstOrDefault(r => r.IsTotal && r.Code is null);

    /// <summary>Direct children of a code row (款 of a 类, 项 of a 款).</summary>
    public IEnumerable<BudgetRow> ChildrenOf(BudgetRow parent) =>
        parent.Code is null
            ? []
            : Rows.Where(r => r.Code is { } c && c.Length == parent.Code.Length + 2 && c.StartsWith(parent.Code, StringComparison.Ordinal));

    public bool HasChildren(BudgetRow parent) => ChildrenOf(parent).Any();

    /// <summary>First row whose name equals the text, else the first whose name contains it, else null.</summary>
    public BudgetRow? Row(string nameOrCode)
    {
        // Rules look rows up by name or code many times per document: index exact keys once per row count.
        if (rowIndex is null || indexedRows != Rows.Count)
        {
            rowIndex = new Dictionary<string, BudgetRow>(StringComparer.Ordinal);
            foreach (var r in Rows)
            {
                if (r.Code is not null) rowIndex.TryAdd(r.Code, r);
                rowIndex.TryAdd(r.Name, r);
            }
            indexedRows = Rows.Count;
        }
        if (rowIndex.TryGetValue(nameOrCode, out var exact)) return exact;
        foreach (var r in Rows) if (r.Name.Contains(nameOrCode, StringComparison.Ordinal)) return r;
        return null;
    }

    private Dictionary<string, BudgetRow>? rowIndex;
    private int indexedRows;

    public bool HasRow(string nameOrCode) => Row(nameOrCode) is not null;

    /// <summary>Rows of one side (收入 / 支出) of a two-sided summary table with the given role.</summary>
    public IEnumerable<BudgetRow> SideRows(string side, string role) => Rows.Where(r => r.Side == side && r.Role == role);

    /// <summary>The first row of a side with a role, or null.</summary>
    public BudgetRow? SideRow(string side, string role) => SideRows(side, role).FirstOrDefault();

    /// <summary>Amount of the named row in a column; 0 when the row or the cell is missing.</summary>
    public decimal Amount(string rowNameOrCode, [KnownNames(typeof(ColumnKeys))] string column) => Row(rowNameOrCode)?.Amount(column) ?? 0m;

    public override string ToString() => Title;
}

public sealed class BudgetRow : IHasProvenance
{
    /// <summary>1-based position in the table after merging pages.</summary>
    public required int Index { get; init; }
    public string? Code { get; init; }
    public required string Name { get; init; }
    /// <summary>收入 or 支出 for the two-sided summary tables, else empty.</summary>
    public string Side { get; init; } = "";
    /// <summary>
    /// What the row is: total (收入总计 / 合计), subtotal (本年收入合计), carryover (上年结转 / 年终结转结余),
    /// class (a 功能分类 class line of a summary table), item (an income source line), code (a coded row), unit
    /// (a per-unit line without a code).
    /// </summary>
    public string Role { get; set; } = "";
    public required string TableTitle { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public Dictionary<string, AmountCell> Cells { get; } = new(StringComparer.Ordinal);
    /// <summary>A reason printed in the row (变化原因 column of a 三公 comparison table), else empty.</summary>
    public string Reason { get; set; } = "";
    public bool HasReason => Reason.Length > 0;

    /// <summary>Direct children in the code hierarchy (款 of a 类, 项 of a 款), linked by recognition.</summary>
    public List<BudgetRow> Children { get; } = [];
    public bool HasChildren => Children.Count > 0;

    /// <summary>
    /// False when a row printed under this one could not be read (its code unrecognisable, so it is not among
    /// <see cref="Children"/>): the sum of the children then lacks a figure and says nothing about this row.
    /// </summary>
    public bool ChildrenComplete { get; set; } = true;

    /// <summary>1 = 类 (3-digit code), 2 = 款 (5), 3 = 项 (7); 0 without a code.</summary>
    public int Level => Code?.Length switch { 3 => 1, 5 => 2, 7 => 3, _ => 0 };

    public bool IsTotal => Name is "合计" or "总计" or "小计" || Name.EndsWith("合计", StringComparison.Ordinal) || Name.EndsWith("总计", StringComparison.Ordinal);

    /// <summary>The amount in a column, 0 when blank. Reading it records the cell as evidence.</summary>
    public decimal Amount([KnownNames(typeof(ColumnKeys))] string column)
    {
        if (!Cells.TryGetValue(column, out var cell)) return 0m;
        EvidenceTrail.Record(cell);
        return cell.Value ?? 0m;
    }

    /// <summary>The column holds a figure (not blank).</summary>
    public bool Has([KnownNames(typeof(ColumnKeys))] string column) => Cells.TryGetValue(column, out var c) && c.Value is not null;

    public AmountCell? Cell([KnownNames(typeof(ColumnKeys))] string column) => Cells.GetValueOrDefault(column);

    /// <summary>
    /// The budget a 决算 figure is measured against, as the table prints it: 预算数, else 全年预算数 (the adjusted
    /// budget), else 年初预算数. Tables differ by province in which of these they carry.
    /// </summary>
    public string? BudgetColumn => BudgetColumns.FirstOrDefault(Has);

    /// <summary>The row prints a budget figure in one of <see cref="BudgetColumn"/>'s columns.</summary>
    public bool HasBudget => BudgetColumn is not null;

    /// <summary>The amount of <see cref="BudgetColumn"/>, 0 when none is printed.</summary>
    public decimal Budget => BudgetColumn is { } c ? Amount(c) : 0m;

    private static readonly string[] BudgetColumns = [ColumnKeys.预算数, ColumnKeys.全年预算数, ColumnKeys.年初预算数];

    /// <summary>Sum of the named columns.</summary>
    public decimal SumOf(IEnumerable<string> columns) => columns.Sum(Amount);

    public string Label => Code is null ? Name : $"{Code} {Name}";

    public override string ToString() => Label;
}

/// <summary>One figure cell of a budget table, in 万元.</summary>
public sealed class AmountCell : IHasProvenance
{
    public decimal? Value { get; init; }
    /// <summary>The text as read, before normalisation.</summary>
    public required string Text { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    /// <summary>Decimals as printed (amounts are normally printed with two).</summary>
    public int Decimals { get; init; } = 2;
    /// <summary>
    /// Half the step, in 万元, by which the printed figure may differ from the exact amount: 0.005 for 万元 printed
    /// with two decimals (rounded from 元), 0 for a figure printed in 元 (exact). Balance rules tolerate n × this.
    /// </summary>
    public decimal Rounding { get; init; } = 0.005m;
    public override string ToString() => Value?.ToString("0.00") ?? Text;
}
