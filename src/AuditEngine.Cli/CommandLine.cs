using AuditEngine.Reports;

namespace AuditEngine.Cli;

/// <summary>What the user asked for, after parsing; <see cref="Error"/> is set for bad usage.</summary>
public sealed record CommandLine(
    string Command,
    IReadOnlyList<string> Inputs,
    string? RulesDirectory,
    ReportFormat? Format,
    IReadOnlyList<string> Outputs,
    int? Jobs,
    bool Quiet,
    bool Help,
    string? Error,
    string? Ocr = null)
{
    public const string Audit = "audit";
    public const string Rules = "rules";
    public const string Extract = "extract";
    public const string Annotate = "annotate";
    public const string None = "";

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return Empty with { Error = "缺少命令 missing command (audit | annotate | extract | rules)" };
        var first = args[0];
        if (first is "-h" or "--help" or "help" or "/?") return Empty with { Help = true };
        if (first is not (Audit or Annotate or Rules or Extract)) return Empty with { Error = $"未知命令 unknown command: {first}" };

        var line = Empty with { Command = first };
        var inputs = new List<string>();
        var outputs = new List<string>();
        var onlyInputs = false;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyInputs || !arg.StartsWith('-') || arg == "-")
            {
                inputs.Add(arg);
                continue;
            }
            if (arg == "--") { onlyInputs = true; continue; }

            // Accept both "--out x" and "--out=x".
            var name = arg;
            string? inline = null;
            var eq = arg.IndexOf('=');
            if (eq > 0) { name = arg[..eq]; inline = arg[(eq + 1)..]; }

            string? Value()
            {
                if (inline is not null) return inline;
                if (i + 1 < args.Count) return args[++i];
                return null;
            }

            switch (name)
            {
                case "-h" or "--help":
                    line = line with { Help = true };
                    break;
                case "-q" or "--quiet":
                    line = line with { Quiet = true };
                    break;
                case "-r" or "--rules":
                    if (Value() is not { } rules) return line with { Error = "--rules 需要一个目录 needs a directory" };
                    line = line with { RulesDirectory = rules };
                    break;
                case "-f" or "--format":
                    var text = Value();
                    if (!ReportFormats.TryParse(text, out var format))
                        return line with { Error = $"未知格式 unknown format: {text ?? "(空)"}（可用 json|html|csv|xlsx|pdf）" };
                    line = line with { Format = format };
                    break;
                case "-o" or "--out":
                    if (Value() is not { } output || output.Length == 0) return line with { Error = "--out 需要一个文件路径 needs a file path" };
                    outputs.Add(output);
                    break;
                case "--ocr":
                    var ocr = Value();
                    if (ocr is not ("azure" or "local"))
                        return line with { Error = $"--ocr 只能是 azure 或 local / must be azure or local: {ocr ?? "(空)"}" };
                    line = line with { Ocr = ocr };
                    break;
                case "-j" or "--jobs":
                    var jobsText = Value();
                    if (!int.TryParse(jobsText, out var jobs) || jobs < 1)
                        return line with { Error = $"--jobs 需要正整数 needs a positive integer: {jobsText ?? "(空)"}" };
                    line = line with { Jobs = jobs };
                    break;
                default:
                    return line with { Error = $"未知选项 unknown option: {arg}" };
            }
        }

        line = line with { Inputs = inputs, Outputs = outputs };
        if (line.Help) return line;
        if (line.Command == Audit && inputs.Count == 0)
            return line with { Error = "请指定要审核的文件或文件夹 no files or folders given" };
        if (line.Command == Extract && inputs.Count != 1)
            return line with { Error = "extract 需要恰好一个文件 needs exactly one file" };
        if (line.Command == Extract && line.Format is not (null or ReportFormat.Json))
            return line with { Error = "extract 只输出 JSON only writes JSON: --format json" };
        if (line.Command == Annotate && inputs.Count != 1)
            return line with { Error = "annotate 需要恰好一个 PDF 文件 needs exactly one PDF file" };
        if (line.Command == Annotate && (outputs.Count > 1 || line.Format is not (null or ReportFormat.Pdf)))
            return line with { Error = "annotate 只输出一个 PDF writes one PDF: --out PATH.pdf" };
        if (line.Command == Rules && inputs.Count > 0 && inputs[0] != RulesTestWord)
            return line with { Error = $"rules 命令不接受文件参数 takes no files: {inputs[0]}（运行夹具请用 rules test [DIR]）" };
        if (line.IsRulesTest && inputs.Count > 2)
            return line with { Error = $"rules test 只接受一个规则目录 takes one rules folder: {inputs[2]}" };
        if (line.IsRulesTest && inputs.Count == 2 && line.RulesDirectory is not null)
            return line with { Error = "rules test：规则目录已由 --rules 指定 the rules folder is given twice" };
        if (line.Command == Rules && line.Ocr is not null)
            return line with { Error = "rules 命令不读取文件 reads no files: --ocr not allowed" };
        if (line.Command == Rules && (outputs.Count > 0 || line.Format is not null))
            return line with { Error = "rules 命令不写报告 writes no report: --out/--format not allowed" };
        return line;
    }

    public const string RulesTestWord = "test";

    /// <summary>`rules test [DIR]`: run the rule fixtures of DIR/tests.</summary>
    public bool IsRulesTest => Command == Rules && Inputs is [RulesTestWord, ..];

    /// <summary>The rules folder named on the command line: `rules test DIR`, else --rules; null: find it.</summary>
    public string? RulesFolder => IsRulesTest && Inputs.Count > 1 ? Inputs[1] : RulesDirectory;

    private static readonly CommandLine Empty = new(None, [], null, null, [], null, false, false, null);

    /// <summary>Explicit --format wins, then the output's extension, then JSON.</summary>
    public ReportFormat FormatFor(string? output) =>
        Format ?? (output is null ? null : ReportFormats.FromPath(output)) ?? ReportFormat.Json;
}
