using AuditEngine.Cli;
using AuditEngine.Tests.PdfOutput;

namespace AuditEngine.Tests.Cli;

/// <summary>`auditengine annotate`: the scanned sample comes back with its pages and its findings noted; a text file is refused (PDF and images only).</summary>
public sealed class AnnotateCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "auditengine-annotate-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static (int Code, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var code = CliApp.Run(args, new CliConsole(new StringWriter(), error, () => new MemoryStream()));
        return (code, error.ToString());
    }

    [Fact]
    public void Annotates_the_scanned_sample_into_a_pdf_of_the_same_pages()
    {
        var source = RepositoryPaths.Generated("xinglong-2024.scan300.pdf");
        var output = Path.Combine(dir, "out", "annotated.pdf");
        var (code, error) = Run("annotate", source, "--out", output, "--rules", RepositoryPaths.Rules, "--quiet");
        Assert.True(code == ExitCodes.Clean, error);
        var pdf = File.ReadAllBytes(output);
        Assert.Equal(Poppler.Pages(File.ReadAllBytes(source)), Poppler.Pages(pdf));
        Assert.Contains("UT-SZ-CLASSES", Poppler.Compact(Poppler.Text(pdf)));
        Assert.Matches(@"红框 [1-9]\d* 处", error);
    }

    [Fact]
    public void A_text_file_is_refused_because_only_pdfs_can_be_annotated()
    {
        var (code, error) = Run("annotate", RepositoryPaths.Seed("xushui-2022.txt"), "--out", Path.Combine(dir, "x.pdf"), "--rules", RepositoryPaths.Rules);
        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("只适用于 PDF 与图片", error);
        Assert.False(File.Exists(Path.Combine(dir, "x.pdf")));
    }
}
