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

    /// <summary>
    /// Orders findings that come in another order (the findings export reads them from the store in the list's sort)
    /// as <see cref="FindingRows.Of"/> orders a report: documents in the order of their first finding, each document's
    /// findings worst first, then by category, ties as they came. The findings of one document share one
    /// <see cref="DocumentResult"/> instance (its own findings list is not read). Each row is written as its finding
    /// comes, into one buffer, and only its place is kept, so no finding outlives its row (a batch's 9,200 findings and
    /// their evidence were the export's garbage collections). The caller copies the rows out in order, to a response
    /// body for instance, without a second buffer of the whole file.
    /// </summary>
    public static ReportOrderedRows OrderRows(IEnumerable<(DocumentResult Document, Finding Finding)> findings)
    {
        var body = new MemoryStream();
        var places = new List<RowPlace>();
        var documents = new Dictionary<DocumentResult, int>(ReferenceEqualityComparer.Instance);
        using (var writer = new StreamWriter(body, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: true))
        {
            foreach (var (document, finding) in findings)
            {
                if (!documents.TryGetValue(document, out var index)) documents[document] = index = documents.Count;
                var start = body.Position;
                WriteRow(writer, new FindingRows.Row(document, finding, ReportText.DescribeAll(finding.Evidence)));
                writer.Flush();
                places.Add(new RowPlace(index, finding.Severity, ReportText.CategoryOrder(finding.Category), places.Count,
                    start, (int)(body.Position - start)));
            }
        }
        places.Sort();
        var header = new MemoryStream();
        using (var writer = new StreamWriter(header, Utf8WithBom, leaveOpen: true)) WriteLine(writer, FindingRows.Keys);
        var bytes = body.GetBuffer();
        var segments = new List<ReadOnlyMemory<byte>>(places.Count + 1) { header.ToArray() };
        foreach (var place in places) segments.Add(bytes.AsMemory(checked((int)place.Start), place.Length));
        return new ReportOrderedRows(segments);
    }

    /// <summary>Where a row was written, and its place in the report's order (<see cref="ReportText.Ordered"/> within a document).</summary>
    private readonly record struct RowPlace(int Document, Severity Severity, int Category, int Arrival, long Start, int Length)
        : IComparable<RowPlace>
    {
        public int CompareTo(RowPlace other) =>
            Document != other.Document ? Document.CompareTo(other.Document)
            : Severity != other.Severity ? other.Severity.CompareTo(Severity)
            : Category != other.Category ? Category.CompareTo(other.Category)
            : Arrival.CompareTo(other.Arrival);
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
