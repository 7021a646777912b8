using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// What a 三公 statement compares with. A 决算 that compares its figures with the year's budget (Sichuan: “支出总额为…万元，
/// 比年初预算增加…万元”) states how the budget was executed, not a change from last year; a budget that compares each
/// item with last year (Chongqing) has made the comparison. Invented figures.
/// </summary>
public sealed class SanGongComparisonWordingTests : RuleTestBase
{
    private static Disclosure Final(string sentence) => Read(DocumentType.DepartmentFinalAccount, "示例州州本级2025年“三公”经费决算", "一、“三公”经费支出决算情况", sentence);

    private static Disclosure Read(DocumentType type, string cover, params string[] lines) =>
        NarrativePages.Recognise(type, [cover], lines, page: 1);

    [Theory]
    [InlineData("比年初预算增加", false)]
    [InlineData("较调整预算增加", false)]
    [InlineData("比上年增加", true)]
    public void A_figure_compared_with_its_budget_has_no_change_from_last_year(string comparison, bool change)
    {
        var doc = Final($"使用财政拨款安排“三公”经费支出总额为820.00万元，{comparison}130.00万元。其中：因公出国（境）经费0万元；" +
                        $"公务用车购置及运行维护费760.00万元，{comparison}180.00万元；公务接待费60.00万元，{comparison.Replace("增加", "")}减少50.00万元。");
        Assert.Equal(change, doc.Figures.Any(f => f.Key == FigureKeys.三公经费 && f.Change == 130m));
        var unexplained = Run(doc).Where(f => f.RuleId == "SG-ITEM-CHANGE-REASON").ToList();
        Assert.Equal(change, unexplained.Any(f => f.Severity == Severity.Error && f.Message.Contains("130")));
        if (!change) Assert.Empty(unexplained);
    }

    [Theory]
    [InlineData("较上年增加0.20亿元", false)]
    [InlineData("主要用于外事活动", true)]
    public void Items_compared_with_last_year_are_the_comparison(string abroad, bool fires)
    {
        // No 三公 heading: the statement opens the page, and only its items say how they compare with last year.
        var doc = Read(DocumentType.DepartmentBudget, "示例市市级2026年“三公”经费预算汇总情况",
            "经汇总，2026年市级部门“三公”经费预算5.00亿元，严控“三公”经费支出预算。其中：",
            $"1、因公出国（境）费0.60亿元，{abroad}，主要原因是保障国际交流合作。",
            "2、公务接待费0.40亿元，主要原因是严格贯彻中央八项规定。");
        if (fires) Fires(doc, "SG-NO-COMPARISON", Severity.Warning, "50000.00");
        else Silent(doc, "SG-NO-COMPARISON");
    }

    [Fact]
    public void A_total_compared_by_its_rate_alone_is_compared()
    {
        // “与2025年预算相比增长5.00%”: the rate is the comparison, with no amount of change.
        var doc = Read(DocumentType.DepartmentBudget, "示例市市级2026年“三公”经费预算汇总情况",
            "经汇总，2026年市级部门“三公”经费预算5.25亿元，与2025年预算相比增长5.00%，主要原因是新增外事任务。");
        Silent(doc, "SG-NO-COMPARISON");
    }
}
