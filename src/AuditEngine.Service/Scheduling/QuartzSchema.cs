using System.Data;
using System.Data.Common;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Creates the tables of Quartz.NET's ADO job store (QRTZ_JOB_DETAILS, QRTZ_TRIGGERS, …) on SQLite or PostgreSQL when
/// they are missing.
/// </summary>
/// <remarks>
/// The DDL is the schema script that ships inside Quartz.dll itself (resource
/// <c>Quartz.Impl.AdoJobStore.Schema.create_&lt;dialect&gt;.sql</c>, the script Quartz runs for
/// <c>quartz.jobStore.schemaProvisioning = CreateIfMissing</c>), so it always matches the referenced Quartz version
/// column for column; Quartz 4.x validates the schema at start-up and refuses one that lacks a column. The script only
/// creates (<c>CREATE … IF NOT EXISTS</c>, never DROP), and it is run only when QRTZ_JOB_DETAILS is missing.
/// It creates; it never upgrades an older Quartz schema — a version bump that changes the schema needs Quartz's
/// migration scripts.
/// Table names: <c>QRTZ_</c> prefix on SQLite (Quartz's default <c>quartz.jobStore.tablePrefix</c>), lower-case
/// <c>qrtz_</c> on PostgreSQL, where Quartz's unquoted <c>QRTZ_…</c> folds to lower case.
/// </remarks>
public static class QuartzSchema
{
    /// <summary>The table prefix the tables are created with; Quartz's default <c>quartz.jobStore.tablePrefix</c>.</summary>
    public const string TablePrefix = "QRTZ_";

    const string StatementSeparator = "--;;";

    // Any fixed number: serialises concurrent creators (several service instances starting at once on one database).
    const long PostgresAdvisoryLockKey = 0x5152_545A_5343_484D; // "QRTZSCHM"

    /// <summary>
    /// Creates the Quartz tables, indexes (and, on SQLite, the cascade triggers) when <c>QRTZ_JOB_DETAILS</c> does not
    /// exist; does nothing when it does. Runs in one transaction, so a failure leaves no half-made schema.
    /// </summary>
    /// <param name="openConnection">An open connection (Microsoft.Data.Sqlite or Npgsql); not closed here.</param>
    /// <param name="postgres">True for PostgreSQL, false for SQLite.</param>
    public static void EnsureCreated(DbConnection openConnection, bool postgres)
    {
        ArgumentNullException.ThrowIfNull(openConnection);
        if (openConnection.State != ConnectionState.Open)
        {
            throw new InvalidOperationException("QuartzSchema.EnsureCreated needs an open connection.");
        }

        if (Exists(openConnection, null, postgres))
        {
            return;
        }

        // SQLite: Microsoft.Data.Sqlite begins IMMEDIATE, which takes the write lock now.
        using var transaction = openConnection.BeginTransaction();
        if (postgres)
        {
            Execute(openConnection, transaction, $"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})");
        }

        // Someone else may have made it while we waited for the lock.
        if (!Exists(openConnection, transaction, postgres))
        {
            foreach (var statement in Statements(postgres))
            {
                Execute(openConnection, transaction, statement);
            }
        }

        transaction.Commit();
    }

    /// <summary>Whether the Quartz tables exist (judged by <c>QRTZ_JOB_DETAILS</c>).</summary>
    public static bool Exists(DbConnection openConnection, bool postgres) => Exists(openConnection, null, postgres);

    /// <summary>
    /// The statements <see cref="EnsureCreated"/> runs, in order, with the table prefix filled in: the script embedded
    /// in Quartz.dll split on its <c>--;;</c> separator lines, comment-only pieces and any DROP left out.
    /// </summary>
    public static IReadOnlyList<string> Statements(bool postgres)
    {
        var prefix = postgres ? TablePrefix.ToLowerInvariant() : TablePrefix;
        var script = ReadQuartzScript(postgres ? "postgres" : "sqlite")
            .Replace("\r\n", "\n")
            // {0}: the prefix, possibly schema-qualified; {1}: the same without a schema, for index names.
            .Replace("{0}", prefix)
            .Replace("{1}", prefix);

        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in script.Split('\n').Append(StatementSeparator))
        {
            if (line.Trim() != StatementSeparator)
            {
                current.Add(line);
                continue;
            }

            var hasCode = current.Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
            var statement = string.Join('\n', current).Trim();
            current.Clear();
            if (!hasCode)
            {
                continue;
            }

            var code = string.Join('\n', statement.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).TrimStart();
            if (code.StartsWith("DROP ", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            statements.Add(statement);
        }

        return statements;
    }

    static bool Exists(DbConnection connection, DbTransaction? transaction, bool postgres)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = postgres
            ? $"SELECT to_regclass('{TablePrefix.ToLowerInvariant()}job_details') IS NOT NULL"
            : $"SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = '{TablePrefix}JOB_DETAILS' COLLATE NOCASE";
        return Convert.ToBoolean(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    static void Execute(DbConnection connection, DbTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    static string ReadQuartzScript(string dialect)
    {
        var assembly = typeof(Quartz.IScheduler).Assembly;
        var name = $"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql";
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException(
            $"{assembly.GetName().Name} {assembly.GetName().Version} has no embedded schema script '{name}' " +
            $"(it has: {string.Join(", ", assembly.GetManifestResourceNames())}). Quartz's schema scripts moved: " +
            "update QuartzSchema, or set quartz.jobStore.schemaProvisioning = CreateIfMissing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
