using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Classifies a table by the meaning of its title, tolerant of provincial variants.</summary>
public static class TableTitles
{
    /// <summary>The kind a title names, or Unknown. Order matters: specific names before general ones.</summary>
    public static TableKind Classify(string title)
    {
        var t = ChineseText.Compact(title);
        if (t.Length == 0 || t.Contains("绩效目标")) return TableKind.Unknown;
        if (t.Contains("三公")) return TableKind.SanGong;
        if (t.Contains("机关运行经费") || t.Contains("机关（机构）运行经费")) return TableKind.OperatingCost;
        if (t.Contains("政府采购")) return TableKind.Procurement;
        if (t.Contains("资产")) return TableKind.Assets;
        if (t.Contains("政府性基金")) return TableKind.GovernmentFundExpenditure;
        if (t.Contains("国有资本经营")) return TableKind.StateCapitalExpenditure;
        if (t.Contains("财政拨款收支")) return TableKind.FiscalSummary;
        if (t.Contains("收支")) return TableKind.IncomeExpenditureSummary;
        if (t.Contains("收入")) return TableKind.IncomeSummary;
        if (t.Contains("基本支出明细")) return TableKind.Unknown;
        if (t.Contains("一般公共预算") && t.Contains("基本支出")) return TableKind.GeneralBudgetBasicExpenditure;
        if (t.Contains("一般公共预算") && t.Contains("支出")) return TableKind.GeneralBudgetExpenditure;
        if (t.Contains("经济分类")) return TableKind.EconomicClassification;
        if (t.Contains("项目支出")) return TableKind.ProjectExpenditure;
        if (t.Contains("支出总表") || t.Contains("部门支出预算表") || t.Contains("支出预算总表")) return TableKind.ExpenditureSummary;
        return TableKind.Unknown;
    }

    /// <summary>Looks like the title of a table rather than a sentence: short and naming a 表.</summary>
    public static bool IsTableTitle(string line)
    {
        var t = ChineseText.Compact(line);
        return t.Length is > 2 and <= 60 && (t.EndsWith('表') || t.Contains("表（") || t.EndsWith("情况") && t.Contains("三公"))
               && !t.Contains("。") && !t.StartsWith("注");
    }

    /// <summary>A caption line that only repeats the department, year or unit (seen above every page of a split table).</summary>
    public static bool IsRunningHeader(string line)
    {
        var t = ChineseText.Compact(line);
        return t.Length == 0 || t.StartsWith("预算年度") || t.StartsWith("单位") || t.StartsWith("部门名称") || t.StartsWith("金额单位")
               || t.StartsWith("预算01") || t.StartsWith("预算0") || System.Text.RegularExpressions.Regex.IsMatch(t, @"^\d{3,}\D+(局|部门|中心|委员会|办公室)$")
               || t.StartsWith("部门：");
    }
}
