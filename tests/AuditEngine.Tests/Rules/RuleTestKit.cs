using System.Text.Json.Nodes;
using AuditEngine.Model;
using AuditEngine.Rules;

namespace AuditEngine.Tests.Rules;

/// <summary>Builds rule JSON and small hand-made disclosures for the rules tests.</summary>
internal static class RuleTestKit
{
    public const string TestFile = "rules/test.json";

    public static JsonObject Rule(string id, string? expression, string? message = null,
        Dictionary<string, string>? properties = null, params (string Name, string Expression)[] locals)
    {
        var rule = new JsonObject { ["RuleName"] = id };
        if (expression is not null) rule["Expression"] = expression;
        if (message is not null) rule["ErrorMessage"] = message;
        if (locals.Length > 0)
            rule["LocalParams"] = new JsonArray(locals.Select(l => (JsonNode)new JsonObject { ["Name"] = l.Name, ["Expression"] = l.Expression }).ToArray());
        if (properties is not null)
        {
            var props = new JsonObject();
            foreach (var (k, v) in properties) props[k] = v;
            rule["Properties"] = props;
        }
        return rule;
    }

    public static string Workflow(string name, IEnumerable<JsonObject> rules, params (string Name, string Expression)[] globals)
    {
        var wf = new JsonObject
        {
            ["WorkflowName"] = name,
            ["Rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray()),
        };
        if (globals.Length > 0)
            wf["GlobalParams"] = new JsonArray(globals.Select(g => (JsonNode)new JsonObject { ["Name"] = g.Name, ["Expression"] = g.Expression }).ToArray());
        return wf.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public static RuleSet Load(JsonObject rule, params (string Name, string Expression)[] globals) =>
        RuleSet.FromFiles([(TestFile, Workflow("inconsistency", [rule], globals))]);

    public static RuleSet Load(IEnumerable<JsonObject> rules, params (string Name, string Expression)[] globals) =>
        RuleSet.FromFiles([(TestFile, Workflow("inconsistency", rules, globals))]);

    /// <summary>Renders an expression through a message template: a rule that always fails and says "{expr}".</summary>
    public static string Eval(string expression, Disclosure? doc = null)
    {
        var set = Load(Rule("T-EVAL", "false", "{" + expression + "}"));
        var findings = set.Run(doc ?? SampleDoc());
        Assert.Single(findings);
        Assert.NotEqual(Severity.Warning, findings[0].Severity);
        return findings[0].Message;
    }

    /// <summary>True when a rule with this Expression passes on the document.</summary>
    public static bool Check(string expression, Disclosure? doc = null)
    {
        var findings = Load(Rule("T-CHECK", expression, "失败")).Run(doc ?? SampleDoc());
        Assert.All(findings, f => Assert.DoesNotContain("执行出错", f.Message));
        return findings.Count == 0;
    }

    public static RuleLoadException LoadError(JsonObject rule, params (string Name, string Expression)[] globals) =>
        Assert.Throws<RuleLoadException>(() => Load(rule, globals));

    public static RuleError SingleError(string expression)
    {
        var ex = LoadError(Rule("T-BAD", expression, "失败"));
        return Assert.Single(ex.Errors);
    }

    // ------------------------------------------------------------------ model

    public static AmountCell Cell(string table, int row, string column, decimal? value, int page = 3, double confidence = 1.0) =>
        new()
        {
            Value = value,
            Text = value?.ToString("0.00") ?? "",
            Provenance = new Provenance(Page: page, Table: table, Row: row, Column: column, Confidence: confidence),
        };

    public static BudgetRow Row(BudgetTable table, string? code, string name, params (string Column, decimal? Value)[] cells) =>
        RowWithConfidence(table, code, name, 1.0, cells);

    public static BudgetRow RowWithConfidence(BudgetTable table, string? code, string name, double confidence,
        params (string Column, decimal? Value)[] cells)
    {
        var index = table.Rows.Count + 1;
        var page = table.Provenance.Page ?? 1;
        var row = new BudgetRow
        {
            Index = index,
            Code = code,
            Name = name,
            TableTitle = table.Title,
            Provenance = new Provenance(Page: page, Table: table.Title, Row: index),
        };
        foreach (var (column, value) in cells)
            row.Cells[column] = Cell(table.Title, index, column, value, page, confidence);
        table.Rows.Add(row);
        return row;
    }

    /// <summary>
    /// A small 部门支出总表 (page 3) with one balanced row, one 0.01 residue, one 1.00 imbalance, and a
    /// 三公经费支出表 (page 9); Year 2024; two narrative figures.
    /// </summary>
    public static Disclosure SampleDoc()
    {
        var doc = new Disclosure { Source = "sample.txt", Department = "某某市卫生健康委员会", Year = 2024 };
        var exp = new BudgetTable
        {
            Kind = TableKind.ExpenditureSummary,
            Title = "部门支出总表",
            Provenance = new Provenance(Page: 3, Table: "部门支出总表"),
            Classification = Classification.功能分类,
        };
        exp.Columns.AddRange(["合计", "基本支出", "项目支出"]);
        Row(exp, null, "合计", ("合计", 1301.01m), ("基本支出", 1000.00m), ("项目支出", 301.01m));
        Row(exp, "210", "卫生健康支出", ("合计", 1000.00m), ("基本支出", 800.00m), ("项目支出", 200.00m));
        Row(exp, "21001", "卫生健康管理事务", ("合计", 300.01m), ("基本支出", 200.00m), ("项目支出", 100.00m));
        Row(exp, "2100101", "行政运行", ("合计", 2.00m), ("基本支出", 0.00m), ("项目支出", 1.00m));
        doc.Tables.Add(exp);

        var sg = new BudgetTable
        {
            Kind = TableKind.SanGong,
            Title = "三公经费支出表",
            Provenance = new Provenance(Page: 9, Table: "三公经费支出表"),
        };
        sg.Columns.AddRange(["预算数", "上年预算数"]);
        Row(sg, null, "合计", ("预算数", 30.00m), ("上年预算数", 28.00m));
        Row(sg, null, "因公出国（境）费", ("预算数", 10.00m), ("上年预算数", null));
        doc.Tables.Add(sg);

        doc.Figures.Add(new NarrativeFigure
        {
            Key = FigureKeys.三公经费, Value = 30.00m, Sentence = "“三公”经费预算30.00万元",
            Provenance = new Provenance(Page: 2, Line: 40),
        });
        doc.Figures.Add(new NarrativeFigure
        {
            Key = FigureKeys.支出总计, Value = 1301.01m, Sentence = "支出总计1301.01万元",
            Provenance = new Provenance(Page: 1, Line: 12),
        });
        return doc;
    }
}
