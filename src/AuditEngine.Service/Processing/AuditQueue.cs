using AuditEngine.Service.Scheduling;
using Quartz;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Hands documents to the workers as Quartz jobs in the persistent job store: one job per document, keyed by its id,
/// asking for recovery. In a cluster every node's scheduler draws from the same store, which spreads the work.
/// </summary>
public sealed class AuditQueue(SchedulerHost host, ILogger<AuditQueue> logger)
{
    public async Task Enqueue(IEnumerable<long> documentIds, CancellationToken cancellationToken = default)
    {
        var scheduler = await host.Ready;
        var jobs = documentIds.ToDictionary(
            id => JobBuilder.Create<AuditDocumentJob>()
                .WithIdentity(AuditDocumentJob.KeyFor(id))
                .UsingJobData(AuditDocumentJob.DocumentIdKey, id.ToString())
                .RequestRecovery()
                .Build(),
            id => (IReadOnlyCollection<ITrigger>)[TriggerBuilder.Create().StartNow()
                .WithSimpleSchedule(s => s.WithMisfireHandlingInstructionFireNow()).Build()]);
        if (jobs.Count == 0) return;
        try
        {
            await scheduler.ScheduleJobs(jobs, replace: false, cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Some documents already have a pending job (a resume racing another node, or a sweep during an audit):
            // that job will audit them; schedule the others one by one.
            foreach (var (job, triggers) in jobs)
            {
                try { await scheduler.ScheduleJob(job, triggers, replace: false, cancellationToken); }
                catch (ObjectAlreadyExistsException) { logger.LogDebug("文档作业 {Job} 已在队列中", job.Key); }
            }
        }
    }
}
