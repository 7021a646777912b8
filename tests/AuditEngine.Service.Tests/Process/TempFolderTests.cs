using System.Net;
using System.Net.Http.Json;
using AuditEngine.Service.Tests.Api;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Service.Tests.Process;

/// <summary>
/// Issue 17 item 2: page images and evidence crops stay in memory during an audit and are served from the store, so
/// the service leaves the temp folder as it found it. The real service runs with a temp folder of its own (TMPDIR),
/// audits a batch of a scan, a DOCX and a digital PDF, re-reads the scan, serves the page image, a crop and the HTML
/// report with its crops embedded, and stops; then that folder must hold nothing of ours.
/// </summary>
public sealed class TempFolderTests : IDisposable
{
    private const string Password = "Temp-临时-Test-1";
    private readonly TempDirectory _data = TestPaths.NewTemp("tmpcheck-data");
    private readonly TempDirectory _temp = TestPaths.NewTemp("tmpcheck-tmp");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_batch_a_reread_and_its_reports_leave_the_services_temp_folder_as_it_was()
    {
        var settings = new Dictionary<string, string>
        {
            ["AuditEngine:DataDirectory"] = _data.Path,
            ["AuditEngine:RulesDirectory"] = TestPaths.Rules,
            ["AuditEngine:SeedSamples"] = "false",
            ["AuditEngine:FirstAdminPassword"] = Password,
            ["AuditEngine:Workers"] = "2",
            ["AuditEngine:Sweeps:InboxCron"] = "",
            ["AuditEngine:Sweeps:ReauditCron"] = "",
        };
        var environment = new Dictionary<string, string> { ["TMPDIR"] = _temp.Path };
        using var service = await ServiceProcess.StartAsync(ServiceProcess.FreePort(), settings, environment: environment);
        using var admin = await service.LoginAsync("admin", Password);

        const string scan = "xinglong-2024.scan300.pdf";
        var batch = await admin.UploadBatchAsync(
            (scan, File.ReadAllBytes(TestPaths.Generated(scan))),
            ("langfang-guangyang-2025.docx", File.ReadAllBytes(TestPaths.Generated("langfang-guangyang-2025.docx"))),
            ("langfang-guangyang-2025.pdf", File.ReadAllBytes(TestPaths.Generated("langfang-guangyang-2025.pdf"))));
        var batchId = (long)batch["id"]!;
        var done = await admin.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(5));
        Assert.All(done.Items("documents"), d => Assert.Equal("done", (string?)d["status"]));
        var scanId = (long)done.Items("documents").Single(d => (string?)d["fileName"] == scan)["id"]!;

        // Asked to read the scan again: intake (OCR) runs a second time, its images again only in memory.
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/documents/{scanId}/reread", null)).StatusCode);
        await WaitUntilDoneAgainAsync(admin, batchId);

        // Crops and the page image come from the store.
        var findings = (await admin.GetJsonAsync($"/api/findings?document={scanId}&limit=1000")).Items().ToList();
        var crop = findings.SelectMany(f => f["evidence"]!.AsArray()).Select(e => (string?)e!["crop"]).First(c => c is not null);
        var png = await admin.GetByteArrayAsync($"/api/documents/{scanId}/crops/{crop}");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        var page = await admin.GetAsync($"/api/documents/{scanId}/pages/1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True((await page.Content.ReadAsByteArrayAsync()).Length > 10_000);

        // The HTML report embeds the crops read from the store. (The PDF report's Chromium work folder is covered by
        // test.sh's check of the whole suite's temp folder: PdfEndpointTests print in process. Started from this
        // service process while the suite's browsers run, Chromium aborted at start-up — exit 134 — twice in a row.)
        var html = await admin.GetStringAsync($"/api/batches/{batchId}/report.html");
        Assert.Contains("data:image/png;base64,", html);

        service.Stop();
        Assert.True(LeftBehind(_temp.Path) is [], $"left in the service's temp folder: {string.Join(", ", LeftBehind(_temp.Path))}\n{service.Output}");
    }

    /// <summary>What the service left: anything but the .NET runtime's own diagnostics sockets.</summary>
    private static List<string> LeftBehind(string folder) =>
        Directory.EnumerateFileSystemEntries(folder).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith("dotnet-diagnostic-", StringComparison.Ordinal) && !n.StartsWith("clr-debug-pipe-", StringComparison.Ordinal))
            .ToList();

    private static async Task WaitUntilDoneAgainAsync(HttpClient client, long batchId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (true)
        {
            var batch = (await client.GetJsonAsync($"/api/batches/{batchId}")).AsObject();
            if ((string?)batch["status"] == "done" && batch.Items("documents").All(d => (string?)d["status"] == "done")) return;
            Assert.True(DateTime.UtcNow < deadline, $"the reread did not finish: {batch.ToJsonString()}");
            await Task.Delay(200);
        }
    }
}
