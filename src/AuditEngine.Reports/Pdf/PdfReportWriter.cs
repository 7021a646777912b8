namespace AuditEngine.Reports.Pdf;

/// <summary>The PDF report: <see cref="PdfReportHtml"/>'s print layout printed by headless Chromium.</summary>
public sealed class PdfReportWriter(ReportInfo info) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Pdf;

    public void Write(IReadOnlyList<Model.DocumentResult> results, Stream output)
    {
        output.Write(Chromium.PrintToPdf(PdfReportHtml.Build(results, info)));
        output.Flush();
    }
}
