using AuditEngine.Service.Hosting;
using AuditEngine.Service.Scheduling;
using Microsoft.Extensions.Options;
using Quartz;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Hands documents to the workers as Quartz jobs in the persistent job store, asking for recovery. In a cluster every
/// node's scheduler draws from the same store, which spreads the work.
/// Uploads go one document per job: a first audit reads the file (seconds for a scan), beside which the job store's
/// three commits per job (acquire, fire, complete) are nothing, and one job each keeps the workers evenly busy to the
/// end of a batch. A re-audit sweep recognises stored layouts in milliseconds, where those commits were a fifth of a
/// document's time, so its documents go in groups (<see cref="EnqueueReaudits"/>).
/// </summary>
public sealed class AuditQueue(ISchedulerFactory schedulers, IOptions<ServiceOptions> options, ILogger<AuditQueue> logger)
{
    public const int MaxGroup = 16;

    /// <summary>One job per document: uploads, a document re-audited or reread by hand, documents resumed at start.</summary>
    public Task Enqueue(IEnumerable<long> documentIds, CancellationToken cancellationToken = default) =>
        Schedule(documentIds.Distinct().Select(id => (IReadOnlyList<long>)[id]).ToList(), cancellationToken);

    /// <summary>
    /// A sweep's documents in groups of at most <see cref="MaxGroup"/>, and at least four jobs per worker when there
    /// are that many documents, so that the workers (this node's and, in a cluster, others') share it evenly.
    /// </summary>
    public Task EnqueueReaudits(IReadOnlyList<long> documentIds, CancellationToken cancellationToken = default) =>
        Schedule(Groups(documentIds.Distinct().ToList(), options.Value.Workers).ToList(), cancellationToken);

    private async Task Schedule(IReadOnlyList<IReadOnlyList<long>> groups, CancellationToken cancellationToken)
    {
        if (groups.Count == 0) return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = groups.ToDictionary(
            group => AuditDocumentJob.Create(group),
            _ => (IReadOnlyCollection<ITrigger>)[TriggerBuilder.Create().StartNow()
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build()]);
        try
        {
            await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Some groups already have a pending job (a resume racing another node, or the same group queued twice):
            // that job will audit them; schedule the others one by one.
            foreach (var (job, triggers) in jobs.Select(kv => (kv.Key, kv.Value)))
            {
                try { await scheduler.ScheduleJob(job, triggers, new ScheduleJobOptions(), cancellationToken); }
                catch (ObjectAlreadyExistsException) { logger.LogDebug("文档作业 {Job} 已在队列中", job.Key); }
            }
        }
    }

    /// <summary>The documents in groups of equal size (the last may be smaller), in the order given.</summary>
    public static IEnumerable<IReadOnlyList<long>> Groups(IReadOnlyList<long> ids, int workers)
    {
        var size = Math.Clamp(ids.Count / (4 * Math.Max(1, workers)), 1, MaxGroup);
        return ids.Chunk(size);
    }
}
