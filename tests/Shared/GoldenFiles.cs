using System.Text.Json;
using System.Text.Json.Serialization;
using AuditEngine.Model;

namespace AuditEngine.Testing;

/// <summary>
/// Golden files (tests/golden/*.json): for one real document, the findings a careful reading says it must produce,
/// each with its reason and page, and what it is (type, department, year). Written by reading the document, never by
/// copying the tool's output. The golden test and the accuracy bench (docs/accuracy.md) both compare through here.
/// </summary>
public sealed record GoldenFile(
    string Document, string Corpus, string DocumentType, string? Department, int? Year, int RequiredTables,
    List<GoldenFinding> Findings, List<GoldenMiss>? NotYetReported)
{
    [JsonIgnore] public string Name { get; init; } = "";

    /// <summary>The document's path: relative to the repository root (../shared/realdocs/…, samples/seeds/…).</summary>
    public string PathUnder(string root) => Path.GetFullPath(Path.Combine(root, Document));

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    public static GoldenFile Load(string path) =>
        (JsonSerializer.Deserialize<GoldenFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException(path + ": empty"))
        with { Name = System.IO.Path.GetFileNameWithoutExtension(path) };

    public static IReadOnlyList<string> All(string root) =>
        Directory.GetFiles(Path.Combine(root, "tests", "golden"), "*.json").Order(StringComparer.Ordinal).ToList();
}

/// <summary>
/// One expected finding: the rule, its severity, the page its evidence is on (null: the whole document), and words
/// its message must contain (the figures). One entry may be met by several findings (one per table that repeats
/// the same wrong figure).
/// </summary>
public sealed record GoldenFinding(string RuleId, string Severity, int? Page, List<string>? Contains, string Reason)
{
    public bool Matches(Finding f) =>
        f.RuleId == RuleId
        && string.Equals(f.Severity.ToString(), Severity, StringComparison.OrdinalIgnoreCase)
        && (Contains ?? []).All(c => f.Message.Contains(c, StringComparison.Ordinal))
        && (Page is null || f.Evidence.Count == 0 || f.Evidence.Any(e => e.Page == Page));

    public override string ToString() => $"{RuleId} [{Severity}] p{Page}: {Reason}";
}

/// <summary>A real defect a careful reading found that the tool does not report yet: counted as missed, not asserted.</summary>
public sealed record GoldenMiss(string Severity, int? Page, string Reason);

/// <summary>How one audit result compares with its golden file.</summary>
public sealed record GoldenComparison(
    GoldenFile Golden, DocumentResult Result, IReadOnlyList<GoldenFinding> Missing, IReadOnlyList<Finding> Unexpected,
    IReadOnlyList<(GoldenFinding Expected, Finding Found)> Found)
{
    public static GoldenComparison Of(GoldenFile golden, DocumentResult result)
    {
        var reported = result.Findings.Where(f => f.Severity >= Severity.Warning).ToList();
        var found = new List<(GoldenFinding, Finding)>();
        var missing = new List<GoldenFinding>();
        foreach (var expected in golden.Findings)
        {
            var hits = reported.Where(expected.Matches).ToList();
            if (hits.Count == 0) missing.Add(expected);
            found.AddRange(hits.Select(h => (expected, h)));
        }
        var unexpected = reported.Where(f => !golden.Findings.Any(e => e.Matches(f))).ToList();
        return new GoldenComparison(golden, result, missing, unexpected, found);
    }

    /// <summary>How many of the tables its type's profile requires were recognised in the document.</summary>
    public int RequiredTablesRecognised(ProfileCatalog profiles) =>
        profiles.For(Result.DocumentType).RequiredTables.Count(t => Result.Tables.Any(x => x.Kind == t.Kind.Chinese()));

    public bool TypeRight => Result.DocumentType.Code() == Golden.DocumentType;
    public bool DepartmentRight => Golden.Department is null || Result.Department == Golden.Department;
    public bool YearRight => Golden.Year is null || Result.Year == Golden.Year;

    public int Expected(Severity s) => Golden.Findings.Count(f => Parse(f.Severity) == s);
    public int FoundOf(Severity s) => Golden.Findings.Count(f => Parse(f.Severity) == s && !Missing.Contains(f));
    public int UnexpectedOf(Severity s) => Unexpected.Count(f => f.Severity == s);
    public int NotYet(Severity s) => (Golden.NotYetReported ?? []).Count(m => Parse(m.Severity) == s);

    private static Severity Parse(string s) => Enum.Parse<Severity>(s, ignoreCase: true);

    /// <summary>Every difference in one readable block, for a failing test's message.</summary>
    public string Describe() =>
        $"{Golden.Name}: type {Result.DocumentType.Code()} (expected {Golden.DocumentType}), department {Result.Department} (expected {Golden.Department}), year {Result.Year} (expected {Golden.Year})\n"
        + string.Concat(Missing.Select(m => $"  MISSING    {m}\n"))
        + string.Concat(Unexpected.Select(f => $"  UNEXPECTED {f.RuleId} [{f.Severity}] p{f.Evidence.FirstOrDefault()?.Page}: {f.Message}\n"));
}
