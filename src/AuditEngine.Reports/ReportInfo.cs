namespace AuditEngine.Reports;

/// <summary>Facts about the audit run that every report states next to the results.</summary>
public sealed record ReportInfo(DateTimeOffset GeneratedAt, string? RuleSetVersion)
{
    /// <summary>The organisation (bureau) the report is filed for; the PDF report's cover names it. Null for the CLI.</summary>
    public string? Organisation { get; init; }

    /// <summary>The batch (or single document) the report covers, as the cover names it.</summary>
    public string? Batch { get; init; }

    /// <summary>Where the HTML and PDF reports read the evidence crops they embed (files, unless the store gives them).</summary>
    public ICropImages Crops { get; init; } = CropFiles.Instance;

    public static ReportInfo Now(string? ruleSetVersion = null) => new(DateTimeOffset.Now, ruleSetVersion);
}
