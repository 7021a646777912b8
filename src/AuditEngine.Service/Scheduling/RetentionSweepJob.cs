using AuditEngine.Service.Hosting;
using AuditEngine.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Deletes batches older than the retention period (Sweeps:RetentionDays; off when unset or 0), of every
/// organisation, with what only they used (see <see cref="IBatchRetention"/>). A batch with a document being audited is
/// skipped and taken by a later run. Logs each batch it deleted.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RetentionSweepJob(IBatchRetention retention, IOptions<ServiceOptions> options, TimeProvider time,
    ILogger<RetentionSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "sweeps");

    /// <summary>Batches looked at per round; rounds go on until none is left (a first run may find years of them).</summary>
    private const int Round = 100;

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = Run(cancellationToken).Count;
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<BatchDeletion> Run(CancellationToken cancellationToken = default)
    {
        var days = options.Value.Sweeps.RetentionDays;
        if (days is not > 0)
        {
            logger.LogInformation("保留期未设置，不删除批次 retention off (Sweeps:RetentionDays unset)");
            return [];
        }
        var cutoff = time.GetUtcNow().AddDays(-days.Value);
        var deleted = new List<BatchDeletion>();
        var skipped = new HashSet<long>();
        while (!cancellationToken.IsCancellationRequested)
        {
            var due = retention.ListBatchesCreatedBefore(cutoff, Round + skipped.Count).Where(b => !skipped.Contains(b.Id)).ToList();
            if (due.Count == 0) break;
            foreach (var batch in due)
            {
                var result = retention.DeleteBatch(null, batch.Id);
                if (result.Status == BatchDeletionStatus.Deleted)
                {
                    deleted.Add(result);
                    logger.LogWarning(
                        "保留期删除批次 retention deleted batch {BatchId} 「{Name}」 of organisation {OrganisationId}, created {CreatedAt:u}: " +
                        "{Documents} 份文档, {Findings} 条问题, {BlobsRemoved} 个文件块 ({Bytes} 字节) removed, {BlobsKept} shared kept",
                        batch.Id, batch.Name, batch.OrganisationId, batch.CreatedAt, result.Documents, result.Findings,
                        result.BlobsRemoved, result.BlobBytesRemoved, result.BlobsKept);
                }
                else
                {
                    skipped.Add(batch.Id);
                    if (result.Status == BatchDeletionStatus.Busy)
                        logger.LogInformation("批次 {BatchId} 正在审核，下次再删 batch being audited, left for the next run", batch.Id);
                }
            }
        }
        logger.LogInformation("保留期扫描 retention sweep: {Days} 天前 (before {Cutoff:u}) 的批次删除了 {Count} 个", days, cutoff, deleted.Count);
        return deleted;
    }
}
