using System.Diagnostics;
using System.Globalization;
using AuditEngine.Intake;
using AuditEngine.Pipeline;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.SampleGen;
using AuditEngine.ServiceHarness;
using AuditEngine.Storage;
using Npgsql;

namespace AuditEngine.Bench;

/// <summary>
/// End-to-end throughput through the HTTP API: a batch of generated digital disclosures (DOCX and digital PDF, each
/// distinct) uploaded to real service processes, timed from the upload until the last document is audited.
/// Runs one node on SQLite (the default installation), and, when a PostgreSQL server is at hand, one node and two
/// clustered nodes on PostgreSQL. Before that, an in-process profile of one DOCX and one PDF says where a document's
/// time goes.
/// Usage: AuditEngine.Bench --service [--documents 200] [--pdf-share 0.5] [--corpus DIR] [--workers N]
///                                    [--postgres CONNECTION] [--runs sqlite,pg1,pg2] [--warmup 10]
/// </summary>
public static class ServiceBench
{
    public static async Task<int> Run(string[] args)
    {
        var documents = 200;
        var pdfShare = 0.5;
        var warmup = 10;
        string? corpus = null;
        int? workers = null;
        var postgres = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_POSTGRES");
        var runs = new List<string> { "sqlite", "pg1", "pg2" };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--documents" when value is not null: documents = int.Parse(value); i++; break;
                case "--pdf-share" when value is not null: pdfShare = double.Parse(value, CultureInfo.InvariantCulture); i++; break;
                case "--warmup" when value is not null: warmup = int.Parse(value); i++; break;
                case "--corpus" when value is not null: corpus = value; i++; break;
                case "--workers" when value is not null: workers = int.Parse(value); i++; break;
                case "--postgres" when value is not null: postgres = value; i++; break;
                case "--runs" when value is not null: runs = value.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(); i++; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    Console.Error.WriteLine("usage: AuditEngine.Bench --service [--documents N] [--pdf-share F] [--corpus DIR] [--workers N] " +
                                            "[--postgres CONNECTION] [--runs sqlite,pg1,pg2] [--warmup N]");
                    return 2;
            }
        }

        var root = RepositoryRoot();
        Console.WriteLine($"service benchmark: {documents} digital disclosures ({pdfShare:P0} digital PDF, the rest DOCX), " +
                          $"workers per node {(workers?.ToString() ?? $"default ({Environment.ProcessorCount})")}, {warmup} warm-up documents per run");
        corpus ??= Path.Combine(Path.GetTempPath(), $"auditengine-bench-corpus-{documents}-{(int)(pdfShare * 100)}");
        var files = Corpus(root, corpus, "bench", documents, pdfShare);
        var warmFiles = warmup > 0 ? Corpus(root, corpus + "-warmup", "warmup", warmup, pdfShare) : [];
        Console.WriteLine($"corpus: {corpus} ({files.Count} files, {files.Sum(f => new FileInfo(f).Length) / 1024.0 / 1024:0.0} MiB)");
        Console.WriteLine();

        Profile(root, files);

        var results = new List<RunResult>();
        foreach (var run in runs)
        {
            if (run != "sqlite" && string.IsNullOrWhiteSpace(postgres))
            {
                Console.WriteLine($"{run}: skipped, no PostgreSQL (set AUDITENGINE_TEST_POSTGRES or pass --postgres)");
                continue;
            }
            var result = run switch
            {
                "sqlite" => await Measure(root, "1 node, SQLite", 1, null, files, warmFiles, workers),
                "pg1" => await Measure(root, "1 node, PostgreSQL", 1, postgres, files, warmFiles, workers),
                "pg2" => await Measure(root, "2 nodes, PostgreSQL cluster", 2, postgres, files, warmFiles, workers),
                _ => throw new ArgumentException("unknown run " + run),
            };
            results.Add(result);
        }

        Console.WriteLine();
        Console.WriteLine($"{"run",-30} {"docs",5} {"wall s",8} {"docs/min",9} {"p50 s",7} {"p95 s",7} {"p95 latency s",14} " +
                          $"{"CPU-s/doc",10} {"CPU-bound/min",14}  by node");
        foreach (var r in results)
            Console.WriteLine($"{r.Name,-30} {r.Documents,5} {r.Wall.TotalSeconds,8:0.0} {r.PerMinute,9:0.0} {r.P50,7:0.00} {r.P95,7:0.00} " +
                              $"{r.P95Latency,14:0.0} {r.CpuPerDocument,10:0.000} {r.CpuBoundPerMinute,14:0}  {r.ByNode}");
        Console.WriteLine("p50/p95: a document's audit time in the worker (read + recognise + rules + storing); " +
                          "latency: upload start → document audited; CPU-bound/min: documents/min if the machine's CPUs " +
                          "did nothing else (CPU time of the nodes, PostgreSQL not counted).");
        return results.All(r => r.Failed == 0) ? 0 : 1;
    }

    private sealed record RunResult(string Name, int Documents, int Failed, TimeSpan Wall, double PerMinute, double P50, double P95,
        double P95Latency, string ByNode, double CpuPerDocument, double CpuBoundPerMinute);

    private static async Task<RunResult> Measure(string root, string name, int nodeCount, string? postgres,
        IReadOnlyList<string> files, IReadOnlyList<string> warmFiles, int? workers)
    {
        Console.WriteLine($"== {name}");
        var work = Path.Combine(Path.GetTempPath(), "auditengine-bench-" + Guid.NewGuid().ToString("N")[..8]);
        string? database = null;
        var settings = new Dictionary<string, string>();
        if (workers is { } w) settings["Workers"] = w.ToString();
        if (postgres is not null)
        {
            database = "auditengine_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using (var c = new NpgsqlConnection(postgres))
            {
                await c.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", c);
                await create.ExecuteNonQueryAsync();
            }
            settings["Storage:Provider"] = "postgres";
            settings["Storage:Postgres"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
            settings["Cluster"] = nodeCount > 1 ? "true" : "false";
        }
        var nodes = new List<ServiceNode>();
        try
        {
            for (var i = 0; i < nodeCount; i++)
                nodes.Add(await ServiceNode.Start(root, $"bench-{(char)('a' + i)}", Path.Combine(work, $"node{i}"), settings));
            var entry = nodes[0];

            if (warmFiles.Count > 0)
            {
                var warmClock = Stopwatch.StartNew();
                var (warmBatch, _) = await entry.Upload("warm-up", warmFiles);
                await entry.WaitForBatch(warmBatch, TimeSpan.FromMinutes(10));
                Console.WriteLine($"warm-up: {warmFiles.Count} documents in {warmClock.Elapsed.TotalSeconds:0.0} s (not counted)");
            }

            var cpuBefore = nodes.Select(n => n.CpuSeconds() ?? 0).Sum();
            var loadBefore = Machine.LoadAverage();
            var clock = Stopwatch.StartNew();
            var started = DateTimeOffset.Now;
            var (batchId, ids) = await entry.Upload("benchmark", files);
            var uploaded = clock.Elapsed;
            var state = await entry.WaitForBatch(batchId, TimeSpan.FromMinutes(60), TimeSpan.FromMilliseconds(100));
            var wall = clock.Elapsed;
            var cpu = nodes.Select(n => n.CpuSeconds() ?? 0).Sum() - cpuBefore;
            var loadAfter = Machine.LoadAverage();

            var elapsed = state.Documents.Select(d => d.ElapsedSeconds).Order().ToList();
            var latency = state.Documents.Where(d => d.AuditedAt is not null)
                .Select(d => (d.AuditedAt!.Value - started).TotalSeconds).Order().ToList();
            var byNode = ByNode(postgres is null ? null : settings["Storage:Postgres"], ids);
            var failed = state.Documents.Where(d => d.Status == "error").ToList();
            foreach (var f in failed.Take(5)) Console.WriteLine($"  failed: {f.FileName}: {f.Error}");
            var result = new RunResult(name, state.Total, state.Failed, wall, state.Total / wall.TotalMinutes,
                Machine.Percentile(elapsed, 0.50), Machine.Percentile(elapsed, 0.95), Machine.Percentile(latency, 0.95), byNode,
                cpu / state.Total, Environment.ProcessorCount * 60 / (cpu / state.Total));
            Console.WriteLine($"CPU {cpu:0.0} s for the batch = {result.CpuPerDocument:0.000} CPU-s/document " +
                              $"(nodes and their pdftoppm/pdftotext); {Environment.ProcessorCount} CPUs fully ours would give " +
                              $"≈ {result.CpuBoundPerMinute:0} documents/min; load average {loadBefore} → {loadAfter}");
            Console.WriteLine($"upload {uploaded.TotalSeconds:0.0} s; {state.Done} done, {state.Failed} failed in {wall.TotalSeconds:0.0} s " +
                              $"= {result.PerMinute:0.0} documents/min; audit time per document p50 {result.P50:0.00} s, " +
                              $"p95 {result.P95:0.00} s, max {elapsed.LastOrDefault():0.00} s; {byNode}");
            return result;
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
            if (database is not null)
            {
                NpgsqlConnection.ClearAllPools();
                await using var c = new NpgsqlConnection(postgres);
                await c.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", c);
                await drop.ExecuteNonQueryAsync();
            }
            try { Directory.Delete(work, recursive: true); }
            catch (IOException) { }
        }
    }

    private static string ByNode(string? connectionString, IReadOnlyList<long> ids)
    {
        if (connectionString is null) return "";
        using var store = new AuditStore(new PostgresDatabase(connectionString));
        var runs = ids.SelectMany(store.Ledger.ListAuditRuns).ToList();
        var duplicates = runs.GroupBy(r => r.DocumentId).Count(g => g.Count() > 1);
        return string.Join(", ", runs.GroupBy(r => r.Node).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))
               + (duplicates > 0 ? $" ({duplicates} audited twice!)" : "");
    }

    /// <summary>Where one document's time goes, in this process: read (intake), recognise, rules; first call and warm.</summary>
    private static void Profile(string root, IReadOnlyList<string> files)
    {
        var rules = RuleSet.Load(Path.Combine(root, "rules"));
        Console.WriteLine("in-process profile, one thread: ms per document (first call includes JIT and library start-up)");
        Console.WriteLine($"{"file",-44} {"pages",5} {"first read",11} {"read",8} {"read CPU",9} {"recognise",10} {"rules",7}");
        foreach (var file in files.GroupBy(Path.GetExtension).Select(g => g.First())
                     .Concat(files.Where(f => f.EndsWith(".docx")).Skip(1).Take(4)))
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetFileName(file);
            var clock = Stopwatch.StartNew();
            DocumentReader.Read(bytes, name);
            var first = clock.Elapsed.TotalMilliseconds;
            const int repeats = 5;
            double read = 0, recognise = 0, audit = 0, readCpu = 0;
            var pages = 0;
            for (var i = 0; i < repeats; i++)
            {
                var cpuBefore = SelfCpuSeconds();
                clock.Restart();
                var layout = DocumentReader.Read(bytes, name);
                read += clock.Elapsed.TotalMilliseconds;
                readCpu += (SelfCpuSeconds() - cpuBefore) * 1000;
                pages = layout.Pages.Count;
                clock.Restart();
                var disclosure = Recognizer.Recognise(layout);
                recognise += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
                rules.Run(disclosure);
                audit += clock.Elapsed.TotalMilliseconds;
            }
            Console.WriteLine($"{name,-44} {pages,5} {first,11:0.0} {read / repeats,8:0.0} {readCpu / repeats,9:0.0} " +
                              $"{recognise / repeats,10:0.0} {audit / repeats,7:0.0}");
        }
        Console.WriteLine("read CPU: this process's and its finished children's (poppler) CPU time; read: wall clock.");
        Console.WriteLine();
    }

    /// <summary>CPU seconds of this process and its waited-for children (user + system), from /proc/self/stat.</summary>
    private static double SelfCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i])) / 100.0;
        }
        catch (IOException) { return 0; }
    }

    internal static IReadOnlyList<string> Corpus(string root, string directory, string tag, int count, double pdfShare)
    {
        var marker = Path.Combine(directory, ".complete");
        if (File.Exists(marker))
        {
            var existing = File.ReadAllLines(marker).Where(l => l.Length > 0).ToList();
            if (existing.Count == count && existing.All(File.Exists)) return existing;
        }
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        var clock = Stopwatch.StartNew();
        var files = BatchCorpus.Write([Path.Combine(root, "samples", "seeds")], count, directory, pdfShare, tag, Console.Out);
        File.WriteAllLines(marker, files);
        Console.WriteLine($"generated {count} files in {directory} ({clock.Elapsed.TotalSeconds:0.0} s)");
        return files;
    }

    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "AuditEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("AuditEngine.sln not found above the current directory");
    }
}
