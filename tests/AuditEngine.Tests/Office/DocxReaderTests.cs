using AuditEngine.Intake;
using AuditEngine.Intake.Office;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Office;

public class DocxReaderTests
{
    private static Layout Sample() => DocxReader.Read(DocxSamples.ExpenditureSummary(), "支出总表.docx");

    [Fact]
    public void Blocks_follow_document_order_and_skip_empty_paragraphs()
    {
        var layout = Sample();
        Assert.Equal("支出总表.docx", layout.Source);
        var shape = layout.Blocks.Select(b => b is Paragraph p ? p.Text : "[table]").ToList();
        Assert.Equal(["某某市财政局2025年部门预算", "部门预算支出总表", "单位：万元", "[table]", "注：本表金额保留两位小数。", "[table]"], shape);
        Assert.All(layout.Blocks, b => Assert.Equal(1, b.Page));
        Assert.Single(layout.Pages);
    }

    [Fact]
    public void Lines_run_over_paragraphs_and_table_rows()
    {
        var layout = Sample();
        Assert.Equal([1, 2, 3, 4, 10, 11], layout.Blocks.Select(b => b.Line));
        var table = layout.Tables.First();
        Assert.Equal([4, 5, 6, 7, 8, 9], table.Rows().Select(r => r[0].Line));
    }

    [Fact]
    public void Grid_span_puts_following_cells_on_their_grid_column()
    {
        var table = Sample().Tables.First();
        var header = table.Rows()[0];
        Assert.Equal(["科目", "合计", "基本支出", "项目支出"], header.Select(c => c.Text));
        Assert.Equal([0, 2, 3, 4], header.Select(c => c.Column));
        Assert.Equal(2, header[0].ColumnSpan);
        Assert.Equal(5, table.ColumnCount);
    }

    [Fact]
    public void Vertical_merge_becomes_one_cell_with_a_row_span()
    {
        var table = Sample().Tables.First();
        var header = table.Rows()[0];
        Assert.All(header.Skip(1), c => Assert.Equal(2, c.RowSpan));
        Assert.Equal(1, header[0].RowSpan);
        // The continuation cells (bare <w:vMerge/> and val="continue" alike) produce nothing.
        Assert.Equal(["科目编码", "科目名称"], table.Rows()[1].Select(c => c.Text));
        Assert.Equal(6, table.RowCount);
    }

    [Fact]
    public void Code_rows_keep_codes_names_and_amounts_as_printed()
    {
        var rows = Sample().Tables.First().Rows();
        Assert.Equal(["2080505", "机关事业单位基本养老保险缴费支出", "115.02", "100.00", "15.02"], rows[5].Select(c => c.Text));
        Assert.Equal([0, 1, 2, 3, 4], rows[5].Select(c => c.Column));
    }

    [Fact]
    public void Cell_paragraphs_join_with_newlines_and_nested_tables_flatten_into_the_cell()
    {
        var table = Sample().Tables.Last();
        var first = table.Rows()[0];
        Assert.Equal("第一段\n第二段", first[0].Text);
        Assert.Equal("外层\n内表甲 内表乙\n内表丙", first[1].Text);
        var shifted = Assert.Single(table.Rows()[1]);
        Assert.Equal(("右移", 1), (shifted.Text, shifted.Column));
    }

    [Fact]
    public void Recognition_reads_the_expenditure_summary_from_the_layout()
    {
        var doc = Recognizer.Recognise(Sample());
        var table = doc.Table(TableKind.ExpenditureSummary);
        Assert.NotNull(table);
        Assert.Equal("部门预算支出总表", table.Title);
        Assert.Contains("合计", table.Columns);
        Assert.Contains("基本支出", table.Columns);
        Assert.Contains("项目支出", table.Columns);
        Assert.Equal(115.02m, table.Amount("合计", "合计"));
        Assert.Equal(100.00m, table.Amount("2080505", "基本支出"));
        Assert.Equal(15.02m, table.Amount("208", "项目支出"));
        Assert.Equal(["208", "20805", "2080505"], table.CodeRows.Select(r => r.Code));
        Assert.Equal("2080505", Assert.Single(table.Row("20805")!.Children).Code);
    }

    [Fact]
    public void Truncated_docx_is_reported_as_damaged_naming_the_file()
    {
        var bytes = DocxSamples.ExpenditureSummary();
        var truncated = bytes[..(bytes.Length / 2)];
        var ex = Assert.Throws<IntakeException>(() => DocxReader.Read(truncated, "残缺.docx"));
        Assert.Equal("残缺.docx", ex.FileName);
        Assert.Contains("DOCX 文件损坏或已加密", ex.Message);
        Assert.StartsWith("残缺.docx", ex.Message);
    }

    [Fact]
    public void A_zip_without_a_word_body_is_reported_not_thrown_raw()
    {
        var ex = Assert.Throws<IntakeException>(() => DocxReader.Read(OfficeBytes.PlainZip(), "压缩包.docx"));
        Assert.Equal("压缩包.docx", ex.FileName);
    }

    [Fact]
    public void Password_protected_docx_says_it_is_encrypted()
    {
        var encrypted = CompoundFileSample.With("EncryptionInfo", "EncryptedPackage");
        var ex = Assert.Throws<IntakeException>(() => DocxReader.Read(encrypted, "加密.docx"));
        Assert.Equal("加密.docx", ex.FileName);
        Assert.Contains("打开密码", ex.Problem);
        Assert.Contains("打开密码", Assert.Throws<IntakeException>(() => XlsxReader.Read(encrypted, "加密.xlsx")).Problem);
    }

    [Fact]
    public void Continuation_without_a_merge_above_keeps_its_text()
    {
        var bytes = DocxSamples.Build(body => body.Append(DocxSamples.Table(
            DocxSamples.Row(DocxSamples.Cell("甲"), DocxSamples.Cell("乙")),
            DocxSamples.Row(DocxSamples.Cell("丙"), DocxSamples.Cell("丁", vMergeContinue: true)))));
        var rows = DocxReader.Read(bytes, "不规范.docx").Tables.Single().Rows();
        Assert.Equal(["丙", "丁"], rows[1].Select(c => c.Text));
        Assert.Equal(1, rows[0][1].RowSpan);
    }

    [Fact]
    public void Embedded_alt_chunk_content_is_noted_as_unread()
    {
        var bytes = DocxSamples.Build(body =>
        {
            body.Append(DocxSamples.Para("部门预算支出总表"));
            body.Append(new DocumentFormat.OpenXml.Wordprocessing.AltChunk { Id = "chunk1" });
        });
        var layout = DocxReader.Read(bytes, "网页导出.docx");
        Assert.Single(layout.Paragraphs);
        var note = Assert.Single(layout.Notes);
        Assert.Contains("altChunk", note.Message);
        Assert.Equal(2, note.Provenance.Line);
    }
}
