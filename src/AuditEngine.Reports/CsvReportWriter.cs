using System.Buffers;
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
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public ReportFormat Format => ReportFormat.Csv;

    public void Write(IReadOnlyList<DocumentResult> results, Stream output) => WriteRows(FindingRows.Of(results), output);

    /// <summary>
    /// Writes rows as they come, each field straight into one buffered UTF-8 writer (no string per quoted field or
    /// line): the findings export passes a batch's 9,200 stored findings here.
    /// </summary>
    public static void WriteRows(IEnumerable<FindingRows.Row> rows, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        WriteLine(writer, FindingRows.Keys);
        foreach (var row in rows)
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
            WriteField(writer, fields[i]);
        }
        writer.Write("\r\n");
    }

    /// <summary>Writes a field as <see cref="Quote"/> gives it, without building the quoted string.</summary>
    private static void WriteField(TextWriter writer, string field)
    {
        var rest = field.AsSpan();
        if (rest.IndexOfAny(NeedsQuotes) < 0)
        {
            writer.Write(rest);
            return;
        }
        writer.Write('"');
        for (var i = rest.IndexOf('"'); i >= 0; i = rest.IndexOf('"'))
        {
            writer.Write(rest[..(i + 1)]);
            writer.Write('"');
            rest = rest[(i + 1)..];
        }
        writer.Write(rest);
        writer.Write('"');
    }

    /// <summary>Quotes a field when it holds a separator, a quote or a line break; quotes inside are doubled.</summary>
    public static string Quote(string field)
    {
        if (field.AsSpan().IndexOfAny(NeedsQuotes) < 0) return field;
        return "\"" + field.Replace("\"", "\"\"") + "\"";
    }
}
