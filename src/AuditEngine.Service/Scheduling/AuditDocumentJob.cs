using AuditEngine.Service.Processing;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// The audit of a few documents, one after the other, as one Quartz job (see <see cref="AuditQueue"/> for why several).
/// Jobs ask for recovery, so a node that dies mid-job has the job fired again (on restart, or in a cluster by another
/// node); the auditor's claim makes the second firing harmless: documents already done are skipped.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditDocumentJob(DocumentAuditor auditor, ILogger<AuditDocumentJob> logger) : IJob
{
    public const string Group = "documents";
    /// <summary>One document's id: the jobs of stores written before jobs held several.</summary>
    public const string DocumentIdKey = "documentId";
    /// <summary>The documents' ids, comma-separated, in the order they are audited.</summary>
    public const string DocumentIdsKey = "documentIds";

    public static JobKey KeyFor(long documentId) => new($"doc-{documentId}", Group);

    /// <summary>A job of several documents is named by its first id, its size and a hash of the ids, so the same group
    /// queued twice collides (and is skipped) like one document queued twice.</summary>
    public static JobKey KeyFor(IReadOnlyList<long> documentIds)
    {
        if (documentIds.Count == 1) return KeyFor(documentIds[0]);
        var hash = 17L;
        foreach (var id in documentIds) hash = unchecked(hash * 31 + id);
        return new JobKey($"docs-{documentIds[0]}-{documentIds.Count}-{hash & 0xFFFFFFFF:x8}", Group);
    }

    /// <summary>The job for <paramref name="documentIds"/>, asking for recovery.</summary>
    public static IJobDetail Create(IReadOnlyList<long> documentIds) =>
        JobBuilder.Create<AuditDocumentJob>()
            .WithIdentity(KeyFor(documentIds))
            .UsingJobData(DocumentIdsKey, string.Join(',', documentIds))
            .RequestRecovery()
            .Build();

    public static IReadOnlyList<long> DocumentIds(JobDataMap data) =>
        data.GetString(DocumentIdsKey) is { Length: > 0 } ids
            ? ids.Split(',').Select(long.Parse).ToList()
            : [long.Parse(data.GetString(DocumentIdKey)!)];

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        // The whole group, even when the node is stopping, as a one-document job does: a job that returned early would
        // be deleted with the rest of its documents queued but without a job until some node starts again. A stop
        // that does not wait for it kills the job instead, and recovery fires it again.
        foreach (var id in DocumentIds(context.MergedJobDataMap))
        {
            try
            {
                auditor.Audit(id);
            }
            catch (Exception e)
            {
                // The auditor records an audit's own failure; this is the store failing around it. The others go on.
                logger.LogError(e, "文档 {DocumentId} 的审核作业失败 audit job failed", id);
            }
        }
        return ValueTask.CompletedTask;
    }
}
