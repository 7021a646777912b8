namespace AuditEngine.Rules;

/// <summary>
/// Which rules were evaluated on one document: applied to its type, their `when` held and an item of their scope (or
/// the document itself) reached the expression; a rule whose Expression is <c>false</c> (it reports every item its
/// documentTypes, `when` and scope let through) is evaluated on every document it is run against. A rule that was
/// evaluated and raised nothing is "silent" there; one never evaluated says nothing about the document. Only fixture
/// runs pass a trace; normal runs pass null.
/// </summary>
public sealed class RuleTrace
{
    private readonly HashSet<string> evaluated = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Evaluated => evaluated;

    public bool WasEvaluated(string ruleId) => evaluated.Contains(ruleId);

    internal void MarkEvaluated(string ruleId) => evaluated.Add(ruleId);
}
