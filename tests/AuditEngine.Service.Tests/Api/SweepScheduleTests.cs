using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// The sweeps' cron schedules live in Quartz's ADO job store (quartz.db on SQLite), so they survive a restart, and a
/// restart with other settings changes or removes them.
/// </summary>
public sealed class SweepScheduleTests
{
    private sealed class Host(string data, string reauditCron, string inboxCron) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("AuditEngine:DataDirectory", data);
            builder.UseSetting("AuditEngine:SeedSamples", "false");
            builder.UseSetting("AuditEngine:FirstAdminPassword", "Sweep-Test-1");
            builder.UseSetting("AuditEngine:RulesDirectory", TestPaths.Rules);
            builder.UseSetting("AuditEngine:Sweeps:ReauditCron", reauditCron);
            builder.UseSetting("AuditEngine:Sweeps:InboxCron", inboxCron);
        }
    }

    [Fact]
    public async Task Cron_schedules_are_stored_in_the_job_store_and_follow_the_settings_across_restarts()
    {
        using var data = TestPaths.NewTemp("sweeps");
        await using (var first = new Host(data.Path, "0 0 2 * * ?", "0 */5 * * * ?"))
        {
            using var client = first.CreateClient();
            Assert.True((await client.GetAsync("/api/health")).IsSuccessStatusCode);
        }
        Assert.Equal(new Dictionary<string, string> { ["reaudit-cron"] = "0 0 2 * * ?", ["inbox-cron"] = "0 */5 * * * ?" },
            StoredCronTriggers(data.Path));
        // WAL: a job-store commit is one append and one fsync, not a rollback journal written, synced and deleted.
        Assert.Equal("wal", JournalMode(data.Path));

        // Restarted with the re-audit moved to 03:30 and the inbox sweep turned off.
        await using (var second = new Host(data.Path, "0 30 3 * * ?", ""))
        {
            using var client = second.CreateClient();
            Assert.True((await client.GetAsync("/api/health")).IsSuccessStatusCode);
        }
        Assert.Equal(new Dictionary<string, string> { ["reaudit-cron"] = "0 30 3 * * ?" }, StoredCronTriggers(data.Path));
    }

    [Fact]
    public void The_job_stores_PostgreSQL_sessions_commit_without_waiting_for_the_flush_and_keep_the_given_options()
    {
        var plain = new Npgsql.NpgsqlConnectionStringBuilder(
            AuditEngine.Service.Scheduling.QuartzProperties.WithoutCommitFlush("Host=db;Database=audit;Username=u"));
        Assert.Equal("-c synchronous_commit=off", plain.Options);
        Assert.Equal("audit", plain.Database);
        var given = new Npgsql.NpgsqlConnectionStringBuilder(
            AuditEngine.Service.Scheduling.QuartzProperties.WithoutCommitFlush("Host=db;Database=audit;Options=-c search_path=audit"));
        Assert.Equal("-c search_path=audit -c synchronous_commit=off", given.Options);
    }

    private static string JournalMode(string data)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(data, "quartz.db")};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        return (string)cmd.ExecuteScalar()!;
    }

    /// <summary>What the job store holds, read from its tables with the service stopped.</summary>
    private static Dictionary<string, string> StoredCronTriggers(string data)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(data, "quartz.db")};Pooling=false");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT TRIGGER_NAME, CRON_EXPRESSION FROM QRTZ_CRON_TRIGGERS";
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<string, string>();
        while (r.Read()) result[r.GetString(0)] = r.GetString(1);
        return result;
    }
}
