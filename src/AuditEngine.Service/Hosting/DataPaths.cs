using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Hosting;

/// <summary>The files the service keeps under its data directory.</summary>
public sealed class DataPaths(IOptions<ServiceOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.DataDirectory);
    public string Database => Path.Combine(Root, options.Value.Storage.SqlitePath);
    public string QuartzDatabase => Path.Combine(Root, "quartz.db");
    public string Logs => Path.Combine(Root, "logs");
    public string Inbox => Path.Combine(Root, options.Value.Sweeps.InboxDirectory);
    public string FirstLogin => Path.Combine(Root, "first-login.txt");
}
