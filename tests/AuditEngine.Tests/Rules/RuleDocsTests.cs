using System.Text.RegularExpressions;
using AuditEngine.Model;
using AuditEngine.Rules;

namespace AuditEngine.Tests.Rules;

/// <summary>The workflow examples in docs/rules.md must load and behave as the guide says.</summary>
public class RuleDocsTests
{
    private static string DocsText()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "docs", "rules.md");
            if (File.Exists(path)) return File.ReadAllText(path);
        }
        throw new FileNotFoundException("docs/rules.md not found above " + AppContext.BaseDirectory);
    }

    private static List<string> WorkflowExamples() =>
        Regex.Matches(DocsText(), "```json\\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Where(j => j.Contains("\"WorkflowName\"", StringComparison.Ordinal))
            .ToList();

    [Fact]
    public void Every_workflow_example_in_the_guide_loads()
    {
        var examples = WorkflowExamples();
        Assert.True(examples.Count >= 2);
        var set = RuleSet.FromFiles(examples.Select((json, i) => ($"rules/doc-example-{i}.json", json)));
        Assert.Contains(set.Rules, r => r.Id == "UT-EXP-ROW-PARTS");
        Assert.Contains(set.Rules, r => r.Id == "SG-TOTAL-GROWTH");
    }

    [Fact]
    public void The_first_example_reports_residue_as_info_and_imbalance_as_error()
    {
        var set = RuleSet.FromFiles([("rules/unbalanced-total.json", WorkflowExamples()[0])]);
        var findings = set.Run(RuleTestKit.SampleDoc());
        Assert.Equal([Severity.Info, Severity.Error], findings.Select(f => f.Severity));
        Assert.Equal("2100101 行政运行：合计 2.00 与 基本支出+项目支出 1.00 不符，差额 1.00", findings[1].Message);
        Assert.Equal(["基本支出", "项目支出", "合计"], findings[1].Evidence.Select(e => e.Column));
    }
}
