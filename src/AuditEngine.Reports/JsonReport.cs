using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>
/// The JSON report: the contract other tools read (see docs/report-format.md). Contract fields are always present,
/// null when unknown, so consumers can rely on their shape; fields may be added but never renamed or removed.
/// </summary>
public static class JsonReport
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Reviewers read the file too: keep Chinese as is instead of \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Write(IReadOnlyList<DocumentResult> results, Stream output, ReportInfo info)
    {
        var file = new ReportFileDto(
            info.GeneratedAt, info.RuleSetVersion, SummaryDto.Of(results), results.Select(DocumentDto.Of).ToList());
        JsonSerializer.Serialize(output, file, Options);
        output.Flush();
    }

    /// <summary>Reads a report written by <see cref="Write"/> (or by any tool that follows the contract).</summary>
    public static JsonReportFile Read(Stream input)
    {
        var file = JsonSerializer.Deserialize<ReportFileDto>(input, Options)
                   ?? throw new JsonException("报告为空：缺少 documents");
        return new JsonReportFile(file.GeneratedAt, file.RuleSetVersion,
            (file.Documents ?? []).Select(d => d.ToResult()).ToList());
    }

    internal sealed record ReportFileDto(
        DateTimeOffset GeneratedAt, string? RuleSetVersion, SummaryDto? Summary, List<DocumentDto>? Documents);

    internal sealed record SummaryDto(int Documents, int Unreadable, int Findings, int Errors, int Warnings, int Infos)
    {
        public static SummaryDto Of(IReadOnlyList<DocumentResult> results) => new(
            results.Count,
            results.Count(r => r.Status != ResultStatus.Ok),
            results.Sum(r => r.Findings.Count),
            results.Sum(r => r.Count(Severity.Error)),
            results.Sum(r => r.Count(Severity.Warning)),
            results.Sum(r => r.Count(Severity.Info)));
    }

    internal sealed record CountsDto(int Findings, int Errors, int Warnings, int Infos)
    {
        public static CountsDto Of(DocumentResult r) =>
            new(r.Findings.Count, r.Count(Severity.Error), r.Count(Severity.Warning), r.Count(Severity.Info));
    }

    /// <param name="DocumentType">The type's stable code (<see cref="DocumentTypes.Code"/>), "unknown" when not recognised.</param>
    /// <param name="DocumentTypeName">The type's Chinese name, for people reading the file.</param>
    internal sealed record DocumentDto(
        string? Source, string? Department, int? Year, string? DocumentType, string? DocumentTypeName, string? Status, string? Error,
        List<TableDto>? Tables, List<FindingDto>? Findings, CountsDto? Summary, double ElapsedSeconds)
    {
        public static DocumentDto Of(DocumentResult r) => new(
            r.Source, r.Department, r.Year, r.DocumentType.Code(), r.DocumentType.Chinese(), r.Status.Code(), r.Error,
            r.Tables.Select(t => new TableDto(t.Kind, t.Title, t.Page, t.Line, t.Rows)).ToList(),
            r.Findings.Select(FindingDto.Of).ToList(),
            CountsDto.Of(r),
            Math.Round(r.ElapsedSeconds, 3));

        public DocumentResult ToResult() => new()
        {
            // Other tools may omit fields they have no value for; read those as empty rather than fail.
            Source = Source ?? "",
            Department = Department,
            Year = Year,
            DocumentType = ReadType(),
            Status = Status == ResultStatus.Error.Code() ? ResultStatus.Error : ResultStatus.Ok,
            Error = Error,
            ElapsedSeconds = ElapsedSeconds,
            Tables = (Tables ?? []).Select(t => new TableSummary(t.Kind, t.Title, t.Page, t.Line, t.Rows)).ToList(),
            Findings = (Findings ?? []).Select(f => f.ToFinding()).ToList(),
        };

        /// <summary>
        /// The code decides; a tool that wrote only the Chinese name is understood too. A report older than the field,
        /// or a type this version does not know, reads as Unknown rather than failing the whole file.
        /// </summary>
        private DocumentType ReadType() =>
            DocumentTypes.TryParse(DocumentType, out var type) || DocumentTypes.TryParse(DocumentTypeName, out type)
                ? type : Model.DocumentType.Unknown;
    }

    internal sealed record TableDto(string Kind, string Title, int? Page, int? Line, int Rows);

    internal sealed record FindingDto(
        string RuleId, string? RuleName, string Category, string CategoryName, string Severity, string Message,
        List<EvidenceDto>? Evidence, decimal? Expected, decimal? Actual, ReviewDto? Review = null)
    {
        public static FindingDto Of(Finding f) => new(
            f.RuleId, f.RuleName, f.Category, ReportText.CategoryChinese(f.Category), ReportText.SeverityCode(f.Severity),
            f.Message, f.Evidence.Select(EvidenceDto.Of).ToList(), f.Expected, f.Actual, ReviewDto.Of(f.Review));

        public Finding ToFinding() => new()
        {
            RuleId = RuleId,
            RuleName = RuleName ?? RuleId,
            Category = Category,
            Severity = ReportText.TryParseSeverity(Severity, out var s) ? s
                : throw new JsonException($"未知的严重程度：{Severity}（规则 {RuleId}）"),
            Message = Message,
            Evidence = (Evidence ?? []).Select(e => e.ToEvidence()).ToList(),
            Expected = Expected,
            Actual = Actual,
            // Reports older than the review field read as open.
            Review = Review?.ToReview() ?? FindingReview.None,
        };
    }

    /// <param name="Status">open, confirmed or dismissed.</param>
    /// <param name="StatusName">The status in Chinese: 待审核, 已确认, 已排除.</param>
    internal sealed record ReviewDto(string Status, string StatusName, string? Reviewer, DateTimeOffset? At, string? Reason, string? Comment)
    {
        public static ReviewDto Of(FindingReview r) => new(r.State.Code(), r.State.Chinese(), r.Reviewer, r.At, r.Reason, r.Comment);

        public FindingReview ToReview() => new(
            ReviewStates.TryParse(Status, out var state) || ReviewStates.TryParse(StatusName, out state) ? state
                : throw new JsonException($"未知的审核状态：{Status}"),
            Reviewer, At, Reason, Comment);
    }

    internal sealed record EvidenceDto(
        int? Page, string? Table, int? Row, string? Column, string? Value, int? Line, double Confidence, string? Crop = null)
    {
        public static EvidenceDto Of(Evidence e) => new(e.Page, e.Table, e.Row, e.Column, e.Value, e.Line, e.Confidence, e.Crop);
        public Evidence ToEvidence() => new(Page, Line, Table, Row, Column, Value, Confidence == 0 ? 1.0 : Confidence, Crop);
    }
}

/// <summary>A JSON report as read back.</summary>
public sealed record JsonReportFile(DateTimeOffset GeneratedAt, string? RuleSetVersion, IReadOnlyList<DocumentResult> Documents);

public sealed class JsonReportWriter(ReportInfo info) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Json;
    public void Write(IReadOnlyList<DocumentResult> results, Stream output) => JsonReport.Write(results, output, info);
}
