using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.Testing;

namespace AuditEngine.Bench;

/// <summary>The options the layout benches share (--mutations and --mutations --benign).</summary>
internal sealed record GoldenLayoutOptions(int PerKind, string? Only, string? Write, bool Verbose)
{
    /// <summary>Reads --per-kind N, --only NAME, --write PATH and --verbose; null (with the usage printed) on anything else.</summary>
    public static GoldenLayoutOptions? Parse(string[] args, string usage)
    {
        var options = new GoldenLayoutOptions(3, null, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--per-kind" when value is not null: options = options with { PerKind = int.Parse(value) }; i++; break;
                case "--only" when value is not null: options = options with { Only = value }; i++; break;
                case "--write" when value is not null: options = options with { Write = value }; i++; break;
                case "--verbose": options = options with { Verbose = true }; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    Console.Error.WriteLine($"usage: {usage}");
                    return null;
            }
        }
        return options;
    }
}

/// <summary>
/// Each document with a golden file (the real PDFs under ../shared/realdocs and the seeds), read once, recognised and
/// audited unchanged (the baseline), then handed to a bench that audits changed copies of its layout.
/// </summary>
internal static class GoldenLayoutRun
{
    /// <returns>One row per document read, and the CPU seconds the whole run took (intake once per document).</returns>
    public static (List<(string Name, List<T> Outcomes)> Rows, double CpuSeconds) Run<T>(
        GoldenLayoutOptions options, RuleSet rules, Func<Layout, Disclosure, IReadOnlyList<Finding>, IEnumerable<T>> outcomes)
    {
        var root = RepositoryPaths.Root;
        var goldens = GoldenFile.All(root).Select(GoldenFile.Load)
            .Where(g => options.Only is null || g.Name.Contains(options.Only, StringComparison.Ordinal)).ToList();
        var cpu = AuditEngine.Intake.Ocr.LibC.ThreadCpuSeconds();
        var rows = new List<(string Name, List<T> Outcomes)>();
        foreach (var golden in goldens)
        {
            var path = golden.PathUnder(root);
            if (!File.Exists(path)) { Console.Error.WriteLine($"{golden.Name}: {path} not found, skipped"); continue; }
            var layout = DocumentReader.Read(path);
            var doc = Recognizer.Recognise(layout, rules.Profiles);
            rows.Add((golden.Name, outcomes(layout, doc, rules.Run(doc)).ToList()));
        }
        return (rows, AuditEngine.Intake.Ocr.LibC.ThreadCpuSeconds() - cpu);
    }
}
