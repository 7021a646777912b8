using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Classifies a table by the meaning of its title, tolerant of provincial variants.</summary>
public static class TableTitles
{
    /// <summary>
    /// The kind a title names, or Unknown, by the title rules of the profile catalogue (rules/profiles/tables.json):
    /// the whole title is read, so 收入支出决算总表 is a 收支 table and 收入决算表 an income table.
    /// </summary>
    public static TableKind Classify(string title, ProfileCatalog? profiles = null) =>
        (profiles ?? ProfileCatalog.Default).Classify(ChineseText.Compact(title));

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
