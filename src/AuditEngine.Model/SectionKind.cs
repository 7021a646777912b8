namespace AuditEngine.Model;

/// <summary>Narrative sections (情况说明) a disclosure is expected to contain.</summary>
public enum SectionKind
{
    Other = 0,
    /// <summary>部门职责及机构设置.</summary>
    Responsibilities,
    /// <summary>预算安排总体情况 (收入说明, 支出说明, 比上年增减).</summary>
    BudgetOverview,
    /// <summary>机关运行经费.</summary>
    OperatingCost,
    /// <summary>“三公”经费 and 增减变化原因.</summary>
    SanGong,
    /// <summary>绩效目标 (部门整体 + 项目).</summary>
    Performance,
    /// <summary>政府采购.</summary>
    Procurement,
    /// <summary>国有资产占用.</summary>
    Assets,
    /// <summary>名词解释.</summary>
    Glossary,
    /// <summary>其他需要说明的事项.</summary>
    OtherMatters,
}

public static class SectionKinds
{
    public static readonly IReadOnlyDictionary<SectionKind, string> ChineseNames = new Dictionary<SectionKind, string>
    {
        [SectionKind.Other] = "其他",
        [SectionKind.Responsibilities] = "部门职责及机构设置",
        [SectionKind.BudgetOverview] = "预算安排总体情况",
        [SectionKind.OperatingCost] = "机关运行经费",
        [SectionKind.SanGong] = "“三公”经费",
        [SectionKind.Performance] = "绩效目标",
        [SectionKind.Procurement] = "政府采购",
        [SectionKind.Assets] = "国有资产占用",
        [SectionKind.Glossary] = "名词解释",
        [SectionKind.OtherMatters] = "其他需要说明的事项",
    };

    public static string Chinese(this SectionKind kind) => ChineseNames[kind];

    public static bool TryParse(string text, out SectionKind kind)
    {
        if (Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind)) return true;
        foreach (var (k, name) in ChineseNames)
        {
            if (name == text || name.Trim('“', '”') == text.Trim('“', '”', '"')) { kind = k; return true; }
        }
        kind = SectionKind.Other;
        return false;
    }
}
