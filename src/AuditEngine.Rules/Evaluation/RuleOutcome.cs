namespace AuditEngine.Rules.Evaluation;

/// <summary>
/// What a compiled rule returns for one failing item; a passing item returns null and allocates nothing, an item its
/// `when` skips returns the shared <see cref="Skipped"/> (a trace tells the two apart at the cost of one comparison).
/// </summary>
internal sealed class RuleOutcome(string severity, string message, decimal? expected, decimal? actual)
{
    /// <summary>The item was skipped by the rule's `when`: the rule's expression was not reached.</summary>
    public static readonly RuleOutcome Skipped = new("", "", null, null);

    public string Severity { get; } = severity;
    public string Message { get; } = message;
    public decimal? Expected { get; } = expected;
    public decimal? Actual { get; } = actual;
}
