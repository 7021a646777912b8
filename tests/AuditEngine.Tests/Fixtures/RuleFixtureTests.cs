using AuditEngine.Cli;
using AuditEngine.Pipeline.Fixtures;
using AuditEngine.Rules;
using AuditEngine.Testing;

namespace AuditEngine.Tests.Fixtures;

/// <summary>
/// Rule fixtures (rules/tests): the repository's own run clean, and the runner catches what it must — a declared fire
/// that does not happen, a rule without a silent fixture, an edit that does not hit exactly one place.
/// </summary>
public sealed class RuleFixtureTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "auditengine-fixtures-" + Guid.NewGuid().ToString("N"));
    private string RulesDir => Path.Combine(root, "rules");
    private string TestsDir => Path.Combine(RulesDir, "tests");

    public RuleFixtureTests()
    {
        Directory.CreateDirectory(Path.Combine(TestsDir, "documents"));
        Directory.CreateDirectory(Path.Combine(RulesDir, "profiles"));
        foreach (var f in Directory.GetFiles(Path.Combine(RepositoryPaths.Rules, "profiles"), "*.json"))
            File.Copy(f, Path.Combine(RulesDir, "profiles", Path.GetFileName(f)));
        File.Copy(Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-budget.md"),
            Path.Combine(TestsDir, "documents", "department-budget.md"));
        Write("demo.json", DemoRules);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(RulesDir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    // UT-DEMO-TOTAL reads the 部门支出总表's total; UT-DEMO-SANGONG only looks when a 三公 figure above 100 is stated.
    private const string DemoRules = """
        {
          "WorkflowName": "unbalanced-total",
          "Rules": [
            { "RuleName": "UT-DEMO-TOTAL", "Expression": "doc.Table('部门支出总表').TotalRow.Amount('合计') == 520",
              "ErrorMessage": "支出总表合计为 {doc.Table('部门支出总表').TotalRow.Amount('合计')}" },
            { "RuleName": "UT-DEMO-SANGONG", "Expression": "false", "ErrorMessage": "三公经费超过 100 万元",
              "Properties": { "scope": "doc.FiguresOf('三公经费').Where(f => f.Value > 100)" } },
            { "RuleName": "UT-DEMO-NEVER", "Expression": "true", "ErrorMessage": "x",
              "Properties": { "when": "doc.Year == 1999" } }
          ]
        }
        """;

    private const string Silent = """
        { "description": "基础文档", "document": "documents/department-budget.md", "fires": [] }
        """;

    private const string TotalBroken = """
        {
          "description": "支出总表合计改为 530.00",
          "document": "documents/department-budget.md",
          "replace": [ { "find": "合计\t520.00\t400.00\t120.00\t\t\t", "with": "合计\t530.00\t400.00\t120.00\t\t\t" } ],
          // comments and trailing commas are allowed, as in rule files
          "fires": ["UT-DEMO-TOTAL", "UT-DEMO-SANGONG"],
        }
        """;

    private FixtureReport RunFixtures() => RuleFixtureRunner.Run(RuleSet.Load(RulesDir), TestsDir);

    [Fact]
    public void The_repository_fixtures_match_and_none_is_broken()
    {
        var report = RuleFixtureRunner.Run(RuleSet.Load(RepositoryPaths.Rules), Path.Combine(RepositoryPaths.Rules, "tests"));
        Assert.Empty(report.BrokenFixtures.Select(f => $"{f.File}: {f.Error}"));
        Assert.Empty(report.Mismatches.Select(f => $"{f.File}: missing {string.Join(",", f.Missing)} unexpected {string.Join(",", f.Unexpected)} severity {string.Join(",", f.WrongSeverity)}"));
        // The base documents are clean: no rule at all fires on them.
        foreach (var name in (string[])["base-department-budget", "base-department-final-account", "base-department-budget-previous-year"])
        {
            var fixture = Assert.Single(report.Fixtures, f => f.Name == name);
            Assert.Empty(fixture.Expected);
            Assert.True(fixture.Evaluated.Count > 40, $"{name}: only {fixture.Evaluated.Count} rules evaluated");
        }
    }

    [Fact]
    public void The_rules_of_the_core_files_are_covered_both_ways()
    {
        var rules = RuleSet.Load(RepositoryPaths.Rules);
        var report = RuleFixtureRunner.Run(rules, Path.Combine(RepositoryPaths.Rules, "tests"));
        string[] files = ["rules/missing-section.json", "rules/extraction.json", "rules/narrative-totals.json", "rules/unbalanced-total.json"];
        var ids = rules.Rules.Where(r => files.Contains(r.File) && r.Enabled).Select(r => r.Id).ToHashSet();
        Assert.True(ids.Count > 50);
        Assert.Empty(report.Rules.Where(r => ids.Contains(r.RuleId) && r.Status != CoverageStatus.Covered).Select(r => $"{r.RuleId}: {r.Status}"));
    }

    [Fact]
    public void A_passing_set_reports_each_rule_where_it_fires_and_where_it_is_silent()
    {
        Write("tests/base.json", Silent);
        Write("tests/total.json", TotalBroken.Replace("\"UT-DEMO-SANGONG\"", "").Replace("[\"UT-DEMO-TOTAL\", ]", "[\"UT-DEMO-TOTAL\"]"));
        Write("demo.json", DemoRules.Replace("""
                ,
                { "RuleName": "UT-DEMO-NEVER", "Expression": "true", "ErrorMessage": "x",
                  "Properties": { "when": "doc.Year == 1999" } }
            """, ""));
        var report = RunFixtures();
        Assert.Empty(report.BrokenFixtures.Select(f => f.Error));
        var total = Assert.Single(report.Rules, r => r.RuleId == "UT-DEMO-TOTAL");
        Assert.Equal(["total"], total.FiresIn);
        Assert.Equal(["base"], total.SilentIn);
        // A rule whose Expression is false reports what its scope lets through: run against a document is evaluated.
        var sangong = Assert.Single(report.Rules, r => r.RuleId == "UT-DEMO-SANGONG");
        Assert.Equal(CoverageStatus.NeverFires, sangong.Status);
        Assert.Equal(["base", "total"], sangong.SilentIn);
        Assert.False(report.Passed);
    }

    [Fact]
    public void A_declared_fire_that_does_not_happen_is_a_mismatch_naming_the_rule()
    {
        Write("tests/base.json", Silent);
        Write("tests/total.json", TotalBroken);
        var report = RunFixtures();
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal("total.json", mismatch.File);
        Assert.Equal(["UT-DEMO-SANGONG"], mismatch.Missing);
        Assert.Empty(mismatch.Unexpected);
        Assert.False(report.Passed);

        var output = new StringWriter();
        report.Write(output);
        Assert.Contains("total.json", output.ToString());
        Assert.Contains("- UT-DEMO-SANGONG", output.ToString());
    }

    [Fact]
    public void An_unexpected_fire_is_a_mismatch_with_the_rules_first_message()
    {
        Write("tests/total.json", TotalBroken.Replace("\"UT-DEMO-TOTAL\", ", ""));
        var report = RunFixtures();
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal(["UT-DEMO-TOTAL"], mismatch.Unexpected);
        var output = new StringWriter();
        report.Write(output);
        Assert.Contains("+ UT-DEMO-TOTAL: 支出总表合计为 530.00", output.ToString());
    }

    [Fact]
    public void A_pinned_severity_is_checked_against_the_rules_most_severe_finding()
    {
        var total = TotalBroken.Replace("\"UT-DEMO-SANGONG\"", "").Replace("[\"UT-DEMO-TOTAL\", ]", "[\"UT-DEMO-TOTAL\"]");
        Write("tests/total.json", total.Replace("\"fires\"", "\"severity\": { \"UT-DEMO-TOTAL\": \"error\" },\n  \"fires\""));
        Assert.Empty(RunFixtures().Mismatches);

        Write("tests/total.json", total.Replace("\"fires\"", "\"severity\": { \"UT-DEMO-TOTAL\": \"warning\" },\n  \"fires\""));
        var report = RunFixtures();
        var mismatch = Assert.Single(report.Mismatches);
        Assert.Equal(["UT-DEMO-TOTAL"], mismatch.WrongSeverity);
        Assert.Empty(mismatch.Missing);
        Assert.Empty(mismatch.Unexpected);
        var output = new StringWriter();
        report.Write(output);
        Assert.Contains("! UT-DEMO-TOTAL: 严重程度 severity error，应为 expected warning", output.ToString());
    }

    [Fact]
    public void A_rule_without_a_silent_fixture_or_never_evaluated_is_a_gap()
    {
        Write("tests/total.json", TotalBroken.Replace("\"UT-DEMO-SANGONG\"", "").Replace("[\"UT-DEMO-TOTAL\", ]", "[\"UT-DEMO-TOTAL\"]"));
        var report = RunFixtures();
        Assert.Empty(report.Mismatches);
        Assert.Equal(CoverageStatus.NeverSilent, report.Rules.Single(r => r.RuleId == "UT-DEMO-TOTAL").Status);
        // when false everywhere: never evaluated, so neither fires nor silent.
        Assert.Equal(CoverageStatus.Uncovered, report.Rules.Single(r => r.RuleId == "UT-DEMO-NEVER").Status);
        Assert.Contains(report.Gaps, g => g.RuleId == "UT-DEMO-NEVER");
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData("不存在的文字", "不存在")]
    [InlineData("520.00", "出现不止一次")]
    public void An_edit_that_does_not_hit_exactly_one_place_breaks_the_fixture_naming_file_and_text(string find, string reason)
    {
        Write("tests/edit.json", $$"""
            { "document": "documents/department-budget.md", "replace": [ { "find": "{{find}}", "with": "x" } ], "fires": [] }
            """);
        var report = RunFixtures();
        var broken = Assert.Single(report.BrokenFixtures);
        Assert.Equal("edit.json", broken.File);
        Assert.Contains(find, broken.Error);
        Assert.Contains(reason, broken.Error);
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData("""{ "document": "documents/none.md", "fires": [] }""", "找不到文档")]
    [InlineData("""{ "document": "documents/department-budget.md", "fires": ["UT-NO-SUCH"] }""", "UT-NO-SUCH")]
    [InlineData("""{ "document": "documents/department-budget.md", "fire": [] }""", "未知的键 'fire'")]
    [InlineData("""{ "document": "documents/department-budget.md" }""", "缺少 fires")]
    [InlineData("""{ "document": "documents/department-budget.md", "previous": { "document": "documents/department-budget.md" }, "fires": [] }""", "上年")]
    [InlineData("""{ "document": "documents/department-budget.md", "fires": [], "severity": { "UT-DEMO-TOTAL": "error" } }""", "不在 fires 中")]
    [InlineData("""{ "document": "documents/department-budget.md", "fires": ["UT-DEMO-TOTAL"], "severity": { "UT-DEMO-TOTAL": "fatal" } }""", "error、warning 或 info")]
    public void A_malformed_fixture_is_broken_with_a_reason(string json, string reason)
    {
        Write("tests/bad.json", json);
        var broken = Assert.Single(RunFixtures().BrokenFixtures);
        Assert.Contains(reason, broken.Error);
    }

    [Fact]
    public void Fixtures_are_no_rules_and_do_not_change_the_version()
    {
        var before = RuleSet.Load(RulesDir);
        Write("tests/base.json", Silent);
        Write("tests/nested/also.json", Silent);
        var after = RuleSet.Load(RulesDir);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Rules.Select(r => r.Id), after.Rules.Select(r => r.Id));
        // In-memory sets skip a tests/ folder the same way.
        var inMemory = RuleSet.FromFiles([("rules/demo.json", DemoRules), ("rules/tests/base.json", Silent)]);
        Assert.Equal(3, inMemory.Rules.Count);
    }

    [Fact]
    public void The_cli_prints_the_table_and_exits_1_on_a_mismatch_and_0_when_all_pass()
    {
        Write("tests/total.json", TotalBroken);
        var (code, output) = Cli("rules", "test", RulesDir);
        Assert.Equal(ExitCodes.Findings, code);
        Assert.Contains("UT-DEMO-TOTAL", output);
        Assert.Contains("失败 FAILED", output);

        // Only the demo total rule, with a firing and a silent fixture: passes.
        Write("demo.json", """
            { "WorkflowName": "unbalanced-total", "Rules": [
              { "RuleName": "UT-DEMO-TOTAL", "Expression": "doc.Table('部门支出总表').TotalRow.Amount('合计') == 520" } ] }
            """);
        Write("tests/total.json", TotalBroken.Replace("\"UT-DEMO-SANGONG\"", "").Replace("[\"UT-DEMO-TOTAL\", ]", "[\"UT-DEMO-TOTAL\"]"));
        Write("tests/base.json", Silent);
        (code, output) = Cli("rules", "test", RulesDir);
        Assert.Equal(ExitCodes.Clean, code);
        Assert.Contains("通过 PASSED", output);
        Assert.Matches(@"UT-DEMO-TOTAL\s+total\s+base\s+ok", output);
    }

    private static (int Code, string Out) Cli(params string[] args)
    {
        var output = new StringWriter();
        var code = CliApp.Run(args, new CliConsole(output, new StringWriter(), () => new MemoryStream()));
        return (code, output.ToString());
    }
}
