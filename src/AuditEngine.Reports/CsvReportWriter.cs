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
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public ReportFormat Format => ReportFormat.Csv;

    public void Write(IReadOnlyList<DocumentResult> results, Stream output) => WriteRows(FindingRows.Of(results), output);

    /// <summary>
    /// Writes rows as they come, each field straight into one buffered UTF-8 writer (no string per quoted field or
    /// line).
    /// </summary>
    public static void WriteRows(IEnumerable<FindingRows.Row> rows, Stream output)
    {
        using var writer = new StreamWriter(output, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        WriteLine(writer, FindingRows.Keys);
        foreach (var row in rows) WriteRow(writer, row);
        writer.Flush();
    }

    /// <summary>The header line with the byte-order mark: the first bytes of a findings export.</summary>
    public static byte[] HeaderLine()
    {
        var header = new MemoryStream();
        using (var writer = new StreamWriter(header, Utf8WithBom, leaveOpen: true)) WriteLine(writer, FindingRows.Keys);
        return header.ToArray();
    }

    /// <summary>
    /// Writes each finding's row as it comes into one buffer and keeps only the row's bytes and what orders it in the
    /// export (<see cref="CsvExportRows"/>), so no finding outlives its row (a batch's 9,200 findings and their evidence
    /// were the export's garbage collections). The findings of one document share one <see cref="DocumentResult"/>
    /// (its own findings list is not read); <paramref name="findings"/> carry the store's finding and document ids.
    /// </summary>
    public static List<CsvExportRow> WriteExportRows(IEnumerable<(long Id, long DocumentId, DocumentResult Document, Finding Finding)> findings)
    {
        var body = new MemoryStream();
        var rows = new List<(long Id, long Document, Severity Severity, int Category, long Start, int Length)>();
        using (var writer = new StreamWriter(body, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true))
        {
            foreach (var (id, documentId, document, finding) in findings)
            {
                var start = body.Position;
                WriteRow(writer, new FindingRows.Row(document, finding, ReportText.DescribeAll(finding.Evidence)));
                writer.Flush();
                rows.Add((id, documentId, finding.Severity, ReportText.CategoryOrder(finding.Category), start, (int)(body.Position - start)));
            }
        }
        var bytes = body.GetBuffer();
        return rows.Select(r => new CsvExportRow(r.Id, r.Document, r.Severity, r.Category, bytes.AsMemory(checked((int)r.Start), r.Length))).ToList();
    }

    private static void WriteRow(TextWriter writer, FindingRows.Row row) =>
        WriteLine(writer,
        [
            row.Document.Source, row.Document.Department ?? "", row.Year, row.Document.DocumentType.Code(),
            row.Finding.RuleId, row.Finding.RuleName, row.Finding.Category,
            ReportText.SeverityCode(row.Finding.Severity), row.Finding.Message,
            ReportText.Number(row.Finding.Expected), ReportText.Number(row.Finding.Actual), row.Evidence,
            row.Review.State.Code(), row.Review.Reviewer ?? "", row.ReviewedAt, row.Review.Reason ?? "", row.Review.Comment ?? "",
        ]);

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
