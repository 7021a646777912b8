using System.Data.Common;
using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>The organisation-wide view of disclosures across batches and years (<see cref="IDisclosureOverview"/>).</summary>
public abstract partial class SqlAuditStore : IDisclosureOverview
{
    /// <summary>Keeps the key figures with the audit, so the overview never reads the result JSON.</summary>
    private static void RecordFigures(DbConnection c, DbTransaction tx, long documentId, KeyFigures figures) =>
        Execute(c, tx, "UPDATE documents SET total_amount = @total, sangong_amount = @sangong, operating_cost = @operating WHERE id = @id",
            ("total", figures.Total), ("sangong", figures.SanGong), ("operating", figures.OperatingCost), ("id", documentId));

    // Every finished upload with a department and year, numbered newest first within its disclosure; the latest
    // version of each is joined with the latest of the year before. One pass over the (organisation, department,
    // year) index, whatever the number of batches.
    private const string DisclosureQuery = """
        WITH v AS (
            SELECT id, batch_id, file_name, department, year, COALESCE(document_type, '') AS type, created_at, audited_at,
                errors, warnings, infos, total_amount, sangong_amount, operating_cost,
                ROW_NUMBER() OVER (PARTITION BY department, year, COALESCE(document_type, '') ORDER BY id DESC) AS rank
            FROM documents
            WHERE organisation_id = @org AND status = 'done' AND department IS NOT NULL AND department <> '' AND year IS NOT NULL
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
