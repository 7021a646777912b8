using AuditEngine.Intake;
using AuditEngine.Intake.Office;
using AuditEngine.Model;
using AuditEngine.Recognition;
using static AuditEngine.Tests.Office.XlsxSamples;

namespace AuditEngine.Tests.Office;

public class XlsxReaderTests
{
    private static Layout Summary() =>
        XlsxReader.Read(new XlsxSamples().Sheet("表3", ExpenditureSummaryCells(), ExpenditureSummaryMerges).Build(), "支出总表.xlsx");

    private static Layout Formats() =>
        XlsxReader.Read(new XlsxSamples().Sheet("金额格式",
        [
            ("B2", "金额", General), ("C2", "说明", General),
            ("B3", "3150.00", General), ("C3", "文本里的数字不变", General),
            ("B4", 1234.5, TwoDecimals), ("C4", "0.00", General),
            ("B5", 1234.5, Grouped), ("C5", "#,##0.00", General),
            ("B6", 1234.5, CustomPadded), ("C6", "补空格", General),
            ("B7", new Raw("115.02000000000001"), General), ("C7", "常规", General),
            ("B8", 0.256, Percent), ("C8", "0.00%", General),
            ("B9", new Inline(" 内联文本 "), General), ("C9", new Formula("SUM(B3:B4)"), General),
            ("B10", true, General), ("C10", 3150, General),
            ("B11", 45000, Dotted), ("C11", -2.005, TwoDecimals),
        ]).Build(), "格式.xlsx");

    [Fact]
    public void Title_and_unit_rows_become_paragraphs_before_the_table_and_the_note_after_it()
    {
        var layout = Summary();
        var shape = layout.Blocks.Select(b => b is Paragraph p ? $"{p.Text}@{p.Line}" : $"[table]@{b.Line}").ToList();
        Assert.Equal(["部门预算支出总表@1", "单位：万元@2", "[table]@3", "注：本表金额保留两位小数。@10"], shape);
        Assert.All(layout.Blocks, b => Assert.Equal(1, b.Page));
        Assert.Equal([1], layout.Pages.Select(p => p.Number));
    }

    [Fact]
    public void Merged_ranges_span_from_their_top_left_cell_and_covered_cells_are_absent()
    {
        var table = Summary().Tables.Single();
        var rows = table.Rows();
        Assert.Equal(["科目", "合计", "基本支出", "项目支出"], rows[0].Select(c => c.Text));
        Assert.Equal([0, 2, 3, 4], rows[0].Select(c => c.Column));
        Assert.Equal((1, 2), (rows[0][0].RowSpan, rows[0][0].ColumnSpan));
        Assert.All(rows[0].Skip(1), c => Assert.Equal((2, 1), (c.RowSpan, c.ColumnSpan)));
        Assert.Equal(["科目编码", "科目名称"], rows[1].Select(c => c.Text));
        Assert.Equal(5, table.ColumnCount);
        Assert.Equal(6, table.RowCount);
    }

    [Fact]
    public void Data_rows_keep_every_column_and_point_at_the_excel_row()
    {
        var rows = Summary().Tables.Single().Rows();
        Assert.Equal(["", "合计", "115.02", "100.00", "15.02"], rows[2].Select(c => c.Text));
        Assert.Equal(["2080505", "机关事业单位基本养老保险缴费支出", "115.02", "100.00", "15.02"], rows[5].Select(c => c.Text));
        Assert.All(rows[5], c => Assert.Equal(8, c.Line));
    }

    [Fact]
    public void Numbers_are_shown_with_the_cell_number_format()
    {
        var table = Formats().Tables.Single();
        var byLabel = table.Rows().Skip(1).Take(6).ToDictionary(r => r[1].Text, r => r[0].Text);
        Assert.Equal("3150.00", byLabel["文本里的数字不变"]);
        Assert.Equal("1234.50", byLabel["0.00"]);
        Assert.Equal("1,234.50", byLabel["#,##0.00"]);
        Assert.Equal("1234.50", byLabel["补空格"]);
        Assert.Equal("115.02", byLabel["常规"]);
        Assert.Equal("25.60%", byLabel["0.00%"]);
    }

    [Fact]
    public void Other_cell_kinds_read_as_their_stored_value()
    {
        var rows = Formats().Tables.Single().Rows();
        Assert.Equal(["内联文本", ""], rows[7].Select(c => c.Text));
        Assert.Equal(["TRUE", "3150"], rows[8].Select(c => c.Text));
        // A date format is not a plain number format: the stored serial stays; negative amounts round away from zero.
        Assert.Equal(["45000", "-2.01"], rows[9].Select(c => c.Text));
    }

    [Fact]
    public void Used_range_starts_at_the_first_filled_column_and_the_sheet_name_titles_a_sheet_without_one()
    {
        var layout = Formats();
        var title = Assert.IsType<Paragraph>(layout.Blocks[0]);
        Assert.Equal("金额格式", title.Text);
        var table = layout.Tables.Single();
        Assert.Equal(("金额", 0, 2), (table.Rows()[0][0].Text, table.Rows()[0][0].Column, table.Rows()[0][0].Line));
        Assert.Equal(2, table.ColumnCount);
    }

    [Fact]
    public void Formula_without_a_computed_result_is_noted()
    {
        var note = Assert.Single(Formats().Notes);
        Assert.Contains("C9", note.Message);
        Assert.Equal(1, note.Provenance.Page);
    }

    [Fact]
    public void Each_visible_sheet_is_a_page_and_hidden_sheets_are_skipped_with_a_note()
    {
        var bytes = new XlsxSamples()
            .Sheet("说明", [("A1", "2025年部门预算公开说明", General)])
            .Sheet("草稿", [("A1", "旧数据", General), ("B1", "999.00", General)], hidden: true)
            .Sheet("表3", ExpenditureSummaryCells(), ExpenditureSummaryMerges)
            .Build();
        var layout = XlsxReader.Read(bytes, "多表.xlsx");
        Assert.Equal([1, 2], layout.Pages.Select(p => p.Number));
        Assert.Equal("2025年部门预算公开说明", Assert.IsType<Paragraph>(layout.Blocks[0]).Text);
        Assert.Equal(1, layout.Blocks[0].Page);
        Assert.Equal(2, layout.Tables.Single().Page);
        Assert.DoesNotContain(layout.Tables.SelectMany(t => t.Cells), c => c.Text == "旧数据");
        Assert.Contains(layout.Notes, n => n.Message.Contains("草稿"));
    }

    [Fact]
    public void Recognition_reads_the_expenditure_summary_from_the_sheet()
    {
        var doc = Recognizer.Recognise(Summary());
        var table = doc.Table(TableKind.ExpenditureSummary);
        Assert.NotNull(table);
        Assert.Equal(115.02m, table.Amount("合计", "合计"));
        Assert.Equal(100.00m, table.Amount("2080505", "基本支出"));
        Assert.Equal(15.02m, table.Amount("20805", "项目支出"));
        Assert.Equal(1, table.Row("2080505")!.Provenance.Page);
        Assert.Equal(8, table.Row("2080505")!.Provenance.Line);
    }

    [Fact]
    public void Truncated_xlsx_is_reported_as_damaged_naming_the_file()
    {
        var bytes = new XlsxSamples().Sheet("表3", ExpenditureSummaryCells(), ExpenditureSummaryMerges).Build();
        var ex = Assert.Throws<IntakeException>(() => XlsxReader.Read(bytes[..(bytes.Length * 2 / 3)], "残缺.xlsx"));
        Assert.Equal("残缺.xlsx", ex.FileName);
        Assert.Contains("XLSX 文件损坏或已加密", ex.Problem);
    }
}
