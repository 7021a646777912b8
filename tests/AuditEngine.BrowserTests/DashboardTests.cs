using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// The reviewer's path through the dashboard in a real browser against the real service: log in, upload a seed, wait for
/// the audit, open the 网络安全事故 finding's evidence, dismiss another finding with a reason, export XLSX and read it.
/// Every step leaves a screenshot in TestResults/screenshots/.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class DashboardTests(ServiceFixture service, ITestOutputHelper output)
{
    private const string Seed = "samples/seeds/jiaozuo-2025.ocr.md";
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(5);

    private async Task<IPage> NewPageAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, msg) => { if (msg.Type is "error" or "warning") output.WriteLine($"[console {msg.Type}] {msg.Text}"); };
        page.PageError += (_, err) => output.WriteLine($"[page error] {err}");
        return page;
    }

    private Task ShotAsync(IPage page, string name, bool fullPage = true) => service.ShotAsync(page, name, output, fullPage);

    private async Task LogInAsync(IPage page)
    {
        await page.GotoAsync($"{service.BaseUrl}/#/batches");
        await page.GetByLabel("用户名").WaitForAsync();
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();
    }

    /// <summary>Any type's Chinese name, or the page's wording for none.</summary>
    private static readonly Regex DocumentTypeText = new("部门预算|单位预算|部门决算|单位决算|空白模板|非预决算公开文件|未识别");

    [Fact]
    public async Task ReviewerUploadsTriagesAndExports()
    {
        await using var context = await service.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = "zh-CN",
            AcceptDownloads = true,
        });
        var page = await NewPageAsync(context);

        // 1. Log in: a wrong password is refused, the right one opens the batch list.
        await page.GotoAsync($"{service.BaseUrl}/");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync("wrong-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("用户名或密码错误");
        await ShotAsync(page, "01-login-refused");
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();
        await ShotAsync(page, "02-batches-empty");

        // 2. Upload the seed through the file input (the drop zone's label) and watch its progress bar reach 100%.
        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Path.Combine(service.RepoRoot, Seed));
        await page.GetByLabel("批次名称（可选）").FillAsync("浏览器测试批次");
        await Assertions.Expect(page.Locator(".file-item")).ToHaveCountAsync(1);
        await ShotAsync(page, "03-upload-selected");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").WaitForAsync();
        await Assertions.Expect(page.Locator(".file-item .progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await ShotAsync(page, "04-uploaded");

        // 3. The batch overview polls until the document is audited.
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#document-matrix tbody tr[data-document-id]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = (float)AuditTimeout.TotalMilliseconds });
        await Assertions.Expect(page.Locator("#department-table")).ToContainTextAsync("焦作市医疗保障局");
        // The document type sits beside department and year; which type is recognition's business.
        await Assertions.Expect(page.Locator("#document-matrix thead")).ToContainTextAsync("文件类型");
        await Assertions.Expect(page.Locator("#document-matrix td.doc-type")).ToHaveTextAsync(DocumentTypeText);
        await Assertions.Expect(page.Locator("svg.chart")).ToContainTextAsync("绩效指标不合理");
        var batchUrl = page.Url;
        var batchId = Regex.Match(batchUrl, "#/batches/([^/?]+)").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(batchId), batchUrl);
        await ShotAsync(page, "05-batch-overview");

        // 4. The document: the finding about 网络安全事故 with its evidence (the indicator row of the 绩效目标表).
        await page.Locator("#document-matrix tbody tr[data-document-id] th a").ClickAsync();
        await page.Locator("#doc-findings article.finding").First.WaitForAsync();
        await Assertions.Expect(page.Locator("#doc-meta")).ToContainTextAsync(DocumentTypeText);
        var network = page.Locator("article.finding", new() { HasText = "网络安全事故" });
        await Assertions.Expect(network).ToHaveCountAsync(1);
        await Assertions.Expect(network).ToHaveAttributeAsync("data-rule-id", "II-NEGATIVE-COUNT-PERCENT");
        await Assertions.Expect(network).ToHaveAttributeAsync("data-severity", "error");
        await network.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^证据") }).ClickAsync();
        var evidence = network.Locator(".evidence");
        await Assertions.Expect(evidence).ToBeVisibleAsync();
        await Assertions.Expect(evidence).ToContainTextAsync("网络安全事故发生数");
        await Assertions.Expect(evidence).ToContainTextAsync("≤90%");
        await Assertions.Expect(evidence.Locator(".evidence-rows")).Not.ToContainTextAsync("正在载入");
        await network.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "06-document-evidence", fullPage: false);
        await network.ScreenshotAsync(new() { Path = Path.Combine(service.ScreenshotDirectory, "06b-evidence-card.png") });

        // 5. Dismiss another finding: the reason is required, then the status and the history show it.
        var other = page.Locator("#doc-findings article.finding[data-rule-id]:not([data-rule-id='II-NEGATIVE-COUNT-PERCENT'])").First;
        var otherId = await other.GetAttributeAsync("data-finding-id");
        Assert.False(string.IsNullOrEmpty(otherId));
        var card = page.Locator($"article.finding[data-finding-id='{otherId}']");
        await card.GetByRole(AriaRole.Button, new() { Name = "审核" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "排除…" }).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "确认排除" }).ClickAsync();
        await Assertions.Expect(card.Locator(".review [role=alert]")).ToContainTextAsync("理由");
        await card.GetByLabel("排除理由（必填）").FillAsync("OCR 识别造成的表头缺列，已与原件核对无误");
        await card.GetByRole(AriaRole.Button, new() { Name = "确认排除" }).ClickAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "dismissed");
        await Assertions.Expect(card.Locator(".history")).ToContainTextAsync("排除");
        await Assertions.Expect(card.Locator(".history")).ToContainTextAsync("已与原件核对无误");
        await card.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "07-finding-dismissed", fullPage: false);

        // Keyboard: j moves the focus to the next finding card.
        await page.Locator("#doc-findings article.finding").First.FocusAsync();
        await page.Keyboard.PressAsync("j");
        var focusedIsCard = await page.EvaluateAsync<bool>("() => document.activeElement.matches('article.finding') && document.activeElement !== document.querySelector('#doc-findings article.finding')");
        Assert.True(focusedIsCard, "j 应把焦点移到下一条问题");

        // 6. Findings of the batch, filtered by status in a shareable URL; then all of them exported to XLSX.
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}&status=dismissed");
        await Assertions.Expect(page.Locator("#findings-count")).ToContainTextAsync("共 1 条");
        await Assertions.Expect(page.Locator("#fl-status-dismissed")).ToBeCheckedAsync();
        await ShotAsync(page, "08-findings-dismissed-filter");
        await page.GetByRole(AriaRole.Button, new() { Name = "清除筛选" }).ClickAsync();
        await Assertions.Expect(page.Locator("#findings-count")).Not.ToContainTextAsync("共 1 条");
        var totalText = await page.Locator("#findings-count").InnerTextAsync();
        var total = int.Parse(Regex.Match(totalText, @"共 (\d+) 条").Groups[1].Value);
        Assert.True(total >= 10, totalText);
        await ShotAsync(page, "09-findings-all", fullPage: false);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        var xlsx = Path.Combine(service.DownloadDirectory, "findings.xlsx");
        await download.SaveAsAsync(xlsx);
        var cells = ReadAllCells(xlsx);
        Assert.Contains(cells, c => c.Contains("网络安全事故发生数"));
        Assert.Contains(cells, c => c.Contains("II-NEGATIVE-COUNT-PERCENT"));
        Assert.Contains(cells, c => c.Contains("焦作市医疗保障局"));
        output.WriteLine($"xlsx: {xlsx}, {cells.Count} non-empty cells, {total} findings listed");

        // 7. Rule catalogue and one rule's JSON.
        await page.GetByRole(AriaRole.Link, new() { Name = "规则目录" }).ClickAsync();
        var ruleRow = page.Locator("#rules-table tr[data-rule-id='II-NEGATIVE-COUNT-PERCENT']");
        await Assertions.Expect(ruleRow).ToContainTextAsync("1");
        await ShotAsync(page, "10-rules");
        await ruleRow.GetByRole(AriaRole.Link, new() { Name = "II-NEGATIVE-COUNT-PERCENT", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("pre.code")).ToContainTextAsync("\"RuleName\"");
        await ShotAsync(page, "11-rule-json");

        // 8. Log out: the dashboard asks for the login again.
        await page.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await page.GetByLabel("用户名").WaitForAsync();
        await ShotAsync(page, "12-logged-out");
    }

    [Fact]
    public async Task DeepLinkAsksForLoginAndReturns()
    {
        await using var context = await service.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await NewPageAsync(context);
        await page.GotoAsync($"{service.BaseUrl}/#/rules?severity=error");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#rules-table").WaitForAsync();
        Assert.Contains("#/rules?severity=error", page.Url);
        await Assertions.Expect(page.Locator("#rl-severity-error")).ToBeCheckedAsync();
        // A rule whose severity the figures decide lists its worst severity, plus a 视情况而定 badge beside it.
        var severities = await page.Locator("#rules-table tbody tr[data-rule-id] .badge:not(.sev-dynamic)").AllInnerTextsAsync();
        Assert.NotEmpty(severities);
        Assert.All(severities, s => Assert.Equal("错误", s));
    }

    [Fact]
    public async Task EveryPageRunsUnderTheContentSecurityPolicyAndAdminsSeeTheAccountsPage()
    {
        await using var context = await service.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await NewPageAsync(context);
        // The browser reports what the policy blocked on the console; nothing may be blocked.
        var violations = new List<string>();
        page.Console += (_, msg) => { if (msg.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(msg.Text); };
        await LogInAsync(page);
        foreach (var (route, ready) in new[]
        {
            ("#/findings", "#findings-list, .finding-list, main h1"), ("#/rules", "#rules-table"), ("#/upload", "main h1"), ("#/password", "#password-current"),
            ("#/users", "#users-table"),
        })
        {
            await page.GotoAsync($"{service.BaseUrl}/{route}");
            await page.Locator(ready).First.WaitForAsync();
        }
        await Assertions.Expect(page.Locator("#nav-users")).ToBeVisibleAsync();
        var self = page.Locator($"#users-table tr[data-user='{service.UserName}']");
        await Assertions.Expect(self).ToContainTextAsync("当前账号");
        await Assertions.Expect(self.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        await page.Locator("#keys-table").WaitForAsync();
        await ShotAsync(page, "20-users-and-keys");
        Assert.Empty(violations);
    }

    /// <summary>Every non-empty cell text of every sheet, shared strings and inline strings resolved.</summary>
    private static List<string> ReadAllCells(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var cells = new List<string>();
        foreach (var sheetPart in wb.WorksheetParts)
        {
            foreach (var cell in sheetPart.Worksheet.Descendants<Cell>())
            {
                string text = cell.DataType?.Value == CellValues.SharedString
                    ? shared[int.Parse(cell.CellValue!.Text)]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "";
                if (!string.IsNullOrWhiteSpace(text)) cells.Add(text);
            }
        }
        return cells;
    }
}
