using AuditEngine.Intake.Providers;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Pipeline.Fixtures;
using AuditEngine.Reports;
using AuditEngine.Rules;

namespace AuditEngine.Cli;

/// <summary>The command-line host: parses arguments and hands the work to the pipeline and the report writers.</summary>
public static class CliApp
{
    public static int Run(string[] args, CliConsole console)
    {
        if (args is ["admin", ..]) return AdminCommand.Run(args, console);
        var line = CommandLine.Parse(args);
        if (line.Error is not null)
        {
            console.Error.WriteLine($"auditengine: {line.Error}");
            console.Error.WriteLine(line.Command == CommandLine.None
                ? Usage.General
                : "运行 `auditengine --help` 查看用法 / run `auditengine --help` for usage.");
            return ExitCodes.Failure;
        }
        if (line.Help)
        {
            console.Out.WriteLine(line.Command switch
            {
                CommandLine.Audit => Usage.Audit,
                CommandLine.Rules => Usage.Rules,
                CommandLine.Extract => Usage.Extract,
                CommandLine.Annotate => Usage.Annotate,
                _ => Usage.General,
            });
            return ExitCodes.Clean;
        }

        // --ocr wins over AUDITENGINE_OCR; a wrong or missing Azure setting stops the run before any file is read.
        ILayoutProvider scans = LocalOcrProvider.Instance;
        try
        {
            if (line.Command is CommandLine.Audit or CommandLine.Extract or CommandLine.Annotate)
                scans = OcrSettings.FromEnvironment(line.Ocr).CreateProvider();
        }
        catch (OcrSettingsException e)
        {
            console.Error.WriteLine($"auditengine: {e.Message}");
            return ExitCodes.Failure;
        }
        using var _ = scans as IDisposable;

        if (line.Command == CommandLine.Extract) return Extract(line, scans, console);

        var directory = line.RulesFolder ?? RulesLocator.Find();
        var rules = LoadRules(directory, console.Error);
        if (rules is null) return ExitCodes.Failure;

        if (line.IsRulesTest) return TestRules(rules, directory!, console.Out);
        if (line.Command == CommandLine.Annotate) return AnnotateCommand.Run(line, rules, scans, console);
        return line.Command == CommandLine.Rules ? ListRules(rules, console.Out) : Audit(line, rules, scans, console);
    }

    /// <summary>Loads the rule catalogue or explains on stderr why it cannot: auditing without valid rules would report nothing.</summary>
    internal static RuleSet? LoadRules(string? directory, TextWriter error)
    {
        if (directory is null)
        {
            error.WriteLine("auditengine: 找不到规则目录 rules（已从当前目录和程序目录向上查找），请用 --rules 指定。");
            error.WriteLine("auditengine: no `rules` folder found above the current or the program directory; pass --rules DIR.");
            return null;
        }
        if (!Directory.Exists(directory))
        {
            error.WriteLine($"auditengine: 规则目录不存在 rules folder not found: {directory}");
            return null;
        }
        try
        {
            return RuleSet.Load(directory);
        }
        catch (RuleLoadException e)
        {
            error.WriteLine($"auditengine: 规则无效，拒绝运行 invalid rules in {directory}:");
            foreach (var problem in e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                error.WriteLine("  " + problem.TrimEnd('\r'));
            return null;
        }
    }

    /// <summary>Prints what intake reads from one file: pages, tables with their cells, paragraphs.</summary>
    private static int Extract(CommandLine line, ILayoutProvider scans, CliConsole console)
    {
        var input = line.Inputs[0];
        Layout layout;
        try { layout = Intake.DocumentReader.Read(input, scans); }
        catch (Intake.IntakeException e)
        {
            console.Error.WriteLine($"无法读取 unreadable: {e.Message}");
            return ExitCodes.Failure;
        }
        if (line.Outputs.Count == 0)
        {
            using var stdout = console.OpenStandardOutput();
            Intake.LayoutJson.Write(layout, stdout);
            stdout.WriteByte((byte)'\n');
        }
        foreach (var path in line.Outputs)
        {
            using var file = File.Create(path);
            Intake.LayoutJson.Write(layout, file);
            console.Error.WriteLine($"版面 layout: {path}");
        }
        return ExitCodes.Clean;
    }

    /// <summary>Runs the fixtures in DIR/tests and prints the coverage table; non-zero on any mismatch, broken fixture or gap.</summary>
    private static int TestRules(RuleSet rules, string directory, TextWriter output)
    {
        var report = RuleFixtureRunner.Run(rules, Path.Combine(directory, RuleSet.FixtureFolder));
        report.Write(output);
        return report.Passed ? ExitCodes.Clean : ExitCodes.Findings;
    }

    private static int ListRules(RuleSet rules, TextWriter output)
    {
        output.WriteLine($"规则集版本 rule set version: {rules.Version}　共 {rules.Rules.Count} 条规则 rules");
        output.WriteLine($"{"id",-32} {"category",-22} {"severity",-8} title");
        foreach (var rule in rules.Rules)
        {
            var disabled = rule.Enabled ? "" : "  (停用 disabled)";
            output.WriteLine($"{rule.Id,-32} {rule.Category,-22} {rule.Severity,-8} {rule.Title}{disabled}");
        }
        return ExitCodes.Clean;
    }

    private static int Audit(CommandLine line, RuleSet rules, ILayoutProvider scans, CliConsole console)
    {
        // Crops of scanned evidence go next to the first report file; a report on stdout gets none.
        var crops = line.Outputs.Count > 0
            ? new EvidenceCrops(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(line.Outputs[0]))!, "crops"))
            : null;
        var pipeline = new AuditPipeline(rules) { MaxDegreeOfParallelism = line.Jobs ?? Environment.ProcessorCount, Crops = crops, LayoutProvider = scans };
        var progress = line.Quiet ? null : new ProgressPrinter(console.Error);
        var results = pipeline.Run(line.Inputs, progress);

        var info = ReportInfo.Now(rules.Version);
        var written = WriteReports(line, results, info, console);

        var unreadable = results.Where(r => r.Status != ResultStatus.Ok).ToList();
        foreach (var r in unreadable) console.Error.WriteLine($"无法读取 unreadable: {r.Error}");
        console.Error.WriteLine(Summary(results));
        foreach (var path in line.Outputs) console.Error.WriteLine($"报告 report: {path}");

        if (!written || unreadable.Count > 0) return ExitCodes.Failure;
        return results.Any(r => r.Count(Severity.Error) > 0) ? ExitCodes.Findings : ExitCodes.Clean;
    }

    private static bool WriteReports(CommandLine line, IReadOnlyList<DocumentResult> results, ReportInfo info, CliConsole console)
    {
        if (line.Outputs.Count == 0)
        {
            var stdout = console.OpenStandardOutput();
            ReportWriters.For(line.FormatFor(null), info).Write(results, stdout);
            stdout.Flush();
            return true;
        }

        var ok = true;
        foreach (var path in line.Outputs)
        {
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null) Directory.CreateDirectory(folder);
                using var file = File.Create(path);
                ReportWriters.For(line.FormatFor(path), info).Write(results, file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"auditengine: 无法写入报告 cannot write report {path}: {e.Message}");
                ok = false;
            }
        }
        return ok;
    }

    public static string Summary(IReadOnlyList<DocumentResult> results)
    {
        var unreadable = results.Count(r => r.Status != ResultStatus.Ok);
        var findings = results.Sum(r => r.Findings.Count);
        return $"审核完成：{results.Count} 个文件（无法读取 {unreadable} 个），共 {findings} 条问题："
               + $"错误 {results.Sum(r => r.Count(Severity.Error))}，警告 {results.Sum(r => r.Count(Severity.Warning))}，"
               + $"提示 {results.Sum(r => r.Count(Severity.Info))}";
    }
}
