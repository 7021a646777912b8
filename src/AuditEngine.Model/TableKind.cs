namespace AuditEngine.Model;

/// <summary>
/// The kinds of table a disclosure publishes. Recognition matches titles by meaning; rules name kinds either by
/// the English member name or by the Chinese name in <see cref="TableKinds"/>.
/// </summary>
public enum TableKind
{
    Unknown = 0,
    /// <summary>部门收支总表 (收入 side vs 支出 side).</summary>
    IncomeExpenditureSummary,
    /// <summary>部门收入总表.</summary>
    IncomeSummary,
    /// <summary>部门支出总表.</summary>
    ExpenditureSummary,
    /// <summary>财政拨款收支总表.</summary>
    FiscalSummary,
    /// <summary>一般公共预算（财政拨款）支出表, by 功能分类.</summary>
    GeneralBudgetExpenditure,
    /// <summary>一般公共预算（财政拨款）基本支出表, by 经济分类.</summary>
    GeneralBudgetBasicExpenditure,
    /// <summary>政府性基金预算（财政拨款）支出表.</summary>
    GovernmentFundExpenditure,
    /// <summary>国有资本经营预算（财政拨款）支出表.</summary>
    StateCapitalExpenditure,
    /// <summary>财政拨款“三公”经费支出表.</summary>
    SanGong,
    /// <summary>项目支出表.</summary>
    ProjectExpenditure,
    /// <summary>机关运行经费表.</summary>
    OperatingCost,
    /// <summary>政府采购预算表.</summary>
    Procurement,
    /// <summary>部门固定资产占用情况表 / 国有资产占用.</summary>
    Assets,
    /// <summary>支出经济分类汇总表 / 基本支出明细表.</summary>
    EconomicClassification,
}

/// <summary>Chinese names of the table kinds, as used in messages and accepted in rules.</summary>
public static class TableKinds
{
    public static readonly IReadOnlyDictionary<TableKind, string> ChineseNames = new Dictionary<TableKind, string>
    {
        [TableKind.Unknown] = "未识别表",
        [TableKind.IncomeExpenditureSummary] = "部门收支总表",
        [TableKind.IncomeSummary] = "部门收入总表",
        [TableKind.ExpenditureSummary] = "部门支出总表",
        [TableKind.FiscalSummary] = "财政拨款收支总表",
        [TableKind.GeneralBudgetExpenditure] = "一般公共预算支出表",
        [TableKind.GeneralBudgetBasicExpenditure] = "一般公共预算基本支出表",
        [TableKind.GovernmentFundExpenditure] = "政府性基金预算支出表",
        [TableKind.StateCapitalExpenditure] = "国有资本经营预算支出表",
        [TableKind.SanGong] = "三公经费支出表",
        [TableKind.ProjectExpenditure] = "项目支出表",
        [TableKind.OperatingCost] = "机关运行经费表",
        [TableKind.Procurement] = "政府采购预算表",
        [TableKind.Assets] = "国有资产占用情况表",
        [TableKind.EconomicClassification] = "支出经济分类汇总表",
    };

    /// <summary>The nine tables every department budget disclosure must publish.</summary>
    public static readonly IReadOnlyList<TableKind> Required =
    [
        TableKind.IncomeExpenditureSummary, TableKind.IncomeSummary, TableKind.ExpenditureSummary,
        TableKind.FiscalSummary, TableKind.GeneralBudgetExpenditure, TableKind.GeneralBudgetBasicExpenditure,
        TableKind.GovernmentFundExpenditure, TableKind.StateCapitalExpenditure, TableKind.SanGong,
    ];

    public static string Chinese(this TableKind kind) => ChineseNames[kind];

    /// <summary>Parses an English member name or a Chinese name (exact, or without the 部门 prefix).</summary>
    public static bool TryParse(string text, out TableKind kind)
    {
        if (Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind)) return true;
        foreach (var (k, name) in ChineseNames)
        {
            if (name == text || name.TrimStart('部', '门') == text.TrimStart('部', '门')) { kind = k; return true; }
        }
        kind = TableKind.Unknown;
        return false;
    }
}
