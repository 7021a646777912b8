using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>A 绩效目标表 without a 预算数 of its own takes its project's amount from the 项目支出表, by name.</summary>
public class ProjectLinkTests
{
    private static Disclosure Recognise(Func<string, string> edit)
    {
        var path = Path.Combine(RepositoryPaths.Rules, "tests", "documents", "department-budget.md");
        var text = edit(File.ReadAllText(path));
        return Recognizer.Recognise(TextLayoutReader.Read(text, "department-budget.md"));
    }

    private const string Heading = "## 五、绩效目标";
    private const string ProjectTable = "## 项目支出表\n\n示例县档案局2025年项目支出表\n\n单位：万元\n\n项目名称\t合计\t一般公共预算\n合计\t120.00\t120.00\n档案数字化项目\t80.00\t80.00\n档案库房维护项目\t40.00\t40.00\n\n";

    [Fact]
    public void A_target_table_without_a_budget_takes_the_project_tables_amount()
    {
        var doc = Recognise(t => t.Replace(Heading, ProjectTable + Heading).Replace("预算数\t40.00\t\t\n", ""));
        var target = doc.IndicatorTables.Single(t => t.ProjectName == "档案库房维护项目");
        Assert.Null(target.Budget);
        Assert.All(target.Indicators, i => Assert.Equal(40.00m, i.TableBudget));
    }

    [Fact]
    public void A_target_table_keeps_its_own_budget_and_an_unlisted_project_gets_none()
    {
        var doc = Recognise(t => t.Replace(Heading, ProjectTable.Replace("档案库房维护项目\t40.00", "库房修缮项目\t40.00") + Heading)
            .Replace("预算数\t40.00\t\t\n", ""));
        Assert.All(doc.IndicatorTables.Single(t => t.ProjectName == "档案库房维护项目").Indicators, i => Assert.Null(i.TableBudget));
        Assert.All(doc.IndicatorTables.Single(t => t.ProjectName == "档案数字化项目").Indicators, i => Assert.Equal(80.00m, i.TableBudget));
    }
}
