using AuditEngine.Service.Hosting;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Runs after Quartz has started: schedules the sweeps from configuration and queues any stored document left
/// unaudited (stored, but the process stopped before its job was written). Jobs that were running when a node died
/// are re-fired by Quartz itself, because every document job asks for recovery.
/// </summary>
public sealed class SchedulerSetup(
    ISchedulerFactory schedulers, IAuditLedger ledger, AuditQueue queue, IOptions<ServiceOptions> options, NodeIdentity node,
    ILogger<SchedulerSetup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var sweeps = options.Value.Sweeps;
        await ScheduleSweep<ReauditSweepJob>(scheduler, ReauditSweepJob.Key, sweeps.ReauditCron, "重新审核 re-audit", cancellationToken);
        await ScheduleSweep<InboxSweepJob>(scheduler, InboxSweepJob.Key, sweeps.InboxCron, "收件箱 inbox", cancellationToken);
        await ScheduleSweep<RetentionSweepJob>(scheduler, RetentionSweepJob.Key,
            sweeps.RetentionDays is > 0 ? sweeps.RetentionCron : null, "保留期 retention", cancellationToken);

        // Only documents without a job: in a cluster the others' queued and running documents already have theirs, and
        // re-scheduling every one of them on each node start costs a failed insert per document (minutes in a large sweep).
        var pending = await PendingDocuments(scheduler, cancellationToken);
        var unfinished = ledger.ListUnfinishedDocuments().Where(id => !pending.Contains(id)).ToList();
        if (unfinished.Count > 0)
        {
            logger.LogInformation("继续处理 resuming {Count} 份未完成的文档", unfinished.Count);
            await queue.Enqueue(unfinished, cancellationToken);
        }
        logger.LogInformation("调度器已启动 scheduler {Scheduler} on node {Node}: {Workers} workers, {Mode}",
            scheduler.SchedulerName, node.Name, options.Value.Workers, options.Value.Cluster ? "clustered" : "single node");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The documents that have a job in the store: its key names a lone document, its data a group's.</summary>
    public static async Task<HashSet<long>> PendingDocuments(IScheduler scheduler, CancellationToken ct = default)
    {
        var ids = new HashSet<long>();
        foreach (var key in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(AuditDocumentJob.Group), ct))
        {
            if (key.Name.StartsWith("doc-", StringComparison.Ordinal) && long.TryParse(key.Name.AsSpan(4), out var id))
                ids.Add(id);
            else if (await scheduler.GetJobDetail(key, ct) is { } job)
                ids.UnionWith(AuditDocumentJob.DocumentIds(job.JobDataMap));
        }
        return ids;
    }

    /// <summary>
    /// Sweep jobs are durable (they exist without a trigger, so the API can fire them by hand); their cron trigger
    /// follows the configuration: replaced when the expression changed, removed when it is empty.
    /// </summary>
    private async Task ScheduleSweep<TJob>(IScheduler scheduler, JobKey key, string? cron, string label, CancellationToken ct)
        where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
        var triggerKey = new TriggerKey(key.Name + "-cron", key.Group);
        if (string.IsNullOrWhiteSpace(cron))
        {
            await scheduler.UnscheduleJob(triggerKey, ct);
            return;
        }
        if (!CronExpression.TryParse(cron, out _))
        {
            logger.LogError("{Label} 扫描的 cron 表达式无效 invalid cron: {Cron}；该扫描未排程", label, cron);
            return;
        }
        var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(key)
            .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
        if (await scheduler.GetTrigger(triggerKey, ct) is ICronTrigger existing)
        {
            if (existing.CronExpressionString != cron) await scheduler.RescheduleJob(triggerKey, trigger, ct);
        }
        else
        {
            try { await scheduler.ScheduleJob(trigger, new ScheduleJobOptions(), ct); }
            catch (ObjectAlreadyExistsException) { } // another node scheduled it first
        }
        logger.LogInformation("{Label} 扫描计划 sweep scheduled: {Cron}", label, cron);
    }
}
