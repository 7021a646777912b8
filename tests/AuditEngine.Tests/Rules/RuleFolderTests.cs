using AuditEngine.Model;
using AuditEngine.Rules;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

/// <summary>Rules live in a folder of JSON files: adding or changing a rule is editing JSON, nothing else.</summary>
public sealed class RuleFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "auditengine-rules-" + Guid.NewGuid().ToString("N"));
    private string RulesDir => Path.Combine(root, "rules");

    public RuleFolderTests() => Directory.CreateDirectory(Path.Combine(RulesDir, "sangong"));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private const string ExistingRule = """
        {
          "WorkflowName": "unbalanced-total",
          "Rules": [
            { "RuleName": "UT-TOTAL", "Expression": "doc.Table('部门支出总表').Rows.Count() > 0", "ErrorMessage": "支出总表为空" }
          ]
        }
        """;

    private const string NewRule = """
        {
          "WorkflowName": "sangong-overrun",
          "Description": "三公经费不得高于上年",
          "GlobalParams": [ { "Name": "sg", "Expression": "doc.Table('三公经费支出表')" } ],
          "Rules": [
            {
              "RuleName": "SG-GROWTH",
              "Expression": "sg.TotalRow.Amount('预算数') <= sg.TotalRow.Amount('上年预算数')",
              "ErrorMessage": "“三公”经费预算 {sg.TotalRow.Amount('预算数')} 万元，高于上年 {sg.TotalRow.Amount('上年预算数')} 万元",
              "Properties": { "title": "三公经费只减不增", "severity": "warning", "when": "doc.HasTable('三公经费支出表')" }
            }
          ]
        }
        """;

    [Fact]
    public void A_new_json_file_is_a_new_rule()
    {
        System.IO.File.WriteAllText(Path.Combine(RulesDir, "unbalanced-total.json"), ExistingRule);
        var before = RuleSet.Load(RulesDir);
        Assert.Empty(before.Run(SampleDoc()));

        System.IO.File.WriteAllText(Path.Combine(RulesDir, "sangong", "growth.json"), NewRule);
        var after = RuleSet.Load(RulesDir);
        Assert.Equal(["SG-GROWTH", "UT-TOTAL"], after.Rules.Select(r => r.Id));
        Assert.Equal("rules/sangong/growth.json", after.Rules[0].File);

        var finding = Assert.Single(after.Run(SampleDoc()));
        Assert.Equal("SG-GROWTH", finding.RuleId);
        Assert.Equal("sangong-overrun", finding.Category);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("“三公”经费预算 30.00 万元，高于上年 28.00 万元", finding.Message);
        Assert.Equal([9, 9], finding.Evidence.Select(e => e.Page!.Value));
    }

    [Fact]
    public void Version_changes_when_a_file_changes_and_only_then()
    {
        var file = Path.Combine(RulesDir, "unbalanced-total.json");
        System.IO.File.WriteAllText(file, ExistingRule);
        var v1 = RuleSet.Load(RulesDir).Version;
        Assert.Matches("^[0-9a-f]{12}$", v1);
        Assert.Equal(v1, RuleSet.Load(RulesDir).Version);

        System.IO.File.WriteAllText(file, ExistingRule.Replace("支出总表为空", "部门支出总表没有数据"));
        var v2 = RuleSet.Load(RulesDir).Version;
        Assert.NotEqual(v1, v2);

        // renaming a file changes the version too: names are part of the hash
        System.IO.File.Move(file, Path.Combine(RulesDir, "ut.json"));
        Assert.NotEqual(v2, RuleSet.Load(RulesDir).Version);
    }

    [Fact]
    public void Load_reports_errors_with_the_relative_file_name()
    {
        System.IO.File.WriteAllText(Path.Combine(RulesDir, "sangong", "broken.json"), "{ \"WorkflowName\": ");
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.Load(RulesDir));
        var error = Assert.Single(ex.Errors);
        Assert.Equal("rules/sangong/broken.json", error.File);
        Assert.StartsWith("rules/sangong/broken.json: JSON 格式错误", ex.Message);
    }

    [Fact]
    public void Missing_folder_is_a_load_error()
    {
        var ex = Assert.Throws<RuleLoadException>(() => RuleSet.Load(Path.Combine(root, "nope")));
        Assert.Contains("规则目录不存在", Assert.Single(ex.Errors).Reason);
    }
}
