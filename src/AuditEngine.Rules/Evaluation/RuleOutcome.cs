namespace AuditEngine.Rules.Evaluation;

/// <summary>What a compiled rule returns for one failing item; passing items return null and allocate nothing.</summary>
internal sealed class RuleOutcome(string severity, string message, decimal? expected, decimal? actual)
{
    public string Severity { get; } = severity;
    public string Message { get; } = message;
    public decimal? Expected { get; } = expected;
    public decimal? Actual { get; } = actual;
}
