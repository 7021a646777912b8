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

        var documents = unpacked.Files.Select(f => new NewDocument(f.Name, SqlAuditStore.Sha256(f.Content), f.Content.Length)).ToList();
        void StoreContents()
        {
            foreach (var file in unpacked.Files) store.PutBlob(SqlAuditStore.Sha256(file.Content), file.Content);
        }
        StoreContents();
        (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) created;
        try
        {
            created = store.CreateBatch(who.OrganisationId, name, who.UserName, source, documents);
        }
        catch (System.Data.Common.DbException e)
        {
            // A file already stored for another batch may have been removed in between, by the deletion of the last
            // batch using it (blobs are shared by content): the batch's reference to it then fails. Store again, retry once.
            logger.LogInformation("新批次写入失败，重新存储文件后重试 creating the batch failed ({Error}); storing its files again", e.Message);
            StoreContents();
            created = store.CreateBatch(who.OrganisationId, name, who.UserName, source, documents);
        }
        var (batch, stored) = created;
        using var _ = Serilog.Context.LogContext.PushProperty("CorrelationId", $"batch-{batch.Id}");
        logger.LogInformation("新批次 batch {BatchId} 「{Name}」：{Count} 份文档，来自 {Source}，上传者 {User}",
            batch.Id, name, stored.Count, source, who.UserName);
        await queue.Enqueue(stored.Select(d => d.Id), cancellationToken);
        return new SubmittedBatch(batch, stored, unpacked.Refused);
    }
}
