using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Rules;

namespace AuditEngine.Tests.Cli;

public class PipelineTests
{
    private static AuditPipeline Pipeline(TempFolder temp, int degree = 4) =>
        new(RuleSet.Load(Repository.RulesOr(temp))) { MaxDegreeOfParallelism = degree };

    [Fact]
    public void Unreadable_file_becomes_an_error_result_and_the_batch_goes_on()
    {
        using var temp = new TempFolder();
        var batch = temp.Folder("batch");
        File.Copy(Repository.Seed("xinglong-2024.md"), Path.Combine(batch, "b-good.md"));
        File.WriteAllBytes(Path.Combine(batch, "a-empty.txt"), []);

        var results = Pipeline(temp).Run([batch]);

        Assert.Equal(2, results.Count);
        var bad = results[0];
        Assert.EndsWith("a-empty.txt", bad.Source);
        Assert.Equal(AuditEngine.Model.ResultStatus.Error, bad.Status);
        Assert.Contains("a-empty.txt", bad.Error);
        Assert.Empty(bad.Findings);

        var good = results[1];
        Assert.EndsWith("b-good.md", good.Source);
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, good.Status);
        Assert.Null(good.Error);
    }

    [Fact]
    public void Missing_path_is_reported_not_dropped()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "nowhere.pdf");
        var result = Assert.Single(Pipeline(temp).Run([missing]));
        Assert.Equal(AuditEngine.Model.ResultStatus.Error, result.Status);
        Assert.Contains("nowhere.pdf", result.Error);
    }

    [Fact]
    public void Folders_skip_hidden_and_readme_files_and_recurse()
    {
        using var temp = new TempFolder();
        temp.File("in/README.md", "x");
        temp.File("in/readme.txt", "x");
        temp.File("in/.hidden.txt", "x");
        temp.File("in/.git/config", "x");
        temp.File("in/b.txt", "x");
        temp.File("in/sub/a.txt", "x");
        temp.File("in/a.txt", "x");

        var files = InputFiles.Expand([Path.Combine(temp.Path, "in")]).Select(f => Path.GetRelativePath(temp.Path, f));

        Assert.Equal([Path.Combine("in", "a.txt"), Path.Combine("in", "b.txt"), Path.Combine("in", "sub", "a.txt")], files);
    }

    [Fact]
    public void Results_come_back_in_input_order_and_report_progress()
    {
        using var temp = new TempFolder();
        var inputs = Enumerable.Range(0, 12).Select(i => temp.File($"f{i:00}.txt", i % 3 == 0 ? "" : "部门预算")).ToList();
        var reports = new List<AuditProgress>();
        var progress = new SyncProgress(reports.Add);

        var results = Pipeline(temp, degree: 8).RunFiles(inputs, progress);

        Assert.Equal(inputs, results.Select(r => r.Source));
        Assert.Equal(Enumerable.Range(1, 12), reports.Select(p => p.Completed));
        Assert.All(reports, p => Assert.Equal(12, p.Total));
        Assert.Equal(4, results.Count(r => r.Status == AuditEngine.Model.ResultStatus.Error));
    }

    [Fact]
    public void Links_the_same_departments_previous_year()
    {
        var d2024 = new Disclosure { Source = "a", Department = "兴隆县医疗保障局", Year = 2024 };
        var d2025 = new Disclosure { Source = "b", Department = " 兴隆县医疗保障局 ", Year = 2025 };
        var other = new Disclosure { Source = "c", Department = "焦作市医疗保障局", Year = 2025 };
        var undated = new Disclosure { Source = "d", Department = "兴隆县医疗保障局" };

        AuditPipeline.LinkPreviousYears([d2025, other, d2024, undated]);

        Assert.Same(d2024, d2025.PreviousYear);
        Assert.Null(d2024.PreviousYear);
        Assert.Null(other.PreviousYear);
        Assert.Null(undated.PreviousYear);
    }

    [Fact]
    public void A_budget_is_linked_to_last_years_budget_and_a_final_account_to_last_years_final_account()
    {
        var budget2025 = new Disclosure { Source = "a", Department = "上海市普陀区财政局", Year = 2025, Type = DocumentType.DepartmentBudget };
        var final2024 = new Disclosure { Source = "b", Department = "上海市普陀区财政局", Year = 2024, Type = DocumentType.DepartmentFinalAccount };
        var final2023 = new Disclosure { Source = "c", Department = "上海市普陀区财政局", Year = 2023, Type = DocumentType.DepartmentFinalAccount };
        var budget2024 = new Disclosure { Source = "d", Department = "上海市普陀区财政局", Year = 2024, Type = DocumentType.DepartmentBudget };

        AuditPipeline.LinkPreviousYears([budget2025, final2024, final2023, budget2024]);

        Assert.Same(budget2024, budget2025.PreviousYear);
        Assert.Same(final2023, final2024.PreviousYear);
        Assert.Null(budget2024.PreviousYear);
    }

    [Fact]
    public void Rules_locator_walks_up_to_a_rules_folder()
    {
        using var temp = new TempFolder();
        var rules = temp.Folder("rules");
        var deep = temp.Folder(Path.Combine("a", "b", "c"));
        Assert.Equal(rules, RulesLocator.Find(deep));
    }

    private sealed class SyncProgress(Action<AuditProgress> report) : IProgress<AuditProgress>
    {
        public void Report(AuditProgress value) => report(value);
    }
}
