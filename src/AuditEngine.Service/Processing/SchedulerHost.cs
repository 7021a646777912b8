using System.Collections.Specialized;
using System.Security.Cryptography;
using System.Text;
using AuditEngine.Service.Hosting;
using AuditEngine.Service.Scheduling;
using AuditEngine.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using Quartz.Impl;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Runs the node's Quartz scheduler on the ADO job store: SQLite (quartz.db beside the store) by default, the
/// store's PostgreSQL database when storage is PostgreSQL, clustered when configured. Document jobs and the two
/// sweeps live there, so schedules and queued work survive restarts. On start it also queues any stored document
/// left unaudited (stored, but the process stopped before its job was written).
/// </summary>
public sealed class SchedulerHost(
    IOptions<ServiceOptions> options, DataPaths paths, NodeIdentity node, IServiceProvider services, ILogger<SchedulerHost> logger)
    : IHostedService
{
    private readonly TaskCompletionSource<IScheduler> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IScheduler? _scheduler;

    public Task<IScheduler> Ready => _ready.Task;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var properties = Properties();
            var factory = new StdSchedulerFactory(properties);
            _scheduler = await factory.GetScheduler(cancellationToken);
            _scheduler.JobFactory = new ServiceJobFactory(services);
            await _scheduler.Start(cancellationToken);
            _ready.SetResult(_scheduler);
            await ScheduleSweeps(_scheduler, cancellationToken);

            var unfinished = services.GetRequiredService<IAuditStore>().ListUnfinishedDocuments();
            if (unfinished.Count > 0)
            {
                logger.LogInformation("继续处理 resuming {Count} 份未完成的文档", unfinished.Count);
                await services.GetRequiredService<AuditQueue>().Enqueue(unfinished, cancellationToken);
            }
            logger.LogInformation("调度器已启动 scheduler {Scheduler} started on node {Node}: {Workers} workers, {Mode}",
                properties["quartz.scheduler.instanceName"], node.Name, options.Value.Workers,
                options.Value.Cluster ? "clustered" : "single node");
        }
        catch (Exception e)
        {
            _ready.TrySetException(e);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Running audits finish (they are short); queued ones stay in the job store for the next start.
        if (_scheduler is not null) await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
    }

    /// <summary>Fires a sweep now (the API's "start a sweep by hand").</summary>
    public async Task TriggerNow(JobKey sweep, CancellationToken cancellationToken = default) =>
        await (await Ready).TriggerJob(sweep, cancellationToken);

    private NameValueCollection Properties()
    {
        var o = options.Value;
        var postgres = IsPostgres(o);
        if (o.Cluster && !postgres)
            throw new InvalidOperationException("集群模式需要 PostgreSQL 存储 cluster mode needs Storage:Provider=postgres");
        var connectionString = postgres
            ? o.Storage.Postgres!
            : new SqliteConnectionStringBuilder { DataSource = paths.QuartzDatabase, Pooling = true, DefaultTimeout = 60 }.ToString();
        EnsureSchema(postgres, connectionString);

        var workers = Math.Max(1, o.Workers);
        var properties = new NameValueCollection
        {
            // One name per job store: cluster nodes share it, separate installations (and test hosts) do not.
            ["quartz.scheduler.instanceName"] = "AuditEngine-" + ShortHash(connectionString),
            ["quartz.scheduler.instanceId"] = o.Cluster ? node.Name : "NON_CLUSTERED",
            ["quartz.threadPool.maxConcurrency"] = workers.ToString(),
            ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = workers.ToString(),
            ["quartz.scheduler.idleWaitTime"] = "1000",
            ["quartz.jobStore.type"] = "Quartz.Impl.AdoJobStore.JobStoreTX, Quartz",
            ["quartz.jobStore.dataSource"] = "default",
            ["quartz.jobStore.useProperties"] = "true",
            // Queued documents wait their turn for minutes in a large batch; that is not a misfire worth handling.
            ["quartz.jobStore.misfireThreshold"] = "3600000",
            ["quartz.dataSource.default.connectionString"] = connectionString,
            ["quartz.serializer.type"] = typeof(QuartzJsonSerializer).AssemblyQualifiedName!,
        };
        if (postgres)
        {
            properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.PostgreSQLDelegate, Quartz";
            properties["quartz.jobStore.tablePrefix"] = "qrtz_";
            properties["quartz.dataSource.default.provider"] = "Npgsql";
            properties["quartz.jobStore.clustered"] = o.Cluster ? "true" : "false";
            properties["quartz.jobStore.clusterCheckinInterval"] = "5000";
        }
        else
        {
            properties["quartz.jobStore.driverDelegateType"] = "Quartz.Impl.AdoJobStore.SQLiteDelegate, Quartz";
            properties["quartz.jobStore.tablePrefix"] = "QRTZ_";
            properties["quartz.dataSource.default.provider"] = "SQLite-Microsoft";
            // SQLite has no SELECT … FOR UPDATE; Quartz locks by updating its lock row instead.
            properties["quartz.jobStore.lockHandler.type"] = "Quartz.Impl.AdoJobStore.UpdateLockRowSemaphore, Quartz";
        }
        return properties;
    }

    private static bool IsPostgres(ServiceOptions o) =>
        o.Storage.Provider.Trim().ToLowerInvariant() is "postgres" or "postgresql";

    private static void EnsureSchema(bool postgres, string connectionString)
    {
        if (postgres)
        {
            using var c = new NpgsqlConnection(connectionString);
            c.Open();
            QuartzSchema.EnsureCreated(c, postgres: true);
        }
        else
        {
            using var c = new SqliteConnection(connectionString);
            c.Open();
            QuartzSchema.EnsureCreated(c, postgres: false);
        }
    }

    private async Task ScheduleSweeps(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var sweeps = options.Value.Sweeps;
        await ScheduleSweep<ReauditSweepJob>(scheduler, ReauditSweepJob.Key, sweeps.ReauditCron, "重新审核 re-audit", cancellationToken);
        await ScheduleSweep<InboxSweepJob>(scheduler, InboxSweepJob.Key, sweeps.InboxCron, "收件箱 inbox", cancellationToken);
    }

    /// <summary>
    /// Sweep jobs are durable (they exist without a trigger, so the API can fire them by hand); their cron trigger
    /// follows the configuration: replaced when the expression changed, removed when it is empty.
    /// </summary>
    private async Task ScheduleSweep<TJob>(IScheduler scheduler, JobKey key, string? cron, string label, CancellationToken ct)
        where TJob : IJob
    {
        var job = JobBuilder.Create<TJob>().WithIdentity(key).StoreDurably().Build();
        await scheduler.AddJob(job, replace: true, ct);
        var triggerKey = new TriggerKey(key.Name + "-cron", key.Group);
        if (string.IsNullOrWhiteSpace(cron))
        {
            await scheduler.UnscheduleJob(triggerKey, ct);
            return;
        }
        if (!CronExpression.IsValidExpression(cron))
        {
            logger.LogError("{Label} 扫描的 cron 表达式无效 invalid cron: {Cron}；该扫描未排程", label, cron);
            return;
        }
        var trigger = TriggerBuilder.Create().WithIdentity(triggerKey).ForJob(key)
            .WithCronSchedule(cron, c => c.WithMisfireHandlingInstructionFireAndProceed()).Build();
        if (await scheduler.GetTrigger(triggerKey, ct) is ICronTrigger existing)
        {
            if (existing.CronExpressionString != cron) await scheduler.RescheduleJob(triggerKey, trigger, ct);
        }
        else
        {
            try { await scheduler.ScheduleJob(trigger, ct); }
            catch (ObjectAlreadyExistsException) { } // another node scheduled it first
        }
        logger.LogInformation("{Label} 扫描计划 sweep scheduled: {Cron}", label, cron);
    }

    private static string ShortHash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..10];
}
