using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>The JSON shapes of docs/api.md.</summary>
public sealed record BatchDto(
    long Id, string Name, DateTimeOffset CreatedAt, string CreatedBy, string Source, string Status, int Total, int Queued,
    int Processing, int Done, int Failed, int Errors, int Warnings, int Infos,
    IReadOnlyList<DocumentDto>? Documents = null, IReadOnlyList<RefusedDto>? Refused = null)
{
    public static BatchDto Of(BatchRecord b, IReadOnlyList<DocumentDto>? documents = null, IReadOnlyList<RefusedDto>? refused = null) => new(
        b.Id, b.Name, b.CreatedAt, b.CreatedBy, b.Source, b.Status, b.Total, b.Queued, b.Processing, b.Done, b.Failed,
        b.Errors, b.Warnings, b.Infos, documents, refused);
}

public sealed record RefusedDto(string Name, string Reason);

public sealed record PageDto(int Number, double Width, double Height, bool Scanned);

public sealed record TableDto(string Kind, string Title, int? Page, int? Line, int Rows);

/// <param name="DocumentType">The report contract's code (docs/report-format.md), "unknown" until audited.</param>
/// <param name="DocumentTypeName">The type in Chinese: 部门预算, 部门决算 … 未识别.</param>
public sealed record DocumentDto(
    long Id, long BatchId, string FileName, string Sha256, long Size, string Status, string? Error, string? Department,
    int? Year, string DocumentType, string DocumentTypeName, string? RuleSetVersion, DateTimeOffset? AuditedAt, double ElapsedSeconds, int Errors, int Warnings, int Infos,
    IReadOnlyList<FindingDto>? Findings = null, IReadOnlyList<TableDto>? Tables = null, IReadOnlyList<PageDto>? Pages = null)
{
    public static DocumentDto Of(DocumentRecord d, IReadOnlyList<FindingDto>? findings = null, IReadOnlyList<TableDto>? tables = null,
        IReadOnlyList<PageDto>? pages = null) => new(
        d.Id, d.BatchId, d.FileName, d.Sha256, d.Size, d.Status.Code(), d.Error, d.Department, d.Year, d.DocumentType.Code(),
        d.DocumentType.Chinese(), d.RuleSetVersion, d.AuditedAt,
        Math.Round(d.ElapsedSeconds, 3), d.Errors, d.Warnings, d.Infos, findings, tables, pages);
}

public sealed record BoxDto(double Left, double Top, double Right, double Bottom);

public sealed record EvidenceDto(
    int? Page, string? Table, int? Row, string? Column, string? Value, int? Line, double Confidence, string? Crop, BoxDto? Box)
{
    // Line 0 means "no line" (PDF, scans, Office files): the contract says null for unknown.
    public static EvidenceDto Of(Evidence e) => new(e.Page, e.Table, e.Row, e.Column, e.Value, e.Line is > 0 ? e.Line : null, e.Confidence, e.Crop,
        e.Box is { } b ? new BoxDto(Math.Round(b.X, 2), Math.Round(b.Y, 2), Math.Round(b.X + b.Width, 2), Math.Round(b.Y + b.Height, 2)) : null);
}

public sealed record ReviewDto(string Status, string? Reason, string? Comment, string? User, DateTimeOffset? At);

public sealed record FindingDto(
    long Id, long DocumentId, long BatchId, string FileName, string? Department, int? Year, string DocumentType,
    string DocumentTypeName, string RuleId, string RuleName,
    string Category, string CategoryName, string Severity, string Message, IReadOnlyList<EvidenceDto> Evidence,
    decimal? Expected, decimal? Actual, ReviewDto Review)
{
    public static FindingDto Of(StoredFinding s)
    {
        var f = s.Finding;
        return new FindingDto(s.Id, s.DocumentId, s.BatchId, s.FileName, s.Department, s.Year, s.DocumentType.Code(),
            s.DocumentType.Chinese(), f.RuleId, f.RuleName, f.Category,
            ReportText.CategoryChinese(f.Category), ReportText.SeverityCode(f.Severity), f.Message,
            f.Evidence.Select(EvidenceDto.Of).ToList(), f.Expected, f.Actual,
            new ReviewDto(s.Review.Status, s.Review.Reason, s.Review.Comment, s.Review.User, s.Review.At));
    }
}

public sealed record ListDto<T>(int Total, IReadOnlyList<T> Items);

public sealed record ErrorDto(string Error);

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed record UserDto(string UserName, string DisplayName, string Role, bool Disabled)
{
    public static UserDto Of(UserAccount u) => new(u.UserName, u.DisplayName, u.Role.Name(), u.Disabled);
}

/// <param name="State">active, expired or revoked.</param>
public sealed record ApiKeyDto(long Id, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, string State)
{
    public static ApiKeyDto Of(ApiKeyRecord k, DateTimeOffset now) =>
        new(k.Id, k.UserName, k.Name, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.StateAt(now).ToString().ToLowerInvariant());
}

public sealed record MeDto(string UserName, string DisplayName, string Role, string Organisation);

public sealed record ReviewRequest(string? Action, string? Reason, string? Comment);

public sealed record ReviewEventDto(string Action, string? Reason, string? Comment, string User, DateTimeOffset At);

/// <param name="Severity">info, warning or error; for a rule whose severity is an expression, the worst it can give.</param>
/// <param name="SeverityExpression">The expression, when the severity depends on the figures (e.g. 尾差 → info).</param>
public sealed record RuleDto(
    string Id, string Name, string Category, string CategoryName, string Severity, string? SeverityExpression, string Title,
    string Description, string File, bool Enabled, int Hits, string? Json = null);
