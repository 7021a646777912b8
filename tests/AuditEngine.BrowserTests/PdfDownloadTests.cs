using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// Issue 19 items 2 and 3 in the browser: a scanned PDF is uploaded, a finding confirmed in the dashboard, then the
/// document's and the batch's PDF reports and the annotated source PDF (whole document and one finding) are
/// downloaded from their buttons and read back with pdftotext. Screenshots: TestResults/screenshots/4x-*.png; the PDFs
/// and their first pages as PNG: TestResults/downloads/.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class PdfDownloadTests(ServiceFixture service, ITestOutputHelper output)
{
    private const string Sample = "samples/generated/xinglong-2024.scan300.pdf";
    private const string BatchName = "PDF 报告测试批次";
    private const string Comment = "浏览器测试：已核对原件";
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(5);

    private Task ShotAsync(IPage page, string name) => service.ShotAsync(page, name, output, false);

    private async Task<byte[]> DownloadAsync(IPage page, ILocator button, string name)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());
        var path = Path.Combine(service.DownloadDirectory, name);
        await download.SaveAsAsync(path);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        // The first page as an image beside the PDF, to look at.
        Tool("pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-png", path, Path.ChangeExtension(path, null) + "-p1");
        output.WriteLine($"pdf: {path}");
        return bytes;
    }

    [Fact]
    public async Task Pdf_reports_and_the_annotated_pdf_download_from_the_dashboard_with_their_text()
    {
        await using var context = await service.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await page.GotoAsync($"{service.BaseUrl}/#/batches");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();
        var me = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"{service.BaseUrl}/api/me")).TextAsync()).RootElement;
        var organisation = me.GetProperty("organisation").GetString()!;
        var health = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync($"{service.BaseUrl}/api/health")).TextAsync()).RootElement;
        var version = health.GetProperty("ruleSetVersion").GetString()!;

        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Path.Combine(service.RepoRoot, Sample));
        await page.GetByLabel("批次名称（可选）").FillAsync(BatchName);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = (float)AuditTimeout.TotalMilliseconds });

        // The batch's PDF report: its cover names the organisation, the batch and the rule-set version.
        await Assertions.Expect(page.Locator("#batch-report-pdf")).ToBeVisibleAsync();
        await ShotAsync(page, "40-batch-pdf-button");
        var batchPdf = await DownloadAsync(page, page.Locator("#batch-report-pdf"), "batch-report.pdf");
        var cover = Compact(PdfText(batchPdf, 1));
        Assert.Contains(Compact(organisation), cover);
        Assert.Contains(Compact(BatchName), cover);
        Assert.Contains(version, cover);

        // Confirm the first finding that points at a place on the page, with a note.
        await page.Locator("#document-matrix tbody tr[data-document-id] th a").First.ClickAsync();
        var annotatedLink = page.Locator("#doc-findings article.finding a[data-act='annotated']").First;
        await annotatedLink.WaitForAsync();
        var card = page.Locator("#doc-findings article.finding").Filter(new() { Has = page.Locator("a[data-act='annotated']") }).First;
        var findingId = await card.GetAttributeAsync("data-finding-id");
        var ruleId = (await card.GetAttributeAsync("data-rule-id"))!;
        card = page.Locator($"article.finding[data-finding-id='{findingId}']");
        await card.GetByRole(AriaRole.Button, new() { Name = "审核" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "确认问题" }).ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "confirmed");
        await ShotAsync(page, "41-finding-annotated-link");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Assertions.Expect(page.Locator("#doc-annotated-pdf")).ToBeVisibleAsync();
        await ShotAsync(page, "42-document-pdf-buttons");

        // The document's PDF report carries every finding's rule and the confirmation with the reviewer.
        var docPdf = await DownloadAsync(page, page.Locator("#doc-report-pdf"), "document-report.pdf");
        var docText = Compact(PdfText(docPdf));
        var ruleIds = await page.Locator("#doc-findings article.finding[data-rule-id]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.ruleId)");
        Assert.NotEmpty(ruleIds);
        foreach (var id in ruleIds) Assert.Contains(id, docText);
        Assert.Contains("审核状态：已确认", docText);
        Assert.Contains("审核人：" + service.UserName, docText);
        Assert.Contains("审核状态：待审核", docText);

        // The annotated source: as many pages as the upload, the finding's note readable.
        var source = await File.ReadAllBytesAsync(Path.Combine(service.RepoRoot, Sample));
        var annotated = await DownloadAsync(page, page.Locator("#doc-annotated-pdf"), "annotated.pdf");
        Assert.Equal(Pages(source), Pages(annotated));
        var annotatedText = Compact(PdfText(annotated));
        Assert.Contains(ruleId, annotatedText);
        Assert.Contains("已确认", annotatedText);

        // …and from the finding card: that finding alone.
        var one = await DownloadAsync(page, card.Locator("a[data-act='annotated']"), "annotated-finding.pdf");
        Assert.Equal(Pages(source), Pages(one));
        var oneText = Compact(PdfText(one));
        Assert.Contains(ruleId, oneText);
        foreach (var other in ruleIds.Where(id => id != ruleId && !ruleId.Contains(id))) Assert.DoesNotContain(other, oneText);
    }

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static int Pages(byte[] pdf)
    {
        var info = WithFile(pdf, path => Tool("pdfinfo", path));
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string PdfText(byte[] pdf, int? page = null) => WithFile(pdf, path => page is { } p
        ? Tool("pdftotext", "-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture), "-enc", "UTF-8", path, "-")
        : Tool("pdftotext", "-enc", "UTF-8", path, "-"));

    private static string WithFile(byte[] pdf, Func<string, string> read)
    {
        var path = Path.Combine(Path.GetTempPath(), "auditengine-browser-pdf-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        File.WriteAllBytes(path, pdf);
        try { return read(path); }
        finally { File.Delete(path); }
    }

    private static string Tool(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{name} failed: {error.Result}");
        return text;
    }
}
