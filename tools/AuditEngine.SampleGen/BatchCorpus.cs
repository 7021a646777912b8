using AuditEngine.Model;

namespace AuditEngine.SampleGen;

/// <summary>
/// A batch of distinct digital disclosures for throughput tests and benchmarks: the seeds in turn, each copy with its
/// own closing paragraph (材料编号) so no two files share a content hash, written as DOCX and, when asked, as digital PDF
/// through LibreOffice (all PDFs in one soffice run, which costs far less than one run per file).
/// </summary>
public static class BatchCorpus
{
    /// <param name="seeds">Seed files (or folders of them), taken in turn.</param>
    /// <param name="count">Files to write.</param>
    /// <param name="pdfShare">Fraction of the files written as digital PDF instead of DOCX (0 = DOCX only).</param>
    /// <returns>The files written, in order.</returns>
    public static IReadOnlyList<string> Write(IReadOnlyList<string> seeds, int count, string outputDirectory, double pdfShare = 0,
        string tag = "batch", TextWriter? log = null)
    {
        var seedFiles = new GeneratorOptions { OutputDirectory = outputDirectory, Seeds = seeds }.SeedFiles().ToList();
        if (seedFiles.Count == 0) throw new ArgumentException("no seed files in " + string.Join(", ", seeds));
        var sources = seedFiles.Select(SourceDocument.Load).ToList();
        Directory.CreateDirectory(outputDirectory);
        var scratch = Path.Combine(Path.GetTempPath(), "batchcorpus-" + Guid.NewGuid().ToString("N"));
        var pdfEvery = pdfShare <= 0 ? int.MaxValue : Math.Max(1, (int)Math.Round(1 / Math.Min(1, pdfShare)));
        var written = new string[count];
        var toConvert = new List<(int Index, string Docx)>();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var source = sources[i % sources.Count];
                var name = $"{tag}-{i + 1:D4}-{source.Name}";
                var asPdf = (i + 1) % pdfEvery == 0;
                var docx = Path.Combine(asPdf ? scratch : outputDirectory, name + ".docx");
                Directory.CreateDirectory(Path.GetDirectoryName(docx)!);
                var note = new Paragraph { Text = $"材料编号：{tag.ToUpperInvariant()}-{i + 1:D4}" };
                source.Layout.Blocks.Add(note);
                try { DocxWriter.Write(source, docx); }
                finally { source.Layout.Blocks.Remove(note); }
                if (asPdf) toConvert.Add((i, docx));
                else written[i] = docx;
            }
            if (toConvert.Count > 0)
            {
                log?.WriteLine($"converting {toConvert.Count} DOCX to PDF with LibreOffice…");
                foreach (var (index, pdf) in PdfConverter.ConvertMany(toConvert.Select(c => c.Docx).ToList(), outputDirectory)
                             .Select((pdf, k) => (toConvert[k].Index, pdf)))
                    written[index] = pdf;
            }
            return written;
        }
        finally
        {
            PdfConverter.TryDelete(scratch);
        }
    }
}
