using AuditEngine.Service.Processing;
using AuditEngine.Service.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AuditEngine.Service.Tests.Processing;

/// <summary>
/// Documents go to the job store in small groups: few enough jobs that a large sweep does not pay three job-store
/// commits per document, enough that every worker gets a share of a small batch.
/// </summary>
public sealed class AuditQueueTests
{
    [Theory]
    [InlineData(1000, 2, 16, 63)]   // a sweep: full groups
    [InlineData(40, 2, 5, 8)]       // a small sweep: four jobs per worker
    [InlineData(10, 2, 1, 10)]      // a few long scans: one per job, so both workers start at once
    [InlineData(1, 8, 1, 1)]
    public void Groups_are_at_most_sixteen_and_at_least_four_per_worker(int documents, int workers, int size, int jobs)
    {
        var ids = Enumerable.Range(1, documents).Select(i => (long)i).ToList();
        var groups = AuditQueue.Groups(ids, workers).ToList();
        Assert.Equal(jobs, groups.Count);
        Assert.Equal(size, groups[0].Count);
        Assert.Equal(ids, groups.SelectMany(g => g));
    }

    [Fact]
    public void A_group_job_names_its_documents_and_a_lone_document_keeps_its_own_key()
    {
        Assert.Equal(new JobKey("doc-7", AuditDocumentJob.Group), AuditDocumentJob.KeyFor([7L]));
        var key = AuditDocumentJob.KeyFor([3L, 4L, 9L]);
        Assert.StartsWith("docs-3-3-", key.Name);
        Assert.NotEqual(key, AuditDocumentJob.KeyFor([3L, 5L, 9L]));
        Assert.Equal(key, AuditDocumentJob.KeyFor([3L, 4L, 9L]));

        var data = new JobDataMap { [AuditDocumentJob.DocumentIdsKey] = "3,4,9" };
        Assert.Equal([3L, 4L, 9L], AuditDocumentJob.DocumentIds(data));
        // A job written by a node before groups existed holds one id under the old key.
        Assert.Equal([12L], AuditDocumentJob.DocumentIds(new JobDataMap { [AuditDocumentJob.DocumentIdKey] = "12" }));
    }

    [Fact]
    public async Task A_start_finds_the_documents_of_pending_jobs_whether_alone_or_in_a_group()
    {
        // An in-memory scheduler that is never started: its jobs stay pending, as a stopped node's do in the job store.
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddQuartz(new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "pending-" + Guid.NewGuid().ToString("N"),
            ["quartz.threadPool.maxConcurrency"] = "1",
        });
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            ITrigger Now() => TriggerBuilder.Create().StartNow().Build();
            await scheduler.ScheduleJob(AuditDocumentJob.Create([5L]), Now());
            await scheduler.ScheduleJob(AuditDocumentJob.Create([7L, 8L, 9L]), Now());
            // A job of an older node: one id under the old key, named by the document.
            await scheduler.ScheduleJob(JobBuilder.Create<AuditDocumentJob>().WithIdentity(AuditDocumentJob.KeyFor(11L))
                .UsingJobData(AuditDocumentJob.DocumentIdKey, "11").Build(), Now());

            Assert.Equal([5L, 7L, 8L, 9L, 11L], (await SchedulerSetup.PendingDocuments(scheduler)).Order());
        }
        finally
        {
            await scheduler.Shutdown();
        }
    }
}
