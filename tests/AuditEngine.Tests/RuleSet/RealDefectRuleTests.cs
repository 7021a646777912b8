using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// Defects seen in real disclosures from other provinces, in their own wording: totals stated as an unequal pair
/// (四川), 三公 items' gaps to the budget that do not make the total's (宜宾), a contents list that skips numbers
/// (邵东 魏家桥镇). Each read through the text intake as an upload would be.
/// </summary>
public sealed class RealDefectRuleTests : RuleTestBase
{
    private static Disclosure Read(string text) => Recognizer.Recognise(TextLayoutReader.Read(text, "t.md"));

    private static string FinalAccount() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-final-account.md"));

    [Fact]
    [Covers("UT-N-TOTALS-PAIR")]
    public void Income_and_expenditure_totals_stated_as_a_pair_must_be_equal()
    {
        var text = FinalAccount();
        var unequal = Read(text.Replace("2024年度收入支出决算总计500.00万元。", "2024年度收、支总计各是480.00,490.00万元。"));
        Fires(unequal, "UT-N-TOTALS-PAIR", Severity.Error, "480.00", "490.00", "10.00");

        var apart = Read(text.Replace("2024年度收入支出决算总计500.00万元。", "2024年度收入总计500.00万元，比上年增加20.00万元；支出总计490.00万元。"));
        Fires(apart, "UT-N-TOTALS-PAIR", Severity.Error, "500.00", "490.00");

        // Equal totals, changes stated as a pair, a fund's own totals and another year's total after a comparison word.
        var silent = Read(text.Replace("2024年度收入支出决算总计500.00万元。",
            "2024年度收、支总计分别为500.00万元、500.00万元。收、支总计各减少12.00,15.00万元。一般公共预算收入总计480.00万元，支出总计490.00万元。收入总计500.00万元，上年支出总计520.00万元。财政拨款收入总计500.00万元，一般公共预算支出总计490.00万元。"));
        Silent(silent, "UT-N-TOTALS-PAIR");
    }

    [Fact]
    [Covers("NA-ITEM-GAPS")]
    public void The_sangong_items_gaps_to_the_budget_must_add_up_to_the_totals()
    {
        static string Page(int totalGap) => string.Join("\n",
            "2024年度本级使用财政拨款安排的“三公”经费支出总额为3825万元，比预算数减少" + totalGap + "万元。具体情况如下：",
            "一、因公出国（境）经费",
            "2024年因公出国（境）费99万元，比预算数减少31万元。",
            "二、公务接待费",
            "2024年公务接待费1014万元，比预算数减少850万元。",
            "三、公务用车购置及运行维护费",
            "2024年公务用车购置及运行维护费2712万元（其中：公务用车购置费0万元，公务用车运行维护费2712万元），比预算数减少107万元。");
        var doc = Read(Page(1188));
        // The change after the parenthesis is the vehicle item's, not its last part's.
        Assert.Contains(doc.Statements, s => s.FigureKey == FigureKeys.公务用车费 && s.ChangeAmount == 107m);
        Fires(doc, "NA-ITEM-GAPS", Severity.Error, "1188", "−107.00", "988", "200");
        Silent(Read(Page(988)), "NA-ITEM-GAPS");
    }

    [Fact]
    [Covers("MS-NUMBERING-GAP")]
    public void A_contents_list_that_skips_numbers_is_a_warning()
    {
        static string WithContents(params string[] entries) => FinalAccount().Replace("# 示例县档案局2024年度部门决算\n\n## 一、",
            "# 示例县档案局2024年度部门决算\n\n目录\n\n" + string.Join("\n\n", entries) + "\n\n## 一、");
        var doc = Read(WithContents("第一部分 部门概况", "一、部门主要职能", "第二部分 2024年度部门决算情况说明",
            "一、收入支出决算总体情况说明", "二、财政拨款收入支出决算总体情况说明", "政府性基金预算收入支出决算情况", "机关运行经费支出说明",
            "五、财政拨款“三公”经费支出决算情况说明", "第三部分 名词解释"));
        Fires(doc, "MS-NUMBERING-GAP", Severity.Warning, "“二”跳到“五”", "三、四");

        Silent(Read(WithContents("第一部分 部门概况", "一、部门主要职能", "第二部分 2024年度部门决算情况说明",
            "一、收入支出决算总体情况说明", "二、财政拨款收入支出决算总体情况说明", "第三部分 名词解释")), "MS-NUMBERING-GAP");
    }
}
