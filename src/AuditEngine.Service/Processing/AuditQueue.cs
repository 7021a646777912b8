using AuditEngine.Service.Scheduling;
using Quartz;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Hands documents to the workers as Quartz jobs in the persistent job store: one job per document, keyed by its id,
/// asking for recovery. In a cluster every node's scheduler draws from the same store, which spreads the work.
/// </summary>
public sealed class AuditQueue(ISchedulerFactory schedulers, ILogger<AuditQueue> logger)
{
    public async Task Enqueue(IEnumerable<long> documentIds, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = documentIds.ToDictionary(
            id => JobBuilder.Create<AuditDocumentJob>()
                .WithIdentity(AuditDocumentJob.KeyFor(id))
                .UsingJobData(AuditDocumentJob.DocumentIdKey, id.ToString())
                .RequestRecovery()
                .Build(),
            id => (IReadOnlyCollection<ITrigger>)[TriggerBuilder.Create().StartNow()
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build()]);
        if (jobs.Count == 0) return;
        try
        {
            await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Some documents already have a pending job (a resume racing another node, or a sweep during an audit):
            // that job will audit them; schedule the others one by one.
            foreach (var (job, triggers) in jobs.Select(kv => (kv.Key, kv.Value)))
            {
                try { await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions(), cancellationToken); }
                catch (ObjectAlreadyExistsException) { logger.LogDebug("文档作业 {Job} 已在队列中", job.Key); }
            }
        }
    }
}
