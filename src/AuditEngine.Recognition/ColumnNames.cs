using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Maps printed column headers onto the canonical column names of <see cref="ColumnKeys"/>, which rules use.</summary>
public static class ColumnNames
{
    private static readonly (string Word, string Name)[] Synonyms =
    [
        ("上年结转", ColumnKeys.上年结转), ("结转结余", ColumnKeys.上年结转), ("上年预算", ColumnKeys.上年预算数), ("增减", ColumnKeys.增减), ("原因", ColumnKeys.原因),
        ("基本支出", ColumnKeys.基本支出), ("项目支出", ColumnKeys.项目支出), ("人员经费", ColumnKeys.人员经费), ("公用经费", ColumnKeys.公用经费),
        // A long header wraps onto two lines (“一般公共预 / 算”); OCR can lose the second line or a first character, so the
        // unambiguous middle of the word is enough.
        ("般公共预", ColumnKeys.一般公共预算), ("政府性基金", ColumnKeys.政府性基金), ("国有资本经", ColumnKeys.国有资本经营),
        ("财政拨款收入", ColumnKeys.财政拨款), ("财政拨款", ColumnKeys.财政拨款), ("财政专户", ColumnKeys.财政专户), ("事业收入", ColumnKeys.事业收入),
        ("经营收入", ColumnKeys.经营收入), ("上级补助", ColumnKeys.上级补助收入), ("附属单位上缴", ColumnKeys.附属单位上缴收入), ("其他收入", ColumnKeys.其他收入),
        ("经营支出", ColumnKeys.经营支出), ("上解上级", ColumnKeys.上解上级支出), ("上缴上级", ColumnKeys.上解上级支出), ("对附属单位补助", ColumnKeys.对附属单位补助支出),
        ("工资福利", ColumnKeys.工资福利支出), ("对个人和家庭", ColumnKeys.对个人和家庭的补助), ("商品和服务", ColumnKeys.商品和服务支出),
        ("资本性", ColumnKeys.资本性支出), ("其他运转", ColumnKeys.其他运转类), ("特定目标", ColumnKeys.特定目标类),
        ("小计", ColumnKeys.小计), ("合计", ColumnKeys.合计), ("总计", ColumnKeys.合计),
        // A 决算 table's figure is its 决算数; 年初 / 全年预算数 beside it are not the table's total column.
        ("决算数", ColumnKeys.合计), ("年初预算", ColumnKeys.年初预算数), ("全年预算", ColumnKeys.全年预算数), ("预算数", ColumnKeys.合计), ("金额", ColumnKeys.合计), ("本年收入", ColumnKeys.小计),
    ];

    /// <summary>Canonical name of a leaf header, with the group header above it as context; null if unknown.</summary>
    public static string? Canonical(string leaf, string group = "")
    {
        var l = ChineseText.Compact(leaf);
        var g = ChineseText.Compact(group);
        if (l.Length == 0) l = g;
        if (l is "小计" or "合计" && g.Length > 0)
        {
            foreach (var groupName in (string[])["基本支出", "项目支出", "人员经费", "公用经费"])
                if (g == groupName) return groupName;
        }
        // The 2025 决算 template prints a row of bare “决算数” under every column name (本年收入合计 | 财政拨款收入 | …):
        // the measure word names no column, the name above it does.
        if (l is "决算数" or "预算数" or "金额" && Match(g) is { } named && named is not (ColumnKeys.合计 or ColumnKeys.小计))
            return named;
        return Match(l);
    }

    private static string? Match(string compact)
    {
        foreach (var (word, name) in Synonyms)
            if (compact.Contains(word)) return name;
        return null;
    }
}
