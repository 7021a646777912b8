using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Testing;
using AuditEngine.Tests.Recognition;
using Engine = AuditEngine.Rules;

namespace AuditEngine.Tests.Golden;

/// <summary>
/// The harmless variations of <c>bench --mutations --benign</c> (tests/Shared/BenignVariations.cs) on a real Shanghai
/// 部门预算 (../shared/realdocs): printed with running page footers, a table broken in two (bare, with its header
/// repeated, after a 续表 mark), names spread over their cells, numbers printed otherwise, a table in another unit, a
/// narrative total in 元 or 亿元 — a correct document printed so must get no new error.
/// </summary>
public sealed class BenignVariationTests
{
    private static readonly Lazy<(Layout Layout, Disclosure Doc, Engine.RuleSet Rules, IReadOnlyList<Finding> Baseline)> Real = new(() =>
    {
        var rules = Engine.RuleSet.Load(RepositoryPaths.Rules);
        var path = RealLayoutTests.RealDoc("yusuan/putuo_shangwuwei_2025_yusuan.pdf");
        Assert.True(File.Exists(path), $"real document not found: {path}");
        var layout = DocumentReader.Read(path);
        var doc = Recognizer.Recognise(layout, rules.Profiles);
        return (layout, doc, rules, rules.Run(doc));
    });

    [Theory]
    [InlineData(VariationKind.TableUnit)]
    [InlineData(VariationKind.NumberFormat)]
    [InlineData(VariationKind.SpacedNames)]
    [InlineData(VariationKind.PageFooter)]
    [InlineData(VariationKind.TableContinued)]
    [InlineData(VariationKind.NarrativeUnit)]
    [InlineData(VariationKind.SectionMoved)]
    public void A_correct_document_printed_otherwise_gets_no_new_error(VariationKind kind)
    {
        var (layout, doc, rules, baseline) = Real.Value;
        var places = BenignVariations.Plan(layout, doc).Where(v => v.Kind == kind).ToList();
        Assert.NotEmpty(places);
        foreach (var place in places)
        {
            var outcome = BenignVariations.Run(layout, place, rules, baseline);
            Assert.True(outcome.NewErrors.Count == 0, $"{kind} {place.Place}: {string.Join("; ", outcome.NewErrors.Select(f => f.RuleId + " " + f.Message))}");
        }
    }

    [Theory]
    [InlineData("1,234.56", true, "12,345,600.00")]
    [InlineData("705443.00", false, "70.54")]
    [InlineData("13,260.00", false, "1.33")]
    public void A_figure_is_printed_in_the_other_unit(string printed, bool toYuan, string expected) =>
        Assert.Equal(expected, BenignVariations.Rescale(printed, toYuan));
}
