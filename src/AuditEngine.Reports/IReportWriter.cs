using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>Writes audit results in one format. Writers leave the stream open.</summary>
public interface IReportWriter
{
    ReportFormat Format { get; }
    void Write(IReadOnlyList<DocumentResult> results, Stream output);
}

/// <summary>Picks a writer by format or by the extension of the file it will write.</summary>
public static class ReportWriters
{
    public static IReportWriter For(ReportFormat format, ReportInfo? info = null)
    {
        info ??= ReportInfo.Now();
        return format switch
        {
            ReportFormat.Json => new JsonReportWriter(info),
            ReportFormat.Html => new HtmlReportWriter(info),
            ReportFormat.Csv => new CsvReportWriter(),
            ReportFormat.Xlsx => new XlsxReportWriter(),
            ReportFormat.Pdf => new Pdf.PdfReportWriter(info),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };
    }

    /// <summary>The writer for a path's extension; JSON when the extension names no report format.</summary>
    public static IReportWriter ForPath(string path, ReportInfo? info = null) =>
        For(ReportFormats.FromPath(path) ?? ReportFormat.Json, info);
}
