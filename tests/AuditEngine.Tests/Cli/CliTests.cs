using System.Text;
using System.Text.Json;
using AuditEngine.Cli;
using AuditEngine.Reports;

namespace AuditEngine.Tests.Cli;

public class CliTests
{
    private sealed record Outcome(int ExitCode, string Out, string Error, byte[] Stdout);

    private static Outcome Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var code = CliApp.Run(args, new CliConsole(output, error, () => stdout));
        return new Outcome(code, output.ToString(), error.ToString(), stdout.ToArray());
    }

    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("audit")]
    [InlineData("audit", "x.pdf", "--bogus")]
    [InlineData("audit", "x.pdf", "--format", "docx")]
    [InlineData("audit", "x.pdf", "--format")]
    [InlineData("audit", "x.pdf", "--jobs", "0")]
    [InlineData("rules", "x.pdf")]
    [InlineData("annotate")]
    [InlineData("annotate", "a.pdf", "b.pdf")]
    [InlineData("annotate", "a.pdf", "--format", "html")]
    [InlineData("annotate", "a.pdf", "--out", "x.pdf", "--out", "y.pdf")]
    public void Bad_usage_exits_2(params string[] args)
    {
        var outcome = Run(args);
        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("auditengine", outcome.Error);
        Assert.Empty(outcome.Stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("audit", "--help")]
    [InlineData("rules", "--help")]
    public void Help_is_bilingual_and_exits_0(params string[] args)
    {
        var outcome = Run(args);
        Assert.Equal(ExitCodes.Clean, outcome.ExitCode);
        Assert.Contains("Usage", outcome.Out);
        Assert.Contains("用法", outcome.Out);
    }

    [Fact]
    public void Invalid_rules_exit_2_naming_the_file()
    {
        using var temp = new TempFolder();
        var rules = temp.Folder("bad-rules");
        File.WriteAllText(Path.Combine(rules, "broken-rule.json"), "{ \"id\": \"x\", ");
        var input = temp.File("doc.txt", "部门预算");

        var outcome = Run("audit", input, "--rules", rules);

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("broken-rule.json", outcome.Error);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Missing_rules_folder_exits_2_naming_it()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "no-such-rules");
        var outcome = Run("rules", "--rules", missing);
        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("no-such-rules", outcome.Error);
    }

    [Fact]
    public void Unreadable_input_exits_2_and_still_writes_the_report()
    {
        using var temp = new TempFolder();
        var batch = temp.Folder("batch");
        File.Copy(Repository.Seed("xinglong-2024.md"), Path.Combine(batch, "good.md"));
        File.WriteAllBytes(Path.Combine(batch, "empty.pdf"), []);
        var report = Path.Combine(temp.Path, "out", "report.json");

        var outcome = Run("audit", batch, "--rules", Repository.RulesOr(temp), "--out", report);

        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("empty.pdf", outcome.Error);
        Assert.Contains("[2/2]", outcome.Error);
        using var stream = File.OpenRead(report);
        var read = JsonReport.Read(stream);
        Assert.Equal(2, read.Documents.Count);
        Assert.Single(read.Documents, d => d.Status == AuditEngine.Model.ResultStatus.Error);
    }

    [Fact]
    public void Writes_json_to_stdout_by_default_and_formats_by_extension()
    {
        using var temp = new TempFolder();
        var input = Repository.Seed("langfang-guangyang-2025.txt");
        var rules = Repository.RulesOr(temp);

        var toStdout = Run("audit", input, "--rules", rules, "--quiet");
        Assert.Contains(toStdout.ExitCode, new[] { ExitCodes.Clean, ExitCodes.Findings });
        using (var json = JsonDocument.Parse(toStdout.Stdout))
            Assert.Equal(1, json.RootElement.GetProperty("documents").GetArrayLength());
        Assert.DoesNotContain("[1/1]", toStdout.Error);

        var html = Path.Combine(temp.Path, "r.html");
        var csv = Path.Combine(temp.Path, "r.csv");
        var toFiles = Run("audit", input, "--rules", rules, "--out", html, "--out", csv);
        Assert.Equal(toStdout.ExitCode, toFiles.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(html));
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, File.ReadAllBytes(csv)[..3]);
        Assert.Empty(toFiles.Stdout);
    }

    [Fact]
    public void Explicit_format_overrides_the_extension()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "report.txt");
        var outcome = Run("audit", Repository.Seed("huailai-2025.txt"), "--rules", Repository.RulesOr(temp),
            "--format=csv", "--out", output, "-q");
        Assert.Contains(outcome.ExitCode, new[] { ExitCodes.Clean, ExitCodes.Findings });
        var text = Encoding.UTF8.GetString(File.ReadAllBytes(output)).TrimStart('\uFEFF');
        Assert.StartsWith(string.Join(",", FindingRows.Keys), text);
    }

    [Fact]
    public void Rules_command_lists_the_catalogue()
    {
        using var temp = new TempFolder();
        var outcome = Run("rules", "--rules", Repository.RulesOr(temp));
        Assert.Equal(ExitCodes.Clean, outcome.ExitCode);
        Assert.Contains("规则集版本", outcome.Out);
    }

    [Fact]
    public void Command_line_parses_repeated_outputs_and_inline_values()
    {
        var line = CommandLine.Parse(["audit", "a", "--out=x.html", "-o", "y.json", "--jobs", "3", "--", "--literal"]);
        Assert.Null(line.Error);
        Assert.Equal(["a", "--literal"], line.Inputs);
        Assert.Equal(["x.html", "y.json"], line.Outputs);
        Assert.Equal(3, line.Jobs);
        Assert.Equal(ReportFormat.Html, line.FormatFor("x.html"));
        Assert.Equal(ReportFormat.Json, line.FormatFor(null));
    }

    [Fact]
    public void Unwritable_output_exits_2()
    {
        using var temp = new TempFolder();
        var taken = temp.Folder("taken.json");
        var outcome = Run("audit", Repository.Seed("huailai-2025.txt"), "--rules", Repository.RulesOr(temp), "--out", taken, "-q");
        Assert.Equal(ExitCodes.Failure, outcome.ExitCode);
        Assert.Contains("taken.json", outcome.Error);
    }
}
