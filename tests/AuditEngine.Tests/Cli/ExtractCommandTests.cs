using System.Text.Json;
using AuditEngine.Cli;

namespace AuditEngine.Tests.Cli;

/// <summary><c>auditengine extract</c>: the layout JSON of docs/layout-format.md, from a real generated document.</summary>
public class ExtractCommandTests
{
    private static (int Code, string Error, byte[] Stdout) Run(params string[] args)
    {
        var error = new StringWriter();
        var stdout = new MemoryStream();
        var code = CliApp.Run(args, new CliConsole(new StringWriter(), error, () => stdout));
        return (code, error.ToString(), stdout.ToArray());
    }

    private static string Sample(string name) => RepositoryPaths.Generated(name);

    [Fact]
    public void Extract_prints_pages_tables_cells_and_paragraphs_of_a_pdf()
    {
        var (code, error, stdout) = Run("extract", Sample("langfang-guangyang-2025.pdf"));
        Assert.True(code == ExitCodes.Clean, error);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(13, root.GetProperty("pages").GetArrayLength());
        var first = root.GetProperty("tables")[0];
        Assert.Equal("部门预算收支总表", first.GetProperty("title").GetString());
        foreach (var name in new[] { "page", "bbox", "rowCount", "columnCount", "cells" }) Assert.True(first.TryGetProperty(name, out _), name);
        var cells = first.GetProperty("cells").EnumerateArray().ToList();
        var total = cells.First(c => c.GetProperty("text").GetString() == "4230.21");
        foreach (var name in new[] { "row", "column", "rowSpan", "columnSpan", "bbox", "confidence" }) Assert.True(total.TryGetProperty(name, out _), name);
        Assert.True(total.GetProperty("bbox").GetProperty("width").GetDouble() > 0);
        Assert.Contains(root.GetProperty("paragraphs").EnumerateArray(), p => p.GetProperty("text").GetString() == "部门预算收入总表");
    }

    [Fact]
    public void Extract_of_an_unreadable_file_exits_2_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "auditengine-missing-" + Guid.NewGuid().ToString("N") + ".pdf");
        var (code, error, stdout) = Run("extract", path);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(Path.GetFileName(path), error);
        Assert.Empty(stdout);
    }

    [Theory]
    [InlineData("extract")]
    [InlineData("extract", "a.pdf", "b.pdf")]
    [InlineData("extract", "a.pdf", "--format", "html")]
    public void Extract_takes_one_file_and_only_json(params string[] args) => Assert.Equal(ExitCodes.Failure, Run(args).Code);
}
