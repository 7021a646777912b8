using System.Linq.Expressions;

namespace AuditEngine.Rules.Language;

/// <summary>
/// A name visible to an expression. <see cref="Expression"/> is null for a parameter that failed to compile
/// (uses of it are not reported again). <see cref="GlobalIndex"/> ≥ 0 marks a GlobalParam, so the rule can
/// inherit the evidence that parameter read.
/// </summary>
internal sealed record Symbol(Expression? Expression, int GlobalIndex = -1);

/// <summary>Lexical scope: doc, GlobalParams, item, LocalParams, balance names, lambda parameters.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Scope? parent = parent;
    private readonly Dictionary<string, Symbol> names = new(StringComparer.Ordinal);

    public bool TryLookup(string name, out Symbol symbol)
    {
        for (var s = this; s is not null; s = s.parent)
            if (s.names.TryGetValue(name, out symbol!)) return true;
        symbol = null!;
        return false;
    }

    public bool IsDeclared(string name) => TryLookup(name, out _);

    public void Declare(string name, Symbol symbol) => names[name] = symbol;

    public IEnumerable<string> Names
    {
        get
        {
            var all = new List<string>();
            for (var s = this; s is not null; s = s.parent) all.AddRange(s.names.Keys);
            return all.Distinct();
        }
    }
}
