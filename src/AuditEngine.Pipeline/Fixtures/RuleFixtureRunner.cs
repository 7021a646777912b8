using System.Diagnostics;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;

namespace AuditEngine.Pipeline.Fixtures;

/// <summary>
/// Runs rule fixtures: each fixture's document is built from its base text and edits, read by the real text intake,
/// recognised with the set's profiles, linked to its previous-year document as a batch would link it, and audited
/// with a <see cref="RuleTrace"/>. The rules that fired must be exactly the fixture's "fires"; each enabled rule must
/// fire in at least one fixture and be evaluated without firing in another.
/// </summary>
public static class RuleFixtureRunner
{
    /// <summary>Runs every *.json fixture under <paramref name="testsDirectory"/> (recursively; .md/.txt there are documents).</summary>
    public static FixtureReport Run(RuleSet rules, string testsDirectory)
    {
        var clock = Stopwatch.StartNew();
        var full = Path.GetFullPath(testsDirectory);
        var results = new List<FixtureResult>();
        if (Directory.Exists(full))
        {
            // A layout JSON is a fixture's document, not a fixture.
            var files = Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".layout.json", StringComparison.OrdinalIgnoreCase))
                .Select(f => (path: f, name: Path.GetRelativePath(full, f).Replace('\\', '/')))
                .OrderBy(f => f.name, StringComparer.Ordinal);
            foreach (var (path, name) in files) results.Add(RunOne(rules, full, name, path));
        }
        return new FixtureReport(full, results, Coverage(rules, results), clock.Elapsed);
    }

    private static FixtureResult RunOne(RuleSet rules, string testsDirectory, string name, string path)
    {
        RuleFixture fixture;
        try
        {
            fixture = RuleFixture.Parse(name, File.ReadAllText(path));
        }
        catch (Exception e) when (e is FixtureException or IOException or UnauthorizedAccessException)
        {
            return FixtureResult.Broken(name, e.Message);
        }
        try
        {
            var known = rules.Rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            var unknown = fixture.Fires.Where(id => !known.Contains(id)).ToList();
            if (unknown.Count > 0) throw new FixtureException($"fires 中有未知的规则编号：{string.Join("、", unknown)}");

            var doc = Recognise(rules, testsDirectory, fixture.Document);
            if (fixture.Previous is { } previousSpec)
            {
                var previous = Recognise(rules, testsDirectory, previousSpec);
                AuditPipeline.LinkPreviousYears([doc, previous]);
                if (!ReferenceEquals(doc.PreviousYear, previous))
                    throw new FixtureException(
                        $"previous 文档没有被认作上年公开（本年：{doc.Department} {doc.Year} {doc.TypeName}；上年：{previous.Department} {previous.Year} {previous.TypeName}；须同一部门、上一年度、同为预算或决算）");
            }

            var trace = new RuleTrace();
            var findings = rules.Run(doc, trace);
            var fired = new Dictionary<string, Finding>(StringComparer.Ordinal);
            var worst = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var f in findings)
            {
                fired.TryAdd(f.RuleId, f);
                worst[f.RuleId] = worst.TryGetValue(f.RuleId, out var s) && s > f.Severity ? s : f.Severity;
            }
            return new FixtureResult(name, fixture.Description, fixture.Fires, fired, trace.Evaluated.ToHashSet(StringComparer.Ordinal), null,
                fixture.Severities, worst);
        }
        catch (Exception e) when (e is FixtureException or IntakeException or IOException or UnauthorizedAccessException)
        {
            return FixtureResult.Broken(name, e.Message, fixture.Description, fixture.Fires);
        }
    }

    private static Disclosure Recognise(RuleSet rules, string testsDirectory, FixtureDocument spec)
    {
        var path = Path.GetFullPath(Path.Combine(testsDirectory, spec.Path));
        if (!File.Exists(path)) throw new FixtureException($"找不到文档 {spec.Path}（相对于 {testsDirectory}）");
        var text = FixtureTextOf(path, spec);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        // A layout JSON (what `auditengine extract` prints) stands for a paged document: pages with sizes, boxes,
        // confidences. Anything else goes through the real intake (.md / .txt: the text layout reader).
        var layout = spec.Path.EndsWith(".layout.json", StringComparison.OrdinalIgnoreCase)
            ? LayoutJson.Read(new MemoryStream(bytes), Path.GetFileName(spec.Path))
            : DocumentReader.Read(bytes, Path.GetFileName(spec.Path));
        return Recognizer.Recognise(layout, rules.Profiles);
    }

    /// <summary>The document's text after the fixture's edits (a broken edit throws <see cref="FixtureException"/>).</summary>
    public static string FixtureTextOf(string path, FixtureDocument spec)
    {
        try
        {
            return RuleFixture.ApplyEdits(File.ReadAllText(path), spec.Replace);
        }
        catch (FixtureException e)
        {
            throw new FixtureException($"{spec.Path}：{e.Message}");
        }
    }

    private static List<RuleCoverage> Coverage(RuleSet rules, List<FixtureResult> results)
    {
        var run = results.Where(r => r.Error is null).ToList();
        return rules.Rules.Select(rule => new RuleCoverage(
            rule.Id,
            rule.Enabled,
            run.Where(r => r.Fired.ContainsKey(rule.Id)).Select(r => r.Name).ToList(),
            run.Where(r => r.Evaluated.Contains(rule.Id) && !r.Fired.ContainsKey(rule.Id)).Select(r => r.Name).ToList()))
            .ToList();
    }
}
