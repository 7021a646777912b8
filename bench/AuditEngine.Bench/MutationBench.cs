using System.Text;
using AuditEngine.Model;
using AuditEngine.Rules;
using AuditEngine.Testing;

namespace AuditEngine.Bench;

/// <summary>
/// Recall on real layouts: each document with a golden file (the real Shanghai PDFs under ../shared/realdocs and the
/// seeds) is read once, audited unchanged, then each kind of defect (<see cref="MutationKind"/>, docs/mutations.md) is
/// injected into a copy of its layout at up to --per-kind places and the copy recognised and audited again. A place is
/// detected when a new finding of the kind's rules points at it; a new error that neither detects it nor follows from it
/// is collateral (a false alarm a plausible document would get). Prints a markdown table per document × kind and lists
/// every miss and every collateral finding. Deterministic: places are chosen evenly over the candidates, no randomness.
/// Usage: dotnet run -c Release --project bench/AuditEngine.Bench -- --mutations [--per-kind 3] [--only NAME] [--verbose] [--write docs/mutations-run.md]
/// </summary>
internal static class MutationBench
{
    public static int Run(string[] args)
    {
        // --benign: the other side, correct layouts printed differently (false alarms), with the same options.
        if (args.Contains("--benign")) return BenignBench.Run(args.Where(a => a != "--benign").ToArray());
        if (GoldenLayoutOptions.Parse(args, "--mutations [--benign] [--per-kind 3] [--only NAME] [--verbose] [--write PATH]") is not { } options) return 2;
        var (perKind, write, verbose) = (options.PerKind, options.Write, options.Verbose);
        var rules = RuleSet.Load(RepositoryPaths.Rules);
        var (rows, cpu) = GoldenLayoutRun.Run(options, rules, (layout, doc, baseline) => LayoutMutations.Plan(layout, doc, options.PerKind).Select(m => LayoutMutations.Run(layout, m, rules, baseline)));

        var md = new StringBuilder();
        md.AppendLine("# Mutations: defects injected into real layouts");
        md.AppendLine();
        md.AppendLine($"`dotnet run -c Release --project bench/AuditEngine.Bench -- --mutations --per-kind {perKind}`; rule set {rules.Version}; " +
                      $"{rows.Sum(r => r.Outcomes.Count)} mutations on {rows.Count} documents in {cpu:0.0} CPU-s (intake once per document).");
        md.AppendLine("Each cell: applied / detected / collateral (new errors that neither detect the defect nor follow from it).");
        md.AppendLine();
        md.AppendLine("| document | " + string.Join(" | ", LayoutMutations.Kinds.Select(k => $"{(char)('a' + (int)k)} {k}")) + " |");
        md.AppendLine("| --- |" + string.Concat(LayoutMutations.Kinds.Select(_ => " ---: |")));
        foreach (var (name, outcomes) in rows)
            md.AppendLine($"| {name} | " + string.Join(" | ", LayoutMutations.Kinds.Select(k => Cell(outcomes.Where(o => o.Mutation.Kind == k)))) + " |");
        var all = rows.SelectMany(r => r.Outcomes).ToList();
        md.AppendLine("| **total** | " + string.Join(" | ", LayoutMutations.Kinds.Select(k => Cell(all.Where(o => o.Mutation.Kind == k)))) + " |");
        md.AppendLine();
        md.AppendLine($"**{all.Count} applied, {all.Count(o => o.Detected)} detected, {all.Count(o => !o.Detected)} missed, " +
                      $"{all.Sum(o => o.Collateral.Count)} collateral errors.**");
        md.AppendLine();
        var misses = rows.SelectMany(r => r.Outcomes.Where(o => !o.Detected).Select(o => (r.Name, o))).ToList();
        if (misses.Count > 0)
        {
            md.AppendLine("Missed:");
            md.AppendLine();
            foreach (var (name, o) in misses)
            {
                md.AppendLine($"- {name} {o.Mutation.Letter} {o.Mutation.Place}" +
                              (o.OtherNew.Count == 0 ? "" : "; new instead: " + string.Join("; ", o.OtherNew.Select(Describe))));
            }
            md.AppendLine();
        }
        var collateral = rows.SelectMany(r => r.Outcomes.SelectMany(o => o.Collateral.Select(f => (r.Name, o, f)))).ToList();
        if (collateral.Count > 0)
        {
            md.AppendLine("Collateral errors:");
            md.AppendLine();
            foreach (var (name, o, f) in collateral) md.AppendLine($"- {name} {o.Mutation.Letter} {o.Mutation.Place}: {Describe(f)}");
            md.AppendLine();
        }
        if (verbose)
        {
            md.AppendLine("Detected:");
            md.AppendLine();
            foreach (var (name, outcomes) in rows)
                foreach (var o in outcomes.Where(o => o.Detected))
                    md.AppendLine($"- {name} {o.Mutation.Letter} {o.Mutation.Place}: {string.Join("; ", o.Detecting.Select(Describe))}" +
                                  (o.OtherNew.Count == 0 ? "" : " | also: " + string.Join("; ", o.OtherNew.Select(Describe))));
            md.AppendLine();
        }
        Console.Write(md.ToString());
        if (write is not null) File.WriteAllText(write, md.ToString());
        return 0;
    }

    private static string Cell(IEnumerable<MutationOutcome> outcomes)
    {
        var list = outcomes.ToList();
        return list.Count == 0 ? "–" : $"{list.Count} / {list.Count(o => o.Detected)} / {list.Sum(o => o.Collateral.Count)}";
    }

    private static string Describe(Finding f) =>
        $"{f.RuleId} [{f.Severity}] p{f.Evidence.FirstOrDefault()?.Page}: {(f.Message.Length > 160 ? f.Message[..160] + "…" : f.Message)}";
}
