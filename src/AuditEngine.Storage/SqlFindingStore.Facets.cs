using System.Data.Common;
using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// The findings page's facet counts (<see cref="IFindingCounts"/>): kept per organisation, batch, rule, category,
/// severity, department and year in finding_counts, in the same transaction that writes or deletes the findings.
/// </summary>
internal sealed partial class SqlFindingStore : IFindingCounts
{
    private static readonly string[] FacetNames = ["category", "severity", "status", "rule", "department", "year"];

    /// <summary>
    /// The kept counts' key. A finding without department or year is kept under "" and 0: a primary key cannot hold NULL,
    /// and ON CONFLICT needs the key to find the row on both backends.
    /// </summary>
    private readonly record struct CountKey(long Organisation, long Batch, string Rule, string Category, int Severity, string Department, int Year);

    /// <summary>
    /// Schema step 5: the table and its backfill from the findings already stored. Portable SQL (both backends run it).
    /// </summary>
    internal static readonly string[] FindingCountsSteps =
    [
        """
        CREATE TABLE IF NOT EXISTS finding_counts (
            organisation_id BIGINT NOT NULL, batch_id BIGINT NOT NULL, rule_id TEXT NOT NULL, category TEXT NOT NULL,
            severity INTEGER NOT NULL, department TEXT NOT NULL, year INTEGER NOT NULL, findings INTEGER NOT NULL,
            PRIMARY KEY (organisation_id, batch_id, rule_id, category, severity, department, year))
        """,
        // The facets' GROUP BY in index order: an organisation's counts are summed as they are read, without a sort
        // (the primary key serves a batch filter).
        """
        CREATE INDEX IF NOT EXISTS ix_finding_counts_facets
            ON finding_counts (organisation_id, category, severity, rule_id, department, year, findings)
        """,
        // A rebuild, so that running the step again (a store whose schema_version was reset) counts nothing twice.
        "DELETE FROM finding_counts",
        """
        INSERT INTO finding_counts (organisation_id, batch_id, rule_id, category, severity, department, year, findings)
        SELECT organisation_id, batch_id, rule_id, category, severity, COALESCE(department, ''), COALESCE(year, 0), COUNT(*)
        FROM findings
        GROUP BY organisation_id, batch_id, rule_id, category, severity, COALESCE(department, ''), COALESCE(year, 0)
        """,
    ];

    public bool CountsFromSummary(FindingFilter filter) =>
        filter.Documents.Count == 0 && string.IsNullOrWhiteSpace(filter.Text)
        // "" and 0 stand for "none" in the kept counts; a filter asking for them literally reads the findings.
        && !filter.Departments.Any(string.IsNullOrEmpty) && !filter.Years.Contains(0);

    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> CountFindingFacets(long organisationId, FindingFilter filter)
    {
        if (!CountsFromSummary(filter)) return CountFindingFacetsFromFindings(organisationId, filter);
        // The kept counts know no review status: take the totals from them, and the reviewed findings (few, next to all)
        // by status from the reviews; what is left of each total is open.
        var (where, parameters) = Where(organisationId, filter with { ReviewStatuses = [] });
        using var c = Open();
        var totals = Query(c, null,
            $"SELECT f.category, f.severity, f.rule_id, f.department, f.year, SUM(f.findings) FROM finding_counts f WHERE {where} " +
            "GROUP BY f.category, f.severity, f.rule_id, f.department, f.year",
            r => (Key: (r.GetString(0), Int(r, 1), r.GetString(2), r.GetString(3), Int(r, 4)), Count: Int(r, 5)),
            [.. parameters]).ToDictionary(x => x.Key, x => x.Count);
        // CROSS JOIN makes SQLite start from the reviews (PostgreSQL plans it as an inner join); the findings are found
        // by document. Reopened findings have a review row with status open: they count as open, from the totals.
        var reviewed = Query(c, null,
            $"SELECT f.category, f.severity, f.rule_id, COALESCE(f.department, ''), COALESCE(f.year, 0), r.status, COUNT(*) " +
            $"FROM reviews r CROSS JOIN findings f WHERE f.document_id = r.document_id AND f.fingerprint = r.fingerprint " +
            $"AND r.status <> 'open' AND {where} " +
            "GROUP BY f.category, f.severity, f.rule_id, COALESCE(f.department, ''), COALESCE(f.year, 0), r.status",
            r => (Key: (r.GetString(0), Int(r, 1), r.GetString(2), r.GetString(3), Int(r, 4)), Status: r.GetString(5), Count: Int(r, 6)),
            [.. parameters]);
        var combinations = new List<(string?[] Values, int Count)>();
        string?[] Values((string Category, int Severity, string Rule, string Department, int Year) key, string status) =>
        [
            key.Category, SeverityCode(key.Severity), status, key.Rule, key.Department.Length == 0 ? null : key.Department,
            key.Year == 0 ? null : key.Year.ToString(CultureInfo.InvariantCulture),
        ];
        foreach (var x in reviewed)
        {
            combinations.Add((Values(x.Key, x.Status), x.Count));
            totals[x.Key] = totals.GetValueOrDefault(x.Key) - x.Count;
        }
        combinations.AddRange(totals.Where(t => t.Value > 0).Select(t => (Values(t.Key, ReviewStatus.Open), t.Value)));
        if (filter.ReviewStatuses.Count > 0)
            combinations = combinations.Where(x => filter.ReviewStatuses.Contains(x.Values[2]!, StringComparer.Ordinal)).ToList();
        return Facets(combinations);
    }

    public IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> CountFindingFacetsFromFindings(long organisationId, FindingFilter filter)
    {
        var (where, parameters) = Where(organisationId, filter);
        // One pass over the findings grouped by every dimension at once (a few thousand combinations), summed per
        // dimension here: six GROUP BY queries read the findings and their reviews six times.
        using var c = Open();
        var combinations = Query(c, null,
            $"SELECT f.category, f.severity, COALESCE(r.status, 'open'), f.rule_id, f.department, f.year, COUNT(*) {FindingsFrom} " +
            $"WHERE {where} GROUP BY f.category, f.severity, COALESCE(r.status, 'open'), f.rule_id, f.department, f.year",
            r => (Values: new[]
            {
                NullableString(r, 0), SeverityCode(Int(r, 1)), NullableString(r, 2), NullableString(r, 3),
                NullableString(r, 4), r.IsDBNull(5) ? null : Convert.ToString(r.GetValue(5), CultureInfo.InvariantCulture),
            }, Count: Int(r, 6)),
            [.. parameters]);
        return Facets(combinations);
    }

    private static string SeverityCode(int severity) => ((Severity)severity).ToString().ToLowerInvariant();

    /// <summary>Sums combinations (values in <see cref="FacetNames"/> order) per dimension, largest count first.</summary>
    private static Dictionary<string, IReadOnlyList<FacetCount>> Facets(IReadOnlyList<(string?[] Values, int Count)> combinations)
    {
        var facets = new Dictionary<string, IReadOnlyList<FacetCount>>();
        for (var i = 0; i < FacetNames.Length; i++)
        {
            var dimension = i;
            facets[FacetNames[i]] = combinations.Where(x => x.Values[dimension] is not null)
                .GroupBy(x => x.Values[dimension]!, StringComparer.Ordinal)
                .Select(g => new FacetCount(g.Key, g.Sum(x => x.Count)))
                .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
        }
        return facets;
    }

    /// <summary>
    /// A document's change to the kept counts within the transaction that rewrites its findings: what its stored findings
    /// counted is taken off before they are deleted, what the new ones count is added after they are inserted, and the
    /// net change is written once per key.
    /// </summary>
    internal sealed class FindingCountChange
    {
        private readonly Dictionary<CountKey, int> _delta = [];

        public void Subtract(DbConnection c, DbTransaction tx, long documentId) => Read(c, tx, documentId, -1);

        public void Add(DbConnection c, DbTransaction tx, long documentId) => Read(c, tx, documentId, +1);

        private void Read(DbConnection c, DbTransaction tx, long documentId, int sign)
        {
            var rows = Query(c, tx, """
                SELECT organisation_id, batch_id, rule_id, category, severity, COALESCE(department, ''), COALESCE(year, 0), COUNT(*)
                FROM findings WHERE document_id = @id
                GROUP BY organisation_id, batch_id, rule_id, category, severity, COALESCE(department, ''), COALESCE(year, 0)
                """,
                r => (Key: new CountKey(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), Int(r, 4), r.GetString(5), Int(r, 6)),
                    Count: Int(r, 7)),
                ("id", documentId));
            foreach (var (key, count) in rows) _delta[key] = _delta.GetValueOrDefault(key) + sign * count;
        }

        /// <summary>
        /// Writes the net change in one statement (a document's findings fall under a few keys), keys in one fixed order:
        /// two transactions on PostgreSQL that touch the same keys then lock their rows in the same order and cannot
        /// deadlock. Keys whose count reaches 0 are removed.
        /// </summary>
        public void Apply(DbConnection c, DbTransaction tx)
        {
            var changes = _delta.Where(d => d.Value != 0)
                .OrderBy(d => d.Key.Organisation).ThenBy(d => d.Key.Batch).ThenBy(d => d.Key.Rule, StringComparer.Ordinal)
                .ThenBy(d => d.Key.Category, StringComparer.Ordinal).ThenBy(d => d.Key.Severity)
                .ThenBy(d => d.Key.Department, StringComparer.Ordinal).ThenBy(d => d.Key.Year).ToList();
            if (changes.Count == 0) return;
            var rows = new List<string>();
            var parameters = new List<(string, object?)>();
            foreach (var (key, delta) in changes)
            {
                var n = parameters.Count;
                rows.Add($"(@k{n}, @k{n + 1}, @k{n + 2}, @k{n + 3}, @k{n + 4}, @k{n + 5}, @k{n + 6}, @k{n + 7})");
                parameters.AddRange(new (string, object?)[]
                {
                    ($"k{n}", key.Organisation), ($"k{n + 1}", key.Batch), ($"k{n + 2}", key.Rule), ($"k{n + 3}", key.Category),
                    ($"k{n + 4}", key.Severity), ($"k{n + 5}", key.Department), ($"k{n + 6}", key.Year), ($"k{n + 7}", delta),
                });
            }
            Execute(c, tx, $"""
                INSERT INTO finding_counts (organisation_id, batch_id, rule_id, category, severity, department, year, findings)
                VALUES {string.Join(", ", rows)}
                ON CONFLICT (organisation_id, batch_id, rule_id, category, severity, department, year)
                DO UPDATE SET findings = finding_counts.findings + excluded.findings
                """, [.. parameters]);
            // Only a decrease can empty a key; the first audit of a document never gets here.
            if (changes.Any(d => d.Value < 0))
                foreach (var batch in changes.Where(d => d.Value < 0).Select(d => (d.Key.Organisation, d.Key.Batch)).Distinct())
                    Execute(c, tx, "DELETE FROM finding_counts WHERE organisation_id = @org AND batch_id = @batch AND findings <= 0",
                        ("org", batch.Organisation), ("batch", batch.Batch));
        }
    }
}
