using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// Code tables as an OCR'd disclosure prints them (jiaozuo-2025's seed, and its scan): a header word garbled into a
/// number, a code that lost its 款, a header repeated on the next page with a character or two read differently.
/// </summary>
public class GarbledCodeTableTests
{
    private static readonly string[] Header = ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"];

    private static Disclosure Recognise(params string[][][] pages)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Blocks.Add(new Paragraph { Text = "2025年部门支出预算表", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 1 });
        for (var p = 0; p < pages.Length; p++)
        {
            layout.Pages.Add(new LayoutPage { Number = p + 1, Scanned = true });
            var table = new LayoutTable { Page = p + 1 };
            for (var r = 0; r < pages[p].Length; r++)
                for (var c = 0; c < pages[p][r].Length; c++)
                    table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = pages[p][r][c], Page = p + 1 });
            layout.Blocks.Add(table);
        }
        return Recognizer.Recognise(layout);
    }

    [Fact]
    public void Header_rows_with_a_stray_figure_are_still_header()
    {
        // jiaozuo-2025's 部门支出预算表 as its scan reads: the seed's own garble (“157 VI” for 总计, “人员经验”, “小り”)
        // and a stray “1” in the second header row, which made that row look like the first data row.
        var doc = Recognise([
            ["", "", "", "7》", "", "", "", "", "", "++ 1+.1.", "", "", "", "", "", ""],
            ["科", "", "", "", "", "", "", "", "", "基本支出", "", "", "", "", "项目支出", "1"],
            ["", "", "", "单位代", "单位(科目名称)", "总计", "", "", "人员经验", "费", "", "公用经费", "", "", "=", ""],
            ["类", "款", "项", "码", "中区(村口和407", "157", "合计", "小计", "工资福利", "对个人和家庭", "小计", "商品和服务", "资本性", "合计", "转类", "特定目标类"],
            ["", "", "", "", "", "", "", "小D", "支出", "的补助", "小D", "支出", "支出", "", "神矢", ""],
            ["", "", "", "", "合计", "1,152.17", "1,147.92", "1,040.48", "1,001.25", "39.23", "107.44", "107.44", "", "4.25", "4.25", ""],
            ["205", "08", "03", "", "培训支出", "4.25", "", "", "", "", "", "", "", "4.25", "4.25", ""],
            ["208", "05", "05", "", "机关事业单位基本养老保险缴费支出", "1,147.92", "1,147.92", "1,040.48", "1,001.25", "39.23", "107.44", "107.44", "", "", "", ""]]);
        var table = Assert.Single(doc.Tables);
        Assert.Equal(["合计", "培训支出", "机关事业单位基本养老保险缴费支出"], table.Rows.Select(r => r.Name));
        Assert.Equal(4.25m, table.Amount("2050803", "项目支出"));
        Assert.Equal(1147.92m, table.Amount("2080505", "基本支出"));
    }

    [Fact]
    public void A_code_printed_after_its_own_children_lost_a_part_and_is_not_their_parent()
    {
        var doc = ScannedTable("2025年一般公共预算基本支出预算表",
        [
            ["类", "款", "科目名称", "合计", "人员经费", "公用经费"],
            ["", "", "合计", "30.00", "30.00", ""],
            ["301", "", "工资福利支出", "30.00", "30.00", ""],
            ["301", "01", "基本工资", "20.00", "20.00", ""],
            ["301", "08", "机关事业单位基本养老保险缴费", "10.00", "10.00", ""],
            // “08” printed as “l” and lost: the row reads as 301 again, after 301's own children.
            ["301", "", "职工基本医疗保险缴费", "5.00", "5.00", ""],
        ]);
        var read = Assert.Single(doc.Tables);
        Assert.Equal(["合计", "工资福利支出", "基本工资", "机关事业单位基本养老保险缴费"], read.Rows.Select(r => r.Name));
        Assert.Equal(30.00m, read.Amount("301", "合计"));
        Assert.Contains(doc.ExtractionNotes, n => n.Message.Contains("科目编码“301”无法识别"));
    }

    [Fact]
    public void The_parts_of_a_split_code_are_not_counted_as_amount_columns()
    {
        var doc = Recognise([Header, ["类", "款", "项", "", "", "", ""],
            ["", "", "", "合计", "30.00", "20.00", "10.00"],
            ["201", "01", "01", "行政运行", "30.00", "20.00", "10.00"]]);
        Assert.Equal(30.00m, Assert.Single(doc.Tables).Amount("2010101", "合计"));
        Assert.DoesNotContain(doc.ExtractionNotes, n => n.Message.Contains("表头只识别出"));
    }

    [Theory]
    [InlineData("科目编码", "科目名称")]
    [InlineData("科日编码", "科目名陈")]
    public void A_header_repeated_on_the_next_page_is_dropped_though_read_slightly_differently(string code, string name)
    {
        var doc = Recognise(
            [Header, ["", "", "", "合计", "30.00", "20.00", "10.00"], ["201", "01", "01", "行政运行", "20.00", "20.00", ""]],
            [[code, "", "", name, "合汁", "基本支出", "项目支出"], ["201", "01", "02", "一般行政管理事务", "10.00", "", "10.00"]]);
        var table = Assert.Single(doc.Tables);
        Assert.Equal(["合计", "行政运行", "一般行政管理事务"], table.Rows.Select(r => r.Name));
    }

    [Fact]
    public void A_parent_whose_child_row_is_unreadable_is_not_checked_against_its_children()
    {
        // A Shanghai 收入预算总表 through the simulated scanner: a 项 row's code came out unreadable, so 21011 = Σ项
        // lacked a row and was reported as wrong (88.18 against 63.19). Here its 款 part is lost.
        var doc = ScannedTable("2025年部门收入预算总表",
        [
            ["类", "款", "项", "科目名称", "合计", "财政拨款"],
            ["", "", "", "合计", "88.18", "88.18"],
            ["210", "", "", "卫生健康支出", "88.18", "88.18"],
            ["210", "11", "", "行政事业单位医疗", "88.18", "88.18"],
            ["210", "11", "01", "行政单位医疗", "63.19", "63.19"],
            ["210", "", "02", "事业单位医疗", "24.99", "24.99"],
        ]);
        var read = Assert.Single(doc.Tables);
        Assert.False(read.Row("21011")!.ChildrenComplete);
        Assert.False(read.Row("210")!.ChildrenComplete);
        Assert.True(read.Row("2101101")!.ChildrenComplete);
        var findings = AuditEngine.Tests.RuleSetTests.ShippedRules.RuleSet.Run(doc);
        Assert.DoesNotContain(findings, f => f.RuleId is "UT-CODE-TREE" or "UT-CODE-TREE-COLUMNS");
    }

    /// <summary>One scanned page holding a titled table of the given cell texts, recognised.</summary>
    private static Disclosure ScannedTable(string title, string[][] rows)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = true });
        layout.Blocks.Add(new Paragraph { Text = title, Page = 1 });
        var table = new LayoutTable { Page = 1 };
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = rows[r][c], Page = 1 });
        layout.Blocks.Add(table);
        return Recognizer.Recognise(layout);
    }
}
