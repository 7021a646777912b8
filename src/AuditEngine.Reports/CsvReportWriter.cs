using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>
/// One row per finding, RFC 4180 quoting, CRLF line ends, UTF-8 with a byte-order mark: without the BOM Excel
/// decodes the file in the local ANSI code page and the Chinese text turns to mojibake.
/// Unreadable documents have no findings and so no rows; the JSON, HTML and XLSX reports list them.
/// </summary>
public sealed class CsvReportWriter : IReportWriter
{
    public ReportFormat Format => ReportFormat.Csv;

    public void Write(IReadOnlyList<DocumentResult> results, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        WriteLine(writer, FindingRows.Keys);
        foreach (var row in FindingRows.Of(results))
        {
            WriteLine(writer,
            [
                row.Document.Source, row.Document.Department ?? "", row.Year, row.Document.DocumentType.Code(),
                row.Finding.RuleId, row.Finding.RuleName, row.Finding.Category,
                ReportText.SeverityCode(row.Finding.Severity), row.Finding.Message,
                ReportText.Number(row.Finding.Expected), ReportText.Number(row.Finding.Actual), row.Evidence,
                row.Review.State.Code(), row.Review.Reviewer ?? "", row.ReviewedAt, row.Review.Reason ?? "", row.Review.Comment ?? "",
            ]);
        }
        writer.Flush();
    }

    private static void WriteLine(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Quote(fields[i]));
        }
        writer.Write("\r\n");
    }

    /// <summary>Quotes a field when it holds a separator, a quote or a line break; quotes inside are doubled.</summary>
    public static string Quote(string field)
    {
        if (field.IndexOfAny([',', '"', '\r', '\n']) < 0) return field;
        return "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
