namespace AuditEngine.Model;

/// <summary>A project as listed in the 项目支出表 or named by an indicator table.</summary>
public sealed class Project : IHasProvenance
{
    public required string Name { get; init; }
    /// <summary>预算数 in 万元, when stated.</summary>
    public decimal? Budget { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public override string ToString() => Name;
}

/// <summary>A 绩效目标表: the whole department's (整体) or one project's.</summary>
public sealed class IndicatorTable : IHasProvenance
{
    public required string Title { get; init; }
    /// <summary>The project the table belongs to; null for the department-wide table.</summary>
    public string? ProjectName { get; init; }
    /// <summary>预算数 / 资金总额 stated in the table, in 万元.</summary>
    public decimal? Budget { get; set; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public List<Indicator> Indicators { get; } = [];
    /// <summary>资金支出计划 percentages in order (3月底, 6月底 …), when the table has one.</summary>
    public List<decimal> SpendingPlan { get; } = [];

    public bool IsProject => ProjectName is not null;
    public bool HasSpendingPlan => SpendingPlan.Count > 0;
    /// <summary>Identical (三级指标, 指标值) set as a table of another project, for copy-paste detection.</summary>
    public string Signature
    {
        get
        {
            // Compared pairwise across all tables of a document: build once per indicator count.
            if (signature is null || signatureCount != Indicators.Count)
            {
                signature = string.Join("|", Indicators.Select(i => i.Name + "=" + i.ValueText));
                signatureCount = Indicators.Count;
            }
            return signature;
        }
    }

    private string? signature;
    private int signatureCount;
    public override string ToString() => Title;
}

/// <summary>
/// One 三级指标 with its parsed 指标值: operator + number(s) + unit, or a qualitative word.
/// </summary>
public sealed class Indicator : IHasProvenance
{
    public required string TableTitle { get; init; }
    public string? ProjectName { get; init; }
    /// <summary>一级指标: 产出指标 / 效益指标 / 满意度指标 / 成本指标.</summary>
    public string Level1 { get; init; } = "";
    /// <summary>二级指标: 数量 / 质量 / 时效 / 成本 / 社会效益 …</summary>
    public string Level2 { get; init; } = "";
    /// <summary>三级指标: the indicator's name.</summary>
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    /// <summary>指标值 as printed.</summary>
    public required string ValueText { get; init; }
    /// <summary>≥ ≤ = &lt; &gt; or “range”; empty when the value has no operator.</summary>
    public string Operator { get; init; } = "";
    public decimal? Number { get; init; }
    /// <summary>Upper bound of a range (50-70%).</summary>
    public decimal? Number2 { get; init; }
    public string Unit { get; init; } = "";
    /// <summary>预算数 of the indicator table the indicator belongs to, for 成本指标 checks.</summary>
    public decimal? TableBudget { get; set; }
    public Provenance Provenance { get; init; } = Provenance.None;

    public bool HasNumber => Number is not null;
    public bool HasTableBudget => TableBudget is not null;
    public bool IsQualitative => Number is null && ValueText.Length > 0;
    public bool IsMissing => ValueText.Length == 0;
    public bool IsPercent => Unit == "%";
    public decimal Value => Number ?? 0m;
    public bool NameContainsAny(string words) => words.Split('|').Any(w => w.Length > 0 && Name.Contains(w, StringComparison.Ordinal));
    public override string ToString() => $"{Name} {ValueText}";
}
