using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// Codes printed in parts: a 类 line followed by 款 lines that print only the 款 part, in a 类 | 款 layout or in a
/// single code column. The 款 rows are kept with their full 5-digit codes.
/// </summary>
public class SplitCodeTests
{
    private static BudgetTable Basic(params string[][] rows)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Blocks.Add(new Paragraph { Text = "一般公共预算基本支出表", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 1 });
        var table = new LayoutTable { Page = 1 };
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = rows[r][c], Page = 1 });
        layout.Blocks.Add(table);
        return Recognizer.Recognise(layout).Table(TableKind.GeneralBudgetBasicExpenditure)!;
    }

    [Fact]
    public void Kuan_rows_printing_only_their_part_under_a_class_column()
    {
        var t = Basic(
            ["类", "款", "科目名称", "合计", "人员经费", "公用经费"],
            ["301", "", "工资福利支出", "100.00", "100.00", "0.00"],
            ["", "01", "基本工资", "60.00", "60.00", "0.00"],
            ["", "02", "津贴补贴", "40.00", "40.00", "0.00"],
            ["302", "", "商品和服务支出", "5.00", "0.00", "5.00"],
            ["", "01", "办公费", "5.00", "0.00", "5.00"]);
        Assert.Equal(["301", "30101", "30102", "302", "30201"], t.CodeRows.Select(r => r.Code!));
        Assert.Equal(60m, t.Row("30101")!.Amount("合计"));
        Assert.Equal(2, t.Row("301")!.Children.Count);
    }

    [Fact]
    public void Class_and_kuan_columns_with_the_kuan_line_blank_below()
    {
        var t = Basic(
            ["类", "款", "项", "科目名称", "合计", "人员经费", "公用经费"],
            ["208", "", "", "社会保障和就业支出", "10.00", "10.00", "0.00"],
            ["208", "05", "", "行政事业单位养老支出", "10.00", "10.00", "0.00"],
            ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "10.00", "10.00", "0.00"]);
        Assert.Equal(["208", "20805", "2080505"], t.CodeRows.Select(r => r.Code!));
    }

    [Fact]
    public void Kuan_rows_printing_only_their_part_in_the_code_column()
    {
        var t = Basic(
            ["科目编码", "科目名称", "合计", "人员经费", "公用经费"],
            ["301", "工资福利支出", "100.00", "100.00", "0.00"],
            ["01", "基本工资", "60.00", "60.00", "0.00"],
            ["02", "津贴补贴", "40.00", "40.00", "0.00"]);
        Assert.Equal(["301", "30101", "30102"], t.CodeRows.Select(r => r.Code!));
    }
}

/// <summary>
/// A title line drawn in a ruled box is read by intake as a one-row “table” of one or two cells: it is the caption of
/// the table below it, never a table of its own (单位预算 of 普陀区政府办公室: every title was swallowed so).
/// </summary>
public class TitleLineTests
{
    [Theory]
    [InlineData("2025年预算单位一般公共预算支出功能分类预算表", "")]
    [InlineData("2025年预算单位一般公共预算", "支出功能分类预算表")]
    [InlineData("2025年预算单位一般公共预算支出功能分类预算表", "单位：元")]
    public void A_boxed_title_line_is_the_caption_of_the_table_below(string left, string right)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Pages.Add(new LayoutPage { Number = 2 });
        layout.Blocks.Add(new Paragraph { Text = "2025年预算单位财政拨款收支预算总表", Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1, ["项目", "预算数", "项目", "预算数"], ["一般公共预算", "10.00", "一般公共服务支出", "10.00"], ["收入总计", "10.00", "支出总计", "10.00"]));
        layout.Blocks.Add(LayoutTables.Table(2, [left, right]));
        layout.Blocks.Add(new Paragraph { Text = "编制单位：上海市普陀区人民政府办公室", Page = 2 });
        layout.Blocks.Add(new Paragraph { Text = "单位：元", Page = 2 });
        layout.Blocks.Add(LayoutTables.Table(2,
            ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "100,000.00", "60,000.00", "40,000.00"],
            ["20103", "政府办公厅（室）及相关机构事务", "100,000.00", "60,000.00", "40,000.00"]));
        var doc = Recognizer.Recognise(layout);
        var gb = doc.Table(TableKind.GeneralBudgetExpenditure);
        Assert.NotNull(gb);
        Assert.Equal("2025年预算单位一般公共预算支出功能分类预算表", gb.Title);
        Assert.Equal("元", gb.SourceUnit);
        Assert.Equal(10m, gb.Row("201")!.Amount("合计"));
    }
}
