using AuditEngine.Intake.Providers;
using AuditEngine.Pipeline;
using AuditEngine.Reports.Pdf;
using AuditEngine.Rules;

namespace AuditEngine.Cli;

/// <summary>`auditengine annotate file.pdf --out out.pdf`: audits one PDF (or PNG/JPEG image) and writes it as a PDF with its findings outlined.</summary>
internal static class AnnotateCommand
{
    public static int Run(CommandLine line, RuleSet rules, ILayoutProvider scans, CliConsole console)
    {
        var input = line.Inputs[0];
        byte[] source;
        try { source = File.ReadAllBytes(input); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"无法读取 unreadable: {input}: {e.Message}");
            return ExitCodes.Failure;
        }
        if (!SourcePdfAnnotator.CanAnnotate(source))
        {
            console.Error.WriteLine($"auditengine: {input} 不是 PDF 或 PNG/JPEG 图片；原件批注只适用于 PDF 与图片 / only PDFs and PNG/JPEG images can be annotated");
            return ExitCodes.Failure;
        }

        var pipeline = new AuditPipeline(rules) { MaxDegreeOfParallelism = 1, LayoutProvider = scans };
        var (result, layout) = pipeline.AuditOne(source, input);
        // The page sizes intake measured place the boxes on an image; the page images themselves are not needed.
        var pages = layout?.Pages.ToDictionary(p => p.Number, p => new PageGeometry(p.Width, p.Height, p.SkewDegrees));
        if (result.Status != AuditEngine.Model.ResultStatus.Ok)
        {
            console.Error.WriteLine($"无法读取 unreadable: {result.Error}");
            return ExitCodes.Failure;
        }

        AnnotatedPdf annotated;
        try { annotated = SourcePdfAnnotator.Annotate(source, result.Findings, pages); }
        catch (PdfOutputException e)
        {
            console.Error.WriteLine($"auditengine: {e.Message}");
            return ExitCodes.Failure;
        }

        if (line.Outputs.Count == 0)
        {
            using var stdout = console.OpenStandardOutput();
            stdout.Write(annotated.Content);
        }
        else
        {
            var path = line.Outputs[0];
            try
            {
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null) Directory.CreateDirectory(folder);
                File.WriteAllBytes(path, annotated.Content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"auditengine: 无法写入 cannot write {path}: {e.Message}");
                return ExitCodes.Failure;
            }
        }
        console.Error.WriteLine(CliApp.Summary([result]));
        console.Error.WriteLine($"批注 annotated: {annotated.Pages} 页，红框 {annotated.Outlined} 处，说明 {annotated.Notes} 条"
                                + (line.Outputs.Count > 0 ? $" → {line.Outputs[0]}" : ""));
        return ExitCodes.Clean;
    }
}
