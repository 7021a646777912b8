using AuditEngine.Service.Processing;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// One document's audit as a Quartz job. Jobs ask for recovery, so a node that dies mid-audit has the job fired
/// again (on restart, or in a cluster by another node); the auditor's claim makes the second firing harmless.
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditDocumentJob(DocumentAuditor auditor) : IJob
{
    public const string Group = "documents";
    public const string DocumentIdKey = "documentId";

    public static JobKey KeyFor(long documentId) => new($"doc-{documentId}", Group);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = long.Parse(context.MergedJobDataMap.GetString(DocumentIdKey)!);
        auditor.Audit(id);
        return ValueTask.CompletedTask;
    }
}
