using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Testing;
using Engine = AuditEngine.Rules;

namespace AuditEngine.Tests.Golden;

/// <summary>
/// The mutation machinery of <c>bench --mutations</c> (tests/Shared/LayoutMutations.cs) on a seed in the repository: if
/// the mutations stopped reaching the rules (a copy that loses the edit, places no longer found), the bench would report
/// every defect missed, or none applied, without anyone noticing. A leaf amount changed and a required table removed
/// must each be found, at their place, with no new error elsewhere.
/// </summary>
public sealed class LayoutMutationTests
{
    private static readonly Lazy<(Layout Layout, Disclosure Doc, Engine.RuleSet Rules, IReadOnlyList<Finding> Baseline)> Seed = new(() =>
    {
        var rules = Engine.RuleSet.Load(RepositoryPaths.Rules);
        var layout = DocumentReader.Read(Path.Combine(RepositoryPaths.Root, "samples", "seeds", "langfang-guangyang-2025.txt"));
        var doc = Recognizer.Recognise(layout, rules.Profiles);
        return (layout, doc, rules, rules.Run(doc));
    });

    [Theory]
    [InlineData(MutationKind.LeafAmount)]
    [InlineData(MutationKind.TableRemoved)]
    public void The_injected_defect_is_found_and_nothing_else(MutationKind kind)
    {
        var (layout, doc, rules, baseline) = Seed.Value;
        var places = LayoutMutations.Plan(layout, doc).Where(m => m.Kind == kind).ToList();
        Assert.NotEmpty(places);
        foreach (var place in places)
        {
            var outcome = LayoutMutations.Run(layout, place, rules, baseline);
            Assert.True(outcome.Detected, $"{kind} at {place.Place} not detected; new: {string.Join("; ", outcome.OtherNew)}");
            Assert.Empty(outcome.Collateral);
        }
    }

    [Fact]
    public void The_unchanged_copy_gives_the_same_findings()
    {
        var (layout, _, rules, baseline) = Seed.Value;
        var again = LayoutMutations.Audit(LayoutMutations.Copy(layout), rules);
        Assert.Equal(baseline.Select(f => f.RuleId + f.Message), again.Select(f => f.RuleId + f.Message));
    }

    [Theory]
    [InlineData("1,234.56", 12.34, "1,246.90")]
    [InlineData("705443.00", 123400, "828843.00")]
    [InlineData("15", 12.34, "27")]
    public void A_shifted_figure_is_printed_as_before(string printed, decimal delta, string expected) =>
        Assert.Equal(expected, LayoutMutations.Shift(printed, delta));
}
