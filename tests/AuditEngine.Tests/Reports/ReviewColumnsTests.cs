using System.Text;
using System.Text.Json;
using AuditEngine.Model;
using AuditEngine.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Tests.Reports;

/// <summary>
/// Every format carries each finding's review. A CLI report has none: the columns are there and say open (待审核);
/// a reviewed finding's state, reviewer, time, reason and note come out in every format and back from the JSON.
/// </summary>
public class ReviewColumnsTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly FindingReview Dismissed = new(ReviewState.Dismissed, "zhang", At, "附注已说明", "见第3页");

    /// <summary>The sample results with their first finding dismissed.</summary>
    private static List<DocumentResult> Reviewed()
    {
        var results = SampleResults.Build();
        var first = results[0].Findings[0];
        results[0].Findings[0] = new Finding
        {
            RuleId = first.RuleId, RuleName = first.RuleName, Category = first.Category, Severity = first.Severity,
            Message = first.Message, Evidence = first.Evidence, Expected = first.Expected, Actual = first.Actual, Review = Dismissed,
        };
        return results;
    }

    private static byte[] Render(ReportFormat format, List<DocumentResult> results)
    {
        using var stream = new MemoryStream();
        ReportWriters.For(format, new ReportInfo(At, "test")).Write(results, stream);
        return stream.ToArray();
    }

    private static List<string[]> CsvLines(byte[] bytes) =>
        // The sample's tricky message holds a quoted line break; the review columns are read from simple rows only.
        Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.Contains('"')).Select(l => l.Split(',')).ToList();

    private static string Field(string[] line, string key) => line[FindingRows.Keys.ToList().IndexOf(key)];

    [Fact]
    public void A_cli_csv_has_the_review_columns_open_and_empty()
    {
        var lines = CsvLines(Render(ReportFormat.Csv, SampleResults.Build()));
        Assert.Equal(FindingRows.Keys.TakeLast(5), lines[0].TakeLast(5));
        Assert.Equal(["reviewStatus", "reviewer", "reviewedAt", "reviewReason", "reviewComment"], lines[0].TakeLast(5));
        Assert.All(lines.Skip(1), l => Assert.Equal(["open", "", "", "", ""], l.TakeLast(5)));
    }

    [Fact]
    public void A_reviewed_finding_shows_its_review_in_csv()
    {
        var line = CsvLines(Render(ReportFormat.Csv, Reviewed())).Single(l => l.Contains("dismissed"));
        Assert.Equal(("balance.summary-total", "zhang", "2026-03-01 09:30:00 +08:00", "附注已说明", "见第3页"),
            (Field(line, "ruleId"), Field(line, "reviewer"), Field(line, "reviewedAt"), Field(line, "reviewReason"), Field(line, "reviewComment")));
    }

    [Fact]
    public void The_findings_sheet_ends_with_the_review_in_chinese()
    {
        using var stream = new MemoryStream(Render(ReportFormat.Xlsx, Reviewed()));
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == XlsxReportWriter.FindingsSheet);
        var rows = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        Assert.Equal(["审核状态", "审核人", "审核时间", "审核理由", "审核备注"], rows[0].TakeLast(5));
        Assert.Equal(["已排除", "zhang", "2026-03-01 09:30:00 +08:00", "附注已说明", "见第3页"], rows[1].TakeLast(5));
        Assert.All(rows.Skip(2), r => Assert.Equal("待审核", r[FindingRows.ChineseHeaders.ToList().IndexOf("审核状态")]));
    }

    [Fact]
    public void The_json_report_carries_the_review_and_reads_it_back()
    {
        var bytes = Render(ReportFormat.Json, Reviewed());
        using var json = JsonDocument.Parse(bytes);
        var findings = json.RootElement.GetProperty("documents")[0].GetProperty("findings");
        var review = findings[0].GetProperty("review");
        Assert.Equal(("dismissed", "已排除", "zhang", "附注已说明"),
            (review.GetProperty("status").GetString(), review.GetProperty("statusName").GetString(), review.GetProperty("reviewer").GetString(),
             review.GetProperty("reason").GetString()));
        var open = findings[1].GetProperty("review");
        Assert.Equal(("open", JsonValueKind.Null), (open.GetProperty("status").GetString(), open.GetProperty("reviewer").ValueKind));

        var back = JsonReport.Read(new MemoryStream(bytes)).Documents[0].Findings;
        Assert.Equal(Dismissed, back[0].Review);
        Assert.Equal(FindingReview.None, back[1].Review);
    }

    [Fact]
    public void A_report_written_before_reviews_reads_as_open()
    {
        var old = """{"documents":[{"source":"a.txt","findings":[{"ruleId":"R","category":"extraction","categoryName":"识别问题","severity":"info","message":"m"}]}]}""";
        var finding = JsonReport.Read(new MemoryStream(Encoding.UTF8.GetBytes(old))).Documents[0].Findings.Single();
        Assert.Equal(FindingReview.None, finding.Review);
    }

    [Fact]
    public void The_html_report_shows_each_findings_review()
    {
        var html = Encoding.UTF8.GetString(Render(ReportFormat.Html, Reviewed()));
        Assert.Contains("<span class=\"review-state dismissed\">已排除</span>　审核人：zhang　审核时间：2026-03-01 09:30:00 +08:00　理由：附注已说明　备注：见第3页", html);
        Assert.Equal(SampleResults.FindingCount - 1, html.Split("<span class=\"review-state open\">待审核</span>").Length - 1);
        // The summary by document counts the triage.
        var first = SampleResults.Build()[0].Findings.Count;
        Assert.Contains($"<td class=\"triage\">待审核 {first - 1} · 已排除 1</td>", html);
    }
}
