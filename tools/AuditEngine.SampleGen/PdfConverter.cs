using AuditEngine.Intake;
namespace AuditEngine.SampleGen;

/// <summary>
/// DOCX → digital PDF through LibreOffice headless, the converter closest to what bureaus' "save as PDF" produces
/// and the only one at hand that lays out CJK text and table rulings faithfully.
/// </summary>
public static class PdfConverter
{
    public static string Soffice { get; set; } = "/usr/bin/soffice";
    public static TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Converts <paramref name="docxPath"/> and returns the path of the PDF written into <paramref name="outDir"/>.</summary>
    public static string Convert(string docxPath, string outDir)
    {
        Directory.CreateDirectory(outDir);
        // A private profile per run: LibreOffice refuses to start a second instance on a shared profile, and
        // other conversions (tests, other engineers' tools) may be running at the same time.
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            ExternalTool.RunChecked(Soffice,
                ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", Path.GetFullPath(outDir), Path.GetFullPath(docxPath)],
                Timeout);
        }
        finally
        {
            TryDelete(profile);
        }
        var pdf = Path.Combine(outDir, Path.GetFileNameWithoutExtension(docxPath) + ".pdf");
        // soffice exits 0 even when a conversion fails; the missing file is the only reliable signal.
        if (!File.Exists(pdf)) throw new InvalidOperationException($"LibreOffice wrote no PDF for {docxPath}");
        return pdf;
    }

    /// <summary>
    /// Converts many DOCX files in one LibreOffice run (its start-up dominates a single conversion); returns the PDFs
    /// in the order of <paramref name="docxPaths"/>. The DOCX names must differ.
    /// </summary>
    public static IReadOnlyList<string> ConvertMany(IReadOnlyList<string> docxPaths, string outDir)
    {
        if (docxPaths.Count == 0) return [];
        Directory.CreateDirectory(outDir);
        var pdfs = docxPaths.Select(d => Path.Combine(outDir, Path.GetFileNameWithoutExtension(d) + ".pdf")).ToList();
        // A long run now and then stops part way (soffice still exits 0): the files it left are converted in another run.
        for (var round = 0; round < 3; round++)
        {
            var left = docxPaths.Where((_, i) => !File.Exists(pdfs[i])).ToList();
            if (left.Count == 0) return pdfs;
            RunOnce(left, outDir);
        }
        if (pdfs.FirstOrDefault(p => !File.Exists(p)) is { } missing)
            throw new InvalidOperationException($"LibreOffice wrote no PDF {missing}");
        return pdfs;
    }

    private static void RunOnce(IReadOnlyList<string> docxPaths, string outDir)
    {
        var profile = Path.Combine(Path.GetTempPath(), "lo-" + Guid.NewGuid().ToString("N"));
        try
        {
            ExternalTool.RunChecked(Soffice,
                ["-env:UserInstallation=" + new Uri(profile).AbsoluteUri, "--headless", "--norestore",
                 "--convert-to", "pdf", "--outdir", Path.GetFullPath(outDir), .. docxPaths.Select(Path.GetFullPath)],
                Timeout * Math.Max(1, docxPaths.Count / 10.0));
        }
        finally
        {
            TryDelete(profile);
        }
    }

    internal static void TryDelete(string directory)
    {
        try { if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
