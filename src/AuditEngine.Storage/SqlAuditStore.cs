using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// The store in portable SQL over ADO.NET: both backends share every statement; a subclass only opens connections,
/// names three column types, says how to look a column up and serialises schema creation. Times are Unix milliseconds, so both read them alike.
/// </summary>
public abstract partial class SqlAuditStore : IAuditStore
{
    private static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    /// <summary>Column type of an auto-numbered primary key, e.g. "INTEGER PRIMARY KEY AUTOINCREMENT".</summary>
    protected abstract string IdentityColumn { get; }
    protected abstract string BlobType { get; }
    protected abstract string FloatType { get; }

    /// <summary>A query giving how many columns named @column table @table has (0 or 1).</summary>
    protected abstract string ColumnCountQuery { get; }

    protected abstract DbConnection Open();

    /// <summary>Runs schema creation so that two nodes starting together do not both create the same table.</summary>
    protected virtual void WithMigrationLock(DbConnection connection, Action create) => create();

    public void Migrate()
    {
        using var c = Open();
        WithMigrationLock(c, () => MigrateVersioned(c));
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

    // ---- organisations, users, keys ----

    public Organisation CreateOrganisation(string name)
    {
        using var c = Open();
        var id = Scalar<long>(c, null, "INSERT INTO organisations (name, created_at) VALUES (@name, @at) RETURNING id",
            ("name", name), ("at", Now()));
        return new Organisation(id, name);
    }

    public Organisation? FindOrganisation(string name)
    {
        using var c = Open();
        return Query(c, null, "SELECT id, name FROM organisations WHERE name = @name", r => new Organisation(r.GetInt64(0), r.GetString(1)),
            ("name", name)).FirstOrDefault();
    }

    public IReadOnlyList<Organisation> ListOrganisations()
    {
        using var c = Open();
        return Query(c, null, "SELECT id, name FROM organisations ORDER BY id", r => new Organisation(r.GetInt64(0), r.GetString(1)));
    }

    private const string UserColumns =
        "u.id, u.organisation_id, o.name, u.user_name, u.display_name, u.role, u.password_hash, u.disabled, u.security_stamp " +
        "FROM users u JOIN organisations o ON o.id = u.organisation_id";

    private static UserAccount ReadUser(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Roles.TryParse(r.GetString(5), out var role) ? role : Role.Uploader, r.GetString(6),
        Int(r, 7) != 0, NullableString(r, 8) ?? "");

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public UserAccount CreateUser(long organisationId, string userName, string displayName, Role role, string passwordHash)
    {
        using var c = Open();
        var id = Scalar<long>(c, null,
            "INSERT INTO users (organisation_id, user_name, display_name, role, password_hash, created_at, disabled, security_stamp) " +
            "VALUES (@org, @user, @display, @role, @hash, @at, 0, @stamp) RETURNING id",
            ("org", organisationId), ("user", userName), ("display", displayName), ("role", role.Name()), ("hash", passwordHash), ("at", Now()),
            ("stamp", NewStamp()));
        return Query(c, null, $"SELECT {UserColumns} WHERE u.id = @id", ReadUser, ("id", id)).Single();
    }

    public UserAccount? FindUser(string userName)
    {
        using var c = Open();
        return Query(c, null, $"SELECT {UserColumns} WHERE u.user_name = @user", ReadUser, ("user", userName)).FirstOrDefault();
    }

    public IReadOnlyList<UserAccount> ListUsers(long organisationId)
    {
        using var c = Open();
        return Query(c, null, $"SELECT {UserColumns} WHERE u.organisation_id = @org ORDER BY u.id", ReadUser, ("org", organisationId));
    }

    public void SetPassword(long userId, string passwordHash)
    {
        using var c = Open();
        Execute(c, null, "UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE id = @id",
            ("hash", passwordHash), ("stamp", NewStamp()), ("id", userId));
    }

    public void SetUserDisabled(long userId, bool disabled)
    {
        using var c = Open();
        Execute(c, null, "UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id",
            ("disabled", disabled ? 1 : 0), ("stamp", NewStamp()), ("id", userId));
    }

    public string RenewSecurityStamp(long userId)
    {
        var stamp = NewStamp();
        using var c = Open();
        Execute(c, null, "UPDATE users SET security_stamp = @stamp WHERE id = @id", ("stamp", stamp), ("id", userId));
        return stamp;
    }

    private const string ApiKeyColumns =
        "k.id, k.user_id, u.user_name, u.organisation_id, k.name, k.created_at, k.expires_at, k.revoked_at " +
        "FROM api_keys k JOIN users u ON u.id = k.user_id";

    private static ApiKeyRecord ReadApiKey(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4), FromMs(r.GetInt64(5)),
        r.IsDBNull(6) ? null : FromMs(r.GetInt64(6)), r.IsDBNull(7) ? null : FromMs(r.GetInt64(7)));

    public ApiKeyRecord CreateApiKey(long userId, string name, string keyHash, DateTimeOffset? expiresAt = null)
    {
        using var c = Open();
        var id = Scalar<long>(c, null,
            "INSERT INTO api_keys (user_id, name, key_hash, created_at, expires_at) VALUES (@user, @name, @hash, @at, @expires) RETURNING id",
            ("user", userId), ("name", name), ("hash", keyHash), ("at", Now()), ("expires", expiresAt?.ToUnixTimeMilliseconds()));
        return Query(c, null, $"SELECT {ApiKeyColumns} WHERE k.id = @id", ReadApiKey, ("id", id)).Single();
    }

    public Principal? FindApiKey(string keyHash)
    {
        using var c = Open();
        return Query(c, null,
            "SELECT o.id, o.name, u.user_name, u.role FROM api_keys k JOIN users u ON u.id = k.user_id " +
            "JOIN organisations o ON o.id = u.organisation_id WHERE k.key_hash = @hash AND k.revoked_at IS NULL " +
            "AND (k.expires_at IS NULL OR k.expires_at > @now) AND u.disabled = 0",
            r => new Principal(r.GetInt64(0), r.GetString(1), r.GetString(2),
                Roles.TryParse(r.GetString(3), out var role) ? role : Role.Uploader),
            ("hash", keyHash), ("now", Now())).FirstOrDefault();
    }

    public IReadOnlyList<ApiKeyRecord> ListApiKeys(long? organisationId)
    {
        using var c = Open();
        return organisationId is { } org
            ? Query(c, null, $"SELECT {ApiKeyColumns} WHERE u.organisation_id = @org ORDER BY k.id", ReadApiKey, ("org", org))
            : Query(c, null, $"SELECT {ApiKeyColumns} ORDER BY k.id", ReadApiKey);
    }

    public bool RevokeApiKey(long? organisationId, long keyId)
    {
        using var c = Open();
        // Two statements rather than "@org IS NULL": PostgreSQL cannot type a parameter that is only compared to NULL.
        const string sql = "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL";
        return organisationId is { } org
            ? Execute(c, null, sql + " AND user_id IN (SELECT id FROM users WHERE organisation_id = @org)",
                ("at", Now()), ("id", keyId), ("org", org)) > 0
            : Execute(c, null, sql, ("at", Now()), ("id", keyId)) > 0;
    }

    public IReadOnlyList<string> ListProtectionKeys()
    {
        using var c = Open();
        return Query(c, null, "SELECT xml FROM protection_keys ORDER BY created_at", r => r.GetString(0));
    }

    public void AddProtectionKey(string name, string xml)
    {
        using var c = Open();
        Execute(c, null, "INSERT INTO protection_keys (name, xml, created_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING",
            ("name", name), ("xml", xml), ("at", Now()));
    }

    // ---- blobs ----

    public bool PutBlob(string sha256, byte[] content)
    {
        using var c = Open();
        return PutBlob(c, null, sha256, content);
    }

    private static bool PutBlob(DbConnection c, DbTransaction? tx, string sha256, byte[] content) =>
        Execute(c, tx, "INSERT INTO blobs (sha256, size, content) VALUES (@sha, @size, @content) ON CONFLICT (sha256) DO NOTHING",
            ("sha", sha256), ("size", (long)content.Length), ("content", content)) > 0;

    public byte[]? GetBlob(string sha256)
    {
        using var c = Open();
        return Query(c, null, "SELECT content FROM blobs WHERE sha256 = @sha", r => (byte[])r.GetValue(0), ("sha", sha256)).FirstOrDefault();
    }

    // ---- batches and documents ----

    public (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) CreateBatch(
        long organisationId, string name, string createdBy, string source, IReadOnlyList<NewDocument> documents)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var now = Now();
        var batchId = Scalar<long>(c, tx,
            "INSERT INTO batches (organisation_id, name, created_at, created_by, source) VALUES (@org, @name, @at, @by, @source) RETURNING id",
            ("org", organisationId), ("name", name), ("at", now), ("by", createdBy), ("source", source));
        foreach (var d in documents)
        {
            Execute(c, tx,
                "INSERT INTO documents (batch_id, organisation_id, file_name, sha256, size, status, created_at) " +
                "VALUES (@batch, @org, @file, @sha, @size, @status, @at)",
                ("batch", batchId), ("org", organisationId), ("file", d.FileName), ("sha", d.Sha256), ("size", d.Size),
                ("status", DocumentStatus.Queued.Code()), ("at", now));
        }
        tx.Commit();
        return (GetBatch(c, organisationId, batchId)!, ListDocuments(c, batchId));
    }

    private const string BatchColumns = """
        b.id, b.organisation_id, b.name, b.created_at, b.created_by, b.source,
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'queued'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'processing'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'done'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'error'),
        (SELECT COALESCE(SUM(d.errors), 0) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COALESCE(SUM(d.warnings), 0) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COALESCE(SUM(d.infos), 0) FROM documents d WHERE d.batch_id = b.id)
        FROM batches b
        """;

    private static BatchRecord ReadBatch(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), FromMs(r.GetInt64(3)), r.GetString(4), r.GetString(5),
        Int(r, 6), Int(r, 7), Int(r, 8), Int(r, 9), Int(r, 10), Int(r, 11), Int(r, 12), Int(r, 13));

    public Page<BatchRecord> ListBatches(long organisationId, int limit, int offset)
    {
        using var c = Open();
        var total = (int)Scalar<long>(c, null, "SELECT COUNT(*) FROM batches WHERE organisation_id = @org", ("org", organisationId));
        var items = Query(c, null, $"SELECT {BatchColumns} WHERE b.organisation_id = @org ORDER BY b.id DESC LIMIT @limit OFFSET @offset",
            ReadBatch, ("org", organisationId), ("limit", limit), ("offset", offset));
        return new Page<BatchRecord>(total, items);
    }

    public BatchRecord? GetBatch(long organisationId, long batchId)
    {
        using var c = Open();
        return GetBatch(c, organisationId, batchId);
    }

    private static BatchRecord? GetBatch(DbConnection c, long organisationId, long batchId) =>
        Query(c, null, $"SELECT {BatchColumns} WHERE b.id = @id AND b.organisation_id = @org", ReadBatch,
            ("id", batchId), ("org", organisationId)).FirstOrDefault();

    private const string DocumentColumns =
        "id, batch_id, organisation_id, file_name, sha256, size, status, error, department, year, rule_set_version, " +
        "audited_at, elapsed, errors, warnings, infos, created_at, document_type FROM documents";

    private static DocumentRecord ReadDocument(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt64(5), DocumentStatuses.Parse(r.GetString(6)),
        NullableString(r, 7), NullableString(r, 8), r.IsDBNull(9) ? null : Int(r, 9), ReadType(r, 17), NullableString(r, 10),
        r.IsDBNull(11) ? null : FromMs(r.GetInt64(11)), r.GetDouble(12), Int(r, 13), Int(r, 14), Int(r, 15), FromMs(r.GetInt64(16)));

    /// <summary>
    /// The type is kept as its report code (department-final-account …), the same text the JSON contract uses. NULL
    /// (not audited yet, or audited before the column existed) and codes this version does not know read as Unknown.
    /// </summary>
    private static DocumentType ReadType(DbDataReader r, int i) =>
        DocumentTypes.TryParse(NullableString(r, i), out var type) ? type : DocumentType.Unknown;

    public IReadOnlyList<DocumentRecord> ListDocuments(long batchId)
    {
        using var c = Open();
        return ListDocuments(c, batchId);
    }

    private static IReadOnlyList<DocumentRecord> ListDocuments(DbConnection c, long batchId) =>
        Query(c, null, $"SELECT {DocumentColumns} WHERE batch_id = @batch ORDER BY id", ReadDocument, ("batch", batchId));

    public DocumentRecord? GetDocument(long? organisationId, long documentId)
    {
        using var c = Open();
        return organisationId is { } org
            ? Query(c, null, $"SELECT {DocumentColumns} WHERE id = @id AND organisation_id = @org", ReadDocument, ("id", documentId), ("org", org)).FirstOrDefault()
            : Query(c, null, $"SELECT {DocumentColumns} WHERE id = @id", ReadDocument, ("id", documentId)).FirstOrDefault();
    }

    public IReadOnlyList<long> ListUnfinishedDocuments()
    {
        using var c = Open();
        return Query(c, null, "SELECT id FROM documents WHERE status IN ('queued', 'processing') ORDER BY id", r => r.GetInt64(0));
    }

    public string? BeginAudit(long documentId, string node)
    {
        var claim = Guid.NewGuid().ToString("N");
        using var c = Open();
        var changed = Execute(c, null,
            "UPDATE documents SET status = 'processing', claim = @claim, node = @node WHERE id = @id AND status IN ('queued', 'processing')",
            ("claim", claim), ("node", node), ("id", documentId));
        return changed == 1 ? claim : null;
    }

    public bool CompleteAudit(long documentId, string claim, AuditOutcome outcome)
    {
        var result = outcome.Result;
        using var c = Open();
        using var tx = c.BeginTransaction();
        string? layoutSha = null;
        if (outcome.LayoutJson is { } layout)
        {
            var bytes = Encoding.UTF8.GetBytes(layout);
            layoutSha = Sha256(bytes);
            PutBlob(c, tx, layoutSha, bytes);
        }
        var changed = Execute(c, tx, """
            UPDATE documents SET status = 'done', error = NULL, department = @department, year = @year,
                document_type = @type, rule_set_version = @version, audited_at = @at, elapsed = @elapsed, errors = @errors, warnings = @warnings,
                infos = @infos, claim = NULL, node = @node, result_json = @result, layout_sha = COALESCE(@layout, layout_sha)
            WHERE id = @id AND claim = @claim AND status = 'processing'
            """,
            ("department", result.Department), ("year", result.Year), ("type", result.DocumentType.Code()),
            ("version", outcome.RuleSetVersion), ("at", Now()),
            ("elapsed", result.ElapsedSeconds), ("errors", result.Count(Severity.Error)), ("warnings", result.Count(Severity.Warning)),
            ("infos", result.Count(Severity.Info)), ("node", outcome.Node), ("result", outcome.ResultJson), ("layout", layoutSha),
            ("id", documentId), ("claim", claim));
        if (changed != 1)
        {
            tx.Rollback();
            return false;
        }

        RecordFigures(c, tx, documentId, result);
        var (batchId, organisationId, fileName) = Query(c, tx, "SELECT batch_id, organisation_id, file_name FROM documents WHERE id = @id",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2)), ("id", documentId)).Single();
        var counts = new FindingCountChange();
        counts.Subtract(c, tx, documentId);
        BeforeFindingsDeleted(c, tx, "document_id = @id", ("id", documentId));
        Execute(c, tx, "DELETE FROM findings WHERE document_id = @id", ("id", documentId));
        var ordinal = 0;
        var fingerprints = FindingFingerprint.Of(result.Findings);
        foreach (var f in result.Findings)
        {
            var fingerprint = fingerprints[ordinal];
            Execute(c, tx, """
                INSERT INTO findings (document_id, batch_id, organisation_id, ordinal, rule_id, rule_name, category, severity,
                    message, expected, actual, evidence_json, fingerprint, department, year, file_name)
                VALUES (@doc, @batch, @org, @ordinal, @rule, @ruleName, @category, @severity, @message, @expected, @actual,
                    @evidence, @fingerprint, @department, @year, @file)
                """,
                ("doc", documentId), ("batch", batchId), ("org", organisationId), ("ordinal", ordinal++), ("rule", f.RuleId),
                ("ruleName", f.RuleName), ("category", f.Category), ("severity", (int)f.Severity), ("message", f.Message),
                ("expected", f.Expected?.ToString(CultureInfo.InvariantCulture)), ("actual", f.Actual?.ToString(CultureInfo.InvariantCulture)),
                ("evidence", JsonSerializer.Serialize(f.Evidence, EvidenceJson)), ("fingerprint", fingerprint),
                ("department", result.Department), ("year", result.Year), ("file", fileName));
        }
        AfterFindingsInserted(c, tx, "document_id = @id", ("id", documentId));
        counts.Add(c, tx, documentId);
        counts.Apply(c, tx);
        Execute(c, tx, "DELETE FROM document_images WHERE document_id = @id", ("id", documentId));
        foreach (var image in outcome.Images)
        {
            var sha = Sha256(image.Png);
            PutBlob(c, tx, sha, image.Png);
            Execute(c, tx, "INSERT INTO document_images (document_id, name, sha256) VALUES (@doc, @name, @sha)",
                ("doc", documentId), ("name", image.Name), ("sha", sha));
        }
        Execute(c, tx, "INSERT INTO audit_runs (document_id, rule_set_version, node, at) VALUES (@doc, @version, @node, @at)",
            ("doc", documentId), ("version", outcome.RuleSetVersion), ("node", outcome.Node), ("at", Now()));
        tx.Commit();
        return true;
    }

    public bool FailAudit(long documentId, string claim, string error, string ruleSetVersion, string node, double elapsedSeconds)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var changed = Execute(c, tx, """
            UPDATE documents SET status = 'error', error = @error, rule_set_version = @version, audited_at = @at,
                elapsed = @elapsed, errors = 0, warnings = 0, infos = 0, claim = NULL, node = @node, result_json = NULL
            WHERE id = @id AND claim = @claim AND status = 'processing'
            """,
            ("error", error), ("version", ruleSetVersion), ("at", Now()), ("elapsed", elapsedSeconds), ("node", node),
            ("id", documentId), ("claim", claim));
        if (changed != 1)
        {
            tx.Rollback();
            return false;
        }
        var counts = new FindingCountChange();
        counts.Subtract(c, tx, documentId);
        BeforeFindingsDeleted(c, tx, "document_id = @id", ("id", documentId));
        Execute(c, tx, "DELETE FROM findings WHERE document_id = @id", ("id", documentId));
        counts.Apply(c, tx);
        ForgetFigures(c, tx, documentId);
        Execute(c, tx, "INSERT INTO audit_runs (document_id, rule_set_version, node, at) VALUES (@doc, @version, @node, @at)",
            ("doc", documentId), ("version", ruleSetVersion), ("node", node), ("at", Now()));
        tx.Commit();
        return true;
    }

    public IReadOnlyList<long> RequeueStale(string ruleSetVersion)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var ids = Query(c, tx,
            "UPDATE documents SET status = 'queued' WHERE status IN ('done', 'error') AND rule_set_version <> @version RETURNING id",
            r => r.GetInt64(0), ("version", ruleSetVersion));
        tx.Commit();
        return ids.Order().ToList();
    }

    public IReadOnlyList<long> RequeueDisclosures(long organisationId, string department, int year)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var ids = Query(c, tx,
            "UPDATE documents SET status = 'queued' WHERE organisation_id = @org AND department = @department AND year = @year AND status = 'done' RETURNING id",
            r => r.GetInt64(0), ("org", organisationId), ("department", department), ("year", year));
        tx.Commit();
        return ids.Order().ToList();
    }

    public IReadOnlyList<AuditRun> ListAuditRuns(long documentId)
    {
        using var c = Open();
        return Query(c, null, "SELECT document_id, rule_set_version, node, at FROM audit_runs WHERE document_id = @id ORDER BY id",
            r => new AuditRun(r.GetInt64(0), r.GetString(1), r.GetString(2), FromMs(r.GetInt64(3))), ("id", documentId));
    }

    public string? GetResultJson(long documentId)
    {
        using var c = Open();
        return Query(c, null, "SELECT result_json FROM documents WHERE id = @id", r => NullableString(r, 0), ("id", documentId)).FirstOrDefault();
    }

    public string? GetLayoutJson(long documentId)
    {
        using var c = Open();
        var blob = Query(c, null, "SELECT b.content FROM documents d JOIN blobs b ON b.sha256 = d.layout_sha WHERE d.id = @id",
            r => (byte[])r.GetValue(0), ("id", documentId)).FirstOrDefault();
        return blob is null ? null : Encoding.UTF8.GetString(blob);
    }

    public byte[]? GetDocumentImage(long documentId, string name)
    {
        using var c = Open();
        return Query(c, null,
            "SELECT b.content FROM document_images i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.document_id = @id AND i.name = @name",
            r => (byte[])r.GetValue(0), ("id", documentId), ("name", name)).FirstOrDefault();
    }

    public void PutDocumentImage(long documentId, string name, byte[] content)
    {
        var sha = Sha256(content);
        using var c = Open();
        using var tx = c.BeginTransaction();
        PutBlob(c, tx, sha, content);
        Execute(c, tx, "INSERT INTO document_images (document_id, name, sha256) VALUES (@doc, @name, @sha) " +
            "ON CONFLICT (document_id, name) DO UPDATE SET sha256 = @sha", ("doc", documentId), ("name", name), ("sha", sha));
        tx.Commit();
    }

    public DocumentRecord? FindDisclosure(long organisationId, string department, int year)
    {
        using var c = Open();
        return Query(c, null,
            $"SELECT {DocumentColumns} WHERE organisation_id = @org AND department = @department AND year = @year AND status = 'done' ORDER BY id DESC LIMIT 1",
            ReadDocument, ("org", organisationId), ("department", department), ("year", year)).FirstOrDefault();
    }

    // ---- findings and triage ----

    private const string FindingColumns = """
        f.id, f.document_id, f.batch_id, f.file_name, f.department, f.year, f.rule_id, f.rule_name, f.category, f.severity,
        f.message, f.expected, f.actual, f.evidence_json, f.fingerprint,
        COALESCE(r.status, 'open'), r.reason, r.comment, r.user_name, r.at,
        (SELECT d.document_type FROM documents d WHERE d.id = f.document_id)
        FROM findings f LEFT JOIN reviews r ON r.document_id = f.document_id AND r.fingerprint = f.fingerprint
        """;

    private static StoredFinding ReadFinding(DbDataReader r)
    {
        var finding = new Finding
        {
            RuleId = r.GetString(6), RuleName = r.GetString(7), Category = r.GetString(8), Severity = (Severity)Int(r, 9),
            Message = r.GetString(10),
            Expected = r.IsDBNull(11) ? null : decimal.Parse(r.GetString(11), CultureInfo.InvariantCulture),
            Actual = r.IsDBNull(12) ? null : decimal.Parse(r.GetString(12), CultureInfo.InvariantCulture),
            Evidence = JsonSerializer.Deserialize<List<Evidence>>(r.GetString(13), EvidenceJson) ?? [],
        };
        var review = r.IsDBNull(18) ? Review.None
            : new Review(r.GetString(15), NullableString(r, 16), NullableString(r, 17), r.GetString(18), FromMs(r.GetInt64(19)));
        return new StoredFinding(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), NullableString(r, 4),
            r.IsDBNull(5) ? null : Int(r, 5), ReadType(r, 20), finding, r.GetString(14), review);
    }

    private const string FindingsFrom =
        "FROM findings f LEFT JOIN reviews r ON r.document_id = f.document_id AND r.fingerprint = f.fingerprint";

    /// <summary>The WHERE clause of a filter, with its parameters; shared by the list and its facets.</summary>
    private (string Where, List<(string, object?)> Parameters) Where(long organisationId, FindingFilter filter)
    {
        var where = new StringBuilder("f.organisation_id = @org");
        var parameters = new List<(string, object?)> { ("org", organisationId) };
        void In<T>(string column, IReadOnlyList<T> values, Func<T, object> convert)
        {
            if (values.Count == 0) return;
            var names = new List<string>();
            foreach (var v in values)
            {
                var name = "p" + parameters.Count;
                parameters.Add((name, convert(v)));
                names.Add("@" + name);
            }
            where.Append($" AND {column} IN ({string.Join(", ", names)})");
        }
        In("f.batch_id", filter.Batches, v => v);
        In("f.document_id", filter.Documents, v => v);
        In("f.category", filter.Categories, v => v);
        In("f.severity", filter.Severities, v => (int)v);
        In("f.rule_id", filter.Rules, v => v);
        In("f.department", filter.Departments, v => v);
        In("f.year", filter.Years, v => v);
        In("COALESCE(r.status, 'open')", filter.ReviewStatuses, v => v);
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            where.Append(" AND ").Append(TextMatch(filter.Text.Trim()));
            parameters.Add(("text", "%" + filter.Text.Trim() + "%"));
        }
        return (where.ToString(), parameters);
    }

    public Page<StoredFinding> QueryFindings(long organisationId, FindingFilter filter, int limit, int offset)
    {
        var (where, parameters) = Where(organisationId, filter);
        using var c = Open();
        // Reviews are one row per finding at most: unless the filter asks for a review status, the count needs no join.
        var from = filter.ReviewStatuses.Count == 0 ? "FROM findings f" : FindingsFrom;
        var total = (int)Scalar<long>(c, null, $"SELECT COUNT(*) {from} WHERE {where}", [.. parameters]);
        parameters.Add(("limit", limit));
        parameters.Add(("offset", offset));
        var items = Query(c, null,
            $"SELECT {FindingColumns} WHERE {where} ORDER BY {OrderBy(filter.Sort)} LIMIT @limit OFFSET @offset",
            ReadFinding, [.. parameters]);
        return new Page<StoredFinding>(total, items);
    }

    public StoredFinding? GetFinding(long organisationId, long findingId)
    {
        using var c = Open();
        return GetFinding(c, organisationId, findingId);
    }

    private static StoredFinding? GetFinding(DbConnection c, long organisationId, long findingId) =>
        Query(c, null, $"SELECT {FindingColumns} WHERE f.id = @id AND f.organisation_id = @org", ReadFinding,
            ("id", findingId), ("org", organisationId)).FirstOrDefault();

    public IReadOnlyList<DocumentCategoryCount> CountFindingsByDocument(long organisationId, long batchId)
    {
        using var c = Open();
        return Query(c, null,
            "SELECT document_id, category, severity, COUNT(*) FROM findings WHERE organisation_id = @org AND batch_id = @batch " +
            "GROUP BY document_id, category, severity",
            r => new DocumentCategoryCount(r.GetInt64(0), r.GetString(1), (Severity)Int(r, 2), Int(r, 3)),
            ("org", organisationId), ("batch", batchId));
    }

    public IReadOnlyDictionary<string, int> CountFindingsByRule(long organisationId)
    {
        using var c = Open();
        return Query(c, null, "SELECT rule_id, COUNT(*) FROM findings WHERE organisation_id = @org GROUP BY rule_id",
            r => (r.GetString(0), Int(r, 1)), ("org", organisationId)).ToDictionary(x => x.Item1, x => x.Item2);
    }

    public StoredFinding? ReviewFinding(long organisationId, long findingId, string action, string? reason, string? comment, string user)
    {
        using var c = Open();
        var finding = GetFinding(c, organisationId, findingId);
        if (finding is null) return null;
        using var tx = c.BeginTransaction();
        var at = Now();
        var status = ReviewStatus.After(action,
            ReviewStates.TryParse(finding.Review.Status, out var current) ? current : ReviewState.Open).Code();
        // A comment alone keeps the status and reason; any action records who touched the finding last.
        var newReason = action == "comment" ? finding.Review.Reason : action == "reopen" ? null : reason;
        var newComment = comment ?? finding.Review.Comment;
        Execute(c, tx, """
            INSERT INTO reviews (document_id, fingerprint, status, reason, comment, user_name, at)
            VALUES (@doc, @fp, @status, @reason, @comment, @user, @at)
            ON CONFLICT (document_id, fingerprint) DO UPDATE SET status = @status, reason = @reason, comment = @comment,
                user_name = @user, at = @at
            """,
            ("doc", finding.DocumentId), ("fp", finding.Fingerprint), ("status", status), ("reason", newReason),
            ("comment", newComment), ("user", user), ("at", at));
        Execute(c, tx, """
            INSERT INTO review_events (document_id, fingerprint, action, reason, comment, user_name, at)
            VALUES (@doc, @fp, @action, @reason, @comment, @user, @at)
            """,
            ("doc", finding.DocumentId), ("fp", finding.Fingerprint), ("action", action), ("reason", reason), ("comment", comment),
            ("user", user), ("at", at));
        tx.Commit();
        return GetFinding(c, organisationId, findingId);
    }

    public IReadOnlyList<ReviewEvent> ListReviewEvents(long organisationId, long findingId)
    {
        using var c = Open();
        return Query(c, null, """
            SELECT e.action, e.reason, e.comment, e.user_name, e.at FROM findings f
            JOIN review_events e ON e.document_id = f.document_id AND e.fingerprint = f.fingerprint
            WHERE f.id = @id AND f.organisation_id = @org ORDER BY e.id
            """,
            r => new ReviewEvent(r.GetString(0), NullableString(r, 1), NullableString(r, 2), r.GetString(3), FromMs(r.GetInt64(4))),
            ("id", findingId), ("org", organisationId));
    }

    public IReadOnlyList<TriageEvent> ListTriageHistory(long organisationId, long? batchId = null)
    {
        using var c = Open();
        var rows = Query(c, null, $"""
            SELECT e.id, f.id, e.document_id, d.batch_id, d.file_name, f.rule_id, f.message, e.action, e.reason, e.comment,
                e.user_name, e.at, e.fingerprint
            FROM review_events e JOIN documents d ON d.id = e.document_id
            LEFT JOIN findings f ON f.document_id = e.document_id AND f.fingerprint = e.fingerprint
            WHERE d.organisation_id = @org {(batchId is null ? "" : "AND d.batch_id = @batch")} ORDER BY e.id
            """,
            r => (Id: r.GetInt64(0), Finding: r.IsDBNull(1) ? (long?)null : r.GetInt64(1), Document: r.GetInt64(2), Batch: r.GetInt64(3),
                File: r.GetString(4), Rule: NullableString(r, 5), Message: NullableString(r, 6), Action: r.GetString(7),
                Reason: NullableString(r, 8), Comment: NullableString(r, 9), User: r.GetString(10), At: FromMs(r.GetInt64(11)),
                Fingerprint: r.GetString(12)),
            batchId is { } batch ? [("org", organisationId), ("batch", batch)] : [("org", organisationId)]);
        // Events record the action, not the state; replaying each finding's actions in order gives before and after.
        // A batch holds whole documents, so filtering by batch never cuts a finding's history short.
        var states = new Dictionary<(long, string), ReviewState>();
        return rows.Select(x =>
        {
            var from = states.GetValueOrDefault((x.Document, x.Fingerprint), ReviewState.Open);
            var to = states[(x.Document, x.Fingerprint)] = ReviewStatus.After(x.Action, from);
            return new TriageEvent(x.Id, x.Finding, x.Document, x.Batch, x.File, x.Rule, x.Message, x.Action, from, to,
                x.Reason, x.Comment, x.User, x.At);
        }).ToList();
    }

    // ---- ADO helpers ----

    protected static int Execute(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    private static T Scalar<T>(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read,
        params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            // A typeless null lets each database infer the column's type.
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
    private static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
