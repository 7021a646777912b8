using AuditEngine.Model;
using Engine = AuditEngine.Rules;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>Names the shipped rules a test method proves to fire, so the coverage test can find any rule left out.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class CoversAttribute(params string[] ruleIds) : Attribute
{
    public string[] RuleIds { get; } = ruleIds;
}

/// <summary>The repository's rules/ directory, loaded once and shared by every test class (the set is immutable).</summary>
internal static class ShippedRules
{
    public static string RulesDirectory { get; } = RepositoryPaths.Rules;

    private static readonly Lazy<Engine.RuleSet> Set = new(() => Engine.RuleSet.Load(RulesDirectory));

    public static Engine.RuleSet RuleSet => Set.Value;

}

/// <summary>Base of the per-workflow test classes: runs the shipped rules and asserts on one rule's findings.</summary>
public abstract class RuleTestBase
{
    protected static Engine.RuleSet Rules => ShippedRules.RuleSet;

    protected static IReadOnlyList<Finding> Run(Disclosure doc) => Rules.Run(doc);

    protected static string Describe(IEnumerable<Finding> findings)
    {
        var lines = findings.Select(f => "  " + f).ToList();
        return lines.Count == 0 ? "(no findings)" : string.Join(Environment.NewLine, lines);
    }

    /// <summary>Asserts exactly one finding of the rule, with the severity, and that the message quotes every part.</summary>
    protected static Finding Fires(Disclosure doc, string ruleId, Severity severity, params string[] messageParts)
    {
        var all = Run(doc);
        var mine = all.Where(f => f.RuleId == ruleId).ToList();
        Assert.True(mine.Count == 1, $"expected exactly one {ruleId} finding, got {mine.Count}:{Environment.NewLine}{Describe(all)}");
        return Check(mine[0], severity, messageParts);
    }

    /// <summary>Asserts the rule's findings and returns them, for rules that fire once per item.</summary>
    protected static List<Finding> FiresEach(Disclosure doc, string ruleId, int count, Severity severity)
    {
        var all = Run(doc);
        var mine = all.Where(f => f.RuleId == ruleId).ToList();
        Assert.True(mine.Count == count, $"expected {count} {ruleId} findings, got {mine.Count}:{Environment.NewLine}{Describe(all)}");
        foreach (var f in mine) Check(f, severity);
        return mine;
    }

    protected static Finding Check(Finding finding, Severity severity, params string[] messageParts)
    {
        // A run-time failure of the rule also surfaces under its id, as a warning; it must not pass for a hit.
        Assert.DoesNotContain("执行出错", finding.Message);
        Assert.True(finding.Severity == severity, $"expected {severity}, got {finding}");
        foreach (var part in messageParts)
            Assert.True(finding.Message.Contains(part, StringComparison.Ordinal), $"message lacks “{part}”: {finding.Message}");
        return finding;
    }

    protected static void Silent(Disclosure doc, string ruleId)
    {
        var all = Run(doc);
        var mine = all.Where(f => f.RuleId == ruleId).ToList();
        Assert.True(mine.Count == 0, $"expected no {ruleId} finding:{Environment.NewLine}{Describe(mine)}");
    }
}
