using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>Bulk triage (<see cref="IBulkTriage"/>): set-based SQL shared by both backends, on the findings list's filter.</summary>
/// <param name="findings">The findings role, whose list filter a selection by filter uses.</param>
internal sealed class SqlBulkTriage(SqlDatabase database, SqlFindingStore findings) : SqlRole(database), IBulkTriage
{
    private const string FindingsFrom = SqlFindingStore.FindingsFrom;

    private static readonly string[] BulkActions = ["confirm", "dismiss", "reopen"];

    public BulkTriageResult ReviewFindings(long organisationId, BulkSelection selection, string action, string? reason, string? comment,
        string user, int maxFindings)
    {
        if (!BulkActions.Contains(action)) throw new ArgumentException($"批量审核不支持的操作：{action}", nameof(action));
        var (where, parameters) = SelectionWhere(organisationId, selection);
        if (where is null) return new BulkTriageResult(0, 0, true);
        var status = ReviewStatus.After(action, ReviewState.Open).Code();
        using var c = Open();
        using var tx = c.BeginTransaction();
        Database.LockIdOrder(c, tx);
        parameters.Add(("status", (object?)status));
        var counts = Query(c, tx,
            $"SELECT COUNT(*), SUM(CASE WHEN COALESCE(r.status, 'open') <> @status THEN 1 ELSE 0 END) {FindingsFrom} WHERE {where}",
            r => (Matched: Int(r, 0), Changed: r.IsDBNull(1) ? 0 : Int(r, 1)), [.. parameters]).Single();
        if (counts.Matched > maxFindings) return new BulkTriageResult(counts.Matched, 0, false);
        if (counts.Matched == 0) return new BulkTriageResult(0, 0, true);

        var at = Now();
        parameters.AddRange(new (string, object?)[] { ("action", action), ("reason", action == "reopen" ? null : reason), ("comment", comment), ("user", user), ("at", at) });
        // One event per finding, in the order single reviews of the list would have written them. Findings are keyed
        // by (document, fingerprint) like reviews, so a pair that occurs twice gets one decision.
        Execute(c, tx, $"""
            INSERT INTO review_events (document_id, fingerprint, action, reason, comment, user_name, at)
            SELECT f.document_id, f.fingerprint, CAST(@action AS TEXT), CAST(@reason AS TEXT), CAST(@comment AS TEXT), CAST(@user AS TEXT), CAST(@at AS BIGINT)
            {FindingsFrom} WHERE {where} GROUP BY f.document_id, f.fingerprint ORDER BY MIN(f.id)
            """, [.. parameters]);
        // As ReviewFinding: the action's reason replaces the old one (reopen clears it); no comment keeps the old comment.
        Execute(c, tx, $"""
            INSERT INTO reviews (document_id, fingerprint, status, reason, comment, user_name, at)
            SELECT f.document_id, f.fingerprint, CAST(@status AS TEXT), CAST(@reason AS TEXT), COALESCE(CAST(@comment AS TEXT), r.comment),
                CAST(@user AS TEXT), CAST(@at AS BIGINT)
            {FindingsFrom} WHERE {where} GROUP BY f.document_id, f.fingerprint, r.comment
            ON CONFLICT (document_id, fingerprint) DO UPDATE SET status = excluded.status, reason = excluded.reason,
                comment = excluded.comment, user_name = excluded.user_name, at = excluded.at
            """, [.. parameters]);
        tx.Commit();
        return new BulkTriageResult(counts.Matched, counts.Changed, true);
    }

    /// <summary>The WHERE clause of a bulk selection; null when it selects nothing.</summary>
    private (string? Where, List<(string, object?)> Parameters) SelectionWhere(long organisationId, BulkSelection selection)
    {
        if (selection.Filter is { } filter) return findings.Where(organisationId, filter);
        var parameters = new List<(string, object?)> { ("org", organisationId) };
        var ids = selection.Ids.Distinct().ToList();
        if (ids.Count == 0) return (null, parameters);
        var names = new StringBuilder();
        foreach (var id in ids)
        {
            var name = "i" + parameters.Count;
            parameters.Add((name, id));
            names.Append(names.Length == 0 ? "@" : ", @").Append(name);
        }
        return ($"f.organisation_id = @org AND f.id IN ({names})", parameters);
    }
}
