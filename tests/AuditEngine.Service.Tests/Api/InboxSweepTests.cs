using System.Net;
using System.Text.Json.Nodes;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// The inbox sweep takes the files dropped into data/inbox into a new batch of the first organisation, moves them to
/// inbox/taken/ once stored, and leaves a file that is still being written (changed in the last seconds) for next time.
/// </summary>
public sealed class InboxSweepTests : IDisposable
{
    private readonly ServiceHost _host = new(Backend.Sqlite);

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Settled_inbox_files_become_a_batch_and_are_moved_aside_while_a_fresh_one_waits()
    {
        using var admin = await _host.AdminAsync();
        var inbox = Path.Combine(_host.DataDirectory, "inbox");
        Directory.CreateDirectory(inbox);
        foreach (var seed in new[] { "jiaozuo-2025.ocr.md", "xushui-2022.txt" })
        {
            var path = Path.Combine(inbox, seed);
            File.Copy(TestPaths.Seed(seed), path);
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(-1));
        }
        var fresh = Path.Combine(inbox, "huailai-2025.txt");
        File.Copy(TestPaths.Seed("huailai-2025.txt"), fresh);
        File.SetLastWriteTimeUtc(fresh, DateTime.UtcNow);

        var response = await admin.PostAsync("/api/sweeps/inbox", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)answer["files"]!);
        var batch = await admin.WaitForBatchAsync((long)answer["batchId"]!);

        var documents = batch["documents"]!.AsArray().Select(d => ((string)d!["fileName"]!, (string)d["status"]!)).OrderBy(d => d.Item1).ToList();
        Assert.Equal([("jiaozuo-2025.ocr.md", "done"), ("xushui-2022.txt", "done")], documents);
        Assert.Equal("inbox", (string)batch["source"]!);
        Assert.Equal([fresh], Directory.GetFiles(inbox));
        var taken = Directory.GetFiles(Path.Combine(inbox, "taken"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["jiaozuo-2025.ocr.md", "xushui-2022.txt"], taken);

        // The jiaozuo finding arrives through the inbox like through an upload.
        var findings = await admin.GetJsonAsync($"/api/findings?batch={(long)answer["batchId"]!}&rule=II-NEGATIVE-COUNT-PERCENT");
        Assert.Equal(1, (int)findings["total"]!);
    }
}
