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
}
