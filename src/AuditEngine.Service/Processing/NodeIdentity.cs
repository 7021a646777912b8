namespace AuditEngine.Service.Processing;

/// <summary>This process's name in the audit ledger and the logs: which node did the work.</summary>
public sealed record NodeIdentity(string Name)
{
    public static NodeIdentity From(string? configured) =>
        new(string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}-{Environment.ProcessId}" : configured.Trim());
}
