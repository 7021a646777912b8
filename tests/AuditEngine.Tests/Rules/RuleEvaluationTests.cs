using AuditEngine.Model;
using AuditEngine.Rules;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

public class RuleEvaluationTests
{
    private static readonly (string, string)[] ExpGlobal = [("exp", "doc.Table('部门支出总表')")];

    /// <summary>The brief's example rule: 合计 = 基本支出 + 项目支出 on every row, in the balance form.</summary>
    private static RuleSet RowParts(string? severity = null, string terms = "2")
    {
        var props = new Dictionary<string, string>
        {
            ["title"] = "支出总表各行 合计 = 基本支出 + 项目支出",
            ["category"] = "unbalanced-total",
            ["scope"] = "exp.Rows",
            ["when"] = "doc.HasTable('部门支出总表')",
            ["expected"] = "parts",
            ["actual"] = "item.Amount('合计')",
            ["terms"] = terms,
        };
        if (severity is not null) props["severity"] = severity;
        return Load(Rule("UT-EXP-ROW-PARTS", null, "{item.Label}：合计 {actual} 与 基本支出+项目支出 {expected} 不符，差额 {diff}",
            props, ("parts", "item.Amount('基本支出') + item.Amount('项目支出')")), ExpGlobal);
    }

    [Fact]
    public void Balance_form_equal_rows_pass_residue_is_info_imbalance_is_error()
    {
        var findings = RowParts().Run(SampleDoc());
        Assert.Equal(2, findings.Count);

        var residue = findings[0];
        Assert.Equal("UT-EXP-ROW-PARTS", residue.RuleId);
        Assert.Equal("支出总表各行 合计 = 基本支出 + 项目支出", residue.RuleName);
        Assert.Equal("unbalanced-total", residue.Category);
        Assert.Equal(Severity.Info, residue.Severity);
        Assert.Equal(300.00m, residue.Expected);
        Assert.Equal(300.01m, residue.Actual);
        Assert.Equal("21001 卫生健康管理事务：合计 300.01 与 基本支出+项目支出 300.00 不符，差额 0.01", residue.Message);

        var imbalance = findings[1];
        Assert.Equal(Severity.Error, imbalance.Severity);
        Assert.Equal(1.00m, imbalance.Expected);
        Assert.Equal(2.00m, imbalance.Actual);
        Assert.Equal("2100101 行政运行：合计 2.00 与 基本支出+项目支出 1.00 不符，差额 1.00", imbalance.Message);
    }

    [Fact]
    public void Balance_form_tolerance_follows_terms()
    {
        // terms 1: tolerance 0.005, so even 0.01 is beyond rounding residue
        var findings = RowParts(terms: "1").Run(SampleDoc());
        Assert.All(findings, f => Assert.Equal(Severity.Error, f.Severity));
        // terms as an expression per item
        findings = RowParts(terms: "item.Level + 1").Run(SampleDoc());
        Assert.Equal(Severity.Info, findings[0].Severity);
    }

    [Fact]
    public void Balance_form_names_are_usable_in_expression_and_severity()
    {
        var set = Load(Rule("B-2", "diff <= tolerance", "差额 {diff}，容差 {tolerance:0.000}，项数 {terms:0}", new()
        {
            ["expected"] = "doc.Figure('支出总计').Value",
            ["actual"] = "doc.Table('部门支出总表').TotalRow.Amount('合计') + 1",
            ["terms"] = "3",
            ["severity"] = "=diff > 100 ? 'error' : 'warning'",
        }));
        var f = Assert.Single(set.Run(SampleDoc()));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal("差额 1.00，容差 0.015，项数 3", f.Message);
        Assert.Equal(1301.01m, f.Expected);
        Assert.Equal(1302.01m, f.Actual);
    }

    [Fact]
    public void Severity_expression_is_evaluated_per_item()
    {
        var set = Load(Rule("S-1", "item.Amount('项目支出') < 150", "{item.Name}", new()
        {
            ["scope"] = "doc.Table('部门支出总表').Rows",
            ["severity"] = "=item.Amount('项目支出') > 250 ? 'error' : 'info'",
        }));
        var findings = set.Run(SampleDoc());
        Assert.Equal(["合计:Error", "卫生健康支出:Info"], findings.Select(f => $"{f.Message}:{f.Severity}"));
    }

    [Fact]
    public void Severity_expression_returning_nonsense_becomes_a_rule_error()
    {
        var set = Load(Rule("S-2", "false", "x", new() { ["severity"] = "='fatal'" }));
        var f = Assert.Single(set.Run(SampleDoc()));
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("规则 S-2 执行出错", f.Message);
        Assert.Contains("fatal", f.Message);
    }

    [Fact]
    public void Message_templates_format_values()
    {
        var doc = SampleDoc();
        Assert.Equal("1,301.01", Eval("doc.Figure('支出总计').Value:N2", doc));
        Assert.Equal("1301.0", Eval("doc.Figure('支出总计').Value:0.0", doc));
        Assert.Equal("—", Eval("doc.PreviousYear", doc));
        Assert.Equal("—", Eval("doc.Table('三公经费支出表').Row('因公出国（境）费').Cell('上年预算数').Value", doc));
        Assert.Equal("是", Eval("doc.HasTable('三公经费支出表')", doc));
        Assert.Equal("合计、卫生健康支出、卫生健康管理事务、行政运行", Eval("doc.Table('部门支出总表').Rows.Select(r => r.Name)", doc));
        Assert.Equal("1301.01、1000.00、300.01、2.00", Eval("doc.Table('部门支出总表').Rows.Select(r => r.Amount('合计'))", doc));
        Assert.Equal("有", Eval("doc.Year > 2000 ? '有' : '无'", doc)); // ':' of ?: is not a format
        Assert.Equal("2,024", Eval("doc.Year > 2000 ? doc.Year : 0:N0", doc));

        var many = new Disclosure { Source = "m" };
        for (var i = 0; i < 12; i++) many.Figures.Add(new NarrativeFigure { Key = "k" + i, Value = i, Sentence = "" });
        Assert.Equal("k0、k1、k2、k3、k4、k5、k6、k7、k8、k9等12项", Eval("doc.Figures.Select(f => f.Key)", many));

        var set = Load(Rule("TPL-1", "false", "{{字面}} {doc.Year} 年 {{ {doc.Department.Length} }}"));
        Assert.Equal("{字面} 2024 年 { 10 }", Assert.Single(set.Run(doc)).Message);
    }

    [Fact]
    public void Evidence_records_the_cells_a_rule_read()
    {
        var findings = RowParts().Run(SampleDoc());
        var evidence = findings[1].Evidence; // 2100101 行政运行, row 4 of the table on page 3
        Assert.Equal(3, evidence.Count);
        Assert.All(evidence, e =>
        {
            Assert.Equal(3, e.Page);
            Assert.Equal(4, e.Row);
            Assert.Equal("部门支出总表", e.Table);
        });
        Assert.Equal(["基本支出", "项目支出", "合计"], evidence.Select(e => e.Column));
        Assert.Equal(["0.00", "1.00", "2.00"], evidence.Select(e => e.Value));
    }

    [Fact]
    public void Evidence_falls_back_to_the_item_and_includes_what_global_params_read()
    {
        // nothing read per item: the item itself is the evidence
        var set = Load(Rule("E-1", "item.Code != null", "{item.Name}", new() { ["scope"] = "doc.Table('部门支出总表').Rows" }));
        var e = Assert.Single(Assert.Single(set.Run(SampleDoc())).Evidence);
        Assert.Equal((3, 1, (string?)null), (e.Page!.Value, e.Row!.Value, e.Column));

        // a figure read by a GlobalParam is evidence for the rules that use it, not for the others
        set = Load(
        [
            Rule("E-2", "total == exp.TotalRow.Amount('合计') + 1", "x"),
            Rule("E-3", "exp.Rows.Count() == 0", "y"),
        ], ("exp", "doc.Table('部门支出总表')"), ("total", "doc.FigureValue('支出总计')"));
        var findings = set.Run(SampleDoc());
        Assert.Equal(2, findings.Count);
        Assert.Equal(["合计", null], findings[0].Evidence.Select(x => x.Column));
        Assert.Equal(12, findings[0].Evidence[1].Line);
        Assert.Empty(findings[1].Evidence);
    }

    [Fact]
    public void Low_confidence_evidence_downgrades_an_error_to_a_warning()
    {
        var doc = SampleDoc();
        var table = doc.Table(TableKind.ExpenditureSummary)!;
        RowWithConfidence(table, "2100102", "一般行政管理事务", 0.55, ("合计", 9.00m), ("基本支出", 1.00m), ("项目支出", 1.00m));
        var findings = RowParts().Run(doc);
        var low = findings.Single(f => f.Message.StartsWith("2100102", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, low.Severity);
        Assert.EndsWith("（依据的单元格识别置信度低，请人工核对）", low.Message);
        Assert.Contains("请人工核对", low.Message);
        // the confident imbalance stays an error, the residue stays info
        Assert.Equal(Severity.Error, findings.Single(f => f.Message.StartsWith("2100101", StringComparison.Ordinal)).Severity);
        Assert.Equal(Severity.Info, findings.Single(f => f.Message.StartsWith("21001 ", StringComparison.Ordinal)).Severity);
    }

    [Fact]
    public void Runtime_errors_become_warning_findings_and_the_run_continues()
    {
        var set = Load(
        [
            Rule("RT-1", "item.Amount('合计') / item.Amount('基本支出') < 10", "{item.Name}",
                new() { ["scope"] = "doc.Table('部门支出总表').Rows", ["category"] = "unbalanced-total" }),
            Rule("RT-2", "false", "第二条规则照常运行"),
            Rule("RT-3", "doc.Department.Substring(50) == ''", "x"),
        ]);
        var findings = set.Run(SampleDoc());
        // 行政运行 has 基本支出 0.00: one error finding for that row, the other rows evaluated normally
        var error = Assert.Single(findings, f => f.RuleId == "RT-1");
        Assert.Equal(Severity.Warning, error.Severity);
        Assert.Equal("unbalanced-total", error.Category);
        Assert.StartsWith("规则 RT-1 执行出错", error.Message);
        Assert.Contains("除数为 0", error.Message);
        Assert.Contains("行政运行", error.Message);
        Assert.Contains(findings, f => f.RuleId == "RT-2" && f.Message == "第二条规则照常运行");
        Assert.Contains(findings, f => f.RuleId == "RT-3" && f.Message.StartsWith("规则 RT-3 执行出错", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_global_param_is_reported_by_the_rules_that_use_it()
    {
        var set = Load(
        [
            Rule("GP-1", "ratio < 1", "x"),
            Rule("GP-2", "false", "不依赖 ratio"),
        ], ("zero", "doc.Tables.Count() - 2"), ("ratio", "1 / zero"));
        var findings = set.Run(SampleDoc());
        Assert.Equal(2, findings.Count);
        Assert.Contains("规则 GP-1 执行出错", findings[0].Message);
        Assert.Equal("不依赖 ratio", findings[1].Message);
    }

    [Fact]
    public void When_skips_items_and_documents()
    {
        var set = Load(Rule("W-1", "false", "{item.Name}", new()
        {
            ["scope"] = "doc.Table('部门支出总表').Rows",
            ["when"] = "item.Level == 3",
        }));
        Assert.Equal(["行政运行"], set.Run(SampleDoc()).Select(f => f.Message));

        set = Load(Rule("W-2", "false", "x", new() { ["when"] = "doc.HasTable('政府性基金预算支出表')" }));
        Assert.Empty(set.Run(SampleDoc()));
        // a null scope means nothing to check
        set = Load(Rule("W-3", "false", "x", new() { ["scope"] = "doc.Table('政府性基金预算支出表').Rows" }));
        Assert.Empty(set.Run(SampleDoc()));
    }

    [Fact]
    public void Run_never_throws_on_an_empty_document()
    {
        var set = RowParts();
        Assert.Empty(set.Run(new Disclosure { Source = "empty" }));
    }

    [Fact]
    public void Run_is_thread_safe()
    {
        var set = RowParts();
        var docs = Enumerable.Range(0, 200).Select(_ => SampleDoc()).ToArray();
        var expected = string.Join("|", set.Run(docs[0]).Select(f => f.ToString() + f.Evidence.Count));
        var results = new string[docs.Length];
        Parallel.For(0, docs.Length, i => results[i] = string.Join("|", set.Run(docs[i]).Select(f => f.ToString() + f.Evidence.Count)));
        Assert.All(results, r => Assert.Equal(expected, r));
    }
}
