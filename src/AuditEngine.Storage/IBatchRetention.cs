namespace AuditEngine.Storage;

/// <summary>
/// Deleting batches: by an admin, or by the retention job once they are older than the retention period. A batch goes
/// with everything of its own (documents, findings, reviews and their events, the audit ledger, images) and the blobs
/// no other document still refers to; blobs are content-addressed, so a file uploaded in two batches survives the
/// deletion of one.
/// </summary>
public interface IBatchRetention
{
    /// <summary>
    /// Deletes the batch in one transaction, within an organisation (null: any, for the server's admin CLI). Refused
    /// (<see cref="BatchDeletionStatus.Busy"/>, nothing deleted) while one of its documents is being audited.
    /// </summary>
    BatchDeletion DeleteBatch(long? organisationId, long batchId);

    /// <summary>Batches of every organisation created before <paramref name="cutoff"/>, oldest first, at most <paramref name="limit"/>.</summary>
    IReadOnlyList<BatchRecord> ListBatchesCreatedBefore(DateTimeOffset cutoff, int limit);
}

public enum BatchDeletionStatus { Deleted, NotFound, Busy }

/// <summary>What a deletion removed (all zero unless <see cref="Status"/> is Deleted).</summary>
public sealed record BatchDeletion(
    BatchDeletionStatus Status, long BatchId, long OrganisationId = 0, string Name = "", int Documents = 0, int Findings = 0,
    int Reviews = 0, int ReviewEvents = 0, int AuditRuns = 0, int Images = 0, int BlobsRemoved = 0, long BlobBytesRemoved = 0,
    int BlobsKept = 0);
