using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Re-audits every stored document whose result was made with another rule-set version, so a rule change reaches
/// what was audited before it. Reviews of findings that are still produced are kept (by fingerprint).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ReauditSweepJob(IAuditLedger ledger, RuleSetProvider rules, AuditQueue queue, ILogger<ReauditSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("reaudit", "sweeps");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        context.Result = await Run(cancellationToken);

    public async Task<int> Run(CancellationToken cancellationToken)
    {
        var version = rules.Refresh().Version;
        var ids = ledger.RequeueStale(version);
        await queue.EnqueueReaudits(ids, cancellationToken);
        logger.LogInformation("重新审核扫描 re-audit sweep: 规则集 {Version}，{Count} 份文档重新排队", version, ids.Count);
        return ids.Count;
    }
}
