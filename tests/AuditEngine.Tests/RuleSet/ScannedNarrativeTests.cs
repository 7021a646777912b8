using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// Narrative pages read by OCR: what OCR makes of a unit or a bracket must not become a figure or a sentence the
/// document never printed (invented department and figures, in the shape a simulated scan of a real 决算 gave).
/// </summary>
public sealed class ScannedNarrativeTests : RuleTestBase
{
    private static Disclosure Scanned(params string[] lines) =>
        NarrativePages.Recognise(DocumentType.DepartmentFinalAccount, ["示例区某某部2024年度部门决算"], lines, scanned: true);

    [Theory]
    [InlineData("202. 348元", false)]
    [InlineData("202.34万元", true)]
    public void A_sum_in_yuan_finer_than_the_fen_is_no_figure(string printed, bool read)
    {
        // “202.34万元” with 万 read as 8: taken at its word it would be 0.02 万元 of project spending.
        var doc = Scanned("三、支出决算情况说明",
            $"本年支出合计307.82万元，其中：基本支出105.58万元，占34.30%；项目支出全年预算为{printed}，支出决算为202.24万元。");
        Assert.Equal(read, doc.Figures.Any(f => f.Key == "项目支出"));
        Assert.DoesNotContain(doc.Figures, f => f.Key == "项目支出" && f.Value < 1m);
    }

    [Theory]
    [InlineData("【三）")]
    [InlineData("〔三〕")]
    [InlineData("（三）")]
    public void A_sub_heading_in_other_brackets_ends_the_list_before_it(string number)
    {
        // The list of classes lost its end to OCR; the next sub-heading's budget is no part of it.
        var doc = Scanned("五、一般公共预算财政拨款支出决算情况说明",
            "（二）一般公共预算财政拨款支出决算结构情况",
            "一般公共预算财政拨款支出307.82万元，主要用于以下方面：",
            "一般公共服务支出（类）264.87万元，占86.05%；社会保障和就业",
            number + "一般公共预算财政拨款支出决算具体情况",
            "一般公共预算财政拨款支出年初预算为0万元，全年预算为321.02万元，支出决算为307.82万元，完成全年预算的95.89%。");
        Silent(doc, "NA-PART-EXCEEDS");
    }
}
