using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>Versioned migrations: the baseline (Schema() and AddedColumns) on every start, then each later step once.</summary>
public abstract partial class SqlAuditStore : ISchemaHistory
{
    private const string SchemaVersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL, description TEXT NOT NULL)";

    /// <summary>
    /// Runs under the migration lock (PostgreSQL: an advisory lock). SQLite has none across processes, so every write here
    /// is idempotent and each step re-reads the version inside its own transaction, which SQLite begins IMMEDIATE (it
    /// takes the file's write lock): of two processes starting together, the second finds the step done and skips it.
    /// </summary>
    private void MigrateVersioned(DbConnection c)
    {
        Execute(c, null, SchemaVersionTable);
        var found = CurrentVersion(c, null);
        // Checked before anything is written: a newer build's store is left exactly as it is.
        if (found > SchemaMigrations.Latest) throw new StoreSchemaTooNewException(found, SchemaMigrations.Latest);

        var existing = found == 0 && HasColumn(c, "organisations", "id");
        // The baseline runs on every start, as before versions were recorded: CREATE … IF NOT EXISTS and AddedColumns
        // are idempotent, and a column or table appended to them later reaches stores already past version 1.
        foreach (var statement in Schema().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            Execute(c, null, statement);
        foreach (var (table, column, type) in AddedColumns)
            AddColumnIfMissing(c, table, column, type);
        if (found == 0)
            Stamp(c, null, SchemaMigrations.Baseline,
                existing ? SchemaMigrations.RecognisedDescription : SchemaMigrations.BaselineDescription);

        foreach (var step in SchemaMigrations.Steps.Where(s => s.Version > found).OrderBy(s => s.Version))
        {
            using var tx = c.BeginTransaction();
            if (CurrentVersion(c, tx) >= step.Version)
            {
                tx.Commit();
                continue;
            }
            foreach (var statement in step.Statements) Execute(c, tx, statement);
            foreach (var statement in BackendStatements(step.Version)) Execute(c, tx, statement);
            Stamp(c, tx, step.Version, step.Description);
            tx.Commit();
        }
    }

    private static int CurrentVersion(DbConnection c, DbTransaction? tx) =>
        (int)Scalar<long>(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version");

    private static void Stamp(DbConnection c, DbTransaction? tx, int version, string description) =>
        Execute(c, tx, "INSERT INTO schema_version (version, applied_at, description) VALUES (@version, @at, @description) " +
            "ON CONFLICT (version) DO NOTHING", ("version", version), ("at", Now()), ("description", description));

    public IReadOnlyList<AppliedSchemaStep> ListSchemaVersions()
    {
        using var c = Open();
        return Query(c, null, "SELECT version, applied_at, description FROM schema_version ORDER BY version",
            r => new AppliedSchemaStep(Int(r, 0), FromMs(r.GetInt64(1)), r.GetString(2)));
    }
}
