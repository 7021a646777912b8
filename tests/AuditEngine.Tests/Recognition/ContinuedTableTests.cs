using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// A 绩效 table split over two pages repeats its first row on the second. On a scan each page is OCR'd afresh, so the
/// repeat can differ by a character; it must still be dropped, or its 项目编码 and 项目名称 become an indicator.
/// </summary>
public class ContinuedTableTests
{
    // xinglong-2024's table 8 as printed: the page breaks right after the indicator header.
    private static readonly string[] ProjectRow = ["项目编码", "13082224P00079910001M", "", "项目名称", "2024年医保网络运行维护费", "", ""];

    private static Disclosure Recognise(string[] repeatedRow)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = true });
        layout.Pages.Add(new LayoutPage { Number = 2, Scanned = true });
        layout.Blocks.Add(new Paragraph { Text = "8、2024年医保网络运行维护费绩效目标表", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1, ProjectRow,
            ["预算规模及资金用途", "预算数", "3.00", "其中：财政资金", "3.00", "其他资金", ""],
            ["", "医保网络运行维护费，保障医保系统正常运转，及时结算，保障业务。", "", "", "", "", ""],
            ["资金支出计划（%）", "3月底", "", "6月底", "10月底", "12月底", ""],
            ["", "", "", "25%", "50%", "100%", ""],
            ["绩效目标", "1.1.医保系统正常运转 2.2.及时结算 3.3.保障业务", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", ""]));
        layout.Blocks.Add(LayoutTables.Table(2, repeatedRow,
            ["产出指标", "数量指标", "正常运转率", "实际运转率", "≥95%", "行业依据", ""],
            ["", "成本指标", "成本控制", "合理控制使用成本", "≤3万元", "行业依据", ""]));
        return Recognizer.Recognise(layout);
    }

    [Theory]
    [InlineData("13082224P00079910001M")]
    [InlineData("13082224P0007991000 1M")]
    [InlineData("10001")]
    public void A_repeated_first_row_read_slightly_differently_is_still_dropped(string code)
    {
        var doc = Recognise(["项目编码", code, "", "项目名称", "2024年医保网络运行维护费", "", ""]);
        Assert.Equal(["正常运转率", "成本控制"], doc.Indicators.Select(i => i.Name));
    }

    [Fact]
    public void A_first_row_that_differs_is_kept()
    {
        var doc = Recognise(["", "质量指标", "系统验收合格率", "系统正常运转合格情况", "≥95%", "行业依据", ""]);
        Assert.Equal(["系统验收合格率", "正常运转率", "成本控制"], doc.Indicators.Select(i => i.Name));
    }
}
