using AuditEngine.Storage;

namespace AuditEngine.Service.Processing;

public sealed record SubmittedBatch(BatchRecord? Batch, IReadOnlyList<DocumentRecord> Documents, IReadOnlyList<RefusedFile> Refused);

/// <summary>
/// Takes an upload into the store and the queue, in that order: every file's content is stored (by hash, once)
/// before the batch exists, and the batch exists before any job runs, so a crash at any point loses nothing that was
/// acknowledged and leaves nothing half-made for a worker to trip on.
/// </summary>
public sealed class BatchIntake(IBlobStore blobStore, IBatchStore batchStore, AuditQueue queue, UploadUnpacker unpacker, MemoryRelief memory, ILogger<BatchIntake> logger)
{
    private readonly IBlobStore blobStore = blobStore;
    private readonly IBatchStore batchStore = batchStore;
    private readonly AuditQueue queue = queue;
    private readonly MemoryRelief memory = memory;
    private readonly ILogger<BatchIntake> logger = logger;

    public async Task<SubmittedBatch> Submit(
        Principal who, string name, string source, IEnumerable<IncomingFile> uploads, CancellationToken cancellationToken = default)
    {
        var upload = Begin(who, source);
        foreach (var file in uploads) upload.Add(file);
        return await upload.Complete(name, cancellationToken);
    }

    /// <summary>
    /// An upload taken file by file: each accepted file's content is stored as it arrives and only its hash is kept,
    /// so a large upload never holds more than one file (and an archive's entries) in memory.
    /// </summary>
    public Upload Begin(Principal who, string source) => new(this, who, source, unpacker.Begin());

    public sealed class Upload(BatchIntake intake, Principal who, string source, UploadUnpacker.Session session)
    {
        private readonly List<NewDocument> _documents = [];

        public UploadUnpacker.Session Session => session;

        public void Add(IncomingFile file)
        {
            foreach (var accepted in session.Take(file))
            {
                var sha = ContentHash.Sha256(accepted.Content);
                intake.blobStore.PutBlob(sha, accepted.Content);
                intake.memory.Passed(accepted.Content.Length);
                _documents.Add(new NewDocument(accepted.Name, sha, accepted.Content.Length));
            }
        }

        public async Task<SubmittedBatch> Complete(string name, CancellationToken cancellationToken = default)
        {
            foreach (var refused in session.Refused)
                intake.logger.LogWarning("拒收 refused {File}: {Reason}", refused.Name, refused.Reason);
            if (_documents.Count == 0) return new SubmittedBatch(null, [], session.Refused);
            (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) created;
            try
            {
                created = intake.batchStore.CreateBatch(who.OrganisationId, name, who.UserName, source, _documents);
            }
            catch (System.Data.Common.DbException e)
            {
                // A file already stored for another batch may have been removed in between, by the deletion of the
                // last batch using it (blobs are shared by content): the batch's reference to it then fails.
                intake.logger.LogWarning("新批次写入失败 creating the batch failed ({Error}): a file it shares was deleted meanwhile", e.Message);
                throw new InvalidOperationException("上传期间有相同内容的文件被删除，请重新上传 a shared file was deleted during the upload; upload again", e);
            }
            var (batch, stored) = created;
            using var _ = Serilog.Context.LogContext.PushProperty("CorrelationId", $"batch-{batch.Id}");
            intake.logger.LogInformation("新批次 batch {BatchId} 「{Name}」：{Count} 份文档，来自 {Source}，上传者 {User}",
                batch.Id, name, stored.Count, source, who.UserName);
            await intake.queue.Enqueue(stored.Select(d => d.Id), cancellationToken);
            return new SubmittedBatch(batch, stored, session.Refused);
        }
    }
}
