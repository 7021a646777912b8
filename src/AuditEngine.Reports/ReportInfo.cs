namespace AuditEngine.Reports;

/// <summary>Facts about the audit run that every report states next to the results.</summary>
public sealed record ReportInfo(DateTimeOffset GeneratedAt, string? RuleSetVersion)
{
    public static ReportInfo Now(string? ruleSetVersion = null) => new(DateTimeOffset.Now, ruleSetVersion);
}
