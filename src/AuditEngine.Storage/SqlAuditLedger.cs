using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditEngine.Model;
using FindingCountChange = AuditEngine.Storage.SqlFindingStore.FindingCountChange;

namespace AuditEngine.Storage;

/// <summary>The audit queue's claims and outcomes and the audit_runs ledger (<see cref="IAuditLedger"/>).</summary>
internal sealed class SqlAuditLedger(SqlDatabase database) : SqlRole(database), IAuditLedger
{
    public IReadOnlyList<long> ListUnfinishedDocuments()
    {
        using var c = Open();
        return Query(c, null, "SELECT id FROM documents WHERE status IN ('queued', 'processing') ORDER BY id", r => r.GetInt64(0));
    }

    public string? BeginAudit(long documentId, string node)
    {
        var claim = Guid.NewGuid().ToString("N");
        using var c = Open();
        using var tx = c.BeginTransaction();
        Database.CommitWithoutFlush(c, tx);
        var changed = Execute(c, tx,
            "UPDATE documents SET status = 'processing', claim = @claim, node = @node WHERE id = @id AND status IN ('queued', 'processing')",
            ("claim", claim), ("node", node), ("id", documentId));
        tx.Commit();
        return changed == 1 ? claim : null;
    }

    public bool CompleteAudit(long documentId, string claim, AuditOutcome outcome)
    {
        var result = outcome.Result;
        using var c = Open();
        using var tx = c.BeginTransaction();
        // Nothing new from intake (the images are evidence crops, cut again from stored pages): the result can be made
        // again from the stored layout.
        if (outcome.LayoutJson is null) Database.CommitWithoutFlush(c, tx);
        string? layoutSha = null;
        if (outcome.LayoutJson is { } layout)
        {
            var bytes = Encoding.UTF8.GetBytes(layout);
            layoutSha = Sha256(bytes);
            SqlBlobStore.PutBlob(c, tx, layoutSha, bytes);
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

        SqlDisclosureOverview.RecordFigures(c, tx, documentId, result);
        var (batchId, organisationId, fileName) = Query(c, tx, "SELECT batch_id, organisation_id, file_name FROM documents WHERE id = @id",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2)), ("id", documentId)).Single();
        if (outcome.KeptImages is not { Count: > 0 } kept)
            Execute(c, tx, "DELETE FROM document_images WHERE document_id = @id", ("id", documentId));
        else
            foreach (var name in Query(c, tx, "SELECT name FROM document_images WHERE document_id = @id", r => r.GetString(0), ("id", documentId)))
                if (!kept.Contains(name))
                    Execute(c, tx, "DELETE FROM document_images WHERE document_id = @id AND name = @name", ("id", documentId), ("name", name));
        foreach (var image in outcome.Images)
        {
            var sha = Sha256(image.Png);
            SqlBlobStore.PutBlob(c, tx, sha, image.Png);
            Execute(c, tx, "INSERT INTO document_images (document_id, name, sha256) VALUES (@doc, @name, @sha)",
                ("doc", documentId), ("name", image.Name), ("sha", sha));
        }
        Execute(c, tx, "INSERT INTO audit_runs (document_id, rule_set_version, node, at) VALUES (@doc, @version, @node, @at)",
            ("doc", documentId), ("version", outcome.RuleSetVersion), ("node", outcome.Node), ("at", Now()));
        var rows = FindingRows(result);
        // A re-audit after a rule edit finds the same in most documents. Their rows, eleven indexes, text index and
        // counts are then left as they are: rewriting them was a re-audit's largest write (findings and commit ≈ 6 of
        // its ≈ 20 ms per document).
        if (!SameAsStored(c, tx, documentId, batchId, organisationId, fileName, result, rows))
        {
            // The findings last, under the id-order lock (PostgreSQL), so that it is held for the inserts and the commit only.
            Database.LockIdOrder(c, tx);
            var counts = new FindingCountChange();
            counts.Subtract(c, tx, documentId);
            BeforeFindingsDeleted(c, tx, "document_id = @id", ("id", documentId));
            Execute(c, tx, "DELETE FROM findings WHERE document_id = @id", ("id", documentId));
            InsertFindings(c, tx, documentId, batchId, organisationId, fileName, result, rows);
            AfterFindingsInserted(c, tx, "document_id = @id", ("id", documentId));
            counts.Add(c, tx, documentId);
            counts.Apply(c, tx);
        }
        SqlDisclosureOverview.Changed(c, tx, organisationId);
        tx.Commit();
        return true;
    }

    /// <summary>Rows of findings per INSERT: 10 parameters each (6 shared) stays far below SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    internal const int FindingsPerInsert = 200;

    /// <summary>
    /// A document's findings in ordinal order, many rows per multi-row INSERT instead of one statement each: every
    /// statement is parsed, planned and (PostgreSQL) sent on its own, and a re-audit rewrites every document's findings.
    /// Rows are inserted in ordinal order, so ids come out in that order as before.
    /// </summary>
    private static void InsertFindings(DbConnection c, DbTransaction tx, long documentId, long batchId, long organisationId, string fileName,
        DocumentResult result, IReadOnlyList<FindingRow> rows)
    {
        for (var start = 0; start < rows.Count; start += FindingsPerInsert)
        {
            var count = Math.Min(FindingsPerInsert, rows.Count - start);
            var sql = new StringBuilder("""
                INSERT INTO findings (document_id, batch_id, organisation_id, ordinal, rule_id, rule_name, category, severity,
                    message, expected, actual, evidence_json, fingerprint, department, year, file_name)
                VALUES 
                """);
            // What every row of the document shares is bound once.
            var parameters = new List<(string, object?)>(6 + count * 10)
            {
                ("doc", documentId), ("batch", batchId), ("org", organisationId), ("department", result.Department), ("year", result.Year),
                ("file", fileName),
            };
            for (var i = 0; i < count; i++)
            {
                var f = rows[start + i];
                if (i > 0) sql.Append(", ");
                sql.Append(CultureInfo.InvariantCulture,
                    $"(@doc, @batch, @org, @o{i}, @r{i}, @n{i}, @c{i}, @s{i}, @m{i}, @e{i}, @a{i}, @v{i}, @p{i}, @department, @year, @file)");
                parameters.AddRange(new (string, object?)[]
                {
                    ($"o{i}", f.Ordinal), ($"r{i}", f.RuleId), ($"n{i}", f.RuleName), ($"c{i}", f.Category), ($"s{i}", f.Severity),
                    ($"m{i}", f.Message), ($"e{i}", f.Expected), ($"a{i}", f.Actual), ($"v{i}", f.EvidenceJson), ($"p{i}", f.Fingerprint),
                });
            }
            Execute(c, tx, sql.ToString(), [.. parameters]);
        }
    }

    /// <summary>A finding as the findings table keeps it, apart from what the document's rows share.</summary>
    private sealed record FindingRow(int Ordinal, string RuleId, string RuleName, string Category, int Severity, string Message,
        string? Expected, string? Actual, string EvidenceJson, string Fingerprint);

    private static List<FindingRow> FindingRows(DocumentResult result)
    {
        var fingerprints = FindingFingerprint.Of(result.Findings);
        return result.Findings.Select((f, i) => new FindingRow(i, f.RuleId, f.RuleName, f.Category, (int)f.Severity, f.Message,
            f.Expected?.ToString(CultureInfo.InvariantCulture), f.Actual?.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(f.Evidence, EvidenceJson), fingerprints[i])).ToList();
    }

    /// <summary>The document's stored findings are exactly <paramref name="rows"/>, with the same shared columns.</summary>
    private static bool SameAsStored(DbConnection c, DbTransaction tx, long documentId, long batchId, long organisationId, string fileName,
        DocumentResult result, List<FindingRow> rows)
    {
        var stored = Query(c, tx,
            "SELECT ordinal, rule_id, rule_name, category, severity, message, expected, actual, evidence_json, fingerprint, " +
            "batch_id, organisation_id, department, year, file_name FROM findings WHERE document_id = @id ORDER BY ordinal",
            r => (Row: new FindingRow(Int(r, 0), r.GetString(1), r.GetString(2), r.GetString(3), Int(r, 4), r.GetString(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9)),
                Batch: r.GetInt64(10), Organisation: r.GetInt64(11), Department: r.IsDBNull(12) ? null : r.GetString(12),
                Year: r.IsDBNull(13) ? (int?)null : Int(r, 13), File: r.GetString(14)),
            ("id", documentId));
        if (stored.Count != rows.Count) return false;
        for (var i = 0; i < rows.Count; i++)
        {
            var s = stored[i];
            if (s.Row != rows[i] || s.Batch != batchId || s.Organisation != organisationId || s.Department != result.Department
                || s.Year != result.Year || s.File != fileName) return false;
        }
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
        SqlDisclosureOverview.ForgetFigures(c, tx, documentId);
        Execute(c, tx, "INSERT INTO audit_runs (document_id, rule_set_version, node, at) VALUES (@doc, @version, @node, @at)",
            ("doc", documentId), ("version", ruleSetVersion), ("node", node), ("at", Now()));
        SqlDisclosureOverview.Changed(c, tx,
            Scalar<long>(c, tx, "SELECT organisation_id FROM documents WHERE id = @id", ("id", documentId)));
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
}
