using AuditEngine.TestSupport;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// Issue 19 items 4 and 5 in the browser: the findings table pages past 100 and sorts on the server, keeps filter,
/// sort and page in the URL across a reload; a reviewer dismisses every finding a filter gives (more than one page)
/// and a shift-click range with one reason each, and the CSV and XLSX exports show status, reviewer and reason for
/// them; the card list shows a document's missing tables as one card that is triaged as a whole.
/// Screenshots: TestResults/screenshots/4x-*.png.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BulkTriageTests(ServiceFixture service, ITestOutputHelper output)
{
    // Eight copies of a seed that lacks all nine required tables: nine missing-table findings per document and more
    // than a hundred findings in the batch.
    private const string Seed = "samples/seeds/huailai-2025.txt";
    private const int Copies = 8;
    private const string FilterReason = "浏览器测试：模板表，单位无此项收支";
    private const string RangeReason = "浏览器测试：已与原件核对";
    private static readonly TimeSpan AuditTimeout = TimeSpan.FromMinutes(5);

    private Task ShotAsync(IPage page, string name, bool fullPage = false) => service.ShotAsync(page, name, output, fullPage);

    private static async Task<int> CountAsync(IPage page)
    {
        var text = await page.Locator("#findings-count").InnerTextAsync();
        return int.Parse(Regex.Match(text, @"共 (\d+) 条").Groups[1].Value);
    }

    private static Task<string[]> ColumnAsync(IPage page, string attribute) =>
        page.Locator("#findings-table tbody tr").EvaluateAllAsync<string[]>($"rows => rows.map(r => r.dataset.{attribute})");

    [Fact]
    public async Task Findings_table_sorts_pages_keeps_the_url_and_bulk_triage_reaches_the_exports()
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

        // Upload the copies as one batch and wait for the audit.
        var content = await File.ReadAllBytesAsync(Path.Combine(service.RepoRoot, Seed));
        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Enumerable.Range(1, Copies)
            .Select(i => new FilePayload { Name = $"huailai-{i}.txt", MimeType = "text/plain", Buffer = content }));
        await page.GetByLabel("批次名称（可选）").FillAsync("批量审核测试批次");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = (float)AuditTimeout.TotalMilliseconds });
        var batchId = Regex.Match(page.Url, @"#/batches/(\d+)").Groups[1].Value;
        Assert.NotEqual("", batchId);

        // The table: 100 rows of more than 100, page numbers, and the next page holds the rest.
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}");
        await page.Locator("#findings-table tbody tr").First.WaitForAsync();
        var total = await CountAsync(page);
        Assert.True(total > 100 && total <= 200, $"{Copies} copies of {Seed} should give 101–200 findings, got {total}");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(100);
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync($"第 1 / 2 页，共 {total} 条");
        await ShotAsync(page, "40-findings-table");
        var firstPage = await ColumnAsync(page, "findingId");
        await page.Locator(".pager a[rel=next]").ClickAsync();
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync($"第 2 / 2 页，共 {total} 条");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(total - 100);
        Assert.Contains("offset=100", page.Url);
        Assert.Empty(firstPage.Intersect(await ColumnAsync(page, "findingId")));
        await ShotAsync(page, "41-findings-page-2");

        // Sorting a column changes the order, on the server: ascending, then descending, over all pages.
        await page.Locator("#findings-table th[data-sort=rule] a").ClickAsync();
        await Assertions.Expect(page.Locator("#findings-table th[data-sort=rule]")).ToHaveAttributeAsync("aria-sort", "ascending");
        Assert.Contains("sort=rule", page.Url);
        Assert.DoesNotContain("offset=", page.Url);
        var ascending = await ColumnAsync(page, "ruleId");
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        await page.Locator("#findings-table th[data-sort=rule] a").ClickAsync();
        await Assertions.Expect(page.Locator("#findings-table th[data-sort=rule]")).ToHaveAttributeAsync("aria-sort", "descending");
        var descending = await ColumnAsync(page, "ruleId");
        Assert.Equal(descending.OrderDescending(StringComparer.Ordinal), descending);
        Assert.NotEqual(ascending[0], descending[0]);
        await ShotAsync(page, "42-findings-sorted-by-rule-desc");

        // Every finding of a filter, beyond the page shown: missing sections at 50 a page, all dismissed with one reason.
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}&category=missing-section&limit=50");
        await page.Locator("#findings-table tbody tr").First.WaitForAsync();
        var missing = await CountAsync(page);
        Assert.True(missing >= Copies * 9 && missing > 50, $"expected at least {Copies * 9} missing sections, got {missing}");
        await Assertions.Expect(page.Locator("#findings-table tbody tr")).ToHaveCountAsync(50);
        // …and a reload keeps the filter, the page size and the count.
        await page.ReloadAsync();
        await page.Locator("#findings-table tbody tr").First.WaitForAsync();
        await Assertions.Expect(page.Locator("#fl-category-missing-section")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#page-size")).ToHaveValueAsync("50");
        Assert.Equal(missing, await CountAsync(page));
        await page.Locator("#select-page").CheckAsync();
        await Assertions.Expect(page.Locator("#bulk-bar")).ToContainTextAsync("已选 50 条");
        await page.Locator("#select-all-matching").ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-bar")).ToContainTextAsync($"已选择全部符合筛选条件的 {missing} 条问题");
        await page.Locator("#bulk-reason").FillAsync(FilterReason);
        await ShotAsync(page, "43-bulk-all-matching");
        await page.Locator("#bulk-bar [data-bulk=dismiss]").ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync($"已排除 {missing} 条问题");
        await Assertions.Expect(page.Locator("#findings-table tbody tr[data-status=dismissed]")).ToHaveCountAsync(50);

        // A shift-click range of open findings: the first and the fifth row select five.
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}&status=open&sort=rule");
        await page.Locator("#findings-table tbody tr").First.WaitForAsync();
        var open = await CountAsync(page);
        Assert.Equal(total - missing, open);
        var boxes = page.Locator("#findings-table input.row-select");
        await boxes.Nth(0).ClickAsync();
        await boxes.Nth(4).ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.Locator("#bulk-bar")).ToContainTextAsync("已选 5 条");
        await Assertions.Expect(page.Locator("#findings-table tbody tr.selected")).ToHaveCountAsync(5);
        var rangeIds = (await ColumnAsync(page, "findingId")).Take(5).ToList();
        await page.Locator("#bulk-reason").FillAsync(RangeReason);
        await ShotAsync(page, "44-bulk-range-selected");
        // No reason, no dismissal; the error is in Chinese and nothing changes.
        await page.Locator("#bulk-reason").FillAsync("");
        await page.Locator("#bulk-bar [data-bulk=dismiss]").ClickAsync();
        await Assertions.Expect(page.Locator("#bulk-bar .error-text")).ToHaveTextAsync("排除问题必须填写理由");
        await page.Locator("#bulk-reason").FillAsync(RangeReason);
        await page.Locator("#bulk-bar [data-bulk=dismiss]").ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("已排除 5 条问题");
        await Assertions.Expect(page.Locator("#findings-count")).ToContainTextAsync($"共 {open - 5} 条");

        // The exports of the dismissed findings carry status, reviewer and reason for each.
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}&status=dismissed");
        await Assertions.Expect(page.Locator("#findings-count")).ToContainTextAsync($"共 {missing + 5} 条");
        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-csv").ClickAsync());
        var csvPath = Path.Combine(service.DownloadDirectory, "bulk-findings.csv");
        await csvDownload.SaveAsAsync(csvPath);
        var rows = Csv.Rows(await File.ReadAllTextAsync(csvPath, Encoding.UTF8));
        Assert.Equal(missing + 5, rows.Count);
        Assert.All(rows, r => Assert.Equal(("dismissed", service.UserName), (r["reviewStatus"], r["reviewer"])));
        Assert.Equal(missing, rows.Count(r => r["category"] == "missing-section" && r["reviewReason"] == FilterReason));
        Assert.Equal(5, rows.Count(r => r["reviewReason"] == RangeReason));

        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        var xlsxPath = Path.Combine(service.DownloadDirectory, "bulk-findings.xlsx");
        await xlsxDownload.SaveAsAsync(xlsxPath);
        var sheet = FindingsSheet(xlsxPath);
        var header = sheet[0];
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new Xunit.Sdk.XunitException($"no column {name}");
        var data = sheet.Skip(1).Where(r => r.Count > Column("审核状态")).ToList();
        Assert.Equal(missing + 5, data.Count);
        Assert.All(data, r => Assert.Equal(("已排除", service.UserName), (r[Column("审核状态")], r[Column("审核人")])));
        Assert.Equal(missing, data.Count(r => r[Column("审核理由")] == FilterReason));
        Assert.Equal(5, data.Count(r => r[Column("审核理由")] == RangeReason));
        output.WriteLine($"csv: {csvPath}, xlsx: {xlsxPath}; {missing} dismissed by filter, 5 by range, {total} findings");

        // Cards: a document's nine missing tables are one card, triaged as a whole; no empty evidence button.
        var documentId = await page.EvaluateAsync<long>($"async () => (await (await fetch('/api/findings?batch={batchId}&category=missing-section&limit=1')).json()).items[0].documentId");
        await page.GotoAsync($"{service.BaseUrl}/#/findings?batch={batchId}&document={documentId}&view=cards");
        var group = page.Locator("article.finding-group");
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group.Locator("strong")).ToHaveTextAsync("缺少 9 张表");
        await Assertions.Expect(group.Locator(".group-list li")).ToHaveCountAsync(9);
        await Assertions.Expect(page.Locator("button", new() { HasText = "证据（0）" })).ToHaveCountAsync(0);
        await ShotAsync(page, "45-missing-tables-one-card", fullPage: true);
        await group.Locator("[data-bulk=reopen]").ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("已重新打开 9 条问题");
        await Assertions.Expect(page.Locator("article.finding-group .group-list .badge.st-open")).ToHaveCountAsync(9);
        var history = await page.EvaluateAsync<int>($"async () => (await (await fetch('/api/findings/history.json?batch={batchId}')).json()).length");
        Assert.Equal(missing + 5 + 9, history);
    }

    /// <summary>The 问题清单 sheet as rows of cell texts, each cell at its column.</summary>
    private static List<List<string>> FindingsSheet(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var wb = doc.WorkbookPart!;
        var shared = wb.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = wb.Workbook.Descendants<Sheet>().Single(s => s.Name == "问题清单");
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Row>().Select(row =>
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var letters = new string(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
                var index = letters.Aggregate(0, (n, ch) => n * 26 + ch - 'A' + 1) - 1;
                while (cells.Count < index) cells.Add("");
                cells.Add(cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? "" : cell.CellValue?.Text ?? "");
            }
            return cells;
        }).ToList();
    }

}
