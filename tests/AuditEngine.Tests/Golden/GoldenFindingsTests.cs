using AuditEngine.Model;
using AuditEngine.Pipeline;
using Engine = AuditEngine.Rules;

namespace AuditEngine.Tests.Golden;

/// <summary>
/// Each real document (../shared/realdocs, beside the checkout) and each seed is audited and compared with its
/// reviewed golden file: any unexpected error or warning fails, and so does any expected finding that is missing,
/// a wrong document type, department or year. The documents are read where they lie, never copied into the repository.
/// </summary>
public sealed class GoldenFindingsTests
{
    private static readonly Lazy<AuditPipeline> Pipeline = new(() => new AuditPipeline(Engine.RuleSet.Load(RepositoryPaths.Rules)) { MaxDegreeOfParallelism = 1 });

    public static TheoryData<string> Goldens()
    {
        var data = new TheoryData<string>();
        foreach (var path in GoldenFile.All(RepositoryPaths.Root)) data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    [Fact]
    public void Every_real_document_and_seed_has_a_golden_file()
    {
        var goldens = GoldenFile.All(RepositoryPaths.Root).Select(GoldenFile.Load).ToList();
        var realdocs = Path.Combine(RepositoryPaths.Root, "..", "shared", "realdocs");
        Assert.True(Directory.Exists(realdocs), $"{realdocs} is missing: the real documents are read from beside the checkout");
        var documents = Directory.GetFiles(realdocs, "*.pdf", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "seeds")))
            .Select(Path.GetFullPath).ToHashSet();
        var covered = goldens.Select(g => g.PathUnder(RepositoryPaths.Root)).ToHashSet();
        Assert.Empty(documents.Except(covered));
        Assert.Equal(15, covered.Count);
    }

    [Theory]
    [MemberData(nameof(Goldens))]
    public void Audit_gives_the_golden_findings(string name)
    {
        var golden = GoldenFile.Load(Path.Combine(RepositoryPaths.Root, "tests", "golden", name + ".json"));
        var path = golden.PathUnder(RepositoryPaths.Root);
        Assert.True(File.Exists(path), $"{path} is missing");
        var result = Pipeline.Value.RunFiles([path]).Single();
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, result.Status);
        var comparison = GoldenComparison.Of(golden, result);
        Assert.True(comparison.TypeRight && comparison.DepartmentRight && comparison.YearRight
                    && comparison.Missing.Count == 0 && comparison.Unexpected.Count == 0, comparison.Describe());
        var recognised = comparison.RequiredTablesRecognised(Pipeline.Value.Rules.Profiles);
        Assert.True(recognised >= golden.RequiredTables, $"{name}: {recognised} required tables recognised, the document holds {golden.RequiredTables}");
    }
}
