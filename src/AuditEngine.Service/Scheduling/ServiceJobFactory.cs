using Quartz;
using Quartz.Spi;

namespace AuditEngine.Service.Scheduling;

/// <summary>Builds each job from the service's container, so jobs receive the store, the auditor and loggers.</summary>
public sealed class ServiceJobFactory(IServiceProvider services) : IJobFactory
{
    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler) =>
        (IJob)ActivatorUtilities.CreateInstance(services, bundle.JobDetail.JobType);

    public void ReturnJob(IJob job) => (job as IDisposable)?.Dispose();
}
