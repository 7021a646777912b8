using System.Data.Common;
using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>The organisation-wide view of disclosures across batches and years (<see cref="IDisclosureOverview"/>).</summary>
internal sealed class SqlDisclosureOverview(SqlDatabase database) : SqlRole(database), IDisclosureOverview
{
    /// <summary>
    /// The key figures and type of each document whose last audit succeeded, in a narrow table of their own rather than
    /// columns after the documents' large result JSON. A row here means "has a result": written with every completed
    /// audit, removed when an audit fails. Documents audited before the table existed get a row without figures when
    /// the store is migrated, and their figures with their next audit. No foreign key: deleting a document need not
    /// know of it (the overview joins with documents, so a row left behind is never shown), and ids are never reused.
    /// The index covers every documents column the overview reads, so SQLite never steps through the documents' rows.
    /// </summary>
    internal const string FiguresSchema = """
        CREATE TABLE IF NOT EXISTS document_figures (
            document_id BIGINT PRIMARY KEY, document_type TEXT, total_amount NUMERIC, sangong_amount NUMERIC, operating_cost NUMERIC);
        CREATE INDEX IF NOT EXISTS ix_documents_overview ON documents (
            organisation_id, status, department, year, id, batch_id, errors, warnings, infos, created_at, audited_at, file_name)
        """;

    /// <summary>Keeps the key figures with the audit, so the overview never reads the result JSON.</summary>
    internal static void RecordFigures(DbConnection c, DbTransaction tx, long documentId, DocumentResult result) =>
        Execute(c, tx, """
            INSERT INTO document_figures (document_id, document_type, total_amount, sangong_amount, operating_cost)
            VALUES (@id, @type, @total, @sangong, @operating)
            ON CONFLICT (document_id) DO UPDATE SET document_type = @type, total_amount = @total, sangong_amount = @sangong,
                operating_cost = @operating
            """,
            ("id", documentId), ("type", result.DocumentType.Code()), ("total", result.Figures.Total),
            ("sangong", result.Figures.SanGong), ("operating", result.Figures.OperatingCost));

    /// <summary>A failed audit leaves no result: the document leaves the overview until it is audited again.</summary>
    internal static void ForgetFigures(DbConnection c, DbTransaction tx, long documentId) =>
        Execute(c, tx, "DELETE FROM document_figures WHERE document_id = @id", ("id", documentId));

    /// <summary>
    /// One row per organisation counting the writes that changed its overview (<see cref="OverviewStamp"/>). A count
    /// rather than a time: nodes' clocks differ. Every write that changes what the overview reads (documents' status
    /// to or from 'error', department, year, counts, batch, and document_figures) calls <see cref="Changed"/> in its
    /// own transaction: CompleteAudit, FailAudit, DeleteBatch, and schema steps from this one on (which may rewrite any
    /// organisation's rows). Queueing a document again changes nothing shown (it keeps its last result until the new
    /// one is in, and a failed one has no figures), nor does claiming it.
    /// </summary>
    internal const string ChangesSchema =
        "CREATE TABLE IF NOT EXISTS overview_changes (organisation_id BIGINT PRIMARY KEY, generation BIGINT NOT NULL)";

    /// <summary>
    /// Moves the organisation's stamp. Called last, just before the commit: the row lock it takes (PostgreSQL) is then
    /// held for the commit only, and no transaction holding it waits for another lock, so it cannot deadlock.
    /// The increment reads the committed value under that lock, so two nodes' writes never give the same stamp.
    /// </summary>
    internal static void Changed(DbConnection c, DbTransaction tx, long organisationId) =>
        Execute(c, tx, """
            INSERT INTO overview_changes (organisation_id, generation) VALUES (@org, 1)
            ON CONFLICT (organisation_id) DO UPDATE SET generation = overview_changes.generation + 1
            """, ("org", organisationId));

    /// <summary>
    /// Moves every organisation's stamp: a schema step may rewrite any of their rows. Organisations without a row yet
    /// (none of their writes since version 6) get one, or their stamp would stay 0. (WHERE true: SQLite's parser needs
    /// it before ON CONFLICT in an INSERT … SELECT.)
    /// </summary>
    internal static void ChangedAll(DbConnection c, DbTransaction tx) =>
        Execute(c, tx, """
            INSERT INTO overview_changes (organisation_id, generation) SELECT id, 1 FROM organisations WHERE true
            ON CONFLICT (organisation_id) DO UPDATE SET generation = overview_changes.generation + 1
            """);

    public OverviewStamp StampOverview(long organisationId)
    {
        using var c = Open();
        return new OverviewStamp(Query(c, null, "SELECT generation FROM overview_changes WHERE organisation_id = @org",
            r => r.GetInt64(0), ("org", organisationId)).FirstOrDefault());
    }

    // Every document with a result, a department and a year; grouping, the newest version first and the link to the year
    // before are made here, in one pass over the rows (a window-function CTE costs seconds at 10,000 documents in
    // SQLite). A document queued again for a re-audit keeps its last result until the new one is in.
    private const string DisclosureQuery = """
        SELECT d.id, d.batch_id, d.file_name, d.department, d.year, COALESCE(f.document_type, ''), d.created_at, d.audited_at,
            d.errors, d.warnings, d.infos, f.total_amount, f.sangong_amount, f.operating_cost
        FROM documents d JOIN document_figures f ON f.document_id = d.id
        WHERE d.organisation_id = @org AND d.status <> 'error' AND d.department IS NOT NULL AND d.department <> '' AND d.year IS NOT NULL
        """;

    public IReadOnlyList<DisclosureSummary> ListDisclosures(long organisationId, DocumentType? type = null, string? department = null)
    {
        var sql = new System.Text.StringBuilder(DisclosureQuery);
        var parameters = new List<(string, object?)> { ("org", organisationId) };
        if (type is { } t)
        {
            sql.Append(" AND f.document_type = @type");
            parameters.Add(("type", t.Code()));
        }
        if (department is not null)
        {
            sql.Append(" AND d.department = @department");
            parameters.Add(("department", department));
        }
        using var c = Open();
        // Grouped while read, in one pass; each group is then put newest first (sorted here: an ORDER BY would steer
        // SQLite off the covering index), so its first version is the latest.
        var groups = new Dictionary<DisclosureKey, List<DisclosureVersion>>();
        foreach (var (key, version) in Stream(c, null, sql.ToString(), r => (ReadKey(r), ReadVersion(r, 0, 1, 2, 6)), [.. parameters]))
        {
            if (!groups.TryGetValue(key, out var versions)) groups[key] = versions = [];
            versions.Add(version);
        }
        foreach (var versions in groups.Values) versions.Sort((a, b) => b.DocumentId.CompareTo(a.DocumentId));
        return groups
            .Select(g => new DisclosureSummary(g.Key, g.Value[0], g.Value.GetRange(1, g.Value.Count - 1),
                groups.TryGetValue(g.Key with { Year = g.Key.Year - 1 }, out var previous) ? previous[0] : null))
            .OrderBy(s => s.Key.Department, StringComparer.Ordinal).ThenBy(s => s.Key.Year).ThenBy(s => s.Key.Type)
            .ToList();
    }

    private static DisclosureKey ReadKey(DbDataReader r) =>
        new(r.GetString(3), Int(r, 4), DocumentTypes.TryParse(r.GetString(5), out var type) ? type : DocumentType.Unknown);

    /// <summary>Reads a version from the query's columns: id, batch and file where given, then created, audited,
    /// errors, warnings, infos and the three figures in a row.</summary>
    private static DisclosureVersion ReadVersion(DbDataReader r, int id, int batch, int file, int from) => new(
        r.GetInt64(id), r.GetInt64(batch), r.GetString(file), FromMs(r.GetInt64(from)),
        r.IsDBNull(from + 1) ? null : FromMs(r.GetInt64(from + 1)), Int(r, from + 2), Int(r, from + 3), Int(r, from + 4),
        new KeyFigures(Amount(r, from + 5), Amount(r, from + 6), Amount(r, from + 7)));

    /// <summary>NUMERIC reads as decimal from PostgreSQL and as a double (or an integer) from SQLite.</summary>
    private static decimal? Amount(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null
        : r.GetFieldType(i) == typeof(double) ? (decimal)r.GetDouble(i) // what Convert.ToDecimal does, without boxing
        : Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);
}
