using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>
/// The schema (<see cref="ISchemaHistory"/>): versioned migrations, the baseline (Schema() and AddedColumns) on every
/// start, then each later step once.
/// </summary>
internal sealed class SqlSchema(SqlDatabase database) : SqlRole(database), ISchemaHistory
{
    // The dialect's names, as the CREATE TABLE statements below use them.
    private string IdentityColumn => Database.IdentityColumn;
    private string BlobType => Database.BlobType;
    private string FloatType => Database.FloatType;
    private string ColumnCountQuery => Database.ColumnCountQuery;
    private const string FiguresSchema = SqlDisclosureOverview.FiguresSchema;

    public void Migrate()
    {
        using var c = Open();
        Database.WithMigrationLock(c, () => MigrateVersioned(c));
    }

    /// <summary>
    /// Columns added after their table was first released. CREATE TABLE IF NOT EXISTS leaves a table made by an older
    /// version as it was, so a store upgraded in place gets them here; a new store has them from its CREATE TABLE.
    /// Rows that were there before read the new column as NULL. They are ensured on every start, before the versioned
    /// steps (SchemaMigrations), which may rely on them.
    /// </summary>
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("documents", "document_type", "TEXT"),
        ("users", "disabled", "INTEGER NOT NULL DEFAULT 0"),
        ("users", "security_stamp", "TEXT"),
        ("api_keys", "expires_at", "BIGINT"),
        ("api_keys", "revoked_at", "BIGINT"),
    ];

    private void AddColumnIfMissing(DbConnection c, string table, string column, string type)
    {
        if (HasColumn(c, table, column)) return;
        try
        {
            Execute(c, null, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
        }
        // SQLite has no migration lock: another process starting at the same time may have added it in between.
        catch (DbException) when (HasColumn(c, table, column))
        {
        }
    }

    private bool HasColumn(DbConnection c, string table, string column) =>
        Scalar<long>(c, null, ColumnCountQuery, ("table", table), ("column", column)) > 0;

    private string Schema() => $"""
        CREATE TABLE IF NOT EXISTS organisations (
            id {IdentityColumn}, name TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS users (
            id {IdentityColumn}, organisation_id BIGINT NOT NULL REFERENCES organisations(id), user_name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL, role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at BIGINT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0, security_stamp TEXT);
        CREATE TABLE IF NOT EXISTS api_keys (
            id {IdentityColumn}, user_id BIGINT NOT NULL REFERENCES users(id), name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL, expires_at BIGINT, revoked_at BIGINT);
        CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content {BlobType} NOT NULL);
        CREATE TABLE IF NOT EXISTS batches (
            id {IdentityColumn}, organisation_id BIGINT NOT NULL REFERENCES organisations(id), name TEXT NOT NULL,
            created_at BIGINT NOT NULL, created_by TEXT NOT NULL, source TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_batches_org ON batches (organisation_id, id);
        CREATE TABLE IF NOT EXISTS documents (
            id {IdentityColumn}, batch_id BIGINT NOT NULL REFERENCES batches(id), organisation_id BIGINT NOT NULL,
            file_name TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES blobs(sha256), size BIGINT NOT NULL,
            status TEXT NOT NULL, error TEXT, department TEXT, year INTEGER, document_type TEXT, rule_set_version TEXT, audited_at BIGINT,
            elapsed {FloatType} NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0,
            infos INTEGER NOT NULL DEFAULT 0, claim TEXT, node TEXT, created_at BIGINT NOT NULL, result_json TEXT,
            layout_sha TEXT);
        CREATE INDEX IF NOT EXISTS ix_documents_batch ON documents (batch_id, id);
        CREATE INDEX IF NOT EXISTS ix_documents_status ON documents (status);
        CREATE INDEX IF NOT EXISTS ix_documents_disclosure ON documents (organisation_id, department, year);
        CREATE TABLE IF NOT EXISTS document_images (
            document_id BIGINT NOT NULL REFERENCES documents(id), name TEXT NOT NULL, sha256 TEXT NOT NULL,
            PRIMARY KEY (document_id, name));
        CREATE TABLE IF NOT EXISTS findings (
            id {IdentityColumn}, document_id BIGINT NOT NULL REFERENCES documents(id), batch_id BIGINT NOT NULL,
            organisation_id BIGINT NOT NULL, ordinal INTEGER NOT NULL, rule_id TEXT NOT NULL, rule_name TEXT NOT NULL,
            category TEXT NOT NULL, severity INTEGER NOT NULL, message TEXT NOT NULL, expected TEXT, actual TEXT,
            evidence_json TEXT NOT NULL, fingerprint TEXT NOT NULL, department TEXT, year INTEGER, file_name TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_findings_document ON findings (document_id, ordinal);
        CREATE INDEX IF NOT EXISTS ix_findings_org ON findings (organisation_id, severity, document_id);
        CREATE INDEX IF NOT EXISTS ix_findings_batch ON findings (batch_id, severity);
        CREATE INDEX IF NOT EXISTS ix_findings_rule ON findings (organisation_id, rule_id);
        CREATE TABLE IF NOT EXISTS reviews (
            document_id BIGINT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, comment TEXT,
            user_name TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (document_id, fingerprint));
        CREATE TABLE IF NOT EXISTS review_events (
            id {IdentityColumn}, document_id BIGINT NOT NULL, fingerprint TEXT NOT NULL, action TEXT NOT NULL, reason TEXT,
            comment TEXT, user_name TEXT NOT NULL, at BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_review_events ON review_events (document_id, fingerprint, id);
        CREATE TABLE IF NOT EXISTS audit_runs (
            id {IdentityColumn}, document_id BIGINT NOT NULL, rule_set_version TEXT NOT NULL, node TEXT NOT NULL, at BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS ix_audit_runs ON audit_runs (document_id);
        {FiguresSchema};
        CREATE TABLE IF NOT EXISTS protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL, created_at BIGINT NOT NULL)
        """;

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
            if (step.Version >= SchemaMigrations.OverviewStamped) SqlDisclosureOverview.ChangedAll(c, tx);
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
