namespace AuditEngine.Reports;

/// <summary>The report formats the engine writes.</summary>
public enum ReportFormat { Json, Html, Csv, Xlsx, Pdf }

public static class ReportFormats
{
    /// <summary>Parses a format name (json, html, csv, xlsx, pdf), case-insensitively; "htm" is accepted for html.</summary>
    public static bool TryParse(string? text, out ReportFormat format)
    {
        switch (text?.Trim().TrimStart('.').ToLowerInvariant())
        {
            case "json": format = ReportFormat.Json; return true;
            case "html" or "htm": format = ReportFormat.Html; return true;
            case "csv": format = ReportFormat.Csv; return true;
            case "xlsx": format = ReportFormat.Xlsx; return true;
            case "pdf": format = ReportFormat.Pdf; return true;
            default: format = ReportFormat.Json; return false;
        }
    }

    /// <summary>The format a file name implies by its extension, or null when the extension is not a report format.</summary>
    public static ReportFormat? FromPath(string path) =>
        TryParse(Path.GetExtension(path), out var format) ? format : null;

    public static string Extension(this ReportFormat format) => format switch
    {
        ReportFormat.Json => ".json",
        ReportFormat.Html => ".html",
        ReportFormat.Csv => ".csv",
        ReportFormat.Xlsx => ".xlsx",
        ReportFormat.Pdf => ".pdf",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string Name(this ReportFormat format) => format.ToString().ToLowerInvariant();
}
