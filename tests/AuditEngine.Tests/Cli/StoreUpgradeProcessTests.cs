using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Tests.Cli;

/// <summary>
/// Several processes opening a store written before schema versions, at the same moment: `auditengine admin org list`
/// started four times at once on a copy of the committed SQLite fixture (each process migrates on opening). Every one
/// succeeds and each schema version is recorded once.
/// </summary>
public sealed class StoreUpgradeProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ae-upgrade-proc-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Four_processes_migrating_one_old_sqlite_store_at_once_all_succeed_and_apply_each_version_once()
    {
        Directory.CreateDirectory(_data);
        File.Copy(Path.Combine(RepositoryPaths.Root, "tests", "AuditEngine.Service.Tests", "Storage", "Fixtures", "store-v1.db"),
            Path.Combine(_data, "auditengine.db"));
        var cli = Path.Combine(AppContext.BaseDirectory, "auditengine.dll");

        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { cli, "admin", "org", "list", "--data", _data }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, Out: await output, Error: await error);
        })).ToList();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r =>
        {
            Assert.True(r.ExitCode == 0, r.Error);
            Assert.Equal(["1\t样本单位 fixture-org", "2\t另一单位 other-org"], r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        });
        using var c = new SqliteConnection($"Data Source={Path.Combine(_data, "auditengine.db")};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT group_concat(version, ',') FROM (SELECT version FROM schema_version ORDER BY version)";
        Assert.Equal(string.Join(',', [AuditEngine.Storage.SchemaMigrations.Baseline, .. AuditEngine.Storage.SchemaMigrations.Steps.Select(s => s.Version)]),
            cmd.ExecuteScalar());
        cmd.CommandText = "SELECT COUNT(*) FROM documents";
        Assert.Equal(4L, cmd.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
