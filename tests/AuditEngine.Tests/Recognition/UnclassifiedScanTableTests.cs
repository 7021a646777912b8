using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// A scanned table whose title OCR garbled beyond repair is kept as unclassified, so that a required table “not found”
/// in that scan is hedged instead of stated missing as a certainty (rules/missing-section.json, MS-TABLE-0x).
/// </summary>
public class UnclassifiedScanTableTests
{
    private static Disclosure Recognise(bool scanned, string title, params string[][] rows)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = scanned });
        layout.Pages.Add(new LayoutPage { Number = 2, Scanned = scanned });
        layout.Blocks.Add(new Paragraph { Text = "2025年部门收入预算总表", Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1, ["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "120.00"], ["", "合计", "120.00"]));
        layout.Blocks.Add(new Paragraph { Text = title, Page = 2 });
        layout.Blocks.Add(LayoutTables.Table(2, rows));
        return Recognizer.Recognise(layout);
    }

    private static readonly string[][] FiscalRows =
    [
        ["项目", "预算数", "项目", "预算数"],
        ["一、一般公共预算", "120.00", "一、一般公共服务支出", "120.00"],
        ["收入总计", "120.00", "支出总计", "120.00"],
    ];

    [Fact]
    public void A_scanned_table_with_figures_and_a_garbled_title_is_kept_with_its_page()
    {
        var doc = Recognise(scanned: true, "2O25年吋政拔款收攴忌表", FiscalRows);
        Assert.True(doc.HasTable(TableKind.IncomeSummary));
        var unclassified = Assert.Single(doc.UnclassifiedScanTables);
        Assert.Equal(2, unclassified.Provenance.Page);
        Assert.Equal("2", doc.UnclassifiedScanTablePages);
    }

    [Fact]
    public void The_same_table_in_a_digital_file_is_not_kept()
    {
        // A digital file's title is read as printed: a table with an unknown title there is not a required one misread.
        var doc = Recognise(scanned: false, "2O25年吋政拔款收攴忌表", FiscalRows);
        Assert.Empty(doc.UnclassifiedScanTables);
    }

    [Fact]
    public void A_scanned_grid_without_figures_is_not_kept()
    {
        var doc = Recognise(scanned: true, "联系方式", ["联系人", "电话"], ["张三", "（略）"]);
        Assert.Empty(doc.UnclassifiedScanTables);
    }
}
