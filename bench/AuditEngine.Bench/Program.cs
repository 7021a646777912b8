using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using AuditEngine.Bench;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Recognition;
using AuditEngine.Rules;

// Measures the stages on the seed documents and the rule set's throughput on already-parsed models.
// Usage: dotnet run -c Release --project bench/AuditEngine.Bench -- [--rules DIR] [--samples DIR] [--seconds N]
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --dashboard [--documents 1000]   (dashboard API latency)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --intake [--seeds …] [--pages N]   (intake accuracy per form)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --accuracy [--write docs/accuracy.md]   (findings vs golden files)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --mutations [--benign] [--per-kind 3] [--only NAME] [--verbose]   (defects injected into real layouts: recall; --benign: harmless variations, false alarms)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --service [--documents 200] …   (end to end through the API)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --reaudit [--documents 1000]   (re-audit after a rule change, from stored layouts)
//        dotnet run -c Release --project bench/AuditEngine.Bench -- --upload-memory [--megabytes 900] [--compare ROOT]   (node memory around a large upload)

if (args.Length > 0 && args[0] == "--intake") return IntakeBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--accuracy") return AccuracyBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--mutations") return MutationBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--service") return await ServiceBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--upload-memory") return await UploadMemoryBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--reaudit") return await ReauditBench.Run(args[1..]);
if (args.Length > 0 && args[0] == "--dashboard") return await DashboardBench.Run(args[1..]);

var options = BenchOptions.Parse(args);
if (options is null) return 2;

PrintMachine();

RuleSet rules;
try { rules = RuleSet.Load(options.Rules); }
catch (RuleLoadException e)
{
    Console.Error.WriteLine($"invalid rules in {options.Rules}:\n{e.Message}");
    return 2;
}
var files = InputFiles.Expand([options.Samples]);
Console.WriteLine($"rules: {options.Rules} ({rules.Rules.Count} rules, {rules.Rules.Count(r => r.Enabled)} enabled, version {rules.Version})");
Console.WriteLine($"samples: {options.Samples} ({files.Count} files)");
Console.WriteLine();

// One untimed pass first so that JIT compilation does not land on whichever file happens to come first.
var documents = ParseAll(files);
AuditPipeline.LinkPreviousYears(documents.Select(d => d.Disclosure).ToList());
foreach (var d in documents) rules.Run(d.Disclosure);

Console.WriteLine("(a) per document, after one warm-up pass");
Console.WriteLine($"{"file",-32} {"read ms",9} {"recognise ms",13} {"audit ms",9} {"findings",9}");
foreach (var file in files)
{
    var clock = Stopwatch.StartNew();
    Layout layout;
    try { layout = DocumentReader.Read(file); }
    catch (IntakeException e)
    {
        Console.WriteLine($"{Path.GetFileName(file),-32} unreadable: {e.Message}");
        continue;
    }
    var read = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var disclosure = Recognizer.Recognise(layout);
    var recognise = clock.Elapsed.TotalMilliseconds;
    // Audit the linked model from the warm-up so previous-year rules see the same input as in the pipeline.
    var linked = documents.FirstOrDefault(d => d.File == file)?.Disclosure ?? disclosure;
    clock.Restart();
    var findings = rules.Run(linked);
    var audit = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"{Path.GetFileName(file),-32} {read,9:0.00} {recognise,13:0.00} {audit,9:0.00} {findings.Count,9}");
}
Console.WriteLine();

if (documents.Count == 0)
{
    Console.WriteLine("(b) skipped: no readable documents");
    return 0;
}

Console.WriteLine($"(b) full rule set on {documents.Count} parsed models, single thread, {options.Seconds:0.#} s");
var models = documents.Select(d => d.Disclosure).ToArray();
GC.Collect();
GC.WaitForPendingFinalizers();
var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
var gen0Before = GC.CollectionCount(0);
var evaluated = 0L;
var budget = TimeSpan.FromSeconds(options.Seconds);
var timer = Stopwatch.StartNew();
while (timer.Elapsed < budget)
{
    foreach (var model in models) rules.Run(model);
    evaluated += models.Length;
}
timer.Stop();
var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

var perSecond = evaluated / timer.Elapsed.TotalSeconds;
Console.WriteLine($"documents evaluated: {evaluated:N0} in {timer.Elapsed.TotalSeconds:0.00} s");
Console.WriteLine($"throughput: {perSecond:N0} documents/s, {1e6 / perSecond:0.00} µs/document");
Console.WriteLine($"rules: {rules.Rules.Count} ({rules.Rules.Count(r => r.Enabled)} enabled)");
Console.WriteLine($"allocated: {allocated / (double)evaluated:N0} bytes/document; gen0 collections: {GC.CollectionCount(0) - gen0Before}");
return 0;

static List<ParsedDocument> ParseAll(IReadOnlyList<string> files)
{
    var parsed = new List<ParsedDocument>();
    foreach (var file in files)
    {
        try { parsed.Add(new ParsedDocument(file, Recognizer.Recognise(DocumentReader.Read(file)))); }
        catch (IntakeException e) { Console.Error.WriteLine($"skipped, unreadable: {e.Message}"); }
    }
    return parsed;
}

static void PrintMachine()
{
    Console.WriteLine("AuditEngine benchmark");
    Console.WriteLine($"machine: {Machine.CpuModel()}, {Environment.ProcessorCount} logical CPUs");
    Console.WriteLine($"os: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
    Console.WriteLine($".NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"
                      + $"{(Debugger.IsAttached ? ", debugger attached" : "")}");
#if DEBUG
    Console.WriteLine("warning: Debug build; run with -c Release for meaningful figures");
#endif
    Console.WriteLine();
}

namespace AuditEngine.Bench
{
    internal sealed record ParsedDocument(string File, Disclosure Disclosure);

    internal sealed record BenchOptions(string Rules, string Samples, double Seconds)
    {
        public static BenchOptions? Parse(string[] args)
        {
            string? rules = null, samples = null;
            var seconds = 5.0;
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : null;
                switch (args[i])
                {
                    case "--rules" when value is not null: rules = value; i++; break;
                    case "--samples" when value is not null: samples = value; i++; break;
                    case "--seconds" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0:
                        seconds = s; i++; break;
                    default:
                        Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                        Console.Error.WriteLine("usage: AuditEngine.Bench [--rules DIR] [--samples DIR] [--seconds N]");
                        return null;
                }
            }

            rules ??= RulesLocator.Find();
            if (rules is null || !Directory.Exists(rules))
            {
                Console.Error.WriteLine($"rules folder not found: {rules ?? "(no `rules` folder above the current directory)"}; pass --rules DIR");
                return null;
            }
            samples ??= FindSeeds();
            if (samples is null || !Directory.Exists(samples))
            {
                Console.Error.WriteLine($"samples folder not found: {samples ?? "(no samples/seeds above the current directory)"}; pass --samples DIR");
                return null;
            }
            return new BenchOptions(rules, samples, seconds);
        }

        private static string? FindSeeds()
        {
            foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    var seeds = Path.Combine(dir.FullName, "samples", "seeds");
                    if (Directory.Exists(seeds)) return seeds;
                }
            }
            return null;
        }
    }
}
