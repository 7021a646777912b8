using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Tests.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// NT-CLASS-LIST-EMPTY end to end on a PDF-like layout: the 基本支出决算表 on page 16 (the wording and figures of
/// 普陀区规划和自然资源局's 2024 决算) and its 情况说明 on page 24, one paragraph per printed line, broken mid-word.
/// </summary>
public sealed class EconomicClassListRuleTests : RuleTestBase
{
    private static string[][] BasicRows(string bonus = "0.00") =>
    [
        ["科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "1125.66"],
        ["30101", "基本工资", "537.64"],
        ["30103", "奖金", bonus],
        ["30107", "绩效工资", "588.02"],
        ["303", "对个人和家庭的补助", "67.96"],
        ["30302", "退休费", "67.96"],
        ["30309", "奖励金", "0.00"],
        ["302", "商品和服务支出", "113.32"],
        ["30201", "办公费", "84.62"],
        ["30207", "邮电费", "0.00"],
        ["30299", "其他商品和服务支出", "28.70"],
    ];

    private static Disclosure Final(string[][] rows, params string[] narrative)
    {
        var layout = new Layout { Source = "t.pdf" };
        foreach (var n in (int[])[1, 16, 24]) layout.Pages.Add(new LayoutPage { Number = n });
        layout.Blocks.Add(new Paragraph { Text = "上海市普陀区规划和自然资源局", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2024年度部门决算", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "一般公共预算财政拨款基本支出决算表", Page = 16 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 16 });
        layout.Blocks.Add(LayoutTables.Table(16, rows));
        layout.Blocks.Add(new Paragraph { Text = "六、一般公共预算财政拨款基本支出决算情况说明", Page = 24 });
        foreach (var line in narrative) layout.Blocks.Add(new Paragraph { Text = line, Page = 24 });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentFinalAccount;
        return doc;
    }

    [Fact]
    [Covers("NT-CLASS-LIST-EMPTY")]
    public void A_listed_class_the_table_prints_as_zero_is_reported_with_the_unlisted_class_that_has_an_amount()
    {
        var doc = Final(BasicRows(),
            "一般公共预算财政拨款基本支出 1307.28 万元。其中：人员",
            "经费 1193.62 万元，主要包括：基本工资、奖金、绩",
            "效工资、奖励金；公用经费 113.66 万元，主要包括：办公费、",
            "其他商品和服务支出。");
        var f = Fires(doc, "NT-CLASS-LIST-EMPTY", Severity.Warning, "人员经费", "奖金（30103）", "奖励金（30309）", "这些科目", "退休费（30302）67.96 万元未列入");
        Assert.Equal(24, f.Evidence[0].Page);
        Assert.Contains(f.Evidence, e => e.Page == 16 && e.Table == "一般公共预算财政拨款基本支出决算表");
        // 公用经费 lists only classes with amounts: one finding, for 人员经费.
        Assert.Single(Run(doc), x => x.RuleId == "NT-CLASS-LIST-EMPTY");
    }

    [Fact]
    public void The_last_two_names_joined_by_he_are_both_listed()
    {
        // Shanghai's wording: “…其他商品和服务支出、办公设备购置和专用设备购置。” Names with 和 inside stay whole.
        var doc = Final(BasicRows(),
            "人员经费 1193.62 万元，主要包括：基本工资、奖金、绩效工资和退休费；",
            "公用经费 113.66 万元，主要包括：办公费、邮电费和其他商品和服务支出。");
        var found = FiresEach(doc, "NT-CLASS-LIST-EMPTY", 2, Severity.Warning);
        Assert.Contains(found, f => f.Message.Contains("奖金（30103）") && !f.Message.Contains("未列入"));
        Assert.Contains(found, f => f.Message.Contains("邮电费（30207）") && !f.Message.Contains("未列入"));
    }

    [Fact]
    public void A_list_of_classes_with_amounts_is_silent_whatever_suffix_the_names_carry()
    {
        var doc = Final(BasicRows(bonus: "12.00").Select(r => r[1] == "绩效工资" ? ["30107", "绩效工资", "576.02"] : r).ToArray(),
            "人员经费 1193.62 万元，主要包括：基本工资、奖金、绩效工资支出、退休费；",
            "公用经费 113.66 万元，主要包括：办公费、其他商品和服务支出等。");
        Silent(doc, "NT-CLASS-LIST-EMPTY");
    }

    [Fact]
    public void A_sentence_that_names_no_class_of_the_table_is_not_a_list()
    {
        var doc = Final(BasicRows(),
            "公用经费 113.66 万元，主要用于：保障机关正常运转、邮电费、会议、培训、车辆运行。");
        Silent(doc, "NT-CLASS-LIST-EMPTY");
    }

    [Fact]
    public void A_table_whose_rows_do_not_add_up_to_their_class_is_not_trusted_to_say_a_class_is_empty()
    {
        // 301 prints 1125.66 but its 款 add up to 1137.66: a figure was read into the wrong row.
        var doc = Final(BasicRows(bonus: "12.00"),
            "人员经费 1193.62 万元，主要包括：基本工资、奖金、绩效工资、奖励金；");
        Silent(doc, "NT-CLASS-LIST-EMPTY");
    }
}
