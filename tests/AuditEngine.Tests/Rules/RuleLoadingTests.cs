using AuditEngine.Model;
using AuditEngine.Rules;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

public class RuleLoadingTests
{
    [Theory]
    [InlineData("doc.GetType() == null", "GetType")]
    [InlineData("\"x\".GetType().Assembly == null", "GetType")]
    [InlineData("typeof(doc) == null", "typeof")]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd') == ''", "ReadAllText")]
    [InlineData("Environment.GetEnvironmentVariable('PATH') == ''", "GetEnvironmentVariable")]
    [InlineData("Environment.UserName == ''", "UserName")]
    [InlineData("Activator.CreateInstance('System.Object') == null", "CreateInstance")]
    [InlineData("doc.Tables.GetEnumerator() == null", "GetEnumerator")]
    [InlineData("doc.Source.GetHashCode() == 1", "GetHashCode")]
    [InlineData("doc.Source.Normalize() == ''", "Normalize")]
    [InlineData("doc.Table('部门支出总表').Rows.Capacity > 0", "Capacity")]
    [InlineData("doc.Tables.FirstOrDefault().Provenance.GetType() == null", "GetType")]
    [InlineData("doc.Tables.Count() == doc.Tables.Count().GetTypeCode()", "GetTypeCode")]
    public void Forbidden_access_is_rejected_at_load_with_position(string expression, string member)
    {
        var error = SingleError(expression);
        Assert.Equal(TestFile, error.File);
        Assert.Equal("T-BAD", error.Rule);
        Assert.Equal("Expression", error.Field);
        Assert.Contains("不允许访问成员", error.Reason);
        // The position points into the expression, at the offending name (or the start of its dotted path).
        Assert.NotNull(error.Position);
        var at = expression.IndexOf(member, StringComparison.Ordinal);
        var pathStart = expression.StartsWith("System.", StringComparison.Ordinal) || expression.StartsWith("Environment", StringComparison.Ordinal)
                        || expression.StartsWith("Activator", StringComparison.Ordinal)
            ? 0 : -1;
        Assert.True(error.Position == at || error.Position == pathStart, $"position {error.Position}, expected {at}");
    }

    [Fact]
    public void Unknown_function_names_the_function_and_lists_the_real_ones()
    {
        var error = SingleError("Foo(1) == 1");
        Assert.Equal(0, error.Position);
        Assert.Contains("未知函数 'Foo'", error.Reason);
        Assert.Contains("Within", error.Reason);
    }

    [Theory]
    [InlineData("doc.Tabels.Count() > 0", 4, "未知成员 'Tabels'")]
    [InlineData("docs.Tables.Count() > 0", 0, "未知标识符 'docs'")]
    [InlineData("Math.Abs(-1) > 0", 0, "不允许访问成员 'Math.Abs'")]
    [InlineData("doc.Year > 0 && System.Diagnostics.Process.Start('sh') != null", 16, "不允许访问成员 'System.Diagnostics.Process.Start'")]
    [InlineData("parts() > 0", 0, "不允许访问成员 'parts'")]
    [InlineData("x > 0", 0, "未知标识符 'x'")]
    [InlineData("item.Amount('合计') > 0", 0, "未知标识符 'item'")]
    [InlineData("doc.Year > ", 11, "表达式不完整")]
    [InlineData("doc.Year = 2024", 9, "无法识别的字符 '='")]
    [InlineData("doc.Source == 'abc", 14, "字符串没有结束引号")]
    [InlineData("doc.Tables.Count() + 'x' > 1", 25, "'>' 需要两个数值")]
    [InlineData("doc.Year ? 1 : 2", 0, "布尔条件")]
    [InlineData("doc.Tables.Where(t => t.Rows) .Any()", 22, "需要布尔值")]
    [InlineData("doc.Tables.Sum(t => t.Title) > 0", 20, "Sum 只能对数值求和")]
    [InlineData("doc.Tables.Frobnicate() > 0", 11, "集合不支持方法 'Frobnicate'")]
    [InlineData("(t => true) == true", 1, "lambda")]
    [InlineData("doc.Table(1) == null", 10, "类型不匹配")]
    [InlineData("Abs(doc.Year) > 0", 4, "?? 0")]
    [InlineData("Matches(doc.Source, '[') ", 20, "正则表达式无效")]
    [InlineData("1 + 2", 0, "需要布尔值")]
    public void Expression_errors_report_position_and_reason(string expression, int position, string reason)
    {
        var error = Assert.Single(LoadError(Rule("T-BAD", expression, "失败", null, ("parts", "1"))).Errors);
        Assert.Equal(position, error.Position);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Error_text_names_file_rule_field_and_character()
    {
        var error = SingleError("doc.Tables.Foo > 0");
        Assert.Equal(11, error.Position);
        Assert.Equal("rules/test.json: rule T-BAD: Expression 第12个字符: " + error.Reason, error.ToString());
        Assert.StartsWith("未知成员 'Foo'", error.Reason);
    }

    [Fact]
    public void A_key_given_twice_in_one_object_is_an_error_naming_where()
    {
        var json = """
            { "WorkflowName": "inconsistency", "Description": "一", "Description": "二",
              "Rules": [ { "RuleName": "DUP-1", "Expression": "true", "Properties": { "title": "甲", "title": "乙" } } ] }
            """;
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.FromFiles([("rules/dup.json", json)]));
        Assert.Equal(["键 'Description' 出现了不止一次（JSON 只保留最后一个）", "键 'Rules[0].Properties.title' 出现了不止一次（JSON 只保留最后一个）"],
            ex.Errors.Select(e => e.Reason));
        Assert.All(ex.Errors, e => Assert.Equal("rules/dup.json", e.File));
    }

    [Fact]
    public void Bad_json_names_the_file_and_other_files_still_report()
    {
        var good = Workflow("inconsistency", [Rule("OK-1", "true")]);
        var alsoBad = Workflow("inconsistency", [Rule("BAD-2", "doc.Nope")]);
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.FromFiles(
        [
            ("rules/a-good.json", good),
            ("rules/b-broken.json", "{ \"WorkflowName\": \"x\", \"Rules\": [ { \"RuleName\": \"B-1\" ,, } ] }"),
            ("rules/c-bad.json", alsoBad),
        ]));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal("rules/b-broken.json", ex.Errors[0].File);
        Assert.Contains("JSON 格式错误", ex.Errors[0].Reason);
        Assert.Equal("rules/c-bad.json", ex.Errors[1].File);
        Assert.Equal("BAD-2", ex.Errors[1].Rule);
        // the exception message lists every error, one per line
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("rules/b-broken.json", lines[0]);
        Assert.StartsWith("rules/c-bad.json: rule BAD-2: Expression 第5个字符", lines[1]);
    }

    [Fact]
    public void Duplicate_ids_across_files_are_rejected()
    {
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.FromFiles(
        [
            ("rules/a.json", Workflow("inconsistency", [Rule("DUP-1", "true")])),
            ("rules/b.json", Workflow("extraction", [Rule("DUP-1", "true")])),
        ]));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("rules/b.json", error.File);
        Assert.Equal("DUP-1", error.Rule);
        Assert.Contains("规则编号重复", error.Reason);
        Assert.Contains("rules/a.json", error.Reason);
    }

    [Fact]
    public void Unknown_severity_category_and_property_are_each_reported()
    {
        var ex = LoadError(Rule("P-1", "true", "x", new()
        {
            ["severity"] = "fatal",
            ["category"] = "budget-stuff",
            ["colour"] = "red",
        }));
        Assert.Equal(3, ex.Errors.Count);
        Assert.All(ex.Errors, e => Assert.Equal("P-1", e.Rule));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("未知严重程度 'fatal'"));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("未知类别 'budget-stuff'"));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("未知的 Properties 项 'colour'"));
    }

    [Fact]
    public void Category_defaults_to_the_workflow_name_only_when_that_is_a_category()
    {
        var set = RuleSet.FromFiles([("rules/a.json", Workflow("unbalanced-total", [Rule("C-1", "true")]))]);
        Assert.Equal("unbalanced-total", set.Rules[0].Category);
        var ex = Assert.Throws<RuleLoadException>(() =>
            RuleSet.FromFiles([("rules/a.json", Workflow("my-checks", [Rule("C-2", "true")]))]));
        Assert.Contains("缺少 category", Assert.Single(ex.Errors).Reason);
    }

    [Fact]
    public void Missing_rule_name_and_missing_expression_are_errors()
    {
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.FromFiles(
        [
            ("rules/a.json", Workflow("inconsistency", [Rule("", "true"), Rule("NO-EXPR", null)])),
        ]));
        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains("缺少 RuleName", ex.Errors[0].Reason);
        Assert.Equal("NO-EXPR", ex.Errors[1].Rule);
        Assert.Contains("缺少 Expression", ex.Errors[1].Reason);
    }

    [Fact]
    public void Every_error_in_a_rule_is_collected_with_its_field()
    {
        var rule = Rule("MANY-1", "doc.Foo", "{doc.Bar}", new() { ["scope"] = "doc.Baz", ["severity"] = "=1" },
            ("ok", "1"), ("bad", "doc.Qux"), ("uses_bad", "bad + 1"));
        var ex = LoadError(rule);
        var fields = ex.Errors.Select(e => e.Field).ToList();
        Assert.Equal(["Properties.scope", "LocalParams[bad]", "Expression", "Properties.severity", "ErrorMessage"], fields);
        // uses_bad depends on bad: not reported again
        Assert.DoesNotContain(ex.Errors, e => e.Field == "LocalParams[uses_bad]");
        // template positions count inside the ErrorMessage text
        Assert.Equal(5, ex.Errors.Single(e => e.Field == "ErrorMessage").Position);
        // severity positions count from the '='
        Assert.Equal(1, ex.Errors.Single(e => e.Field == "Properties.severity").Position);
    }

    [Fact]
    public void Global_params_chain_and_their_errors_name_the_param()
    {
        var set = Load(Rule("G-1", "rows > 3", "行数 {rows}"), ("exp", "doc.Table('部门支出总表')"), ("rows", "exp.Rows.Count()"));
        Assert.Empty(set.Run(SampleDoc()));

        var ex = LoadError(Rule("G-2", "rows > 3"), ("exp", "doc.Tabel('部门支出总表')"), ("rows", "exp.Rows.Count()"));
        var error = Assert.Single(ex.Errors);
        Assert.Null(error.Rule);
        Assert.Equal("GlobalParams[exp]", error.Field);
        Assert.Equal(4, error.Position);
    }

    [Fact]
    public void Parameter_names_must_be_unique_and_not_reserved()
    {
        var ex = LoadError(Rule("N-1", "true", null, null, ("a", "1"), ("a", "2"), ("doc", "3")), ("g", "1"));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("'a' 重复"));
        Assert.Contains(ex.Errors, e => e.Reason.Contains("'doc' 是保留字"));
    }

    [Fact]
    public void Message_template_errors()
    {
        Assert.Contains("没有对应的 '}'", Assert.Single(LoadError(Rule("M-1", "true", "合计 {doc.Year")).Errors).Reason);
        Assert.Contains("无效的数字格式", Assert.Single(LoadError(Rule("M-2", "true", "{doc.Year:Z9}")).Errors).Reason);
        Assert.Contains("单独的 '}'", Assert.Single(LoadError(Rule("M-3", "true", "a } b")).Errors).Reason);
    }

    [Fact]
    public void Disabled_rules_are_validated_listed_and_not_run()
    {
        var rule = Rule("D-1", "false", "总是失败");
        rule["Enabled"] = false;
        var set = Load(rule);
        Assert.False(set.Rules[0].Enabled);
        Assert.Empty(set.Run(SampleDoc()));

        var broken = Rule("D-2", "doc.Nope");
        broken["Enabled"] = false;
        Assert.Single(LoadError(broken).Errors);
    }

    [Fact]
    public void Catalogue_carries_the_rule_as_written()
    {
        var rule = Rule("CAT-1", "true", "消息", new() { ["title"] = "标题", ["description"] = "说明", ["severity"] = "warning" });
        rule["SuccessEvent"] = "通过";
        var set = RuleSet.FromFiles([("rules/sub/cat.json", Workflow("sangong-overrun", [rule]))]);
        var def = Assert.Single(set.Rules);
        Assert.Equal("CAT-1", def.Id);
        Assert.Equal("sangong-overrun", def.Workflow);
        Assert.Equal("sangong-overrun", def.Category);
        Assert.Equal("warning", def.Severity);
        Assert.Equal("标题", def.Title);
        Assert.Equal("说明", def.Description);
        Assert.Equal("rules/sub/cat.json", def.File);
        Assert.Equal("通过", def.SuccessEvent);
        Assert.True(def.Enabled);
        Assert.Contains("\"RuleName\": \"CAT-1\"", def.Json);
        Assert.StartsWith("{", def.Json);
    }

    [Fact]
    public void Comments_and_trailing_commas_are_accepted()
    {
        const string json = """
        {
          // 三公经费
          "WorkflowName": "sangong-overrun",
          "Rules": [
            { "RuleName": "SG-X", "Expression": "true", },
          ],
        }
        """;
        Assert.Single(RuleSet.FromFiles([("rules/c.json", json)]).Rules);
    }

    [Fact]
    public void Pathological_expressions_are_load_errors_not_stack_overflows()
    {
        Assert.Contains("嵌套太深", SingleError(new string('(', 100) + "true" + new string(')', 100)).Reason);
        Assert.Contains("嵌套太深", SingleError(string.Concat(Enumerable.Repeat("!", 100)) + "true").Reason);
        Assert.Contains("表达式太长", SingleError(string.Join(" + ", Enumerable.Repeat("1", 5000)) + " > 0").Reason);
        // long but reasonable expressions are fine
        Assert.True(Check(string.Join(" + ", Enumerable.Repeat("1", 490)) + " == 490"));
    }

    [Fact]
    public void Scope_over_plain_numbers_binds_item_as_a_number()
    {
        var doc = SampleDoc();
        var plan = new IndicatorTable { Title = "绩效目标表", ProjectName = "p" };
        plan.SpendingPlan.AddRange([30m, 120m]);
        doc.IndicatorTables.Add(plan);
        var set = Load(Rule("V-1", "item <= 100", "支出进度 {item:0}% 超过 100%", new()
        {
            ["scope"] = "doc.IndicatorTables.SelectMany(t => t.SpendingPlan)",
            ["category"] = "implausible-indicator",
        }));
        var finding = Assert.Single(set.Run(doc));
        Assert.Equal("支出进度 120% 超过 100%", finding.Message);
        Assert.Empty(finding.Evidence);
    }
}
