using System.Globalization;
using System.Text;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Rules;
using AuditEngine.Testing;

namespace AuditEngine.Bench;

/// <summary>
/// Accuracy on documents with reviewed golden files (tests/golden): per document its recognised type, department,
/// year, required tables recognised, and findings expected / found / unexpected by severity, with one summary line per
/// corpus. Prints markdown; --write PATH also writes it there (docs/accuracy.md).
/// With --scanned, the real documents' PDFs are first passed through the simulated scanner (SampleGen's
/// RealPdfScanner, 300 dpi) and audited through OCR against the same golden files: a scan may lose findings to OCR,
/// but every unexpected error there is a false alarm a bureau would see on a scanned disclosure.
/// Usage: dotnet run -c Release --project bench/AuditEngine.Bench -- --accuracy [--scanned] [--write docs/accuracy.md]
/// </summary>
internal static class AccuracyBench
{
    public static int Run(string[] args)
    {
        string? write = null;
        var scanned = false;
        for (var i = 0; i < args.Length; i++)
            if (args[i] == "--write" && i + 1 < args.Length) write = args[++i];
            else if (args[i] == "--scanned") scanned = true;
            else { Console.Error.WriteLine($"unknown option {args[i]}; usage: --accuracy [--scanned] [--write docs/accuracy.md]"); return 2; }

        var root = RepositoryPaths.Root;
        var rules = RuleSet.Load(RepositoryPaths.Rules);
        var pipeline = new AuditPipeline(rules);
        var goldens = GoldenFile.All(root).Select(GoldenFile.Load).ToList();
        if (scanned) goldens = goldens.Where(g => g.Document.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && g.Corpus == "realdocs").ToList();
        var files = goldens.Select(g => scanned ? Scanned(g.PathUnder(root)) : g.PathUnder(root)).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = pipeline.RunFiles(files);
        var comparisons = goldens.Zip(results, GoldenComparison.Of).ToList();

        var md = new StringBuilder();
        md.AppendLine(scanned ? "# Accuracy on the real documents scanned (simulated scanner, 300 dpi, local OCR)" : "# Accuracy on documents with golden findings");
        md.AppendLine();
        md.AppendLine($"Produced by `dotnet run -c Release --project bench/AuditEngine.Bench -- --accuracy{(scanned ? " --scanned" : "")} --write {(scanned ? "docs/accuracy-scanned.md" : "docs/accuracy.md")}`" +
                      (scanned ? $"; audited in {clock.Elapsed.TotalMinutes:0.0} min on {Environment.ProcessorCount} CPUs. Each PDF is rendered and passed through SampleGen's simulated scanner (skew ≤ 1.5°, fold shadow, blur, noise, JPEG 75), then audited through OCR; OCR may lose findings, and an unexpected error is a false alarm on a scanned disclosure." : "."));
        md.AppendLine($"Rule set {rules.Version}; {DateTime.UtcNow:yyyy-MM-dd}. Golden files: tests/golden/*.json (expected findings, each with its reason");
        md.AppendLine("and page, written by reading the document; `notYetReported` lists real defects the tool does not report yet).");
        md.AppendLine("E = error, W = warning. *expected* = in the golden file; *found* = of those, reported; *unexpected* = reported");
        md.AppendLine("but not in the golden file (a false alarm); *missed* = expected but not reported, plus the known not-yet-reported ones.");
        md.AppendLine();
        foreach (var corpus in comparisons.GroupBy(c => c.Golden.Corpus))
        {
            md.AppendLine($"## {corpus.Key}");
            md.AppendLine();
            md.AppendLine("| document | type | department | year | required tables | E expected / found / unexpected | W expected / found / unexpected | missed (E/W) |");
            md.AppendLine("| --- | --- | --- | ---: | ---: | --- | --- | --- |");
            foreach (var c in corpus)
            {
                var tables = c.RequiredTablesRecognised(rules.Profiles);
                md.AppendLine($"| {c.Golden.Name} | {Mark(c.TypeRight)}{c.Result.DocumentType.Chinese()} | {Mark(c.DepartmentRight)}{c.Result.Department} | {Mark(c.YearRight)}{c.Result.Year} " +
                              $"| {tables}/{c.Golden.RequiredTables} | {Counts(c, Severity.Error)} | {Counts(c, Severity.Warning)} " +
                              $"| {Missed(c, Severity.Error)}/{Missed(c, Severity.Warning)} |");
            }
            var all = corpus.ToList();
            md.AppendLine();
            md.AppendLine($"**{corpus.Key}: {all.Count} documents; type right {all.Count(c => c.TypeRight)}/{all.Count}, department {all.Count(c => c.DepartmentRight)}/{all.Count}, year {all.Count(c => c.YearRight)}/{all.Count}; " +
                          $"errors expected {all.Sum(c => c.Expected(Severity.Error))}, found {all.Sum(c => c.FoundOf(Severity.Error))}, unexpected {all.Sum(c => c.UnexpectedOf(Severity.Error))}; " +
                          $"warnings expected {all.Sum(c => c.Expected(Severity.Warning))}, found {all.Sum(c => c.FoundOf(Severity.Warning))}, unexpected {all.Sum(c => c.UnexpectedOf(Severity.Warning))}; " +
                          $"known defects not yet reported {all.Sum(c => c.NotYet(Severity.Error) + c.NotYet(Severity.Warning))}.**");
            md.AppendLine();
            var unexpected = all.SelectMany(c => c.Unexpected.Select(f => (c.Golden.Name, f))).ToList();
            if (unexpected.Count > 0)
            {
                md.AppendLine("Unexpected findings:");
                md.AppendLine();
                foreach (var (name, f) in unexpected)
                    md.AppendLine($"- {name} {f.RuleId} [{f.Severity}] p{f.Evidence.FirstOrDefault()?.Page}: {f.Message}");
                md.AppendLine();
            }
            var missing = all.SelectMany(c => c.Missing.Select(m => (c.Golden.Name, m))).ToList();
            if (missing.Count > 0)
            {
                md.AppendLine("Expected but not found:");
                md.AppendLine();
                foreach (var (name, m) in missing) md.AppendLine($"- {name} {m}");
                md.AppendLine();
            }
            var notYet = all.SelectMany(c => (c.Golden.NotYetReported ?? []).Select(m => (c.Golden.Name, m))).ToList();
            if (notYet.Count > 0)
            {
                md.AppendLine("Known defects not reported yet:");
                md.AppendLine();
                foreach (var (name, m) in notYet) md.AppendLine($"- {name} [{m.Severity}] p{m.Page}: {m.Reason}");
                md.AppendLine();
            }
        }
        Console.Write(md.ToString());
        if (write is not null) File.WriteAllText(write, md.ToString());
        return comparisons.All(c => c.Unexpected.All(f => f.Severity != Severity.Error)) ? 0 : 1;
    }

    /// <summary>The document's scanned copy (made once, kept under the temp folder by name and size).</summary>
    private static string Scanned(string pdf)
    {
        var folder = Path.Combine(Path.GetTempPath(), "auditengine-accuracy-scans");
        Directory.CreateDirectory(folder);
        var output = Path.Combine(folder, $"{Path.GetFileNameWithoutExtension(pdf)}-{new FileInfo(pdf).Length}.scan300.pdf");
        if (!File.Exists(output)) AuditEngine.SampleGen.RealPdfScanner.Scan(pdf, output);
        return output;
    }

    private static string Mark(bool right) => right ? "" : "✗ ";
    private static string Counts(GoldenComparison c, Severity s) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.Expected(s)} / {c.FoundOf(s)} / {c.UnexpectedOf(s)}");
    private static int Missed(GoldenComparison c, Severity s) => c.Expected(s) - c.FoundOf(s) + c.NotYet(s);
}
