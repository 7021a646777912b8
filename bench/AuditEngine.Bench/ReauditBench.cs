using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Reports;
using AuditEngine.Rules;
using AuditEngine.SampleGen;
using AuditEngine.ServiceHarness;
using Npgsql;

namespace AuditEngine.Bench;

/// <summary>
/// A rule change reaching a full store: documents uploaded and audited once (generated DOCX and digital PDF, plus
/// scans), then a rule edited and the re-audit sweep fired, timed until every document carries the new rule-set
/// version. The node's intake counters (GET /api/health) say how many files the re-audit read: it should read none,
/// only recognise the stored layouts and run the rules. One node on SQLite, then one on PostgreSQL when one is at hand.
/// Usage: AuditEngine.Bench --reaudit [--documents 1000] [--scans 10] [--runs sqlite,pg1] [--postgres CONNECTION] [--workers N]
///        [--reaudits N] [--store DIR] [--poll counts|full]
/// --reaudits N fires N sweeps one after the other (each after a further rule edit), to see a node's spread.
/// --store DIR (SQLite only) keeps the node's store and rules as they were after the first audit in DIR, and when DIR
/// already holds one, starts from a copy of it instead of uploading and auditing again: the first audit of 1,000
/// documents takes minutes, so settings and builds are compared on the same audited store. Run the bench from the
/// checkout whose service it should start (the repository is found from the current directory first).
/// --poll: how the bench watches a sweep every 250 ms. counts (the default) reads the batch's counts from the batch
/// list; full reads the batch with every document, as the bench did until 2026-12-07: ≈ 0.5 MB and ≈ 17 CPU-ms of the
/// node's per poll at 1,000 documents, which the node's CPU figure then includes, more the slower the sweep runs.
/// </summary>
public static class ReauditBench
{
    public static async Task<int> Run(string[] args)
    {
        var documents = 1000;
        var scans = 10;
        int? workers = null;
        var reaudits = 1;
        string? store = null;
        var fullPolls = false;
        var postgres = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_POSTGRES");
        var runs = new List<string> { "sqlite", "pg1" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--documents" when value is not null: documents = int.Parse(value); i++; break;
                case "--scans" when value is not null: scans = int.Parse(value); i++; break;
                case "--workers" when value is not null: workers = int.Parse(value); i++; break;
                case "--postgres" when value is not null: postgres = value; i++; break;
                case "--reaudits" when value is not null: reaudits = int.Parse(value); i++; break;
                case "--store" when value is not null: store = Path.GetFullPath(value); i++; break;
                case "--poll" when value is "counts" or "full": fullPolls = value == "full"; i++; break;
                case "--runs" when value is not null: runs = value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); i++; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    Console.Error.WriteLine("usage: AuditEngine.Bench --reaudit [--documents N] [--scans N] [--runs sqlite,pg1] [--postgres CONNECTION] [--workers N] [--reaudits N] [--store DIR] [--poll counts|full]");
                    return 2;
            }
        }

        var root = ServiceBench.RepositoryRoot();
        var digital = documents - scans;
        var corpus = Path.Combine(Path.GetTempPath(), $"auditengine-bench-corpus-{digital}-50");
        var files = ServiceBench.Corpus(root, corpus, "bench", digital, 0.5).Concat(Scans(root, corpus + "-scans", scans)).ToList();
        Console.WriteLine($"re-audit benchmark: {files.Count} documents ({digital} generated, half digital PDF and half DOCX; " +
                          $"{scans} scans of 2 pages), workers per node {(workers?.ToString() ?? $"default ({Environment.ProcessorCount})")}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} CPUs, {Machine.CpuModel()}");

        if (store is null || !Directory.Exists(store)) Profile(root, files);
        var failures = 0;
        foreach (var run in runs)
        {
            if (run is not ("sqlite" or "pg1"))
            {
                Console.WriteLine($"{run}: unknown run (sqlite or pg1)");
                continue;
            }
            if (run == "pg1" && string.IsNullOrWhiteSpace(postgres))
            {
                Console.WriteLine("pg1: skipped, no PostgreSQL (set AUDITENGINE_TEST_POSTGRES or pass --postgres)");
                continue;
            }
            failures += await Measure(root, run == "sqlite" ? "1 node, SQLite" : "1 node, PostgreSQL", run == "sqlite" ? null : postgres, files, workers,
                reaudits, run == "sqlite" ? store : null, fullPolls);
        }
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Copies of the generated scan (a 2-page 300 dpi PDF) and its first page as a photo, alternately.</summary>
    private static IReadOnlyList<string> Scans(string root, string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var generated = Path.Combine(root, "samples", "generated");
        var sources = new[] { Path.Combine(generated, "xinglong-2024.scan300.pdf"), Path.Combine(generated, "xinglong-2024.scan300-p1.png") };
        return Enumerable.Range(0, count).Select(i =>
        {
            var source = sources[i % 2];
            var target = Path.Combine(directory, $"scan-{i + 1:D3}{Path.GetExtension(source)}");
            if (!File.Exists(target)) File.Copy(source, target);
            return target;
        }).ToList();
    }

    private static async Task<int> Measure(string root, string name, string? postgres, IReadOnlyList<string> files, int? workers,
        int reaudits, string? store, bool fullPolls)
    {
        Console.WriteLine();
        Console.WriteLine($"== {name}");
        var work = Path.Combine(Path.GetTempPath(), "auditengine-reaudit-" + Guid.NewGuid().ToString("N")[..8]);
        var rules = Path.Combine(work, "rules");
        var data = Path.Combine(work, "node");
        var reuse = store is not null && Directory.Exists(store);
        if (reuse) CopyDirectory(store!, work);
        else CopyDirectory(Path.Combine(root, "rules"), rules);
        var settings = new Dictionary<string, string> { ["RulesDirectory"] = rules };
        if (workers is { } w) settings["Workers"] = w.ToString();
        string? database = null;
        if (postgres is not null)
        {
            database = "auditengine_reaudit_" + Guid.NewGuid().ToString("N")[..10];
            await Sql(postgres, $"CREATE DATABASE \"{database}\"");
            settings["Storage:Provider"] = "postgres";
            settings["Storage:Postgres"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
        }
        ServiceNode? node = null;
        try
        {
            node = await ServiceNode.Start(root, "reaudit", data, settings);
            long batchId;
            if (reuse)
            {
                batchId = long.Parse(File.ReadAllText(Path.Combine(work, "batch-id")));
                var kept = await node.GetBatch(batchId);
                Console.WriteLine($"store {store}: batch {batchId}, {kept.Done} done, {kept.Failed} failed (first audit not repeated)");
            }
            else
            {
                var clock = Stopwatch.StartNew();
                (batchId, _) = await node.Upload("re-audit benchmark", files);
                var first = await node.WaitForBatch(batchId, TimeSpan.FromMinutes(60), TimeSpan.FromSeconds(1));
                var firstWall = clock.Elapsed;
                var (_, read1, reused1) = await Health(node);
                Console.WriteLine($"first audit: {first.Done} done, {first.Failed} failed in {firstWall.TotalSeconds:0.0} s " +
                                  $"({first.Total / firstWall.TotalMinutes:0} documents/min); files read {read1}, layouts reused {reused1}");
                if (store is not null)
                {
                    // The node stops politely so its SQLite files are whole, then starts again on the same directory.
                    await node.DisposeAsync();
                    node = null;
                    File.WriteAllText(Path.Combine(work, "batch-id"), batchId.ToString());
                    CopyDirectory(work, store);
                    Console.WriteLine($"store kept in {store}");
                    node = await ServiceNode.Start(root, "reaudit", data, settings);
                }
            }

            var failures = 0;
            for (var round = 1; round <= reaudits; round++)
                failures += await Reaudit(node, batchId, rules, round, files.Count, fullPolls, postgres is not null);
            return failures;
        }
        finally
        {
            if (node is not null) await node.DisposeAsync();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await Sql(postgres!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
            }
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>One rule change (a rule's message revised, which changes the rule-set version) and the sweep it needs.</summary>
    private static async Task<int> Reaudit(ServiceNode node, long batchId, string rules, int round, int count, bool fullPolls, bool postgres)
    {
        var (version1, read1, reused1) = await Health(node);
        var file = Path.Combine(rules, "implausible-indicator.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("应为次数上限，如“≤0次”。", $"应为次数上限，如“≤0次”。（已修订{(round == 1 ? "" : round)}）"));
        var cpuBefore = node.CpuSeconds() ?? 0;
        var serverBefore = postgres ? Machine.PostgresCpuSeconds() : null;
        var clock = Stopwatch.StartNew();
        using var sweep = await node.Http.PostAsync("api/sweeps/reaudit", null);
        sweep.EnsureSuccessStatusCode();
        var queued = (await sweep.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("queued").GetInt32();
        BatchState? polled = null;
        if (fullPolls) polled = await node.WaitForBatch(batchId, TimeSpan.FromMinutes(60), TimeSpan.FromMilliseconds(250));
        else await WaitForCounts(node, batchId, TimeSpan.FromMinutes(60));
        var wall = clock.Elapsed;
        var cpu = (node.CpuSeconds() ?? 0) - cpuBefore;
        var server = Machine.PostgresCpuSeconds() - serverBefore;
        var again = polled ?? await node.GetBatch(batchId); // once, for the per-document times, after the CPU is read
        var (version2, read2, reused2) = await Health(node);
        var elapsed = again.Documents.Select(d => d.ElapsedSeconds).Order().ToList();
        Console.WriteLine($"rule set {version1} → {version2}; sweep queued {queued}");
        Console.WriteLine($"re-audit{(round == 1 ? "" : $" {round}")}: {again.Done} done, {again.Failed} failed in {wall.TotalSeconds:0.00} s = " +
                          $"{again.Total / wall.TotalSeconds:0.0} documents/s; CPU {cpu:0.0} s = {cpu * 1000 / again.Total:0.0} CPU-ms/document; " +
                          $"audit time per document p50 {Machine.Percentile(elapsed, 0.5) * 1000:0} ms, p95 {Machine.Percentile(elapsed, 0.95) * 1000:0} ms");
        if (server is { } s)
            Console.WriteLine($"PostgreSQL processes on this machine: CPU {s:0.0} s = {s * 1000 / again.Total:0.0} CPU-ms/document; " +
                              $"node and server together {(cpu + s) * 1000 / again.Total:0.0} CPU-ms/document");
        Console.WriteLine($"intake during the re-audit: files read {read2 - read1}, layouts reused {reused2 - reused1} " +
                          $"(previous-year links count as reuses too); load average {Machine.LoadAverage()}");
        return again.Failed > 0 || read2 != read1 || queued != count ? 1 : 0;
    }

    /// <summary>
    /// Where a re-audit's time goes in this process, per document from its stored layout JSON: reading the JSON,
    /// recognising, the rules, and the result JSON the store keeps. What the service adds on top is storing and queueing.
    /// </summary>
    private static void Profile(string root, IReadOnlyList<string> files)
    {
        var rules = RuleSet.Load(Path.Combine(root, "rules"));
        var sample = files.Where(f => !Path.GetFileName(f).StartsWith("scan-")).Take(20).ToList();
        var stored = sample.Select(f =>
        {
            using var buffer = new MemoryStream();
            LayoutJson.WriteStored(DocumentReader.Read(File.ReadAllBytes(f), Path.GetFileName(f)), buffer);
            return (Name: Path.GetFileName(f), Json: buffer.ToArray());
        }).ToList();
        // Two figures: rounds 1–5 after one warm-up round, as this profile always measured, when most of the code still
        // runs as the JIT's first, unoptimised tier (and its background thread recompiles it, CPU not counted here);
        // then rounds 26–30, once tiering has settled: what a node that has been auditing for a while spends.
        const int early = 5, warmFrom = 26, warmTo = 30;
        var firstRounds = new double[4];
        var warm = new double[4];
        // Thread CPU time, not wall time: the machine is shared, and a busy neighbour stretches the wall clock.
        static double Now() => AuditEngine.Intake.Ocr.LibC.ThreadCpuSeconds() * 1000;
        for (var round = 0; round <= warmTo; round++)
            foreach (var (fileName, json) in stored)
            {
                var start = Now();
                var layout = LayoutJson.Read(new MemoryStream(json), fileName);
                var t1 = Now() - start;
                var disclosure = Recognizer.Recognise(layout);
                var t2 = Now() - start;
                var findings = rules.Run(disclosure);
                var t3 = Now() - start;
                using var output = new MemoryStream();
                JsonReport.Write([new DocumentResult { Source = fileName, Findings = findings.ToList() }], output, new ReportInfo(DateTimeOffset.Now, rules.Version));
                var t4 = Now() - start;
                var into = round is >= 1 and <= early ? firstRounds : round >= warmFrom ? warm : null;
                if (into is null) continue;
                (into[0], into[1], into[2], into[3]) = (into[0] + t1, into[1] + t2 - t1, into[2] + t3 - t2, into[3] + t4 - t3);
            }
        string Line(double[] sums, int rounds)
        {
            var n = (double)rounds * stored.Count;
            return $"read JSON {sums[0] / n:0.0}, recognise {sums[1] / n:0.0}, rules {sums[2] / n:0.0}, result JSON {sums[3] / n:0.0}, total {sums.Sum() / n:0.0}";
        }
        Console.WriteLine($"in-process, one thread, CPU ms per document from its stored layout ({stored.Count} documents, " +
                          $"layout JSON {stored.Average(s => s.Json.Length) / 1024:0} KiB on average): rounds 1–{early} {Line(firstRounds, early)}");
        Console.WriteLine($"  warm, rounds {warmFrom}–{warmTo} (the JIT's tiering settled): {Line(warm, warmTo - warmFrom + 1)}");
    }

    /// <summary>Polls the batch's counts (the batch list, without its documents) until every document is done or failed.</summary>
    private static async Task WaitForCounts(ServiceNode node, long batchId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var list = await node.Http.GetFromJsonAsync<JsonElement>("api/batches?limit=500");
            var batch = list.GetProperty("items").EnumerateArray().Single(b => b.GetProperty("id").GetInt64() == batchId);
            if (batch.GetProperty("done").GetInt32() + batch.GetProperty("failed").GetInt32() >= batch.GetProperty("total").GetInt32()) return;
            if (clock.Elapsed > timeout) throw new TimeoutException($"batch {batchId} not done after {timeout.TotalSeconds:0} s");
            if (node.HasExited) throw new InvalidOperationException($"node {node.Name} exited during the re-audit:\n{node.LogTail()}");
            await Task.Delay(250);
        }
    }

    private static async Task<(string Version, long FilesRead, long LayoutsReused)> Health(ServiceNode node)
    {
        var health = await node.Http.GetFromJsonAsync<JsonElement>("api/health");
        var intake = health.GetProperty("intake");
        return (health.GetProperty("ruleSetVersion").GetString()!, intake.GetProperty("filesRead").GetInt64(),
            intake.GetProperty("layoutsReused").GetInt64());
    }

    private static async Task Sql(string connectionString, string sql)
    {
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        await command.ExecuteNonQueryAsync();
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

}
