using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Reports.Pdf;

namespace AuditEngine.Tests.PdfOutput;

/// <summary>The PDF report of the scanned seed sample, read back with pdftotext and rendered with pdftoppm.</summary>
public sealed class PdfReportTests(ScanAudit audit) : IClassFixture<ScanAudit>
{
    private const string Organisation = "兴隆县医疗保障局审核组";
    private const string Batch = "2024年度预算公开第一批";

    /// <summary>The audit's findings with reviews: the first confirmed, the second dismissed with a reason, the rest open.</summary>
    private DocumentResult Reviewed()
    {
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));
        var findings = ReportText.Ordered(audit.Result.Findings).Select((f, i) => new Finding
        {
            RuleId = f.RuleId, RuleName = f.RuleName, Category = f.Category, Severity = f.Severity, Message = f.Message,
            Evidence = f.Evidence, Expected = f.Expected, Actual = f.Actual,
            Review = i switch
            {
                0 => new FindingReview(ReviewState.Confirmed, "张审核", at, null, "已核对原件"),
                1 => new FindingReview(ReviewState.Dismissed, "李复核", at.AddHours(1), "四舍五入差异", null),
                _ => FindingReview.None,
            },
        }).ToList();
        var r = audit.Result;
        return new DocumentResult
        {
            Source = r.Source, Department = r.Department, Year = r.Year, DocumentType = r.DocumentType, Tables = r.Tables,
            Findings = findings, ElapsedSeconds = r.ElapsedSeconds,
        };
    }

    private byte[] Write(DocumentResult result)
    {
        var info = ReportInfo.Now(audit.RuleSetVersion) with { Organisation = Organisation, Batch = Batch };
        using var output = new MemoryStream();
        ReportWriters.For(ReportFormat.Pdf, info).Write([result], output);
        return output.ToArray();
    }

    [Fact]
    public void Cover_names_organisation_batch_and_rule_set_version()
    {
        Assert.True(audit.Result.Findings.Count >= 3, "the scan sample should give several findings");
        var pdf = Write(Reviewed());
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        var cover = Poppler.Compact(Poppler.Text(pdf, page: 1));
        Assert.Contains("预决算公开审核报告", cover);
        Assert.Contains(Organisation, cover);
        Assert.Contains(Batch, cover);
        Assert.Contains(audit.RuleSetVersion, cover);
        // The cover is a page of its own: no finding's rule starts on it.
        Assert.DoesNotContain(audit.Result.Findings[0].RuleId, cover);
    }

    [Fact]
    public void Every_finding_appears_with_its_rule_and_review()
    {
        var result = Reviewed();
        var pdf = Write(result);
        var text = Poppler.Compact(Poppler.Text(pdf));
        foreach (var f in result.Findings) Assert.Contains(f.RuleId, text);
        Assert.Contains("审核状态：已确认", text);
        Assert.Contains("张审核", text);
        Assert.Contains("2026-03-0109:30:00+08:00", text);
        Assert.Contains("审核状态：已排除", text);
        Assert.Contains("理由：四舍五入差异", text);
        Assert.Contains("审核状态：待审核", text);
        Assert.Contains("兴隆县医疗保障局", text);
        Assert.Contains("部门清单", text);
        Assert.Contains("按问题类别", text);
    }

    [Fact]
    public void Summary_page_draws_the_severity_bars_and_the_findings_embed_crops()
    {
        var result = Reviewed();
        var pdf = Write(result);
        var pages = Poppler.Pages(pdf);
        Assert.True(pages >= 3);
        // Pages after the cover are numbered in the footer; the cover is not.
        Assert.Contains($"第2页/共{pages}页", Poppler.Compact(Poppler.Text(pdf, page: 2)));
        Assert.DoesNotContain("第1页/共", Poppler.Compact(Poppler.Text(pdf, page: 1)));
        // The summary (page 2) has a bar per severity; this result has warnings (amber) and notes (blue) but no errors.
        var summary = Poppler.Render(pdf, 2, 72);
        Assert.True(CountColour(summary, (0xe6, 0x95, 0x00)) > 50, "no warning bar");
        Assert.True(CountColour(summary, (0x15, 0x65, 0xc0)) > 50, "no info bar");
        // One finding is confirmed: the review chart's confirmed bar is red.
        Assert.True(CountColour(summary, (0xc6, 0x28, 0x28)) > 50, "no confirmed bar");
        // Crops of the scan are embedded as images: the PDF carries image XObjects.
        Assert.Contains("/Subtype /Image", System.Text.Encoding.Latin1.GetString(pdf).Replace("/Subtype/Image", "/Subtype /Image"));
    }

    private static int CountColour(RgbImage image, (int R, int G, int B) colour)
    {
        var n = 0;
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image.At(x, y);
                if (Math.Abs(r - colour.R) < 12 && Math.Abs(g - colour.G) < 12 && Math.Abs(b - colour.B) < 12) n++;
            }
        return n;
    }
}
