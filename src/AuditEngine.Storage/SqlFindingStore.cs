using System.Data.Common;
using System.Globalization;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>Findings with their reviews, facets and the triage trail (<see cref="IFindingStore"/>).</summary>
internal sealed partial class SqlFindingStore(SqlDatabase database) : SqlRole(database), IFindingStore
{
    private const string FindingColumns = """
        f.id, f.document_id, f.batch_id, f.file_name, f.department, f.year, f.rule_id, f.rule_name, f.category, f.severity,
        f.message, f.expected, f.actual, f.evidence_json, f.fingerprint,
        COALESCE(r.status, 'open'), r.reason, r.comment, r.user_name, r.at,
        (SELECT d.document_type FROM documents d WHERE d.id = f.document_id)
        FROM findings f LEFT JOIN reviews r ON r.document_id = f.document_id AND r.fingerprint = f.fingerprint
        """;

    /// <summary>
    /// Reads finding rows (<see cref="FindingColumns"/>) for one query. A document's file name, department, year and type
    /// are read from its first row only: the audit writes them alike on all its findings, and a batch's export reads
    /// 9,200 rows of 500 documents, where these four columns were a fifth of the column reads.
    /// </summary>
    private sealed class FindingReader
    {
        private readonly Dictionary<long, (string FileName, string? Department, int? Year, DocumentType Type)> _documents = [];

        public StoredFinding Read(DbDataReader r)
        {
            var finding = new Finding
            {
                RuleId = r.GetString(6), RuleName = r.GetString(7), Category = r.GetString(8), Severity = (Severity)Int(r, 9),
                Message = r.GetString(10),
                Expected = r.IsDBNull(11) ? null : decimal.Parse(r.GetString(11), CultureInfo.InvariantCulture),
                Actual = r.IsDBNull(12) ? null : decimal.Parse(r.GetString(12), CultureInfo.InvariantCulture),
                Evidence = EvidenceJsonReader.Read(r.GetString(13)),
            };
            var review = r.IsDBNull(18) ? Review.None
                : new Review(r.GetString(15), NullableString(r, 16), NullableString(r, 17), r.GetString(18), FromMs(r.GetInt64(19)));
            var documentId = r.GetInt64(1);
            if (!_documents.TryGetValue(documentId, out var document))
                _documents[documentId] = document = (r.GetString(3), NullableString(r, 4), r.IsDBNull(5) ? null : Int(r, 5), ReadType(r, 20));
            return new StoredFinding(r.GetInt64(0), documentId, r.GetInt64(2), document.FileName, document.Department,
                document.Year, document.Type, finding, r.GetString(14), review);
        }
    }

    internal const string FindingsFrom =
        "FROM findings f LEFT JOIN reviews r ON r.document_id = f.document_id AND r.fingerprint = f.fingerprint";

    /// <summary>The WHERE clause of a filter, with its parameters; shared by the list and its facets.</summary>
    internal (string Where, List<(string, object?)> Parameters) Where(long organisationId, FindingFilter filter)
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
            new FindingReader().Read, [.. parameters]);
        return new Page<StoredFinding>(total, items);
    }

    public IEnumerable<StoredFinding> StreamFindings(long organisationId, FindingFilter filter, int limit)
    {
        var (where, parameters) = Where(organisationId, filter);
        parameters.Add(("limit", limit));
        using var c = Open();
        foreach (var finding in Stream(c, null, $"SELECT {FindingColumns} WHERE {where} ORDER BY {OrderBy(filter.Sort)} LIMIT @limit",
                     new FindingReader().Read, [.. parameters]))
            yield return finding;
    }

    public FindingsStamp StampFindings(long organisationId, FindingFilter filter)
    {
        var (where, parameters) = Where(organisationId, filter);
        using var c = Open();
        // Any review anywhere moves the stamp: the last event's id is one index lookup, and a review of one batch is
        // rare next to exports of it.
        var from = filter.ReviewStatuses.Count == 0 ? "FROM findings f" : FindingsFrom;
        return Query(c, null,
            $"SELECT COUNT(*), COALESCE(MAX(f.id), 0), (SELECT COALESCE(MAX(id), 0) FROM review_events) {from} WHERE {where}",
            r => new FindingsStamp(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2)), [.. parameters]).Single();
    }

    public IReadOnlyList<long>? ChangedFindingIds(long organisationId, FindingFilter filter, long afterEvent, long afterId, int limit)
    {
        var (where, parameters) = Where(organisationId, filter);
        using var c = Open();
        // From the new events to their documents' findings: CROSS JOIN keeps SQLite's join order and the unary plus keeps
        // it off the organisation's index, either of which made it read every finding of the organisation.
        var reviewed = Query(c, null, """
            SELECT DISTINCT f.id FROM review_events e CROSS JOIN findings f
            WHERE e.id > @event AND f.document_id = e.document_id AND f.fingerprint = e.fingerprint AND +f.organisation_id = @org
            LIMIT @limit
            """, r => r.GetInt64(0), ("event", afterEvent), ("org", organisationId), ("limit", limit + 1));
        // New rows under the filter: the same index entries the stamp counts.
        var from = filter.ReviewStatuses.Count == 0 ? "FROM findings f" : FindingsFrom;
        var added = Query(c, null, $"SELECT f.id {from} WHERE {where} AND f.id > @after LIMIT @limit", r => r.GetInt64(0),
            [.. parameters, ("after", afterId), ("limit", limit + 1)]);
        var ids = reviewed.Union(added).ToList();
        return ids.Count > limit ? null : ids;
    }

    public IReadOnlyList<StoredFinding> FindingsAmong(long organisationId, FindingFilter filter, IReadOnlyCollection<long> ids)
    {
        var (where, parameters) = Where(organisationId, filter);
        using var c = Open();
        var reader = new FindingReader();
        var found = new List<StoredFinding>();
        // In chunks of a few hundred parameters: both backends cap how many one statement takes.
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var names = chunk.Select((id, i) => ("i" + i, (object?)id)).ToList();
            found.AddRange(Query(c, null, $"SELECT {FindingColumns} WHERE {where} AND f.id IN ({string.Join(", ", names.Select(n => "@" + n.Item1))})",
                reader.Read, [.. parameters, .. names]));
        }
        return found;
    }

    public IReadOnlyList<long> ListFindingIds(long organisationId, FindingFilter filter, int limit)
    {
        var (where, parameters) = Where(organisationId, filter);
        using var c = Open();
        var from = filter.ReviewStatuses.Count == 0 && filter.Sort.Field != FindingSortField.Status ? "FROM findings f" : FindingsFrom;
        return Query(c, null, $"SELECT f.id {from} WHERE {where} ORDER BY {OrderBy(filter.Sort)} LIMIT @limit", r => r.GetInt64(0),
            [.. parameters, ("limit", limit)]);
    }

    public StoredFinding? GetFinding(long organisationId, long findingId)
    {
        using var c = Open();
        return GetFinding(c, organisationId, findingId);
    }

    private static StoredFinding? GetFinding(DbConnection c, long organisationId, long findingId) =>
        Query(c, null, $"SELECT {FindingColumns} WHERE f.id = @id AND f.organisation_id = @org", new FindingReader().Read,
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
        Database.LockIdOrder(c, tx);
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

    /// <summary>
    /// The ORDER BY of the findings list. Each field maps to a fixed expression; empty values (no department or year)
    /// come last in both directions and on both backends (SQLite and PostgreSQL put NULLs at opposite ends).
    /// </summary>
    private static string OrderBy(FindingSort sort)
    {
        var direction = sort.Descending ? " DESC" : "";
        var column = sort.Field switch
        {
            FindingSortField.Rule => "f.rule_id",
            FindingSortField.Category => "f.category",
            FindingSortField.Severity => "f.severity",
            FindingSortField.Department => "f.department",
            FindingSortField.Year => "f.year",
            FindingSortField.Status => "COALESCE(r.status, 'open')",
            FindingSortField.File => "f.file_name",
            _ => null,
        };
        const string ties = "f.document_id, f.ordinal, f.id";
        if (column is null) return sort.Descending ? $"f.severity, {ties}" : $"f.severity DESC, {ties}";
        // Columns that are never NULL need no empty-last term, and without it the sort indexes of schema step 5 (rule)
        // match the ORDER BY; department keeps it, and so does its index.
        if (sort.Field is FindingSortField.Rule or FindingSortField.Category or FindingSortField.Severity or FindingSortField.File)
            return $"{column}{direction}, {ties}";
        return $"CASE WHEN {column} IS NULL THEN 1 ELSE 0 END, {column}{direction}, {ties}";
    }
}
