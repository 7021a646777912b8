using System.Text;
using System.Text.Json.Nodes;
using AuditEngine.Service.Tests.Api;
using AuditEngine.Storage;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace AuditEngine.Service.Tests.Process;

/// <summary>
/// The real service process killed with SIGKILL in the middle of a batch and started again on the same data: every
/// document must end up audited exactly once (one ledger entry, one set of findings) and none may be lost.
/// </summary>
public abstract class KillRestartTests(Backend backend, ITestOutputHelper output) : IDisposable
{
    private const string Password = "Kill-重启-Test-1";
    private const int Copies = 5;
    /// <summary>
    /// A scanned document (two pages OCR'd, seconds of work) is the one to be caught mid-audit: text seeds now audit
    /// in tens of milliseconds, so a kill aimed at one could land just after it finished (seen in CI).
    /// </summary>
    private const string SlowDocument = "xinglong-2024.scan300";
    private readonly TempDirectory _data = TestPaths.NewTemp("kill");
    /// <summary>The killed node's own temp folder: what a process killed mid-read leaves there is removed with it.</summary>
    private readonly TempDirectory _temp = TestPaths.NewTemp("kill-tmp");
    private string? _postgres;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
        _data.Dispose();
        _temp.Dispose();
    }

    /// <summary>
    /// The seeds, each in several copies made distinct by a note appended, so every copy is its own content; after the
    /// first round of seeds, the committed two-page scan.
    /// </summary>
    private static List<(string Name, byte[] Content)> Documents()
    {
        var documents = (from copy in Enumerable.Range(1, Copies)
                         from seed in TestPaths.SeedNames
                         let ext = seed.EndsWith(".ocr.md") ? ".ocr.md" : Path.GetExtension(seed)
                         select ($"{seed[..^ext.Length]}-副本{copy}{ext}",
                             File.ReadAllBytes(TestPaths.Seed(seed)).Concat(Encoding.UTF8.GetBytes($"\n\n备注：第 {copy} 份副本。\n")).ToArray()))
            .ToList();
        documents.Insert(TestPaths.SeedNames.Length,
            (SlowDocument + ".pdf", File.ReadAllBytes(Path.Combine(TestPaths.Root, "samples", "generated", SlowDocument + ".pdf"))));
        return documents;
    }

    private Dictionary<string, string> Settings(string node)
    {
        var settings = new Dictionary<string, string>
        {
            ["AuditEngine:DataDirectory"] = _data.Path,
            ["AuditEngine:RulesDirectory"] = TestPaths.Rules,
            ["AuditEngine:SeedSamples"] = "false",
            ["AuditEngine:FirstAdminPassword"] = Password,
            ["AuditEngine:Workers"] = "1",
            ["AuditEngine:NodeName"] = node,
            ["AuditEngine:Sweeps:InboxCron"] = "",
            ["AuditEngine:Sweeps:ReauditCron"] = "",
            ["AuditEngine:Storage:Provider"] = backend == Backend.Postgres ? "postgres" : "sqlite",
        };
        if (_postgres is not null) settings["AuditEngine:Storage:Postgres"] = _postgres;
        return settings;
    }

    private AuditStore OpenStore() => backend == Backend.Postgres
        ? AuditStores.Open("postgres", null, _postgres)
        : AuditStores.Open("sqlite", Path.Combine(_data.Path, "auditengine.db"), null);

    [Fact]
    public async Task Killed_mid_batch_and_restarted_every_document_is_audited_exactly_once()
    {
        if (backend == Backend.Postgres) _postgres = TestPostgres.CreateDatabase("kill");
        var documents = Documents();
        Assert.Equal(documents.Count, documents.Select(d => ContentHash.Sha256(d.Content)).Distinct().Count());
        var port = ServiceProcess.FreePort();

        long batchId;
        int doneAtKill;
        using (var first = await ServiceProcess.StartAsync(port, Settings("node-1"), environment: new Dictionary<string, string> { ["TMPDIR"] = _temp.Path }))
        {
            using var admin = await first.LoginAsync("admin", Password);
            var submitted = await admin.UploadBatchAsync([.. documents]);
            batchId = (long)submitted["id"]!;
            Assert.Equal(documents.Count, (int)submitted["total"]!);

            // Kill once a few documents are finished, one is being audited (its Quartz job fired, the document claimed),
            // and the rest wait.
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
            JsonNode batch;
            while (true)
            {
                batch = await admin.GetJsonAsync($"/api/batches/{batchId}");
                // Only a slow document (seconds to audit) is sure to be still in progress when the kill lands.
                if ((int)batch["done"]! + (int)batch["failed"]! >= 3 && batch.Items("documents").Any(d =>
                        (string?)d["status"] == "processing" && ((string)d["fileName"]!).StartsWith(SlowDocument)))
                    break;
                Assert.True(DateTime.UtcNow < deadline, $"no progress in 3 minutes: {batch.ToJsonString()}\n{first.Output}");
                await Task.Delay(50);
            }
            first.KillHard();
            doneAtKill = (int)batch["done"]! + (int)batch["failed"]!;
            output.WriteLine($"killed node-1 (pid {first.Id}) with {doneAtKill} of {documents.Count} documents finished: {batch.ToJsonString()}");
        }

        HashSet<long> finishedBeforeRestart;
        {
            var store = OpenStore();
            var rows = store.Batches.ListDocuments(batchId);
            Assert.Equal(documents.Count, rows.Count);
            finishedBeforeRestart = rows.Where(d => d.Status is DocumentStatus.Done or DocumentStatus.Error).Select(d => d.Id).ToHashSet();
            output.WriteLine($"after the kill: {string.Join(", ", rows.GroupBy(d => d.Status).Select(g => $"{g.Key} {g.Count()}"))}");
            Assert.True(finishedBeforeRestart.Count < documents.Count,
                "the batch finished before the kill; the documents audit too fast for this test to mean anything");
            Assert.True(rows.Any(d => d.Status == DocumentStatus.Processing), "no document was being audited at the kill");
            (store as IDisposable)?.Dispose();
        }

        // A crash can also fall between an upload's batch being stored and its jobs being written: a batch the store
        // holds that no job names. The restarted node must take it up too.
        long orphanBatchId;
        {
            var store = OpenStore();
            var org = store.Identity.FindOrganisation(AuditEngine.Service.Hosting.Bootstrap.DemoOrganisation)!;
            var orphans = Documents().Take(2).Select(d =>
            {
                var content = d.Content.Concat(Encoding.UTF8.GetBytes("孤儿批次\n")).ToArray();
                var sha = ContentHash.Sha256(content);
                store.Blobs.PutBlob(sha, content);
                return new NewDocument("未排队-" + d.Name, sha, content.Length);
            }).ToList();
            orphanBatchId = store.Batches.CreateBatch(org.Id, "未排队的批次", "admin", "upload", orphans).Batch.Id;
            (store as IDisposable)?.Dispose();
        }

        using (var second = await ServiceProcess.StartAsync(port, Settings("node-2"), environment: new Dictionary<string, string> { ["TMPDIR"] = _temp.Path }))
        {
            using var admin = await second.LoginAsync("admin", Password);
            var batch = await admin.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(5));
            output.WriteLine($"after the restart: {batch.ToJsonString()[..200]}");
            var orphanBatch = await admin.WaitForBatchAsync(orphanBatchId, TimeSpan.FromMinutes(2));
            Assert.Equal(2, (int)orphanBatch["done"]!);
            second.Stop();
        }

        var final = OpenStore();
        try
        {
            var rows = final.Batches.ListDocuments(batchId);
            Assert.Equal(documents.Select(d => d.Name).Order(StringComparer.Ordinal), rows.Select(d => d.FileName).Order(StringComparer.Ordinal));
            var org = final.Identity.FindOrganisation(AuditEngine.Service.Hosting.Bootstrap.DemoOrganisation)!;
            var problems = new List<string>();
            foreach (var doc in rows)
            {
                var runs = final.Ledger.ListAuditRuns(doc.Id);
                var findings = final.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10_000, 0).Total;
                if (doc.Status != DocumentStatus.Done) problems.Add($"{doc.FileName}: status {doc.Status} {doc.Error}");
                if (runs.Count != 1) problems.Add($"{doc.FileName}: {runs.Count} audit runs ({string.Join(", ", runs.Select(r => r.Node))})");
                if (findings != doc.Errors + doc.Warnings + doc.Infos)
                    problems.Add($"{doc.FileName}: {findings} findings stored, counts say {doc.Errors + doc.Warnings + doc.Infos}");
                if (runs.Count == 1 && finishedBeforeRestart.Contains(doc.Id) && runs[0].Node != "node-1")
                    problems.Add($"{doc.FileName}: finished before the kill but recorded by {runs[0].Node}");
            }
            foreach (var orphan in final.Batches.ListDocuments(orphanBatchId))
                if (final.Ledger.ListAuditRuns(orphan.Id) is not [{ Node: "node-2" }])
                    problems.Add($"{orphan.FileName}: {orphan.Status}, runs {final.Ledger.ListAuditRuns(orphan.Id).Count}");
            Assert.True(problems.Count == 0, string.Join("\n", problems));
            var byNode = rows.Select(d => final.Ledger.ListAuditRuns(d.Id).Single().Node).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine(string.Join(", ", byNode.Select(kv => $"{kv.Key}: {kv.Value}")));
            Assert.True(byNode.GetValueOrDefault("node-1") >= 3, "node-1 finished at least three before the kill");
            Assert.True(byNode.GetValueOrDefault("node-2") >= 1, "node-2 finished the rest after the restart");
            // Same content, same result: the copies of one seed found the same number of problems whoever audited them.
            foreach (var group in rows.Where(d => d.FileName.Contains("-副本")).GroupBy(d => d.FileName[..d.FileName.IndexOf("-副本", StringComparison.Ordinal)]))
                Assert.Single(group.Select(d => (d.Errors, d.Warnings, d.Infos)).Distinct());
        }
        finally
        {
            (final as IDisposable)?.Dispose();
        }
    }
}

public sealed class SqliteKillRestartTests(ITestOutputHelper output) : KillRestartTests(Backend.Sqlite, output);

public sealed class PostgresKillRestartTests(ITestOutputHelper output) : KillRestartTests(Backend.Postgres, output);
