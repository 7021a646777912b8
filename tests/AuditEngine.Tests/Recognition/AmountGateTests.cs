using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The sanity gate before a figure becomes evidence: a classification code or a year read in an amount column is
/// noted and left out, so it never feeds a balance check.
/// </summary>
public class AmountGateTests
{
    private static Disclosure Recognise(params string[][] rows)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Blocks.Add(new Paragraph { Text = "一般公共预算基本支出表", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 1 });
        var table = new LayoutTable { Page = 1 };
        string[][] all = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"], .. rows];
        for (var r = 0; r < all.Length; r++)
            for (var c = 0; c < all[r].Length; c++)
                table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = all[r][c], Page = 1 });
        layout.Blocks.Add(table);
        return Recognizer.Recognise(layout);
    }

    [Fact]
    public void A_code_in_an_amount_column_is_noted_and_not_an_amount()
    {
        var doc = Recognise(
            ["301", "工资福利支出", "120.00", "120.00", "0.00"],
            ["30101", "基本工资", "30201", "80.00", "0.00"],
            ["30102", "津贴补贴", "40.00", "40.00", "0.00"],
            ["302", "商品和服务支出", "10.00", "0.00", "10.00"],
            ["30201", "办公费", "10.00", "0.00", "10.00"]);
        var basic = doc.Table(TableKind.GeneralBudgetBasicExpenditure)!;
        Assert.False(basic.Row("30101")!.Has("合计"));
        Assert.Equal(80m, basic.Row("30101")!.Amount("人员经费"));
        Assert.Contains(doc.ExtractionNotes, n => n.Message.Contains("30201") && n.Message.Contains("科目编码"));
    }

    [Fact]
    public void A_year_in_an_amount_column_of_a_table_printed_with_decimals_is_not_an_amount()
    {
        var doc = Recognise(
            ["301", "工资福利支出", "2024", "120.00", "0.00"],
            ["30101", "基本工资", "80.00", "80.00", "0.00"],
            ["30102", "津贴补贴", "40.00", "40.00", "0.00"]);
        var basic = doc.Table(TableKind.GeneralBudgetBasicExpenditure)!;
        Assert.False(basic.Row("301")!.Has("合计"));
        Assert.Contains(doc.ExtractionNotes, n => n.Message.Contains("2024") && n.Message.Contains("年份"));
    }

    [Fact]
    public void Whole_amounts_are_kept()
    {
        var doc = Recognise(
            ["301", "工资福利支出", "120.00", "120", "0"],
            ["30101", "基本工资", "80.00", "80.00", "0.00"],
            ["30102", "津贴补贴", "40.00", "40.00", "0.00"]);
        var basic = doc.Table(TableKind.GeneralBudgetBasicExpenditure)!;
        Assert.Equal(120m, basic.Row("301")!.Amount("人员经费"));
        Assert.Equal(0m, basic.Row("301")!.Amount("公用经费"));
        Assert.True(basic.Row("301")!.Has("公用经费"));
    }
}
