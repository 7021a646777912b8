using System.Data.Common;
using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>The organisation-wide view of disclosures across batches and years (<see cref="IDisclosureOverview"/>).</summary>
public abstract partial class SqlAuditStore : IDisclosureOverview
{
    /// <summary>
    /// The key figures of each audited document, in a narrow table of their own rather than columns after the documents'
    /// large result JSON (which SQLite would have to step over to reach them). No foreign key: deleting a document need
    /// not know of it, and ids are never reused.
    /// </summary>
    private const string FiguresSchema = """
        CREATE TABLE IF NOT EXISTS document_figures (
            document_id BIGINT PRIMARY KEY, total_amount NUMERIC, sangong_amount NUMERIC, operating_cost NUMERIC)
        """;

    /// <summary>Keeps the key figures with the audit, so the overview never reads the result JSON.</summary>
    private static void RecordFigures(DbConnection c, DbTransaction tx, long documentId, KeyFigures figures) =>
        Execute(c, tx, """
            INSERT INTO document_figures (document_id, total_amount, sangong_amount, operating_cost)
            VALUES (@id, @total, @sangong, @operating)
            ON CONFLICT (document_id) DO UPDATE SET total_amount = @total, sangong_amount = @sangong, operating_cost = @operating
            """,
            ("total", figures.Total), ("sangong", figures.SanGong), ("operating", figures.OperatingCost), ("id", documentId));

    // Every audited upload with a department and year, newest first within its disclosure; grouping and the link to the
    // year before are made here, in one pass over the rows. A plain index scan: SQLite's window functions over a
    // self-joined CTE cost seconds at 10,000 documents, this costs tens of milliseconds. A document queued again for a
    // re-audit keeps its last result until the new one is in (its result JSON is cleared only when an audit fails).
    private const string DisclosureQuery = """
        SELECT d.id, d.batch_id, d.file_name, d.department, d.year, COALESCE(d.document_type, ''), d.created_at, d.audited_at,
            d.errors, d.warnings, d.infos, f.total_amount, f.sangong_amount, f.operating_cost
        FROM documents d LEFT JOIN document_figures f ON f.document_id = d.id
        WHERE d.organisation_id = @org AND d.status <> 'error' AND d.result_json IS NOT NULL
            AND d.department IS NOT NULL AND d.department <> '' AND d.year IS NOT NULL
        """;

    public IReadOnlyList<DisclosureSummary> ListDisclosures(long organisationId, DocumentType? type = null, string? department = null)
    {
        var sql = new System.Text.StringBuilder(DisclosureQuery);
        var parameters = new List<(string, object?)> { ("org", organisationId) };
        if (type is { } t)
        {
            sql.Append(" AND d.document_type = @type");
            parameters.Add(("type", t.Code()));
        }
        if (department is not null)
        {
            sql.Append(" AND d.department = @department");
            parameters.Add(("department", department));
        }
        sql.Append(" ORDER BY d.id DESC");
        using var c = Open();
        var rows = Query(c, null, sql.ToString(), r => (Key: ReadKey(r), Version: ReadVersion(r, 0, 1, 2, 6)), [.. parameters]);
        // Newest first, so each group's first row is its latest version.
        var groups = rows.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Version).ToList());
        return groups
            .Select(g => new DisclosureSummary(g.Key, g.Value[0], g.Value.Skip(1).ToList(),
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
        r.IsDBNull(i) ? null : Convert.ToDecimal(r.GetValue(i), CultureInfo.InvariantCulture);
}
