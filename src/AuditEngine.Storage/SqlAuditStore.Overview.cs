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

    // Every audited upload with a department and year, numbered newest first within its disclosure; the latest version
    // of each is joined with the latest of the year before. A document queued again for a re-audit keeps its last
    // result until the new one is in (its result JSON is cleared only when an audit fails). One pass over the
    // (organisation, department, year) index, whatever the number of batches.
    private const string DisclosureQuery = """
        WITH v AS (
            SELECT d.id, d.batch_id, d.file_name, d.department, d.year, COALESCE(d.document_type, '') AS type, d.created_at,
                d.audited_at, d.errors, d.warnings, d.infos, f.total_amount, f.sangong_amount, f.operating_cost,
                ROW_NUMBER() OVER (PARTITION BY d.department, d.year, COALESCE(d.document_type, '') ORDER BY d.id DESC) AS rank
            FROM documents d LEFT JOIN document_figures f ON f.document_id = d.id
            WHERE d.organisation_id = @org AND d.status <> 'error' AND d.result_json IS NOT NULL
                AND d.department IS NOT NULL AND d.department <> '' AND d.year IS NOT NULL
        )
        SELECT v.id, v.batch_id, v.file_name, v.department, v.year, v.type, v.created_at, v.audited_at, v.errors, v.warnings,
            v.infos, v.total_amount, v.sangong_amount, v.operating_cost, v.rank,
            p.id, p.batch_id, p.file_name, p.created_at, p.audited_at, p.errors, p.warnings, p.infos,
            p.total_amount, p.sangong_amount, p.operating_cost
        FROM v LEFT JOIN v p ON v.rank = 1 AND p.rank = 1 AND p.department = v.department AND p.year = v.year - 1 AND p.type = v.type
        """;

    public IReadOnlyList<DisclosureSummary> ListDisclosures(long organisationId, DocumentType? type = null)
    {
        using var c = Open();
        var sql = DisclosureQuery + (type is null ? "" : " WHERE v.type = @type") + " ORDER BY v.department, v.year, v.type, v.rank";
        var rows = type is { } t
            ? Query(c, null, sql, ReadDisclosureRow, ("org", organisationId), ("type", t.Code()))
            : Query(c, null, sql, ReadDisclosureRow, ("org", organisationId));
        var summaries = new List<DisclosureSummary>();
        // Rows arrive grouped by disclosure with the latest (rank 1) first.
        foreach (var group in rows.GroupBy(r => r.Key))
        {
            var versions = group.ToList();
            summaries.Add(new DisclosureSummary(group.Key, versions[0].Version, versions.Skip(1).Select(v => v.Version).ToList(),
                versions[0].Previous));
        }
        return summaries;
    }

    private static (DisclosureKey Key, DisclosureVersion Version, DisclosureVersion? Previous) ReadDisclosureRow(DbDataReader r)
    {
        var key = new DisclosureKey(r.GetString(3), Int(r, 4), DocumentTypes.TryParse(r.GetString(5), out var type) ? type : DocumentType.Unknown);
        var version = ReadVersion(r, 0, 1, 2, 6);
        var previous = r.IsDBNull(15) ? null : ReadVersion(r, 15, 16, 17, 18);
        return (key, version, previous);
    }

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
