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

    /// <summary>The fixture 决算 with one figure of its 一般公共预算财政拨款支出决算表 (201's 合计, 400.00) read by OCR as
    /// <paramref name="read"/> with the given confidence: what a dropped digit on a scan looks like.</summary>
    private static Disclosure Misread(string read, double confidence)
    {
        var layout = TextLayoutReader.Read(
            File.ReadAllText(Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-final-account.md")), "dfa.md");
        // The table under the heading that names it.
        var heading = layout.Blocks.FindIndex(b => b is Paragraph p && p.Text.EndsWith(Table));
        var table = layout.Blocks.Skip(heading).OfType<LayoutTable>().First();
        var row = table.Cells.Single(c => c.Text == "201").Row;
        var cell = table.Cells.First(c => c.Row == row && c.Text == "400.00");
        table.Cells[table.Cells.IndexOf(cell)] = new LayoutCell
        {
            Row = cell.Row, Column = cell.Column, Text = read, Page = cell.Page, Line = cell.Line, Box = cell.Box, Confidence = confidence,
        };
        return Recognizer.Recognise(layout);
    }

    [Fact]
    [Covers("UT-OCR-CELL-DIGEST")]
    public void Checks_failed_by_one_doubtful_figure_are_one_finding_that_names_it()
    {
        var doc = Misread("4.00", 0.5);
        var findings = Run(doc);

        var digest = Fires(doc, "UT-OCR-CELL-DIGEST", Severity.Warning, Table, "读作 4.00", "“合计”列", "UT-CODE-TREE");
        Assert.True(digest.Evidence.Count >= 3, Describe(findings));
        // Every check that rested on the doubtful figure is inside the digest, none beside it.
        Assert.DoesNotContain(findings, f => f.RuleId != "UT-OCR-CELL-DIGEST" && f.Severity >= Severity.Warning
            && f.Evidence.Any(e => e.Confidence < Provenance.LowConfidence));
    }

    [Fact]
    public void A_sure_misprint_is_not_taken_for_a_misreading()
    {
        // The same wrong figure printed in a digital document: its checks are errors of their own, not an OCR digest.
        var doc = Misread("4.00", 1.0);
        Silent(doc, "UT-OCR-CELL-DIGEST");
        Assert.Contains(Run(doc), f => f.Severity == Severity.Error && f.Message.Contains("4.00"));
    }
}
