using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// Shanghai's 政府性基金 决算表 can print its 合计 row on the line of the header's last row: “合计 | | | 105.00 | 合计 |
/// 基本支出 | 项目支出 | ”. The words name the 本年支出 columns; read as figures' row only, the header named one column and
/// every 本年支出 figure was lost (a narrative item was then compared with 0.00).
/// </summary>
public class TotalRowHeaderTests
{
    private static BudgetTable Recognise(string[] totalRow)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Blocks.Add(new Paragraph { Text = "政府性基金预算财政拨款收入支出决算表", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1,
            ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["功能分类科目编码", "科目名称", "", "", "", "", "", ""],
            totalRow,
            ["221", "住房保障支出", "", "105.00", "105.00", "", "105.00", ""],
            ["22198", "超长期特别国债安排的支出", "", "105.00", "105.00", "", "105.00", ""],
            ["2219899", "其他住房保障支出", "", "105.00", "105.00", "", "105.00", ""]));
        var doc = Recognizer.Recognise(layout);
        Assert.DoesNotContain(doc.ExtractionNotes, n => n.Message.Contains("表头只识别出"));
        return Assert.Single(doc.Tables, t => t.Kind == TableKind.GovernmentFundExpenditure);
    }

    [Fact]
    public void Header_words_on_the_total_row_name_the_columns_below_them()
    {
        var table = Recognise(["合计", "", "", "105.00", "合计", "基本支出", "项目支出", ""]);
        var item = table.Row("2219899")!;
        Assert.Equal(105.00m, item.Amount(ColumnKeys.合计));
        Assert.Equal(105.00m, item.Amount(ColumnKeys.项目支出));
        Assert.Equal(105.00m, table.TotalRow!.Amount(ColumnKeys.小计));
        Assert.False(table.TotalRow.Has(ColumnKeys.合计));
    }

    [Fact]
    public void A_header_row_of_its_own_reads_the_same()
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Blocks.Add(new Paragraph { Text = "政府性基金预算财政拨款收入支出决算表", Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1,
            ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
            ["功能分类科目编码", "科目名称", "", "", "合计", "基本支出", "项目支出", ""],
            ["合计", "", "", "105.00", "105.00", "", "105.00", ""],
            ["2219899", "其他住房保障支出", "", "105.00", "105.00", "", "105.00", ""]));
        var table = Assert.Single(Recognizer.Recognise(layout).Tables, t => t.Kind == TableKind.GovernmentFundExpenditure);
        Assert.Equal(105.00m, table.Row("2219899")!.Amount(ColumnKeys.合计));
        Assert.Equal(105.00m, table.TotalRow!.Amount(ColumnKeys.合计));
    }
}
