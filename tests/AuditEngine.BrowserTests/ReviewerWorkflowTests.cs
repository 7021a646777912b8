using AuditEngine.TestSupport;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// Issue 19 in the browser: the severity strip's legend, the HTML report opening in a tab, a finding dismissed in the
/// dashboard and then found with its status and reason in the CSV report and the triage history the dashboard links
/// to, and the rules table's header on one line. Screenshots: TestResults/screenshots/3x-*.png.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class ReviewerWorkflowTests(ServiceFixture service, ITestOutputHelper output)
{
    private const string Seed = "samples/seeds/xushui-2022.txt";
    private const string Reason = "浏览器测试：附注已说明，核对无误";
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(5);

    private Task ShotAsync(IPage page, string name, bool fullPage = true) => service.ShotAsync(page, name, output, fullPage);

    private async Task<IPage> LoggedInPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, msg) => { if (msg.Type is "error" or "warning") output.WriteLine($"[console {msg.Type}] {msg.Text}"); };
        await page.GotoAsync($"{service.BaseUrl}/#/batches");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();
        return page;
    }

    [Fact]
    public async Task A_finding_dismissed_in_the_dashboard_is_in_the_csv_report_and_the_triage_history()
    {
        await using var context = await service.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true,
        });
        var page = await LoggedInPageAsync(context);

        // Upload the seed and wait for its audit on the batch overview.
        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Path.Combine(service.RepoRoot, Seed));
        await page.GetByLabel("批次名称（可选）").FillAsync("审核导出测试批次");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = (float)AuditTimeout.TotalMilliseconds });

        // The strip has a legend: each severity's name beside a swatch of the strip's colour for it.
        var legend = page.Locator("#severity-legend");
        await Assertions.Expect(legend).ToContainTextAsync("错误");
        await Assertions.Expect(legend).ToContainTextAsync("警告");
        await Assertions.Expect(legend).ToContainTextAsync("提示");
        foreach (var severity in new[] { "error", "warning", "info" })
        {
            var swatch = await legend.Locator($"li[data-severity='{severity}'] .swatch")
                .EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
            var fill = await page.EvaluateAsync<string>(
                "sev => { const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg'); svg.setAttribute('class', 'strip');" +
                " const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect'); r.setAttribute('class', 'strip-sev-' + sev); svg.append(r);" +
                " document.body.append(svg); const c = getComputedStyle(r).fill; svg.remove(); return c; }", severity);
            Assert.Equal(fill, swatch);
        }
        var colours = await legend.Locator(".swatch").EvaluateAllAsync<string[]>("es => es.map(e => getComputedStyle(e).backgroundColor)");
        Assert.Equal(3, colours.Distinct().Count());
        await legend.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "30-severity-legend", fullPage: false);

        // The HTML report opens in a new tab as a page (an attachment would be a download and leave the tab empty).
        var popup = await page.RunAndWaitForPopupAsync(() => page.Locator("#batch-report-html").ClickAsync());
        await popup.WaitForLoadStateAsync();
        await Assertions.Expect(popup.Locator("h1")).ToHaveTextAsync("预决算公开审核报告");
        await Assertions.Expect(popup.Locator(".review-state").First).ToHaveTextAsync("待审核");
        await ShotAsync(popup, "31-html-report-inline", fullPage: false);
        await popup.CloseAsync();

        // Dismiss a finding on the document page, with a reason.
        await page.Locator("#document-matrix tbody tr[data-document-id] th a").First.ClickAsync();
        var card = page.Locator("#doc-findings article.finding[data-rule-id]").First;
        await card.WaitForAsync();
        var findingId = await card.GetAttributeAsync("data-finding-id");
        var ruleId = await card.GetAttributeAsync("data-rule-id");
        card = page.Locator($"article.finding[data-finding-id='{findingId}']");
        await card.GetByRole(AriaRole.Button, new() { Name = "审核" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "排除…" }).ClickAsync();
        await card.GetByLabel("排除理由（必填）").FillAsync(Reason);
        await card.GetByRole(AriaRole.Button, new() { Name = "确认排除" }).ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "dismissed");
        await card.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "32-finding-dismissed", fullPage: false);

        // The document's CSV report carries the decision on the finding's row.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#doc-report-csv").ClickAsync());
        var csvPath = Path.Combine(service.DownloadDirectory, "document-report.csv");
        await download.SaveAsAsync(csvPath);
        var rows = Csv.Rows(await File.ReadAllTextAsync(csvPath, Encoding.UTF8));
        var dismissed = Assert.Single(rows, r => r["reviewStatus"] == "dismissed");
        Assert.Equal((ruleId, Reason, service.UserName), (dismissed["ruleId"], dismissed["reviewReason"], dismissed["reviewer"]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$", dismissed["reviewedAt"]);
        Assert.Contains(rows, r => r["reviewStatus"] == "open" && r["reviewReason"] == "");
        output.WriteLine($"csv: {csvPath}, {rows.Count} rows");

        // The batch overview links the triage history: the dismissal, from open to dismissed, with the reason.
        await page.GoBackAsync();
        await page.Locator("#batch-history-csv").WaitForAsync();
        var historyDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#batch-history-csv").ClickAsync());
        var historyPath = Path.Combine(service.DownloadDirectory, "triage-history.csv");
        await historyDownload.SaveAsAsync(historyPath);
        var history = Csv.Rows(await File.ReadAllTextAsync(historyPath, Encoding.UTF8));
        var decision = Assert.Single(history);
        Assert.Equal((findingId, "dismiss", "open", "dismissed", Reason, service.UserName),
            (decision["findingId"], decision["action"], decision["fromStatus"], decision["toStatus"], decision["reason"], decision["user"]));
        await ShotAsync(page, "33-batch-history-link", fullPage: false);

        // The rules table at a laptop's width: every header cell stays on one line.
        await page.SetViewportSizeAsync(1024, 768);
        await page.GotoAsync($"{service.BaseUrl}/#/rules");
        await page.Locator("#rules-table tbody tr[data-rule-id]").First.WaitForAsync();
        var lines = await page.Locator("#rules-table thead th").EvaluateAllAsync<int[]>(
            "ths => ths.map(th => { const r = document.createRange(); r.selectNodeContents(th);" +
            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })");
        Assert.NotEmpty(lines);
        Assert.All(lines, n => Assert.Equal(1, n));
        // …and the table still fits its column: no header pushed out of sight to the right.
        var overflow = await page.Locator("#rules-table").EvaluateAsync<int>("t => t.parentElement.scrollWidth - t.parentElement.clientWidth");
        Assert.True(overflow <= 0, $"the rules table is {overflow}px wider than its frame");
        await ShotAsync(page, "34-rules-header", fullPage: false);
    }

}
