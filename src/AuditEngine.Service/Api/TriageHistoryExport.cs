using System.Text;
using System.Text.Json;
using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>A format the triage history is exported in.</summary>
public interface ITriageHistoryWriter
{
    string ContentType { get; }
    string Extension { get; }
    void Write(IReadOnlyList<TriageEvent> events, Stream output);
}

/// <summary>One decision as the JSON export carries it (docs/api.md).</summary>
public sealed record TriageEventDto(
    long EventId, DateTimeOffset At, long? FindingId, long DocumentId, long BatchId, string FileName, string? RuleId, string? Message,
    string Action, string ActionName, string FromStatus, string FromStatusName, string ToStatus, string ToStatusName,
    string User, string? Reason, string? Comment)
{
    public static TriageEventDto Of(TriageEvent e) => new(
        e.EventId, e.At, e.FindingId, e.DocumentId, e.BatchId, e.FileName, e.RuleId, e.Message, e.Action,
        TriageHistoryExport.ActionChinese(e.Action), e.From.Code(), e.From.Chinese(), e.To.Code(), e.To.Chinese(), e.User, e.Reason, e.Comment);
}

public static class TriageHistoryExport
{
    public static ITriageHistoryWriter? For(string format) => format.ToLowerInvariant() switch
    {
        "csv" => new CsvTriageHistoryWriter(),
        "json" => new JsonTriageHistoryWriter(),
        _ => null,
    };

    /// <summary>The dashboard's words for the actions (js/util.js ACTION_NAMES).</summary>
    public static string ActionChinese(string action) => action switch
    {
        "confirm" => "确认",
        "dismiss" => "排除",
        "reopen" => "重新打开",
        "comment" => "评论",
        _ => action,
    };
}

/// <summary>
/// The CSV report's conventions (UTF-8 with BOM for Excel, RFC 4180 quoting, CRLF), machine codes for action and
/// states like the findings CSV, times to the second with their offset.
/// </summary>
public sealed class CsvTriageHistoryWriter : ITriageHistoryWriter
{
    public static readonly IReadOnlyList<string> Keys =
        ["at", "findingId", "documentId", "batchId", "fileName", "ruleId", "message", "action", "fromStatus", "toStatus", "user", "reason", "comment"];

    public string ContentType => "text/csv; charset=utf-8";
    public string Extension => "csv";

    public void Write(IReadOnlyList<TriageEvent> events, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        Line(writer, Keys);
        foreach (var e in events)
        {
            Line(writer,
            [
                ReportText.Time(e.At), e.FindingId?.ToString() ?? "", e.DocumentId.ToString(), e.BatchId.ToString(), e.FileName,
                e.RuleId ?? "", e.Message ?? "", e.Action, e.From.Code(), e.To.Code(), e.User, e.Reason ?? "", e.Comment ?? "",
            ]);
        }
        writer.Flush();
    }

    private static void Line(TextWriter writer, IReadOnlyList<string> fields)
    {
        writer.Write(string.Join(',', fields.Select(CsvReportWriter.Quote)));
        writer.Write("\r\n");
    }
}

public sealed class JsonTriageHistoryWriter : ITriageHistoryWriter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Reviewers read the file too: Chinese as is, as in the JSON report.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
    };

    public string ContentType => "application/json; charset=utf-8";
    public string Extension => "json";

    public void Write(IReadOnlyList<TriageEvent> events, Stream output)
    {
        JsonSerializer.Serialize(output, events.Select(TriageEventDto.Of).ToList(), Options);
        output.Flush();
    }
}
