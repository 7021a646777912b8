using AuditEngine.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace AuditEngine.Tests.Reports;

public class XlsxReportTests
{
    private static MemoryStream Render()
    {
        var stream = new MemoryStream();
        ReportWriters.For(ReportFormat.Xlsx).Write(SampleResults.Build(), stream);
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Passes_openxml_validation()
    {
        using var stream = Render();
        using var document = SpreadsheetDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).ToList();
        Assert.True(errors.Count == 0,
            string.Join("\n", errors.Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}")));
    }

    [Fact]
    public void Has_summary_and_findings_sheets_with_right_row_counts()
    {
        using var stream = Render();
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal([XlsxReportWriter.SummarySheet, XlsxReportWriter.FindingsSheet], sheets.Select(s => s.Name!.Value));

        int Rows(Sheet sheet) =>
            ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().Count();

        var results = SampleResults.Build();
        Assert.Equal(1 + results.Count, Rows(sheets[0]));
        Assert.Equal(1 + SampleResults.FindingCount, Rows(sheets[1]));
    }

    [Fact]
    public void Header_row_is_bold_and_frozen()
    {
        using var stream = Render();
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var stylesheet = workbook.WorkbookStylesPart!.Stylesheet;
        foreach (var part in workbook.WorksheetParts)
        {
            var pane = part.Worksheet.Descendants<Pane>().Single();
            Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
            Assert.Equal("A2", pane.TopLeftCell!.Value);

            var header = part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().First();
            foreach (var cell in header.Elements<Cell>())
            {
                var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)cell.StyleIndex!.Value);
                var font = stylesheet.Fonts!.Elements<Font>().ElementAt((int)format.FontId!.Value);
                Assert.NotNull(font.Bold);
            }
            Assert.NotNull(part.Worksheet.GetFirstChild<Columns>());
        }
    }

    [Fact]
    public void Findings_sheet_holds_the_chinese_message()
    {
        using var stream = Render();
        using var document = SpreadsheetDocument.Open(stream, false);
        var texts = document.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Text>()).Select(t => t.Text);
        Assert.Contains(SampleResults.ChineseMessage, texts);
    }

    [Fact]
    public void Both_sheets_show_the_document_type_beside_department_and_year()
    {
        using var stream = Render();
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        // Every row writes every cell (an empty value is an empty cell), so cell positions are column positions.
        List<List<string>> Rows(string name)
        {
            var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
            return ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        }

        var summary = Rows(XlsxReportWriter.SummarySheet);
        var typeColumn = summary[0].IndexOf("文件类型");
        Assert.Equal(summary[0].IndexOf("年度") + 1, typeColumn);
        Assert.Equal(["部门预算", "未识别", "单位决算"], summary.Skip(1).Select(r => r[typeColumn]));

        var findings = Rows(XlsxReportWriter.FindingsSheet);
        Assert.Equal(["文件", "部门", "年度", "文件类型"], findings[0].Take(4));
        Assert.Equal(["部门预算", "部门预算", "部门预算", "单位决算"], findings.Skip(1).Select(r => r[3]));
    }

    [Fact]
    public void Writes_to_a_stream_that_cannot_seek()
    {
        using var sink = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(sink);
        ReportWriters.For(ReportFormat.Xlsx).Write(SampleResults.Build(), forwardOnly);
        Assert.True(sink.Length > 0);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(701, "ZZ")]
    public void Column_names(int index, string name) => Assert.Equal(name, XlsxReportWriter.ColumnName(index));

    /// <summary>Like stdout: write-only, no seeking.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
