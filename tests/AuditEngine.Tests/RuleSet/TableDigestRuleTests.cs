using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/unbalanced-total.json's digest (UT-TABLE-DIGEST) with the shipped rule set on a recognised document.</summary>
public sealed class TableDigestRuleTests : RuleTestBase
{
    private const string Table = "一般公共预算财政拨款支出决算表";

    /// <summary>The fixture 决算 with its 一般公共预算财政拨款支出决算表's figures moved up one row (the last row taking
    /// the first's): what a table printed out of line with its codes looks like.</summary>
    private static Disclosure Misaligned()
    {
        var lines = File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-final-account.md")).Split('\n');
        var title = Array.FindIndex(lines, l => l.StartsWith("## ") && l.EndsWith(Table));
        var first = Array.FindIndex(lines, title, l => l.StartsWith("201\t"));
        var last = Array.FindIndex(lines, first, l => l.Trim().Length == 0) - 1;
        var cells = lines[first..(last + 1)].Select(l => l.Split('\t')).ToList();
        for (var i = 0; i < cells.Count; i++)
            lines[first + i] = string.Join('\t', cells[i][..2].Concat(cells[(i + 1) % cells.Count][2..]));
        return Recognizer.Recognise(TextLayoutReader.Read(string.Join('\n', lines), "misaligned.md"));
    }

    [Fact]
    [Covers("UT-TABLE-DIGEST")]
    public void A_table_out_of_line_with_its_codes_is_one_finding_that_keeps_every_failed_check()
    {
        var doc = Misaligned();
        var findings = Run(doc);

        var digest = Fires(doc, "UT-TABLE-DIGEST", Severity.Error, Table, "处勾稽不符", "UT-CODE-TREE");
        Assert.True(digest.Evidence.Count >= 10, Describe(findings));
        // No warning or error of the digested category is left on that table beside the digest.
        Assert.DoesNotContain(findings, f => f.RuleId != "UT-TABLE-DIGEST" && f.Category == Categories.UnbalancedTotal
            && f.Severity >= Severity.Warning && f.Evidence.Any(e => e.Table?.EndsWith(Table) == true));
    }

    [Fact]
    public void A_few_failed_checks_on_a_table_stay_as_they_are()
    {
        // The fixture 决算 as it is fails nothing; the consistent fixture of BaselineTests neither.
        Silent(Recognizer.Recognise(TextLayoutReader.Read(
            File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-final-account.md")), "dfa.md")), "UT-TABLE-DIGEST");
    }
}
