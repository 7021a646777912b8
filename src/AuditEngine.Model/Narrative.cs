namespace AuditEngine.Model;

/// <summary>A narrative section (情况说明 part) with its text.</summary>
public sealed class NarrativeSection : IHasProvenance
{
    public required SectionKind Kind { get; init; }
    public required string Title { get; init; }
    public string Text { get; set; } = "";
    public Provenance Provenance { get; init; } = Provenance.None;
    /// <summary>The heading is an entry of the contents (目录), not a part of the text: the part may be missing.</summary>
    public bool InContents { get; init; }
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
    /// <summary>The stated rate of the change in % (下降1.87%), unsigned; null when none.</summary>
    public decimal? ChangeRate { get; set; }
    /// <summary>Last year's figure as the stated change implies: this year's less the change.</summary>
    public decimal? ImpliedPrevious => Change is { } c ? Value - c : null;
    /// <summary>The change rate computed from the figure and its change, rounded to 0.01; null when last year was 0.</summary>
    public decimal? ComputedChangeRate => ImpliedPrevious is { } p && p > 0m && Change is { } c ? Math.Round(Math.Abs(c) / p * 100m, 2) : null;
    /// <summary>
    /// The stated change rate follows from the figure and its change (within rounding). An increase from nothing
    /// (last year 0, often written as 增长100%) and a change without a rate are not checked.
    /// </summary>
    public bool ChangeRateFits => ChangeRate is not { } r || Change is not { } c || ImpliedPrevious is not { } p || p <= 0m || c == 0m
                                  || Rates.Fits(r, Math.Abs(c), p, Rates.Precision("", r));
    public bool HasChangeRate => ChangeRate is not null;
    /// <summary>Listed parts, e.g. 机关运行经费 “其中：办公费 x万元、水电费 y万元 …”.</summary>
    public List<NarrativeFigure> Components { get; } = [];

    public bool HasChange => Change is not null;
    public bool HasComponents => Components.Count > 0;
    public decimal ComponentSum => Components.Sum(c => c.Value);
    public bool Increased => Change is > 0m;
    public bool Decreased => Change is < 0m;

    /// <summary>The key as the narrative words it (收支总计 → 收入支出总计), for messages.</summary>
    public string Label => Key switch
    {
        FigureKeys.收支总计 => "收入支出总计",
        FigureKeys.财政拨款收支总计 => "财政拨款收入支出总计",
        FigureKeys.财政拨款基本支出 => "一般公共预算财政拨款基本支出",
        _ => Key,
    };

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
    /// <summary>收入支出（决算）总计 / 收支总计: the 收支总表's 总计.</summary>
    public const string 收支总计 = "收支总计";
    /// <summary>财政拨款收入支出（决算）总计: the 财政拨款收支总表's 总计.</summary>
    public const string 财政拨款收支总计 = "财政拨款收支总计";
    /// <summary>一般公共预算财政拨款基本支出: the 基本支出表's 合计.</summary>
    public const string 财政拨款基本支出 = "财政拨款基本支出";
    /// <summary>政府性基金（预算财政拨款）支出 as the narrative states it: the 政府性基金 table's 合计.</summary>
    public const string 政府性基金支出 = "政府性基金支出";
    /// <summary>国有资本经营（预算财政拨款）支出 as the narrative states it: the 国有资本经营 table's 合计.</summary>
    public const string 国有资本经营支出 = "国有资本经营支出";
}

/// <summary>
/// A statement of the narrative that its own figures can check: a 决算数 against its 预算数 (完成年初预算的X%,
/// 决算数大于/等于/小于预算数) or a dated statement (截至2024年12月31日).
/// </summary>
public sealed class NarrativeClaim : IHasProvenance
{
    /// <summary>执行 (决算数 against 预算数), 截至日期, 科目说明 or 收支总计 (the two totals of a 收支总表 stated as a pair).</summary>
    public required string Kind { get; init; }
    /// <summary>The text the claim was read from, trimmed for quoting.</summary>
    public required string Text { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;

    /// <summary>年初预算数 (万元) when stated.</summary>
    public decimal? InitialBudget { get; init; }
    /// <summary>全年预算数 / 调整后预算数 (万元) when stated.</summary>
    public decimal? FullYearBudget { get; init; }
    /// <summary>决算数 (万元).</summary>
    public decimal? Actual { get; init; }

    /// <summary>The stated completion rate in % (完成年初预算的95.89%), null when none.</summary>
    public decimal? Rate { get; init; }
    /// <summary>Which budget the rate is of: 年初, 全年, or "" when the text only says 预算.</summary>
    public string RateBasis { get; init; } = "";
    /// <summary>The stated comparison of 决算数 with 预算数: 大于, 小于, 等于, 持平, 基本持平; "" when none.</summary>
    public string Comparison { get; init; } = "";
    /// <summary>Which budget the comparison is with: 年初, 全年, or "".</summary>
    public string ComparisonBasis { get; init; } = "";
    /// <summary>For a 截至日期 claim: the year it names.</summary>
    public int? Year { get; init; }
    /// <summary>For a 科目说明 claim: the 项 named (住房公积金) and what the text says it is for (事业单位医疗保险支出).</summary>
    public string Item { get; init; } = "";
    public string Description { get; init; } = "";

    /// <summary>
    /// For a 收支总计 claim: the 收入总计 and the 支出总计 one sentence states as a pair (“收、支总计各是A、B万元”,
    /// “收入总计A万元，支出总计B万元”), in 万元. The two sides of a 收支总表 balance by definition.
    /// </summary>
    public decimal? IncomeTotal { get; init; }
    public decimal? ExpenditureTotal { get; init; }
    /// <summary>For a 收支总计 claim: what the totals are of (财政拨款), "" for the whole 收支总表.</summary>
    public string TotalsOf { get; init; } = "";
    /// <summary>For a 收支总计 claim: how far the two totals may differ through their printing (each figure's half step).</summary>
    public decimal TotalsTolerance { get; init; }

    /// <summary>
    /// The description of a well-known 项 speaks of its own matter, or at least of no other well-known one's:
    /// “住房公积金（项）。主要用于：事业单位医疗保险支出” names the 医疗 of another 项 and no 公积金.
    /// </summary>
    public bool DescriptionFits => ItemWords.Fits(Item, Description);
    /// <summary>For messages: the matter the description names instead (医疗).</summary>
    public string DescriptionNames => ItemWords.Foreign(Item, Description) ?? "";

    public bool HasRate => Rate is not null;
    public bool HasComparison => Comparison.Length > 0;

    /// <summary>The budget the rate is of (the one the text names; else 全年 when stated, else 年初).</summary>
    public decimal? RateBudget => RateBasis switch { "年初" => InitialBudget, "全年" => FullYearBudget, _ => FullYearBudget ?? InitialBudget };
    public decimal? ComparisonBudget => ComparisonBasis switch { "年初" => InitialBudget, "全年" => FullYearBudget, _ => FullYearBudget ?? InitialBudget };

    /// <summary>决算数 / 预算数 × 100 from the stated figures, rounded to 0.01; null when the budget is 0 or missing.</summary>
    public decimal? ComputedRate => Actual is { } a && RateBudget is { } b && b != 0m ? Math.Round(a / b * 100m, 2) : null;

    /// <summary>
    /// The stated rate can follow from the stated figures: it lies between the rates the figures allow once each
    /// is taken anywhere within its rounding (±0.005 万元), widened by the rate's own rounding. A rate of a zero
    /// budget fits only when it is itself 0 and nothing was spent.
    /// </summary>
    public bool RateFits => Rate is not { } r || Actual is not { } a || RateBudget is not { } b
                            || Rates.Fits(r, a, b, Rates.Precision(Text, r));

    /// <summary>The rate is wrong for the budget it names but right for the other one stated (完成年初预算的95.89% that is
    /// the share of the 全年预算).</summary>
    public bool RateFitsOtherBudget => Rate is { } r && Actual is { } a && (RateBasis == "年初" ? FullYearBudget : RateBasis == "全年" ? InitialBudget : null) is { } o
                                       && Rates.Fits(r, a, o, Rates.Precision(Text, r));
    /// <summary>
    /// The rate is right for the figures read in one unit: one of them carries the wrong unit (Yunnan: “预算为494,400.00万元,
    /// 支出决算为115,749.56元,完成预算的23.42%”, the budget in 元 printed as 万元).
    /// </summary>
    public bool RateFitsOtherUnit => !RateFits && Rate is { } r && Actual is { } a && RateBudget is { } b && b != 0m
                                     && (Rates.Fits(r, a * 10000m, b, Rates.Precision(Text, r)) || Rates.Fits(r, a, b * 10000m, Rates.Precision(Text, r)));
    /// <summary>For messages: “完成率应为 98.20%”, or why there is none.</summary>
    public string ComputedRateText => ComputedRate is { } c ? $"完成率应为 {c:0.00}%" : RateBudget is null ? "完成率无从计算" : "预算为 0，完成率无从谈起";
    public string RateBasisName => RateBasis switch { "年初" => "年初预算", "全年" => "全年预算", _ => "预算" };
    public string ComparisonBasisName => ComparisonBasis switch { "年初" => "年初预算", "全年" => "全年预算", _ => "预算" };

    /// <summary>What the figures say: 大于, 小于 or 等于.</summary>
    public string ActualComparison => Actual is { } a && ComparisonBudget is { } b ? (a > b ? "大于" : a < b ? "小于" : "等于") : "";

    /// <summary>
    /// The stated comparison agrees with the figures. 基本持平 is never contradicted; 持平 is when the two differ by
    /// no more than 1%; 等于 only when they are equal; a comparison without the budget it names cannot be checked;
    /// a comparison with “预算数” when both 年初 and 全年 are stated fits when either agrees.
    /// </summary>
    public bool ComparisonFits
    {
        get
        {
            if (Comparison.Length == 0 || Actual is not { } a) return true;
            IEnumerable<decimal> budgets = ComparisonBasis switch
            {
                "年初" => InitialBudget is { } i ? [i] : [],
                "全年" => FullYearBudget is { } f ? [f] : [],
                _ => new[] { InitialBudget, FullYearBudget }.OfType<decimal>(),
            };
            var list = budgets.ToList();
            return list.Count == 0 || list.Any(b => Comparison switch
            {
                "大于" => a > b,
                "小于" => a < b,
                "等于" => a == b,
                "持平" => Math.Abs(a - b) <= Math.Max(0.01m, Math.Abs(b) / 100m),
                _ => true,
            });
        }
    }

    public override string ToString() => Text;
}

/// <summary>Text a template left in the published document: a placeholder (XX局, ××, XXX), an instruction to whoever
/// fills the template in, or alternatives never resolved (下降（增长）27.78%).</summary>
public sealed class TemplateText : IHasProvenance
{
    /// <summary>占位符, 填写说明 or 未选定表述.</summary>
    public required string Kind { get; init; }
    /// <summary>The words that mark it (XX, 仍保留该表格式, 下降（增长）).</summary>
    public required string Marker { get; init; }
    /// <summary>The surrounding text, for quoting.</summary>
    public required string Text { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public int? Page => Provenance.Page;
    public override string ToString() => Text;
}

/// <summary>What the national 功能分类 项 that every department's narrative explains are for, by their words.</summary>
public static class ItemWords
{
    private static readonly (string Item, string[] Own)[] Items =
    [
        ("住房公积金", ["公积金"]),
        ("购房补贴", ["购房", "住房"]),
        ("提租补贴", ["提租", "租金", "住房"]),
        ("医疗", ["医疗", "医保"]),
        ("基本养老保险", ["养老"]),
        ("职业年金", ["年金"]),
        ("离退休", ["退休", "离休"]),
    ];

    private static string[]? OwnWords(string item) => Items.FirstOrDefault(i => item.Contains(i.Item, StringComparison.Ordinal)).Own;

    /// <summary>The first word of another known 项 the description uses, when it uses none of the item's own.</summary>
    public static string? Foreign(string item, string description)
    {
        var own = OwnWords(item);
        if (own is null || own.Any(w => description.Contains(w, StringComparison.Ordinal))) return null;
        foreach (var (_, words) in Items)
            if (words != own && words.FirstOrDefault(w => description.Contains(w, StringComparison.Ordinal)) is { } w) return w;
        return null;
    }

    public static bool Fits(string item, string description) => Foreign(item, description) is null;
}

/// <summary>Percentages against the figures they are computed from, allowing for rounding.</summary>
public static class Rates
{
    /// <summary>
    /// One unit of the last decimal the rate was printed with (95.89% → 0.01, 13% → 1): rounding allows half of it,
    /// and many documents cut the rate off instead of rounding it (9746.50 / 10210.34 = 95.457…% printed 95.45%).
    /// </summary>
    public static decimal Precision(string text, decimal rate)
    {
        var s = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dot = s.IndexOf('.');
        var decimals = dot < 0 ? 0 : s.Length - dot - 1;
        return 1m / (decimal)Math.Pow(10, decimals);
    }

    /// <summary>
    /// True when <paramref name="rate"/>% can be <paramref name="part"/> / <paramref name="whole"/> × 100 with both
    /// figures rounded to 0.01 (each may be off by 0.005) and the rate rounded to <paramref name="ratePrecision"/>.
    /// </summary>
    public static bool Fits(decimal rate, decimal part, decimal whole, decimal ratePrecision)
    {
        if (whole == 0m) return rate == 0m && part == 0m;
        const decimal r = 0.005m;
        var wLo = Math.Max(Math.Abs(whole) - r, 0.0001m);
        var wHi = Math.Abs(whole) + r;
        var pLo = Math.Max(Math.Abs(part) - r, 0m);
        var pHi = Math.Abs(part) + r;
        var lo = pLo / wHi * 100m;
        var hi = pHi / wLo * 100m;
        return rate + ratePrecision >= lo && rate - ratePrecision <= hi;
    }

    /// <summary>
    /// True when <paramref name="rate"/>% (printed to <paramref name="rateStep"/>) can be part ÷ whole × 100 with each
    /// figure anywhere within its own rounding (half its printed step, in 万元). A rate may also be cut off rather
    /// than rounded, so one whole step is allowed, as in <see cref="Fits"/>.
    /// </summary>
    public static bool FitsWithin(decimal rate, decimal rateStep, decimal part, decimal partRounding, decimal whole, decimal wholeRounding) =>
        Range(part, partRounding, whole, wholeRounding) is { } r ? rate + rateStep >= r.Lo && rate - rateStep <= r.Hi
            : rate == 0m && part == 0m;

    /// <summary>
    /// As <see cref="FitsWithin"/>, but a rate above the figures' range only by its own rounding (half a step): a rate
    /// cut off falls below, one rounded up by a whole step is not what the figures give.
    /// </summary>
    public static bool RoundedOrCut(decimal rate, decimal rateStep, decimal part, decimal partRounding, decimal whole, decimal wholeRounding) =>
        Range(part, partRounding, whole, wholeRounding) is { } r ? rate + rateStep >= r.Lo && rate - rateStep / 2m <= r.Hi
            : rate == 0m && part == 0m;

    /// <summary>The lowest and highest part ÷ whole × 100 the rounded figures allow; null when the whole is 0.</summary>
    private static (decimal Lo, decimal Hi)? Range(decimal part, decimal partRounding, decimal whole, decimal wholeRounding)
    {
        var wLo = Math.Max(Math.Abs(whole) - wholeRounding, 0.000001m);
        var wHi = Math.Abs(whole) + wholeRounding;
        if (wHi <= 0m) return null;
        var pLo = Math.Max(Math.Abs(part) - partRounding, 0m);
        var pHi = Math.Abs(part) + partRounding;
        return (pLo / wHi * 100m, pHi / wLo * 100m);
    }
}
