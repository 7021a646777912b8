using AuditEngine.Pipeline;
using AuditEngine.Service.Hosting;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Microsoft.Extensions.Options;
using Quartz;

namespace AuditEngine.Service.Scheduling;

/// <summary>
/// Takes the files dropped into the watched inbox folder into a new batch. A file is stored before it is moved to
/// inbox/taken/, so a crash in between leaves it in the inbox (taken again next time, stored once by its hash) rather
/// than lost. A file still being written (changed in the last few seconds) waits for the next sweep.
/// </summary>
[DisallowConcurrentExecution]
public sealed class InboxSweepJob(
    IIdentityStore identityStore, BatchIntake intake, IOptions<ServiceOptions> options, DataPaths paths, ILogger<InboxSweepJob> logger) : IJob
{
    public static readonly JobKey Key = new("inbox", "sweeps");
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await Run(cancellationToken);

    public async Task<(long? BatchId, int Files)> Run(CancellationToken cancellationToken)
    {
        var inbox = paths.Inbox;
        Directory.CreateDirectory(inbox);
        var files = Directory.GetFiles(inbox)
            .Where(f => !InputFiles.IsHidden(f) && DateTime.UtcNow - File.GetLastWriteTimeUtc(f) > Settle)
            .Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) return (null, 0);

        var organisation = OwningOrganisation();
        if (organisation is null)
        {
            logger.LogWarning("收件箱有 {Count} 个文件，但还没有任何单位，暂不处理", files.Count);
            return (null, 0);
        }
        var principal = new Principal(organisation.Id, organisation.Name, "inbox", Role.Uploader);
        var uploads = files.Select(f => new IncomingFile(Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        var submitted = await intake.Submit(principal, $"收件箱 {DateTime.Now:yyyy-MM-dd HH:mm}", "inbox", uploads, cancellationToken);

        var taken = Path.Combine(inbox, "taken", DateTime.Now.ToString("yyyyMMdd-HHmmss"));
        Directory.CreateDirectory(taken);
        foreach (var f in files) File.Move(f, Path.Combine(taken, Path.GetFileName(f)), overwrite: true);
        logger.LogInformation("收件箱扫描 inbox sweep: {Count} 个文件进入批次 {BatchId}", files.Count, submitted.Batch?.Id);
        return (submitted.Batch?.Id, files.Count);
    }

    private Organisation? OwningOrganisation()
    {
        var name = options.Value.Sweeps.InboxOrganisation;
        return string.IsNullOrWhiteSpace(name) ? identityStore.ListOrganisations().FirstOrDefault() : identityStore.FindOrganisation(name);
    }
}
