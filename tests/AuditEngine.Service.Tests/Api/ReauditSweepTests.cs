using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuditEngine.Service.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// A rule change reaches what was audited before it: the host audits against a private copy of rules/, the test edits
/// a rule there, fires the re-audit sweep, and checks the new rule-set version, the ledger and the reviews kept.
/// </summary>
public abstract class ReauditSweepTests(Backend backend) : IDisposable
{
    private const string Rule = "II-NEGATIVE-COUNT-PERCENT";
    private const string Revised = "（规则已修订）";
    private readonly TempDirectory _rules = TestPaths.NewTemp("rules");
    private ServiceHost? _host;

    public void Dispose()
    {
        _host?.Dispose();
        _rules.Dispose();
    }

    private static long Id(JsonNode node) => (long)node["id"]!;

    [Fact]
    public async Task A_rule_change_swept_reaudits_every_document_with_the_new_version_and_keeps_reviews()
    {
        var rules = TestPaths.CopyRules(Path.Combine(_rules.Path, "rules"));
        _host = new ServiceHost(backend, rules);
        var host = _host;
        using var admin = await host.AdminAsync();
        var v1 = (string)(await admin.GetJsonAsync("/api/health"))["ruleSetVersion"]!;

        var submitted = await admin.UploadBatchAsync(
            ("jiaozuo-2025.ocr.md", File.ReadAllBytes(TestPaths.Seed("jiaozuo-2025.ocr.md"))),
            ("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt"))),
            ("xinglong-2024.scan300.pdf", File.ReadAllBytes(Path.Combine(TestPaths.Root, "samples", "generated", "xinglong-2024.scan300.pdf"))));
        var batchId = Id(submitted);
        var batch = await admin.WaitForBatchAsync(batchId);
        var documents = batch.Items("documents").ToList();
        Assert.All(documents, d => Assert.Equal((string?)"done", (string?)d["status"]));
        Assert.All(documents, d => Assert.Equal(v1, (string?)d["ruleSetVersion"]));

        var findings = (await admin.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().ToList();
        var negative = findings.Single(f => (string?)f["ruleId"] == Rule);
        Assert.DoesNotContain(Revised, (string?)negative["message"]);
        var other = findings.First(f => (string?)f["fileName"] == "xushui-2022.txt");
        await Review(admin, Id(negative), new { action = "dismiss", reason = "指标为历史遗留表述，已口头说明" });
        await Review(admin, Id(other), new { action = "confirm", comment = "确认" });

        var auditor = host.Services.GetRequiredService<DocumentAuditor>();
        var (filesRead, layoutsReused) = (auditor.FilesRead, auditor.LayoutsReused);
        Assert.Equal(documents.Count, filesRead);
        var scan = documents.Single(d => (string?)d["fileName"] == "xinglong-2024.scan300.pdf");
        var scanEvidence = findings.Where(f => (string?)f["fileName"] == "xinglong-2024.scan300.pdf").Select(f => f["evidence"]!.ToJsonString()).ToList();
        Assert.Contains(scanEvidence, e => e.Contains("\"crop\":\"", StringComparison.Ordinal));

        // Nothing changed yet: the sweep finds nothing to do.
        Assert.Equal(0, await Sweep(admin));

        var file = Path.Combine(rules, "implausible-indicator.json");
        var text = File.ReadAllText(file);
        var message = "应为次数上限，如“≤0次”。";
        Assert.Contains(message, text);
        File.WriteAllText(file, text.Replace(message, message + Revised));

        Assert.Equal(documents.Count, await Sweep(admin));
        var v2 = (string)(await admin.GetJsonAsync("/api/health"))["ruleSetVersion"]!;
        Assert.NotEqual(v1, v2);
        batch = await admin.WaitForBatchAsync(batchId);
        foreach (var d in batch.Items("documents"))
        {
            Assert.Equal("done", (string?)d["status"]);
            Assert.Equal(v2, (string?)d["ruleSetVersion"]);
            var runs = host.Store.Ledger.ListAuditRuns(Id(d));
            Assert.Equal([v1, v2], runs.Select(r => r.RuleSetVersion));
            Assert.All(runs, r => Assert.Equal("test-host", r.Node));
        }

        // The re-audit recognised the stored layouts: no file was read (no OCR of the scan), and its crops and page
        // image came back from the store.
        Assert.Equal(filesRead, auditor.FilesRead);
        Assert.Equal(layoutsReused + documents.Count, auditor.LayoutsReused);
        var after = (await admin.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().ToList();
        Assert.Equal(findings.Count, after.Count);
        Assert.Equal(scanEvidence, after.Where(f => (string?)f["fileName"] == "xinglong-2024.scan300.pdf").Select(f => f["evidence"]!.ToJsonString()));
        var page = await admin.GetAsync($"/api/documents/{Id(scan)}/pages/1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var negativeAfter = after.Single(f => (string?)f["ruleId"] == Rule);
        Assert.EndsWith(Revised, (string?)negativeAfter["message"]);
        Assert.Equal(("dismissed", "指标为历史遗留表述，已口头说明", "admin"),
            ((string?)negativeAfter["review"]!["status"], (string?)negativeAfter["review"]!["reason"], (string?)negativeAfter["review"]!["user"]));
        var otherAfter = after.Single(f => (string?)f["ruleId"] == (string?)other["ruleId"] && (string?)f["fileName"] == "xushui-2022.txt"
            && f["evidence"]!.ToJsonString() == other["evidence"]!.ToJsonString());
        Assert.Equal("confirmed", (string?)otherAfter["review"]!["status"]);
        var history = (await admin.GetJsonAsync($"/api/findings/{Id(negativeAfter)}/history")).AsArray();
        Assert.Equal("dismiss", (string?)Assert.Single(history)!["action"]);
        Assert.Equal([Id(negativeAfter)],
            (await admin.GetJsonAsync($"/api/findings?batch={batchId}&status=dismissed")).Items().Select(Id));

        // Swept once: a second sweep has nothing left to do.
        Assert.Equal(0, await Sweep(admin));
        Assert.All(batch.Items("documents"), d => Assert.Equal(2, host.Store.Ledger.ListAuditRuns(Id(d)).Count));
    }

    private static async Task<int> Sweep(HttpClient admin)
    {
        var response = await admin.PostAsync("/api/sweeps/reaudit", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"sweep: {(int)response.StatusCode} {body}");
        return (int)JsonNode.Parse(body)!["queued"]!;
    }

    private static async Task Review(HttpClient client, long id, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/findings/{id}/review", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"review {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

public sealed class SqliteReauditSweepTests() : ReauditSweepTests(Backend.Sqlite);

public sealed class PostgresReauditSweepTests() : ReauditSweepTests(Backend.Postgres);
