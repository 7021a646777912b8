namespace AuditEngine.Service.Hosting;

/// <summary>The "AuditEngine" configuration section (appsettings.json, environment AuditEngine__…, or --AuditEngine:… arguments).</summary>
public sealed class ServiceOptions
{
    /// <summary>Where the SQLite database, logs and the first-login note live.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>rules/ of the repository unless set.</summary>
    public string? RulesDirectory { get; set; }

    public StorageOptions Storage { get; set; } = new();

    /// <summary>Documents audited at once on this node.</summary>
    public int Workers { get; set; } = Environment.ProcessorCount;

    /// <summary>This node's name in the audit ledger and logs; defaults to host name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>Runs Quartz as a cluster member (PostgreSQL only): several nodes share one job store.</summary>
    public bool Cluster { get; set; }

    public UploadLimits Limits { get; set; } = new();
    public SweepOptions Sweeps { get; set; } = new();
    public LoginOptions Login { get; set; } = new();

    /// <summary>On a new empty store: create a demo organisation, its admin, and audit samples/.</summary>
    public bool SeedSamples { get; set; } = true;
    public string? SamplesDirectory { get; set; }

    /// <summary>
    /// Memory for findings CSV exports sent again while their findings and reviews are unchanged (<c>CsvExportCache</c>);
    /// 0 builds every export anew. A batch of 9,200 findings is 5 MB (counted by its length; the buffer it was written
    /// into, which it keeps, may be up to twice that).
    /// </summary>
    public int ExportCacheMegabytes { get; set; } = 64;

    /// <summary>Password of the first admin on a new store; random (and printed) when unset.</summary>
    public string? FirstAdminPassword { get; set; }
}

public sealed class StorageOptions
{
    /// <summary>"sqlite" (default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";
    /// <summary>SQLite file; relative to the data directory.</summary>
    public string SqlitePath { get; set; } = "auditengine.db";
    /// <summary>Npgsql connection string when Provider is postgres.</summary>
    public string? Postgres { get; set; }
}

public sealed class UploadLimits
{
    public long MaxFileBytes { get; set; } = 100L * 1024 * 1024;
    public long MaxBatchBytes { get; set; } = 1024L * 1024 * 1024;
    public int MaxFiles { get; set; } = 2000;
    /// <summary>How deep ZIPs may nest inside a ZIP: 1 takes a ZIP inside the uploaded ZIP, not one inside that.</summary>
    public int MaxZipDepth { get; set; } = 1;
    /// <summary>Uncompressed ÷ compressed size above which a ZIP entry is treated as a bomb.</summary>
    public double MaxCompressionRatio { get; set; } = 100;
}

/// <summary>Login throttling (see LoginThrottle).</summary>
public sealed class LoginOptions
{
    /// <summary>Failed logins of one user name before each further attempt must wait.</summary>
    public int MaxFailures { get; set; } = 5;
    /// <summary>Failed logins from one client address (any names) before it must wait; higher, as offices share addresses.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;
    /// <summary>The first wait; it doubles with every further failure.</summary>
    public double BaseDelaySeconds { get; set; } = 1;
    public double MaxDelaySeconds { get; set; } = 900;
    /// <summary>Failures older than this are forgotten.</summary>
    public double WindowSeconds { get; set; } = 900;
}

public sealed class SweepOptions
{
    /// <summary>Quartz cron: re-audit documents whose result came from another rule-set version. Empty: off.</summary>
    public string? ReauditCron { get; set; } = "0 0 2 * * ?";
    /// <summary>Quartz cron: take files from the inbox folder into a new batch. Empty: off.</summary>
    public string? InboxCron { get; set; } = "0 */5 * * * ?";
    /// <summary>The watched folder; relative to the data directory. Files taken move to inbox/taken/.</summary>
    public string InboxDirectory { get; set; } = "inbox";
    /// <summary>The organisation that owns batches made from the inbox (the first one when unset).</summary>
    public string? InboxOrganisation { get; set; }
    /// <summary>Batches older than this many days are deleted by the retention sweep. Unset or 0: kept for ever (default).</summary>
    public int? RetentionDays { get; set; }
    /// <summary>Quartz cron of the retention sweep; it runs only when RetentionDays is set.</summary>
    public string? RetentionCron { get; set; } = "0 30 3 * * ?";
}
