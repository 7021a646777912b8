using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// Issue 19 item 6 in the browser: a department's 2024 and 2025 budgets uploaded, the 2025 budget uploaded again in a
/// second batch; the departments × years view shows one 2025 disclosure with 2 versions and its 三公 change against
/// 2024, and drills down to the latest upload. Screenshots: TestResults/screenshots/6x-*.png.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class DepartmentYearsTests(ServiceFixture service, ITestOutputHelper output)
{
    private const string Department = "示例县档案局";
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(5);

    private Task ShotAsync(IPage page, string name, bool fullPage = true) => service.ShotAsync(page, name, output, fullPage);

    /// <summary>
    /// The rule fixture's 2025 budget (三公 8.00) and its 2024 version (三公 7.00) as rules/tests/sangong-previous-disclosure.json
    /// derives it, written to files named as a bureau would upload them.
    /// </summary>
    private (string Year2024, string Year2025, string Again2025) Files()
    {
        var rules = Path.Combine(service.RepoRoot, "rules", "tests");
        var text = File.ReadAllText(Path.Combine(rules, "documents", "department-budget.md"));
        var previous = text;
        foreach (var edit in JsonNode.Parse(File.ReadAllText(Path.Combine(rules, "sangong-previous-disclosure.json")))!["previous"]!["replace"]!.AsArray())
        {
            var (find, with) = ((string)edit!["find"]!, (string)edit["with"]!);
            Assert.Contains(find, previous);
            previous = previous.Replace(find, with);
        }
        // Under the service's data directory, which the fixture deletes: the suite leaves the temp folder as it found it.
        var dir = Path.Combine(service.DataDirectory, "test-uploads", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string Write(string name, string content)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, content);
            return path;
        }
        return (Write($"{Department}2024年部门预算.md", previous), Write($"{Department}2025年部门预算.md", text),
            Write($"{Department}2025年部门预算（重报）.md", text));
    }

    private async Task UploadAsync(IPage page, string name, params string[] files)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(files);
        await page.GetByLabel("批次名称（可选）").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = (float)AuditTimeout.TotalMilliseconds });
    }

    [Fact]
    public async Task One_disclosure_with_two_versions_shows_its_sangong_change_and_opens_the_latest_upload()
    {
        await using var context = await service.Browser.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.Console += (_, msg) => { if (msg.Type is "error" or "warning") output.WriteLine($"[console {msg.Type}] {msg.Text}"); };
        await page.GotoAsync($"{service.BaseUrl}/#/batches");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();

        var (year2024, year2025, again2025) = Files();
        try
        {
            await UploadAsync(page, "档案局两年预算", year2024, year2025);
            await UploadAsync(page, "档案局2025年预算重报", again2025);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(year2024)!, recursive: true);
        }

        await page.Locator("#nav-overview").ClickAsync();
        var row = page.Locator($"#department-grid tr[data-department='{Department}']");
        await row.WaitForAsync();
        await Assertions.Expect(page.Locator("#nav-overview")).ToHaveAttributeAsync("aria-current", "page");

        // One 2025 disclosure however often it was uploaded, with its versions; 2024 once.
        var d2025 = row.Locator(".disclosure[data-year='2025']");
        await Assertions.Expect(d2025).ToHaveCountAsync(1);
        await Assertions.Expect(row.Locator(".disclosure[data-year='2024']")).ToHaveCountAsync(1);
        await Assertions.Expect(d2025.Locator(".versions summary")).ToHaveTextAsync("2 个版本");
        // 三公经费 8.00 against 7.00 the year before: up by 1.00 (14.29%).
        await Assertions.Expect(d2025.Locator("[data-change='sangong']")).ToHaveTextAsync("↑+1.00（+14.29%）");
        await Assertions.Expect(d2025.Locator(".sangong")).ToContainTextAsync("8.00");
        await Assertions.Expect(page.Locator("#outlier-sangong")).ToContainTextAsync(Department);
        await row.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "60-departments-by-year");

        await d2025.Locator(".versions summary").ClickAsync();
        var versions = d2025.Locator(".version-list li");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.First).ToContainTextAsync("（重报）");
        await Assertions.Expect(versions.First).ToContainTextAsync("最新");
        await Assertions.Expect(versions.Nth(1)).ToContainTextAsync("较早");
        await d2025.ScrollIntoViewIfNeededAsync();
        await ShotAsync(page, "61-disclosure-versions", fullPage: false);

        // Drill down: the disclosure opens its latest upload's document page.
        var latestId = await d2025.GetAttributeAsync("data-document-id");
        await d2025.Locator(".disclosure-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/documents/{latestId}$"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Path.GetFileName(again2025));
        await ShotAsync(page, "62-disclosure-document", fullPage: false);
    }
}
