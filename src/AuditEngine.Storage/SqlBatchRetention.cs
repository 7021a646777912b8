using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>Deleting batches and the blobs only they used (<see cref="IBatchRetention"/>).</summary>
internal sealed class SqlBatchRetention(SqlDatabase database) : SqlRole(database), IBatchRetention
{
    private const string BatchColumns = SqlBatchStore.BatchColumns;

    /// <summary>Rows of the batch's documents in a table keyed by document_id.</summary>
    private const string OfBatch = "document_id IN (SELECT id FROM documents WHERE batch_id = @batch)";

    public BatchDeletion DeleteBatch(long? organisationId, long batchId)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        Database.LockForBatchDeletion(c, tx);
        var batch = Query(c, tx, "SELECT organisation_id, name FROM batches WHERE id = @batch", r => (Org: r.GetInt64(0), Name: r.GetString(1)),
            ("batch", batchId)).FirstOrDefault();
        if (batch.Name is null || (organisationId is { } org && org != batch.Org))
            return new BatchDeletion(BatchDeletionStatus.NotFound, batchId);
        // A document being audited would have its result written after its rows are gone; the caller waits and retries
        // (the audit takes seconds to minutes), rather than this cancelling work another node is doing.
        if (Scalar<long>(c, tx, "SELECT COUNT(*) FROM documents WHERE batch_id = @batch AND status = 'processing'", ("batch", batchId)) > 0)
            return new BatchDeletion(BatchDeletionStatus.Busy, batchId, batch.Org, batch.Name);

        var candidates = Query(c, tx, """
            SELECT sha256 FROM documents WHERE batch_id = @batch
            UNION SELECT layout_sha FROM documents WHERE batch_id = @batch AND layout_sha IS NOT NULL
            UNION SELECT i.sha256 FROM document_images i JOIN documents d ON d.id = i.document_id WHERE d.batch_id = @batch
            """, r => r.GetString(0), ("batch", batchId));

        int Delete(string sql) => Execute(c, tx, sql, ("batch", batchId));
        var reviewEvents = Delete($"DELETE FROM review_events WHERE {OfBatch}");
        var reviews = Delete($"DELETE FROM reviews WHERE {OfBatch}");
        var auditRuns = Delete($"DELETE FROM audit_runs WHERE {OfBatch}");
        var images = Delete($"DELETE FROM document_images WHERE {OfBatch}");
        BeforeFindingsDeleted(c, tx, OfBatch, ("batch", batchId));
        var findings = Delete($"DELETE FROM findings WHERE {OfBatch}");
        Delete($"DELETE FROM document_figures WHERE {OfBatch}");
        Execute(c, tx, "DELETE FROM finding_counts WHERE organisation_id = @org AND batch_id = @batch", ("org", batch.Org), ("batch", batchId));
        var documents = Delete("DELETE FROM documents WHERE batch_id = @batch");
        Delete("DELETE FROM batches WHERE id = @batch");

        int removed = 0, kept = 0;
        long bytes = 0;
        foreach (var sha in candidates)
        {
            var sizes = Query(c, tx, """
                DELETE FROM blobs WHERE sha256 = @sha
                    AND NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = @sha)
                    AND NOT EXISTS (SELECT 1 FROM documents WHERE layout_sha = @sha)
                    AND NOT EXISTS (SELECT 1 FROM document_images WHERE sha256 = @sha)
                RETURNING size
                """, r => r.GetInt64(0), ("sha", sha));
            if (sizes.Count == 0) kept++;
            removed += sizes.Count;
            bytes += sizes.Sum();
        }
        SqlDisclosureOverview.Changed(c, tx, batch.Org);
        tx.Commit();
        return new BatchDeletion(BatchDeletionStatus.Deleted, batchId, batch.Org, batch.Name, documents, findings, reviews, reviewEvents,
            auditRuns, images, removed, bytes, kept);
    }

    public IReadOnlyList<BatchRecord> ListBatchesCreatedBefore(DateTimeOffset cutoff, int limit)
    {
        using var c = Open();
        return Query(c, null, $"SELECT {BatchColumns} WHERE b.created_at < @cutoff ORDER BY b.created_at, b.id LIMIT @limit", SqlBatchStore.ReadBatch,
            ("cutoff", cutoff.ToUnixTimeMilliseconds()), ("limit", limit));
    }
}
