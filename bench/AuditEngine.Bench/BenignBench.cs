using System.Text;
using AuditEngine.Model;
using AuditEngine.Rules;
using AuditEngine.Testing;

namespace AuditEngine.Bench;

/// <summary>
/// False alarms on correct documents printed differently: each document with a golden file is read once, audited
/// unchanged, then each harmless variation (<see cref="VariationKind"/>, docs/mutations.md “Benign variations”) is applied
/// to a copy of its layout and the copy audited again. Any new error or warning is a false alarm. Prints per document ×
/// kind applied / unchanged / new warnings / new errors, and with --verbose every new finding with its message.
/// Usage: dotnet run -c Release --project bench/AuditEngine.Bench -- --mutations --benign [--per-kind 3] [--only NAME] [--verbose] [--write PATH]
/// </summary>
internal static class BenignBench
{
    public static int Run(string[] args)
    {
        if (GoldenLayoutOptions.Parse(args, "--mutations --benign [--per-kind 3] [--only NAME] [--verbose] [--write PATH]") is not { } options) return 2;
        var (perKind, write, verbose) = (options.PerKind, options.Write, options.Verbose);
        var rules = RuleSet.Load(RepositoryPaths.Rules);
        var (rows, cpu) = GoldenLayoutRun.Run(options, rules, (layout, doc, baseline) => BenignVariations.Plan(layout, doc, options.PerKind).Select(v => BenignVariations.Run(layout, v, rules, baseline)));

        var md = new StringBuilder();
        md.AppendLine("# Benign variations: correct layouts printed differently");
        md.AppendLine();
        md.AppendLine($"`dotnet run -c Release --project bench/AuditEngine.Bench -- --mutations --benign --per-kind {perKind}`; rule set {rules.Version}; " +
                      $"{rows.Sum(r => r.Outcomes.Count)} variations on {rows.Count} documents in {cpu:0.0} CPU-s (intake once per document).");
        md.AppendLine("Each cell: applied / unchanged (no new finding) / new warnings / new errors. Every new finding is a false alarm.");
        md.AppendLine();
        md.AppendLine("| document | " + string.Join(" | ", BenignVariations.Kinds.Select(k => $"{(char)('a' + (int)k)} {k}")) + " |");
        md.AppendLine("| --- |" + string.Concat(BenignVariations.Kinds.Select(_ => " ---: |")));
        foreach (var (name, outcomes) in rows)
            md.AppendLine($"| {name} | " + string.Join(" | ", BenignVariations.Kinds.Select(k => Cell(outcomes.Where(o => o.Variation.Kind == k)))) + " |");
        var all = rows.SelectMany(r => r.Outcomes).ToList();
        md.AppendLine("| **total** | " + string.Join(" | ", BenignVariations.Kinds.Select(k => Cell(all.Where(o => o.Variation.Kind == k)))) + " |");
        md.AppendLine();
        md.AppendLine($"**{all.Count} applied, {all.Count(o => o.Unchanged)} unchanged, {all.Sum(o => o.NewWarnings.Count)} new warnings, " +
                      $"{all.Sum(o => o.NewErrors.Count)} new errors.**");
        md.AppendLine();
        var alarms = rows.SelectMany(r => r.Outcomes.Where(o => !o.Unchanged).Select(o => (r.Name, o))).ToList();
        if (alarms.Count > 0)
        {
            md.AppendLine("Variations with new findings:");
            md.AppendLine();
            foreach (var (name, o) in alarms)
            {
                md.AppendLine($"- {name} {o.Variation.Letter} {o.Variation.Place}: {o.NewErrors.Count} errors, {o.NewWarnings.Count} warnings");
                if (verbose)
                    foreach (var f in o.NewErrors.Concat(o.NewWarnings)) md.AppendLine($"  - {Describe(f)}");
            }
            md.AppendLine();
        }
        if (verbose)
        {
            md.AppendLine("Unchanged:");
            md.AppendLine();
            foreach (var (name, outcomes) in rows)
                foreach (var o in outcomes.Where(o => o.Unchanged)) md.AppendLine($"- {name} {o.Variation.Letter} {o.Variation.Place}");
            md.AppendLine();
        }
        Console.Write(md.ToString());
        if (write is not null) File.WriteAllText(write, md.ToString());
        return 0;
    }

    private static string Cell(IEnumerable<VariationOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return list.Count == 0 ? "–" : $"{list.Count} / {list.Count(o => o.Unchanged)} / {list.Sum(o => o.NewWarnings.Count)} / {list.Sum(o => o.NewErrors.Count)}";
    }

    private static string Describe(Finding f) =>
        $"{f.RuleId} [{f.Severity}] p{f.Evidence.FirstOrDefault()?.Page}: {(f.Message.Length > 200 ? f.Message[..200] + "…" : f.Message)}";
}
