using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AuditEngine.BrowserTests;

/// <summary>
/// An admin deletes a batch from its overview: the button asks first (cancelling keeps the batch), confirming deletes it
/// and returns to the batch list without it. Leaves the service's batches as it found them.
/// </summary>
[Collection(ServiceCollection.Name)]
public sealed class BatchDeletionTests(ServiceFixture service, ITestOutputHelper output)
{
    private const string Seed = "samples/seeds/huailai-2025.txt";

    private Task ShotAsync(IPage page, string name) => service.ShotAsync(page, name, output, false);

    [Fact]
    public async Task AdminDeletesABatchAfterConfirming()
    {
        await using var context = await service.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, err) => output.WriteLine($"[page error] {err}");
        await page.GotoAsync($"{service.BaseUrl}/#/batches");
        await page.GetByLabel("用户名").FillAsync(service.UserName);
        await page.GetByLabel("密码").FillAsync(service.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.Locator("#batch-table").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "上传", Exact = true }).ClickAsync();
        await page.Locator("#file-input").SetInputFilesAsync(Path.Combine(service.RepoRoot, Seed));
        await page.GetByLabel("批次名称（可选）").FillAsync("待删除的批次");
        await page.GetByRole(AriaRole.Button, new() { Name = "开始上传并审核" }).ClickAsync();
        await page.Locator("#open-batch").ClickAsync();
        await page.Locator("#document-matrix").WaitForAsync();
        await Assertions.Expect(page.Locator("#batch-live")).ToHaveCountAsync(0, new() { Timeout = 300_000 });
        var batchId = Regex.Match(page.Url, "#/batches/([^/?]+)").Groups[1].Value;

        // Cancelling keeps the batch.
        await page.Locator("#batch-delete").ClickAsync();
        var dialog = page.Locator("#batch-delete-dialog");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("删除批次「待删除的批次」？");
        await Assertions.Expect(dialog).ToContainTextAsync("无法撤销");
        await ShotAsync(page, "batch-delete-confirmation");
        await page.Locator("#batch-delete-cancel").ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"#/batches/{batchId}$"));

        // Confirming deletes it and goes back to the list, where it is gone.
        await page.Locator("#batch-delete").ClickAsync();
        await page.Locator("#batch-delete-confirm").ClickAsync();
        await Assertions.Expect(page.Locator("#toast")).ToContainTextAsync("已删除批次「待删除的批次」");
        await page.Locator("#batch-table").WaitForAsync();
        await Assertions.Expect(page.Locator($"#batch-table tr[data-batch-id='{batchId}']")).ToHaveCountAsync(0);
        await ShotAsync(page, "batch-deleted");
        var gone = await page.APIRequest.GetAsync($"{service.BaseUrl}/api/batches/{batchId}");
        Assert.Equal(404, gone.Status);
    }
}
