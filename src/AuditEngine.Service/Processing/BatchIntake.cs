using AuditEngine.Storage;

namespace AuditEngine.Service.Processing;

public sealed record SubmittedBatch(BatchRecord? Batch, IReadOnlyList<DocumentRecord> Documents, IReadOnlyList<RefusedFile> Refused);

/// <summary>
/// Takes an upload into the store and the queue, in that order: every file's content is stored (by hash, once)
/// before the batch exists, and the batch exists before any job runs, so a crash at any point loses nothing that was
/// acknowledged and leaves nothing half-made for a worker to trip on.
/// </summary>
public sealed class BatchIntake(IAuditStore store, AuditQueue queue, UploadUnpacker unpacker, ILogger<BatchIntake> logger)
{
    public async Task<SubmittedBatch> Submit(
        Principal who, string name, string source, IEnumerable<IncomingFile> uploads, CancellationToken cancellationToken = default)
    {
        var unpacked = unpacker.Unpack(uploads);
        foreach (var refused in unpacked.Refused)
            logger.LogWarning("拒收 refused {File}: {Reason}", refused.Name, refused.Reason);
        if (unpacked.Files.Count == 0) return new SubmittedBatch(null, [], unpacked.Refused);

        var documents = new List<NewDocument>(unpacked.Files.Count);
        foreach (var file in unpacked.Files)
        {
            var sha = SqlAuditStore.Sha256(file.Content);
            store.PutBlob(sha, file.Content);
            documents.Add(new NewDocument(file.Name, sha, file.Content.Length));
        }
        var (batch, stored) = store.CreateBatch(who.OrganisationId, name, who.UserName, source, documents);
        using var _ = Serilog.Context.LogContext.PushProperty("CorrelationId", $"batch-{batch.Id}");
        logger.LogInformation("新批次 batch {BatchId} 「{Name}」：{Count} 份文档，来自 {Source}，上传者 {User}",
            batch.Id, name, stored.Count, source, who.UserName);
        await queue.Enqueue(stored.Select(d => d.Id), cancellationToken);
        return new SubmittedBatch(batch, stored, unpacked.Refused);
    }
}
