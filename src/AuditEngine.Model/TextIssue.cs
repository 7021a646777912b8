namespace AuditEngine.Model;

/// <summary>What kind of slip a <see cref="TextIssue"/> is.</summary>
public enum TextIssueKind
{
    /// <summary>“。。”, “，，”.</summary>
    重复标点,
    /// <summary>“的的”, “万元万元”.</summary>
    重复字词,
    /// <summary>“增长 13.95。”: a change rate without its %.</summary>
    缺百分号,
    /// <summary>“××街道办事处（部门）”: the template's （部门）/（单位） left on the name.</summary>
    名称模板后缀,
    /// <summary>“比2023年” in a 2025 预算: a comparison with a year that is not the one before.</summary>
    比较年度,
    /// <summary>“2025年预算安排8.61万元，比2025年预算执行数增加21.10%”: a year's figure compared with the same year.</summary>
    同年比较,
    /// <summary>“2023年1月1日至12月31日” in a 2024 决算.</summary>
    期间年度,
    /// <summary>“2015年，本部门收入预算…万元” in a 2025 预算: a sentence stating the document's own figures under another year.</summary>
    本年年度,
    /// <summary>A 预算 calling its own figures 决算数, or a 决算 stating its own figures as 预算安排.</summary>
    预决算用语,
    /// <summary>“…总计持平。主要原因：…减少支付”: no change stated, yet the reason explains one.</summary>
    持平却说明增减,
    /// <summary>“与2025年预算增加持平”: a change and 持平 written together, one of them a template choice left in.</summary>
    增减与持平连写,
    /// <summary>“…年中新增“艺起TOP周周有戏”活动经费、百合之约情定苏河”…”: opening and closing quotes do not pair up.</summary>
    引号不配对,
    /// <summary>“…（项）3，518.85万元，主要用于…。”: an opening quote “ never closed before the next one opens.</summary>
    引号未闭合,
    /// <summary>The same paragraphs printed twice in a row (a page's last items again at the top of the next).</summary>
    段落重复,
    /// <summary>“3，518.85万元”: the full-width comma as an amount's thousands separator.</summary>
    金额全角逗号,
    /// <summary>“年初预算为 0.00 万元，支出决算为 4.19。”: an amount stated without its unit.</summary>
    金额缺单位,
    /// <summary>“七、… / 十、…” in a contents list (目录): numbers skipped, a part renumbered or missing.</summary>
    编号跳号,
}

/// <summary>A slip of the written text, with the words that show it and the text around them.</summary>
public sealed class TextIssue : IHasProvenance
{
    public required TextIssueKind Kind { get; init; }
    /// <summary>The words that show it (“。。”, “增长13.95。”, “比2023年”).</summary>
    public required string Marker { get; init; }
    /// <summary>The surrounding text, for quoting.</summary>
    public required string Text { get; init; }
    /// <summary>For a year: the year stated.</summary>
    public int? Year { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public int? Page => Provenance.Page;
    public override string ToString() => Text;
}

/// <summary>
/// A whole and the parts the same sentence lists for it: “地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105
/// 平方米）”, “政府采购预算4821.20万元，其中：货物…、工程…、服务…”. Parts listed under 其中 may leave some out, but
/// cannot add up to more than the whole.
/// </summary>
public sealed class PartsStatement : IHasProvenance
{
    public required string Name { get; init; }
    public required decimal Total { get; init; }
    public required string Unit { get; init; }
    public required string Text { get; init; }
    public List<StatedPart> Parts { get; } = [];
    public Provenance Provenance { get; init; } = Provenance.None;
    public decimal PartSum => Parts.Sum(p => p.Value);
    /// <summary>The figures as printed (8103, 42.14), for messages.</summary>
    public string PartSumText => PartSum.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    public string TotalText => Total.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
    public string PartsText => string.Join(" + ", Parts.Select(p => $"{p.Name} {p.Value:0.##}"));
    /// <summary>How far the parts may exceed the whole by rounding: half a unit of the last printed decimal per figure.</summary>
    public decimal Allowance { get; init; }
    public bool PartsExceedTotal => PartSum - Total > Allowance;
    public override string ToString() => Text;
}

/// <summary>One part of a <see cref="PartsStatement"/>.</summary>
public sealed record StatedPart(string Name, decimal Value)
{
    public override string ToString() => $"{Name} {Value:0.##}";
}
