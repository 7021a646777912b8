using AuditEngine.Model;

namespace AuditEngine.Rules.Evaluation;

/// <summary>A GlobalParam compiled to a delegate; <see cref="DependsOn"/> lists itself and every global it reads, transitively.</summary>
internal sealed record CompiledGlobal(string Name, Func<Disclosure, object?[], object?> Evaluate, int[] DependsOn);

/// <summary>GlobalParams of one workflow evaluated on one document: values, failures and the evidence each read.</summary>
internal sealed class GlobalValues(int count)
{
    public readonly object?[] Values = new object?[count];
    public readonly Exception?[] Errors = new Exception?[count];
    public readonly List<IHasProvenance>?[] Evidence = new List<IHasProvenance>?[count];
}

/// <summary>One workflow file: its GlobalParams, evaluated once per document, and its rules.</summary>
internal sealed class CompiledWorkflow(string name, string file, IReadOnlyList<CompiledGlobal> globals, IReadOnlyList<CompiledRule> rules)
{
    public string Name { get; } = name;
    public string File { get; } = file;
    public IReadOnlyList<CompiledGlobal> Globals { get; } = globals;
    public IReadOnlyList<CompiledRule> Rules { get; } = rules;
    public CompiledRule[] EnabledRules { get; } = rules.Where(r => r.Definition.Enabled).ToArray();

    /// <summary>
    /// Evaluates the GlobalParams in order. A failure is stored, not thrown: only rules that use that
    /// parameter report it, the others still run.
    /// </summary>
    public GlobalValues EvaluateGlobals(Disclosure doc)
    {
        var values = new GlobalValues(Globals.Count);
        var buffer = new List<IHasProvenance>();
        for (var i = 0; i < Globals.Count; i++)
        {
            var failedDependency = FailedDependency(Globals[i], i, values);
            if (failedDependency is not null)
            {
                values.Errors[i] = failedDependency;
                continue;
            }
            var trail = EvidenceTrail.Begin(buffer);
            try
            {
                values.Values[i] = Globals[i].Evaluate(doc, values.Values);
            }
            catch (Exception ex)
            {
                values.Errors[i] = ex;
            }
            finally
            {
                EvidenceTrail.End();
            }
            if (trail.Count > 0) values.Evidence[i] = [.. trail];
        }
        return values;
    }

    private static Exception? FailedDependency(CompiledGlobal global, int self, GlobalValues values)
    {
        foreach (var d in global.DependsOn)
            if (d != self && values.Errors[d] is { } error) return error;
        return null;
    }
}
