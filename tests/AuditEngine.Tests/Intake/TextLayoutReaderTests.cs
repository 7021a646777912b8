using AuditEngine.Intake;
using AuditEngine.Model;

namespace AuditEngine.Tests.Intake;

/// <summary>Tab-separated tables in text inputs: where a table ends and where it only has an empty row.</summary>
public class TextLayoutReaderTests
{
    [Fact]
    public void Empty_rows_above_a_total_row_stay_in_the_table()
    {
        // A Shanghai 财务收支预算总表 prints blank rows between its last item and 收入总计.
        var layout = TextLayoutReader.Read(string.Join("\n",
            "2026年部门财务收支预算总表",
            "项目\t预算数\t项目\t预算数",
            "一、财政拨款收入\t100.00\t一、一般公共服务支出\t100.00",
            "\t\t\t",
            "\t\t\t",
            "收入总计\t100.00\t支出总计\t100.00",
            "",
            "说明文字。"), "t.md");
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal(5, table.Cells.Select(c => c.Row).Distinct().Count());
        Assert.Contains(table.Cells, c => c.Row == 4 && c.Text == "收入总计");
    }

    [Theory]
    // Markdown from a PDF or Word conversion.
    [InlineData("| 项目 | 决算数 |\n| --- | ---: |\n| 一、因公出国（境）费 | 0.00 |\n| 合计 | **8.00** |")]
    // A web page converted to text (the search corpus's pages): no leading bar.
    [InlineData("项目 | 决算数 |\n---|---|\n一、因公出国（境）费 | 0.00 |\n合计 | 8.00 |")]
    public void Pipe_rows_are_a_table(string rows)
    {
        var layout = TextLayoutReader.Read("财政拨款“三公”经费支出决算表\n单位：万元\n" + rows + "\n\n注：本表金额单位为万元。", "t.md");
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal(3, table.Cells.Select(c => c.Row).Distinct().Count());
        Assert.Contains(table.Cells, c => c.Row == 2 && c.Column == 0 && c.Text == "合计");
        Assert.Contains(table.Cells, c => c.Row == 2 && c.Column == 1 && c.Text == "8.00");
        Assert.Contains(layout.Blocks.OfType<Paragraph>(), p => p.Text.StartsWith("注"));
    }

    [Fact]
    public void A_sentence_with_one_bar_is_no_table() =>
        Assert.Empty(TextLayoutReader.Read("说明 | 本部门无政府性基金预算。\n", "t.md").Blocks.OfType<LayoutTable>());

    [Fact]
    public void A_line_of_tabs_with_no_row_after_it_ends_the_table()
    {
        var layout = TextLayoutReader.Read(string.Join("\n",
            "项目\t预算数\t项目\t预算数",
            "收入总计\t100.00\t支出总计\t100.00",
            "\t\t\t",
            "",
            "说明文字。",
            "科目\t金额",
            "合计\t5.00"), "t.md");
        Assert.Equal(2, layout.Blocks.OfType<LayoutTable>().Count());
        Assert.Equal(2, layout.Blocks.OfType<LayoutTable>().First().Cells.Select(c => c.Row).Distinct().Count());
    }

    private static readonly string[] StackedSangong =
    [
        "项目", "预算数", "决算数",
        "合计", "18.00", "6.28",
        "因公出国（境）费", "0", "0",
        "公务接待费", "12.00", "6.28",
        "公务用车购置及运行费", "6.00", "0",
    ];

    [Theory]
    // One cell per line (a PDF or web page converted to text).
    [InlineData("")]
    // Each cell closed by a bar (“合 计 |”).
    [InlineData(" |")]
    public void Cells_stacked_one_per_line_are_a_table(string closing)
    {
        var layout = TextLayoutReader.Read(string.Join("\n",
            ["一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", .. StackedSangong.Select(c => c + closing),
             "二、“三公”经费支出决算情况说明", "公务接待费支出决算6.28万元。"]), "t.md");
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal(5, table.RowCount);
        Assert.Equal(3, table.ColumnCount);
        Assert.Contains(table.Cells, c => c.Row == 3 && c.Column == 0 && c.Text == "公务接待费");
        Assert.Contains(table.Cells, c => c.Row == 3 && c.Column == 2 && c.Text == "6.28");
        Assert.Equal(["一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", "二、“三公”经费支出决算情况说明", "公务接待费支出决算6.28万元。"],
            layout.Blocks.OfType<Paragraph>().Select(p => p.Text));
    }

    [Fact]
    public void Bar_lines_between_stacked_cells_separate_them()
    {
        var lines = StackedSangong.SelectMany(c => new[] { c, "|" });
        var table = Assert.Single(TextLayoutReader.Read(string.Join("\n", lines), "t.md").Blocks.OfType<LayoutTable>());
        Assert.Equal(5, table.RowCount);
        Assert.Contains(table.Cells, c => c.Row == 1 && c.Column == 1 && c.Text == "18.00");
    }

    [Fact]
    public void Items_across_stacked_one_per_line_are_a_table()
    {
        var table = Assert.Single(TextLayoutReader.Read(string.Join("\n",
            "项目", "合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费",
            "预算数", "18", "0", "6", "12",
            "决算数", "6.28", "0", "0", "6.28"), "t.md").Blocks.OfType<LayoutTable>());
        Assert.Equal(3, table.RowCount);
        Assert.Equal(5, table.ColumnCount);
    }

    [Fact]
    public void Two_columns_stacked_are_a_table_only_when_bars_close_the_cells()
    {
        string[] cells = ["项目", "预算数", "合计", "4432", "1.因公出国(境)费用", "39", "2.公务接待费", "323", "3.公务用车购置及运行维护费", "4070"];
        var closed = TextLayoutReader.Read(string.Join("\n", cells.Select(c => c + " |")), "t.md");
        var table = Assert.Single(closed.Blocks.OfType<LayoutTable>());
        Assert.Equal((5, 2), (table.RowCount, table.ColumnCount));
        Assert.Empty(TextLayoutReader.Read(string.Join("\n", cells), "t.md").Blocks.OfType<LayoutTable>());
    }

    [Theory]
    // Headings and a list of short lines: no rows of figures.
    [InlineData("第一部分 部门概况\n一、主要职责\n二、机构设置\n第二部分 预算表\n一、收支总表\n二、收入总表\n三、支出总表\n四、财政拨款收支总表\n五、三公经费表")]
    // Label and figure pairs (two columns), and a count list whose header names no amount.
    [InlineData("人员情况\n行政编制\n12\n事业编制\n8\n实有人数\n20\n退休人员\n5")]
    [InlineData("车辆\n类型\n品牌\n越野车\n1\n2\n轿车\n3\n4\n客车\n5\n6")]
    // One row of figures only: chance, not a table.
    [InlineData("项目\n预算数\n决算数\n合计\n18.00\n6.28\n说明\n本表为局本级\n数据")]
    public void Short_lines_without_rows_of_figures_stay_paragraphs(string text)
    {
        var layout = TextLayoutReader.Read(text, "t.md");
        Assert.Empty(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal(text.Split('\n').Length, layout.Blocks.OfType<Paragraph>().Count());
    }

    [Fact]
    public void A_converters_pinyin_after_each_character_is_taken_out()
    {
        // 湛江: a web page converted from a PDF prints the pinyin of many characters after them, with tone marks.
        var layout = TextLayoutReader.Read(string.Join("\n",
            "示例局2023年部門決(jué)算",
            "“三公”經(jīng)費(fèi)財(cái)政撥(bō)款支出決(jué)算8.00萬(wàn)元，比上年減(jiǎn)少1.00萬(wàn)元。",
            "的(de)確定见附件(A)，里程12公里(km)。"), "t.md");
        var texts = layout.Blocks.OfType<Paragraph>().Select(p => p.Text).ToList();
        Assert.Equal("示例局2023年部門決算", texts[0]);
        Assert.Equal("“三公”經費財政撥款支出決算8.00萬元，比上年減少1.00萬元。", texts[1]);
        // A neutral-tone syllable goes too; capitals and a bracket without a vowel stay.
        Assert.Equal("的確定见附件(A)，里程12公里(km)。", texts[2]);
    }

    [Fact]
    public void A_bracketed_word_or_two_is_no_converters_pinyin()
    {
        var text = "项目(xiàng)名称与说明(shuō)两处。";
        var layout = TextLayoutReader.Read(text, "t.md");
        Assert.Equal(text, Assert.Single(layout.Blocks.OfType<Paragraph>()).Text);
    }

    [Fact]
    public void Rows_printed_with_spaces_under_a_tab_separated_header_are_its_rows()
    {
        // 岳阳 台创园: the header came out tab-separated, the rows with runs of spaces between the columns.
        var layout = TextLayoutReader.Read(string.Join("\n",
            "财政拨款“三公”经费支出决算表",
            "项目\t全年预算数\t决算数",
            "合计    9.00    8.00",
            "一、因公出国（境）费    0.00    0.00",
            "三、公务接待费    2.50    2.00",
            "",
            "注：本表金额单位为万元。"), "t.md");
        var table = Assert.Single(layout.Blocks.OfType<LayoutTable>());
        Assert.Equal(4, table.Cells.Select(c => c.Row).Distinct().Count());
        Assert.Contains(table.Cells, c => c.Row == 3 && c.Column == 2 && c.Text == "2.00");
        Assert.Contains(layout.Blocks.OfType<Paragraph>(), p => p.Text.StartsWith("注"));
    }

    [Theory]
    // The whole table spaced: a header of three cells and two rows or more of a label and figures.
    [InlineData("项目    全年预算数    决算数\n合计    9.00    8.00\n公务接待费    2.50    2.00", 3)]
    // A code and its name before the figures.
    [InlineData("科目编码  科目名称  合计  基本支出\n201  一般公共服务支出  100.00  80.00\n20101  人大事务  100.00  80.00", 3)]
    // A row with a blank cell cannot be placed in its columns: the run stays text.
    [InlineData("项目    全年预算数    决算数\n合计    9.00    8.00\n公务接待费        2.00\n因公出国（境）费    0.00    0.00", 0)]
    // One row of figures could be chance.
    [InlineData("项目    全年预算数    决算数\n合计    9.00    8.00", 0)]
    // Words with double spaces are no table.
    [InlineData("一、部门职责  二、机构设置  三、人员情况\n本部门负责  全县档案工作  2024", 0)]
    public void Tables_printed_with_spaces_alone_are_read_only_whole(string text, int rows)
    {
        var layout = TextLayoutReader.Read(text, "t.md");
        var tables = layout.Blocks.OfType<LayoutTable>().ToList();
        if (rows == 0) Assert.Empty(tables);
        else Assert.Equal(rows, Assert.Single(tables).Cells.Select(c => c.Row).Distinct().Count());
    }
}
