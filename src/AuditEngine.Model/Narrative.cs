namespace AuditEngine.Model;

/// <summary>A narrative section (情况说明 part) with its text.</summary>
public sealed class NarrativeSection : IHasProvenance
{
    public required SectionKind Kind { get; init; }
    public required string Title { get; init; }
    public string Text { get; set; } = "";
    public Provenance Provenance { get; init; } = Provenance.None;
    public string KindName => Kind.Chinese();
    public bool Mentions(string text) => Text.Contains(text, StringComparison.Ordinal);
    public override string ToString() => Title;
}

/// <summary>
/// A figure the narrative quotes, such as “基本支出746.41万元”, keyed by a canonical name (see
/// <see cref="FigureKeys"/>), with the year-on-year change the same sentence states, if any.
/// </summary>
public sealed class NarrativeFigure : IHasProvenance
{
    public required string Key { get; init; }
    public required decimal Value { get; init; }
    /// <summary>The sentence the figure was read from.</summary>
    public required string Sentence { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;

    /// <summary>Stated change against last year in 万元: positive for 增加, negative for 减少, 0 for 持平; null if not stated.</summary>
    public decimal? Change { get; set; }
    /// <summary>Last year's figure when the sentence states it (上年预算数 X万元).</summary>
    public decimal? PreviousValue { get; set; }
    /// <summary>The sentence (or the next one) gives a reason for the change (主要原因 / 原因是 / 主要用于 …).</summary>
    public bool HasReason { get; set; }
    /// <summary>Listed parts, e.g. 机关运行经费 “其中：办公费 x万元、水电费 y万元 …”.</summary>
    public List<NarrativeFigure> Components { get; } = [];

    public bool HasChange => Change is not null;
    public bool HasComponents => Components.Count > 0;
    public decimal ComponentSum => Components.Sum(c => c.Value);
    public bool Increased => Change is > 0m;
    public bool Decreased => Change is < 0m;

    public override string ToString() => $"{Key} {Value:0.00}万元";
}

/// <summary>Canonical keys of narrative figures.</summary>
public static class FigureKeys
{
    public const string 收入总计 = "收入总计";
    public const string 支出总计 = "支出总计";
    public const string 收入合计 = "收入合计";
    public const string 支出合计 = "支出合计";
    public const string 一般公共预算收入 = "一般公共预算收入";
    public const string 上年结转 = "上年结转";
    public const string 基本支出 = "基本支出";
    public const string 人员经费 = "人员经费";
    public const string 公用经费 = "公用经费";
    public const string 项目支出 = "项目支出";
    public const string 一般公共预算支出 = "一般公共预算支出";
    public const string 三公经费 = "三公经费";
    public const string 因公出国费 = "因公出国（境）费";
    public const string 公务用车费 = "公务用车购置及运行维护费";
    public const string 公务用车购置费 = "公务用车购置费";
    public const string 公务用车运行维护费 = "公务用车运行维护费";
    public const string 公务接待费 = "公务接待费";
    public const string 机关运行经费 = "机关运行经费";
    public const string 政府采购 = "政府采购";
    public const string 车辆数 = "车辆数";
}
