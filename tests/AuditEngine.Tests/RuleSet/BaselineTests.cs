using System.Reflection;
using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>The consistent fixture passes the whole shipped rule set, and every shipped rule has a test that makes it fire.</summary>
public sealed class BaselineTests : RuleTestBase
{
    [Fact]
    public void Consistent_fixture_raises_no_error_and_no_warning()
    {
        var findings = Run(Fixture.Build());
        var serious = findings.Where(f => f.Severity != Severity.Info).ToList();
        Assert.True(serious.Count == 0, "the fixture should be clean:" + Environment.NewLine + Describe(findings));
    }

    [Fact]
    public void Consistent_fixture_raises_no_finding_at_all()
    {
        // Not even a 尾差 note: every figure of the fixture is exact.
        var findings = Run(Fixture.Build());
        Assert.True(findings.Count == 0, Describe(findings));
    }

    public static TheoryData<string> AllRuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in ShippedRules.RuleSet.Rules) data.Add(rule.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllRuleIds))]
    public void Rule_does_not_fire_on_the_consistent_fixture(string ruleId) => Silent(Fixture.Build(), ruleId);

    [Fact]
    public void Shipped_rule_set_has_the_expected_rules()
    {
        // Guards the coverage test below against an empty or half-loaded directory.
        Assert.True(Rules.Rules.Count >= 84, $"{Rules.Rules.Count} rules loaded from {ShippedRules.RulesDirectory}");
        Assert.All(Rules.Rules, r => Assert.True(r.Enabled, r.Id + " is disabled"));
    }

    [Fact]
    public void Every_shipped_rule_has_a_test_that_makes_it_fire()
    {
        var covered = typeof(BaselineTests).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(BaselineTests).Namespace)
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .SelectMany(m => m.GetCustomAttributes<CoversAttribute>())
            .SelectMany(a => a.RuleIds)
            .ToHashSet(StringComparer.Ordinal);
        var missing = Rules.Rules.Select(r => r.Id).Where(id => !covered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, "rules without a firing test: " + string.Join(", ", missing));
        var unknown = covered.Except(Rules.Rules.Select(r => r.Id)).ToList();
        Assert.True(unknown.Count == 0, "tests name rules that do not exist: " + string.Join(", ", unknown));
    }
}
