using AuditEngine.Intake;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.SampleGen;

/// <summary>
/// The langfang seed rendered once to DOCX and PDF for all SampleGen tests: LibreOffice takes seconds per
/// conversion, so the classes share one output directory, removed when the collection finishes.
/// </summary>
public sealed class LangfangSamples : IDisposable
{
    public const string SeedName = "langfang-guangyang-2025.txt";

    public static string Root => RepositoryPaths.Root;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "samplegen-tests-" + Guid.NewGuid().ToString("N"));
    public SourceDocument Source { get; }
    public string Docx { get; }
    private readonly Lazy<string> _pdf;
    public string Pdf => _pdf.Value;

    public LangfangSamples()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Source = SourceDocument.Load(SeedPath(SeedName));
        Docx = Path.Combine(Directory, Source.Name + ".docx");
        DocxWriter.Write(Source, Docx);
        _pdf = new Lazy<string>(() => PdfConverter.Convert(Docx, Directory));
    }

    public static string SeedPath(string name) => Path.Combine(Root, "samples", "seeds", name);

    /// <summary>A fresh directory under the shared one, for a test's own outputs.</summary>
    public string NewDirectory(string name)
    {
        var dir = Path.Combine(Directory, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }


    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class SampleGenCollection : ICollectionFixture<LangfangSamples>
{
    public const string Name = "SampleGen";
}

/// <summary>Runs poppler tools the tests use to check generated PDFs from the outside.</summary>
internal static class Poppler
{
    public static string Text(string pdf) =>
        ExternalTool.RunChecked("pdftotext", ["-layout", pdf, "-"], TimeSpan.FromMinutes(1));

    public static (int Pages, double Width, double Height) Info(string pdf)
    {
        var info = ExternalTool.RunChecked("pdfinfo", [pdf], TimeSpan.FromMinutes(1));
        var pages = int.Parse(Line(info, "Pages:").Trim());
        // "Page size:       595.44 x 841.92 pts (A4)"
        var size = Line(info, "Page size:").Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (pages, double.Parse(size[0], System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(size[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Line(string text, string label) =>
        text.Split('\n').First(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..];
}
