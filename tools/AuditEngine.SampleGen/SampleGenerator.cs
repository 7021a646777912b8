namespace AuditEngine.SampleGen;

/// <summary>
/// Renders one seed into the requested forms, each file with its truth file next to it:
/// <c>&lt;stem&gt;.docx</c>, <c>&lt;stem&gt;.pdf</c>, <c>&lt;stem&gt;.scan&lt;dpi&gt;.pdf</c> with page images
/// <c>&lt;stem&gt;.scan&lt;dpi&gt;-p&lt;n&gt;.png</c>. The PDF is the source of the scans (as a printed page is),
/// so it is made in a scratch directory when it is not itself requested.
/// </summary>
public static class SampleGenerator
{
    public static IReadOnlyList<string> Run(GeneratorOptions options, TextWriter? log = null)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var written = new List<string>();
        foreach (var seed in options.SeedFiles())
            written.AddRange(Generate(seed, options, log));
        return written;
    }

    public static IReadOnlyList<string> Generate(string seedPath, GeneratorOptions options, TextWriter? log = null)
    {
        var source = SourceDocument.Load(seedPath);
        var outDir = options.OutputDirectory;
        var scratch = Path.Combine(Path.GetTempPath(), "samplegen-" + Guid.NewGuid().ToString("N"));
        var written = new List<string>();
        try
        {
            var needPdf = options.Forms.HasFlag(OutputForms.Pdf) || options.Forms.HasFlag(OutputForms.Scan);
            if (!options.Forms.HasFlag(OutputForms.Docx) && !needPdf) return written;

            var docxDir = options.Forms.HasFlag(OutputForms.Docx) ? outDir : scratch;
            Directory.CreateDirectory(docxDir);
            var docx = Path.Combine(docxDir, source.Name + ".docx");
            DocxWriter.Write(source, docx);
            if (options.Forms.HasFlag(OutputForms.Docx)) written.AddRange(WithTruth(source, "docx", docx));
            log?.WriteLine($"{source.Name}: docx, {source.Tables.Count} tables");
            if (!needPdf) return written;

            var pdf = PdfConverter.Convert(docx, options.Forms.HasFlag(OutputForms.Pdf) ? outDir : scratch);
            if (options.Forms.HasFlag(OutputForms.Pdf)) written.AddRange(WithTruth(source, "pdf", pdf));
            log?.WriteLine($"{source.Name}: pdf");
            if (!options.Forms.HasFlag(OutputForms.Scan)) return written;

            foreach (var dpi in options.Dpis)
            {
                written.AddRange(Scan(source, pdf, dpi, options));
                log?.WriteLine($"{source.Name}: scan at {dpi} dpi");
            }
            return written;
        }
        finally
        {
            PdfConverter.TryDelete(scratch);
        }
    }

    /// <summary>Scans an existing PDF of <paramref name="source"/> at one resolution into page PNGs, a scanned PDF and its truth.</summary>
    public static IReadOnlyList<string> Scan(SourceDocument source, string pdf, int dpi, GeneratorOptions options)
    {
        var name = $"{source.Name}.scan{dpi}";
        var rendered = PageRasterizer.Render(pdf, dpi, options.MaxPages);
        var pages = new List<ScannedPdfWriter.Page>();
        var truthPages = new List<ScanPageTruth>();
        var written = new List<string>();
        for (var i = 0; i < rendered.Count; i++)
        {
            var scanned = ScanSimulator.Distort(rendered[i], i + 1, options.Seed, options.Scan);
            var png = Path.Combine(options.OutputDirectory, $"{name}-p{i + 1}.png");
            File.WriteAllBytes(png, PageImageEncoder.ToPng(scanned.Image));
            written.Add(png);
            pages.Add(new ScannedPdfWriter.Page(scanned.Image, scanned.Jpeg));
            truthPages.Add(new ScanPageTruth(Path.GetFileName(png), scanned.Distortion));
        }
        var scanPdf = Path.Combine(options.OutputDirectory, name + ".pdf");
        ScannedPdfWriter.Write(scanPdf, pages, dpi);
        written.AddRange(WithTruth(source, "scan", scanPdf, new ScanTruth(dpi, options.Seed, truthPages)));
        return written;
    }

    private static string[] WithTruth(SourceDocument source, string form, string file, ScanTruth? scan = null)
    {
        var truth = TruthFile.PathFor(file);
        TruthFile.FromSource(source, form, Path.GetFileName(file), scan).Save(truth);
        return [file, truth];
    }
}
