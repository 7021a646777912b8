using System.Text.Json.Nodes;
using AuditEngine.Model;
using AuditEngine.Rules;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

/// <summary>Digest rules (Properties.digest): many findings on one table become one finding that keeps their evidence.</summary>
public class FindingDigestTests
{
    /// <summary>Every row of the sample's 部门支出总表 fails a warning rule, its 合计 an error rule, and a rule of another
    /// category fails on the same table: 4 + 1 findings of the digested category, 1 of another.</summary>
    private static RuleSet Rules(string digest, string? digestOf = null)
    {
        var rows = Rule("R-ROW", "false", "{item.Label} 不符", new()
        {
            ["category"] = "unbalanced-total", ["severity"] = "warning", ["scope"] = "doc.Table('部门支出总表').Rows",
        });
        var total = Rule("R-TOTAL", "doc.Table('部门支出总表').TotalRow.Amount('合计') == 0", "合计不符", new() { ["category"] = "unbalanced-total" });
        var other = Rule("R-OTHER", "doc.Table('部门支出总表').TotalRow.Amount('合计') == 0", "另一类", new() { ["category"] = "inconsistency" });
        var properties = new Dictionary<string, string> { ["category"] = "unbalanced-total", ["title"] = "汇总", ["digest"] = digest };
        if (digestOf is not null) properties["digestOf"] = digestOf;
        var digestRule = Rule("R-DIGEST", null, "《{table}》{count} 处（{rules}）：{details}", properties);
        return RuleSet.FromFiles([(TestFile, Workflow("unbalanced-total", [rows, total, other, digestRule]))]);
    }

    [Fact]
    public void Findings_of_one_table_at_the_threshold_become_one_that_keeps_their_evidence_and_worst_severity()
    {
        var undigested = Rules("99").Run(SampleDoc());
        Assert.Equal(["R-ROW", "R-ROW", "R-ROW", "R-ROW", "R-TOTAL", "R-OTHER"], undigested.Select(f => f.RuleId));

        var findings = Rules("5").Run(SampleDoc());

        Assert.Equal(["R-DIGEST", "R-OTHER"], findings.Select(f => f.RuleId));
        var digest = findings[0];
        Assert.Equal(Severity.Error, digest.Severity);
        Assert.Equal("unbalanced-total", digest.Category);
        Assert.Equal("《部门支出总表》5 处（R-ROW×4、R-TOTAL×1）：合计 不符；210 卫生健康支出 不符；21001 卫生健康管理事务 不符", digest.Message);
        Assert.Equal(undigested.Take(5).SelectMany(f => f.Evidence).Distinct(), digest.Evidence);
    }

    [Fact]
    public void Below_the_threshold_or_outside_the_digested_categories_nothing_changes()
    {
        Assert.Equal(6, Rules("6").Run(SampleDoc()).Count);
        Assert.Equal(6, Rules("2", digestOf: "missing-section").Run(SampleDoc()).Count);
        // Digesting both categories takes the other rule's finding in too.
        Assert.Equal(["R-DIGEST"], Rules("6", digestOf: "unbalanced-total, inconsistency").Run(SampleDoc()).Select(f => f.RuleId));
    }

    [Fact]
    public void Findings_of_one_rule_with_the_same_message_become_one_with_every_place()
    {
        // The message names no row: every row fails with the same words, as one statement told twice does.
        var same = Rule("R-SAME", "false", "所述金额与表不符", new() { ["scope"] = "doc.Table('部门支出总表').Rows" });
        var named = Rule("R-NAMED", "false", "{item.Label} 不符", new() { ["scope"] = "doc.Table('部门支出总表').Rows" });
        var rules = RuleSet.FromFiles([(TestFile, Workflow("unbalanced-total", [same, named]))]);

        var findings = rules.Run(SampleDoc());

        Assert.Equal(["R-SAME", "R-NAMED", "R-NAMED", "R-NAMED", "R-NAMED"], findings.Select(f => f.RuleId));
        var rows = SampleDoc().Table(TableKind.ExpenditureSummary)!.Rows.Count;
        Assert.Equal(rows, findings[0].Evidence.Select(e => e.Row).Distinct().Count());
    }

    [Theory]
    [InlineData("1", "不小于 2 的整数")]
    [InlineData("x", "不小于 2 的整数")]
    public void A_digest_without_a_usable_threshold_is_refused(string digest, string reason)
    {
        var ex = Assert.Throws<AuditEngine.Rules.RuleLoadException>(() => Rules(digest));
        Assert.Contains(ex.Errors, e => e.Rule == "R-DIGEST" && e.Reason.Contains(reason));
    }

    [Fact]
    public void A_digest_with_an_expression_or_an_unknown_category_is_refused()
    {
        var rule = Rule("R-DIGEST", "false", "{count}", new() { ["digest"] = "3", ["digestOf"] = "nope", ["category"] = "unbalanced-total" });
        var ex = Assert.Throws<AuditEngine.Rules.RuleLoadException>(() => RuleSet.FromFiles([(TestFile, Workflow("unbalanced-total", [rule]))]));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("不能有 Expression"));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("未知类别 'nope'"));
    }
}
