using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>The figures kept for comparisons across years, read from the rule fixtures' documents.</summary>
public class KeyFiguresTests
{
    private static Disclosure Recognise(string name, Func<string, string>? edit = null)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tests", "documents", name));
        return Recognizer.Recognise(TextLayoutReader.Read(edit is null ? text : edit(text), name));
    }

    [Fact]
    public void A_budget_gives_its_summary_total_sangong_total_and_operating_cost()
    {
        Assert.Equal(new KeyFigures(520.00m, 8.00m, 40.00m), KeyFigures.Of(Recognise("department-budget.md")));
    }

    [Fact]
    public void A_final_account_takes_the_sangong_total_from_its_final_column_and_has_no_operating_cost_it_does_not_state()
    {
        var doc = Recognise("department-final-account.md");
        Assert.True(doc.IsFinalAccount);
        Assert.Equal(new KeyFigures(500.00m, 8.00m, null), KeyFigures.Of(doc));
    }

    [Fact]
    public void Without_its_sangong_table_a_budget_gives_the_total_its_narrative_states()
    {
        var doc = Recognise("department-budget.md", t =>
        {
            var start = t.IndexOf("## 九、", StringComparison.Ordinal);
            var end = t.IndexOf("\n# ", start, StringComparison.Ordinal);
            return t.Remove(start, end - start + 1);
        });
        Assert.False(doc.HasTable(TableKind.SanGong));
        Assert.Equal(8.00m, KeyFigures.Of(doc).SanGong);
    }
}
