using AuditEngine.Intake;
using AuditEngine.Intake.Pdf;
using AuditEngine.Model;
using AuditEngine.Recognition;
using Xunit.Abstractions;

namespace AuditEngine.Tests.Pdf;

public class PdfReaderTests(PdfTestDocuments documents, ITestOutputHelper output) : IClassFixture<PdfTestDocuments>
{
    private Layout Read()
    {
        var layout = PdfReader.Read(documents.Budget, "预算公开.pdf");
        foreach (var b in layout.Blocks)
        {
            if (b is Paragraph p) output.WriteLine($"[p{p.Page}] {p.Text}");
            else if (b is LayoutTable t)
            {
                output.WriteLine($"[p{t.Page}] table {t.RowCount}x{t.ColumnCount}");
                foreach (var r in t.Rows()) output.WriteLine("   | " + string.Join(" | ", r.Select(c => c.Text)));
            }
        }
        return layout;
    }

    [Fact]
    public void Ruled_table_keeps_every_cell_and_the_merged_header()
    {
        var layout = Read();
        var table = layout.Tables.First();
        Assert.Equal(6, table.RowCount);
        Assert.Equal(4, table.ColumnCount);
        string Cell(int row, int column) => Assert.Single(table.Cells, c => c.Row == row && c.Column == column).Text;

        var merged = Assert.Single(table.Cells, c => c.Text == "本年预算");
        Assert.Equal((0, 1, 2, 1), (merged.Row, merged.Column, merged.ColumnSpan, merged.RowSpan));
        var item = Assert.Single(table.Cells, c => c.Text == "项目");
        Assert.Equal((0, 0, 2), (item.Row, item.Column, item.RowSpan));
        Assert.Equal(2, Assert.Single(table.Cells, c => c.Text == "备注").RowSpan);
        Assert.Equal("金额", Cell(1, 1));
        Assert.Equal("比上年", Cell(1, 2));
        string[][] body =
        [
            ["一般公共预算拨款收入", "4230.21", "12.50", "财政拨款"],
            ["事业收入", "318.00", "-3.20", "无"],
            ["其他收入", "0.00", "0.00", ""],
            ["收入总计", "4548.21", "9.30", "合计"],
        ];
        for (var r = 0; r < body.Length; r++)
            for (var c = 0; c < 4; c++)
                Assert.Equal(body[r][c], Cell(r + 2, c));

        Assert.All(table.Cells, c =>
        {
            Assert.Equal(1, c.Page);
            Assert.Equal(1.0, c.Confidence);
            Assert.NotNull(c.Box);
        });
        var page = layout.Pages[0];
        Assert.Equal((1, false), (page.Number, page.Scanned));
        Assert.InRange(page.Width, 590, 600);
        Assert.InRange(page.Height, 838, 845);
    }

    [Fact]
    public void Title_precedes_its_table_and_page_numbers_are_dropped()
    {
        var layout = Read();
        var blocks = layout.Blocks;
        var first = blocks.FindIndex(b => b is LayoutTable);
        Assert.Contains(blocks.Take(first).OfType<Paragraph>(), p => p.Text == "部门预算收支总表");
        Assert.DoesNotContain(layout.Paragraphs, p => p.Text.Replace(" ", "") is "-1-" or "-2-");
        Assert.Contains(layout.Paragraphs, p => p.Text == "说明：以上数据为预算数。");
    }

    [Fact]
    public void Split_table_continues_under_running_headers_only()
    {
        var layout = Read();
        var tables = layout.Tables.ToList();
        Assert.Equal(3, tables.Count);
        var (head, tail) = (tables[1], tables[2]);
        Assert.Equal((1, 2), (head.Page, tail.Page));
        var between = layout.Blocks.SkipWhile(b => b != head).Skip(1).TakeWhile(b => b != tail).ToList();
        Assert.All(between, b => Assert.True(b is Paragraph p && TableTitles.IsRunningHeader(p.Text), $"unexpected block between the pages: {b}"));

        // Every data row of the split table, in order, across both pages; the repeated header opens both parts.
        Assert.Equal(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], head.Rows()[0].Select(c => c.Text));
        Assert.Equal(["科目编码", "科目名称", "合计", "基本支出", "项目支出"], tail.Rows()[0].Select(c => c.Text));
        var data = head.Rows().Skip(1).Concat(tail.Rows().Skip(1)).ToList();
        Assert.Equal(PdfTestDocuments.SplitTableRows, data.Count);
        for (var i = 0; i < data.Count; i++)
        {
            var (code, name, basic, project) = PdfTestDocuments.SplitRow(i);
            Assert.Equal([code, name, PdfTestDocuments.Amount(basic + project), PdfTestDocuments.Amount(basic), PdfTestDocuments.Amount(project)],
                data[i].Select(c => c.Text));
        }
    }

    [Fact]
    public void Recognition_merges_the_split_table_into_one_budget_table()
    {
        var disclosure = Recognizer.Recognise(Read());
        var table = Assert.Single(disclosure.Tables, t => t.Kind == TableKind.ExpenditureSummary);
        Assert.Equal("部门预算支出总表", table.Title);
        Assert.Equal(PdfTestDocuments.SplitTableRows, table.Rows.Count);
        var (code, _, basic, project) = PdfTestDocuments.SplitRow(PdfTestDocuments.SplitTableRows - 1);
        var last = table.Rows[^1];
        Assert.Equal(code, last.Code);
        Assert.Equal(basic, last.Amount("基本支出"));
        Assert.Equal(project, last.Amount("项目支出"));
        Assert.Equal(basic + project, last.Amount("合计"));
    }

    [Fact]
    public void Encrypted_pdf_is_refused_with_the_file_name()
    {
        var e = Assert.Throws<IntakeException>(() => PdfReader.Read(documents.Encrypted, "加密.pdf"));
        Assert.Contains("加密.pdf", e.Message);
        Assert.Contains("加密", e.Problem);
    }

    [Fact]
    public void Truncated_pdf_is_refused_with_the_file_name()
    {
        var bytes = documents.Budget[..(documents.Budget.Length / 2)];
        var e = Assert.Throws<IntakeException>(() => PdfReader.Read(bytes, "截断.pdf"));
        Assert.Contains("截断.pdf", e.Message);
        Assert.Contains("不完整", e.Problem);
    }

    [Fact]
    public void Pdf_with_a_damaged_body_is_refused_with_the_file_name()
    {
        // Header and end marker intact, everything between overwritten: only poppler can tell.
        var bytes = (byte[])documents.Budget.Clone();
        for (var i = 16; i < bytes.Length - 16; i++) bytes[i] = (byte)'x';
        var e = Assert.Throws<IntakeException>(() => PdfReader.Read(bytes, "损坏.pdf"));
        Assert.Contains("损坏.pdf", e.Message);
    }

    [Fact]
    public void Html_saved_as_pdf_is_named_for_what_it_is()
    {
        var bytes = "<!DOCTYPE html><html><head><title>404</title></head><body>页面不存在</body></html>"u8.ToArray();
        var e = Assert.Throws<IntakeException>(() => PdfReader.Read(bytes, "下载.pdf"));
        Assert.Contains("下载.pdf", e.Message);
        Assert.Contains("HTML", e.Problem);
    }

    [Fact]
    public void Empty_file_is_refused_with_the_file_name()
    {
        var e = Assert.Throws<IntakeException>(() => PdfReader.Read([], "空.pdf"));
        Assert.Contains("空.pdf", e.Message);
        Assert.Contains("0 字节", e.Problem);
    }

    [Fact]
    public void Unruled_table_is_read_by_column_alignment()
    {
        var layout = PdfReader.Read(documents.Unruled, "三公.pdf");
        var table = Assert.Single(layout.Tables);
        Assert.Equal(4, table.ColumnCount);
        var rows = table.Rows().Select(r => r.Select(c => c.Text).ToArray()).ToList();
        Assert.Contains(["公务用车购置及运行维护费", "30.45", "28.00", "2.45"], rows);
        Assert.Contains(["合计", "50.65", "52.50", "-1.85"], rows);
        Assert.Equal(["项目", "2025年", "2024年", "增减"], rows[0]);
        Assert.Equal("财政拨款“三公”经费支出表", Assert.IsType<Paragraph>(layout.Blocks[0]).Text);
        Assert.Equal("三公经费比上年减少，主要原因是压减出国任务。", Assert.IsType<Paragraph>(layout.Blocks[^1]).Text);
    }
}
