using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;
using AuditEngine.Service.Hosting;
using AuditEngine.Service.Processing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// The node's Quartz configuration: the ADO job store on SQLite (quartz.db in the data directory) by default, on the
/// store's PostgreSQL database when storage is PostgreSQL, clustered when configured. Document jobs and the two
/// sweeps live there, so schedules and queued work survive restarts.
/// </summary>
public static class QuartzProperties
{
    public static NameValueCollection For(ServiceOptions o, DataPaths paths, NodeIdentity node)
    {
        var postgres = o.Storage.Provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";
        if (o.Cluster && !postgres)
            throw new InvalidOperationException("集群模式需要 PostgreSQL 存储 cluster mode needs AuditEngine:Storage:Provider=postgres");
        var connectionString = postgres
            ? o.Storage.Postgres ?? throw new InvalidOperationException("存储配置缺少 PostgreSQL 连接串 (AuditEngine:Storage:Postgres)")
            : new SqliteConnectionStringBuilder { DataSource = paths.QuartzDatabase, Pooling = true, DefaultTimeout = 60 }.ToString();
        EnsureSchema(postgres, connectionString);

        var workers = Math.Max(1, o.Workers).ToString();
        var properties = new NameValueCollection
        {
            // One name per job store: cluster nodes share it; separate installations (and test hosts) do not. A cluster
            // is named by its database alone: nodes whose connection strings differ in host alias, password source or
            // pool settings would otherwise form separate schedulers on the same tables and never share work.
            ["quartz.scheduler.instanceName"] = "AuditEngine-" + ShortHash(o.Cluster
                ? "cluster:" + new NpgsqlConnectionStringBuilder(connectionString).Database
                : connectionString),
            ["quartz.scheduler.instanceId"] = o.Cluster ? node.Name : "NON_CLUSTERED",
            ["quartz.threadPool.maxConcurrency"] = workers,
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = workers,
            ["quartz.scheduler.idleWaitTime"] = "1000",
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.jobStore.tablePrefix"] = QuartzSchema.TablePrefix,
            // Queued documents wait their turn for minutes in a large batch; that is not a misfire worth handling.
            ["quartz.jobStore.misfireThreshold"] = "3600000",
            ["quartz.dataSource.default.connectionString"] = postgres ? WithoutCommitFlush(connectionString) : connectionString,
            ["quartz.serializer.type"] = "stj",
        };
        if (postgres)
        {
            properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
            properties["quartz.dataSource.default.provider"] = "Npgsql";
            properties["quartz.jobStore.clustered"] = o.Cluster ? "true" : "false";
            properties["quartz.jobStore.clusterCheckinInterval"] = "5000";
        }
        else
        {
            properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz";
            properties["quartz.dataSource.default.provider"] = "SQLite-Microsoft";
        }
        return properties;
    }

    /// <summary>
    /// The job store's own PostgreSQL sessions commit without waiting for the WAL flush (synchronous_commit off, for
    /// those sessions only; the store's findings and documents keep the server's setting). Each queued document costs
    /// the job store three commits, each an fsync of milliseconds. A crash can lose the last of them, never corrupt
    /// anything: a job whose completion was lost runs again on recovery, and the document claim makes that harmless.
    /// </summary>
    public static string WithoutCommitFlush(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options)
            ? "-c synchronous_commit=off"
            : builder.Options + " -c synchronous_commit=off";
        return builder.ConnectionString;
    }

    private static void EnsureSchema(bool postgres, string connectionString)
    {
        if (postgres)
        {
            using var c = new NpgsqlConnection(connectionString);
            c.Open();
            QuartzSchema.EnsureCreated(c, postgres: true);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource)!);
            using var c = new SqliteConnection(connectionString);
            c.Open();
            // WAL (kept in the file): a commit is one append and one fsync instead of a rollback journal written,
            // synced and deleted. Every queued document costs the job store three commits (acquire, fire, complete),
            // and on this class of disk an fsync takes milliseconds, which the workers otherwise wait out between documents.
            using (var wal = c.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                wal.ExecuteNonQuery();
            }
            QuartzSchema.EnsureCreated(c, postgres: false);
        }
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
