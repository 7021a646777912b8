using System.Diagnostics;
using AuditEngine.SampleGen;
using AuditEngine.ServiceHarness;
using AuditEngine.Storage;
using Npgsql;
using Xunit.Abstractions;

namespace AuditEngine.Cluster.Tests;

/// <summary>
/// Cluster mode end to end: two real service processes on one fresh PostgreSQL database (clustered Quartz job store),
/// batches uploaded through the HTTP API, the audit ledger (audit_runs) read back from the database. Everything runs on
/// 127.0.0.1; the database server is the one AUDITENGINE_TEST_POSTGRES names (test.sh starts a private one).
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int BatchSize = 40;

    private readonly string _work = Path.Combine(Path.GetTempPath(), "auditengine-cluster-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<ServiceNode> _nodes = [];
    private string? _database;
    private string? _serverConnectionString;

    [Fact]
    public async Task Two_nodes_audit_every_document_exactly_once_and_one_survives_the_other_being_killed()
    {
        var total = Stopwatch.StartNew();
        var connectionString = CreateDatabase();
        var batch1 = Corpus("first");
        var batch2 = Corpus("second");
        output.WriteLine($"{2 * BatchSize} DOCX generated in {total.Elapsed.TotalSeconds:0.0} s");

        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:Postgres"] = connectionString,
            ["Cluster"] = "true",
            ["Workers"] = "2",
        };
        // Both nodes start at once on the empty database (the schema, Quartz's tables and the first admin are made by
        // whichever gets there first), and with connection strings that differ in more than the database, as two
        // hosts' configurations do: they must still form one cluster.
        var settingsB = new Dictionary<string, string>(settings)
        {
            ["Storage:Postgres"] = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "node-b", MaxPoolSize = 50 }.ConnectionString,
        };
        var starting = new[] { StartNode("node-a", settings), StartNode("node-b", settingsB) };
        await Task.WhenAll(starting);
        ServiceNode a = await starting[0], b = await starting[1];
        output.WriteLine($"two nodes up after {total.Elapsed.TotalSeconds:0.0} s");

        using var store = new AuditStore(new PostgresDatabase(connectionString));

        // Both nodes keep the (empty) departments × years overview before any audit: each must then see the other's.
        Assert.Equal((0, 0), (await Uploads(a), await Uploads(b)));

        // --- batch 1: both nodes share the work; every document is audited exactly once --------------------------
        var clock = Stopwatch.StartNew();
        var (firstBatch, firstIds) = await a.Upload("cluster batch 1", batch1);
        Assert.Equal(BatchSize, firstIds.Count);
        var first = await a.WaitForBatch(firstBatch, TimeSpan.FromMinutes(6));
        output.WriteLine($"batch 1: {first.Done} done, {first.Failed} failed in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(BatchSize, first.Done);
        var runs1 = firstIds.ToDictionary(id => id, store.Ledger.ListAuditRuns);
        Assert.All(runs1, kv => Assert.True(kv.Value.Count == 1, $"document {kv.Key} has {kv.Value.Count} ledger rows"));
        var byNode1 = runs1.Values.SelectMany(r => r).GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("batch 1 by node: " + string.Join(", ", byNode1.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.Equal(["node-a", "node-b"], byNode1.Keys.Order());
        var shown1 = OverviewUploads(store, firstBatch);
        Assert.True(shown1 > 0, "batch 1 has documents with a department and a year");
        Assert.Equal((shown1, shown1), (await Uploads(a), await Uploads(b)));

        // --- batch 2: uploaded to node-a, which is killed (SIGKILL) while it has a document in hand ----------------
        clock.Restart();
        var (secondBatch, secondIds) = await a.Upload("cluster batch 2", batch2);
        Assert.Equal(BatchSize, secondIds.Count);
        var inHand = await WaitForWorkInHand(connectionString, secondBatch, "node-a", TimeSpan.FromMinutes(4));
        a.Kill();
        output.WriteLine($"node-a killed after {clock.Elapsed.TotalSeconds:0.0} s: it had finished {inHand.DoneByVictim} " +
                         $"and held {inHand.Claimed.Count} ({string.Join(", ", inHand.Claimed)}); {inHand.Done} of {BatchSize} done");
        Assert.True(inHand.Done < BatchSize, "node-a was to be killed in the middle of the batch");

        var second = await b.WaitForBatch(secondBatch, TimeSpan.FromMinutes(6));
        output.WriteLine($"batch 2: {second.Done} done, {second.Failed} failed in {clock.Elapsed.TotalSeconds:0.0} s " +
                         "(Quartz recovers a dead node's jobs after its check-in lapses: ≈ 5 s interval + 7.5 s grace)");
        Assert.Equal(BatchSize, second.Done);
        var runs2 = secondIds.ToDictionary(id => id, store.Ledger.ListAuditRuns);
        Assert.All(runs2, kv => Assert.True(kv.Value.Count == 1, $"document {kv.Key} has {kv.Value.Count} ledger rows"));
        var byNode2 = runs2.Values.SelectMany(r => r).GroupBy(r => r.Node).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine("batch 2 by node: " + string.Join(", ", byNode2.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(byNode2.GetValueOrDefault("node-b") > 0, "the surviving node finished the batch");
        // What node-a held when it died was finished by node-b, once.
        foreach (var id in inHand.Claimed)
            Assert.Equal("node-b", Assert.Single(runs2[id]).Node);
        Assert.Equal(BatchSize, byNode2.Values.Sum());
        // The survivor's kept overview has every upload, whichever node audited it.
        Assert.Equal(shown1 + OverviewUploads(store, secondBatch), await Uploads(b));
        // Nothing else queued or processing anywhere in the store.
        Assert.Empty(store.Ledger.ListUnfinishedDocuments());
        output.WriteLine($"total {total.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>How many uploads the node's departments × years overview counts (GET /api/overview/departments).</summary>
    private static async Task<int> Uploads(ServiceNode node) =>
        (int)System.Text.Json.Nodes.JsonNode.Parse(await node.Http.GetStringAsync("api/overview/departments"))!["uploads"]!;

    /// <summary>The batch's documents the overview lists: audited, with a department and a year.</summary>
    private static int OverviewUploads(AuditStore store, long batchId) => store.Batches.ListDocuments(batchId)
        .Count(d => d.Status == DocumentStatus.Done && !string.IsNullOrWhiteSpace(d.Department) && d.Year is not null);

    [Fact]
    public async Task A_single_node_killed_mid_batch_finishes_it_after_a_restart_without_auditing_anything_twice()
    {
        // SQLite, one worker: the default installation. Quartz's job store (quartz.db) keeps the queued jobs; the one
        // running when the process died asked for recovery and fires again on the next start.
        const int count = 20;
        var data = Path.Combine(_work, "single");
        var settings = new Dictionary<string, string> { ["Workers"] = "1" };
        var files = Corpus("restart", count);
        var first = await StartNode("single-1", settings, data);
        var (batchId, ids) = await first.Upload("restart", files);
        var clock = Stopwatch.StartNew();
        BatchState state;
        do
        {
            await Task.Delay(50);
            state = await first.GetBatch(batchId);
        } while (state.Done < 3 && clock.Elapsed < TimeSpan.FromMinutes(4));
        first.Kill();
        output.WriteLine($"single-1 killed with {state.Done} of {count} done");
        Assert.InRange(state.Done, 3, count - 1);

        var second = await StartNode("single-2", settings, data);
        var finished = await second.WaitForBatch(batchId, TimeSpan.FromMinutes(5));
        output.WriteLine($"single-2 finished the batch {clock.Elapsed.TotalSeconds:0.0} s after the upload");
        Assert.Equal(count, finished.Done);
        var store = new AuditStore(new SqliteDatabase(Path.Combine(data, "auditengine.db")));
        var runs = ids.ToDictionary(id => id, store.Ledger.ListAuditRuns);
        Assert.All(runs, kv => Assert.True(kv.Value.Count == 1, $"document {kv.Key} has {kv.Value.Count} ledger rows"));
        // single-1 may finish a document or two between the last poll and the kill (a DOCX audits in milliseconds):
        // single-2 did the rest, at most what was unfinished at that poll and at least what the kill interrupted.
        var bySecond = runs.Values.Count(r => r[0].Node == "single-2");
        Assert.Equal(count, bySecond + runs.Values.Count(r => r[0].Node == "single-1"));
        Assert.InRange(bySecond, 1, count - state.Done);
        Assert.Empty(store.Ledger.ListUnfinishedDocuments());
    }

    private sealed record WorkInHand(int Done, int DoneByVictim, IReadOnlyList<long> Claimed);

    /// <summary>
    /// Waits until <paramref name="node"/> has finished at least four documents of the batch and is auditing another
    /// (status processing under its name), so killing it then leaves a claimed document and its Quartz job behind.
    /// </summary>
    private static async Task<WorkInHand> WaitForWorkInHand(string connectionString, long batchId, string node, TimeSpan timeout)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var command = new NpgsqlCommand(
                "SELECT id, status, node FROM documents WHERE batch_id = @batch ORDER BY id", connection);
            command.Parameters.AddWithValue("batch", batchId);
            var rows = new List<(long Id, string Status, string? Node)>();
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
            var done = rows.Count(r => r.Status is "done" or "error");
            var doneByVictim = rows.Count(r => r.Status is "done" && r.Node == node);
            var claimed = rows.Where(r => r.Status == "processing" && r.Node == node).Select(r => r.Id).ToList();
            if (doneByVictim >= 4 && claimed.Count > 0) return new WorkInHand(done, doneByVictim, claimed);
            if (done == rows.Count || clock.Elapsed > timeout)
                throw new InvalidOperationException(
                    $"{node} never held a document mid-batch ({done}/{rows.Count} done, {doneByVictim} by {node})");
            await Task.Delay(20);
        }
    }

    private async Task<ServiceNode> StartNode(string name, Dictionary<string, string> settings, string? dataDirectory = null)
    {
        var node = await ServiceNode.Start(RepositoryRoot, name, dataDirectory ?? Path.Combine(_work, name), settings);
        lock (_nodes) _nodes.Add(node);
        return node;
    }

    /// <summary>40 distinct DOCX files from the seeds (each with its own 材料编号, so every content hash differs).</summary>
    private IReadOnlyList<string> Corpus(string tag, int count = BatchSize)
    {
        var files = BatchCorpus.Write([Path.Combine(RepositoryRoot, "samples", "seeds")], count, Path.Combine(_work, tag), tag: tag);
        Assert.Equal(count, files.Select(f => ContentHash.Sha256(File.ReadAllBytes(f))).Distinct().Count());
        return files;
    }

    /// <summary>A fresh database on the test server, dropped again at the end.</summary>
    private string CreateDatabase()
    {
        var configured = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(configured))
            Assert.Fail("AUDITENGINE_TEST_POSTGRES is not set: the cluster test needs a PostgreSQL server " +
                        "(./test.sh starts a private one; or run `source scripts/postgres.sh && pg_test_start`)");
        _serverConnectionString = configured;
        _database = "auditengine_cluster_" + Guid.NewGuid().ToString("N")[..12];
        using (var c = new NpgsqlConnection(configured))
        {
            c.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", c);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(configured) { Database = _database }.ConnectionString;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes) await node.DisposeAsync(); // a killed node only has its client and log closed
        foreach (var node in _nodes) output.WriteLine($"--- {node.Name} log tail ---\n{node.LogTail(15)}");
        if (_database is not null && _serverConnectionString is not null)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var c = new NpgsqlConnection(_serverConnectionString);
                await c.OpenAsync();
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", c);
                await drop.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException e) { output.WriteLine($"could not drop {_database}: {e.Message}"); }
        }
        try { Directory.Delete(_work, recursive: true); }
        catch (IOException) { }
    }

    private static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AuditEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("AuditEngine.sln not found above " + AppContext.BaseDirectory);
    }
}
