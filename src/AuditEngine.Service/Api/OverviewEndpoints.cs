using System.Globalization;
using System.Text;
using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Service.Access;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>One upload of a disclosure as the overview lists it.</summary>
public sealed record DisclosureVersionDto(
    long DocumentId, long BatchId, string FileName, DateTimeOffset CreatedAt, DateTimeOffset? AuditedAt, int Errors, int Warnings,
    int Infos, decimal? Total, decimal? SanGong, decimal? OperatingCost)
{
    public static DisclosureVersionDto Of(DisclosureVersion v) => new(
        v.DocumentId, v.BatchId, v.FileName, v.CreatedAt, v.AuditedAt, v.Errors, v.Warnings, v.Infos, v.Figures.Total,
        v.Figures.SanGong, v.Figures.OperatingCost);
}

/// <summary>
/// One disclosure (department, year, type): the latest upload's counts and figures (万元), how many uploads it has and
/// the earlier ones, and the change against the same department's disclosure of the year before.
/// </summary>
public sealed record DisclosureDto(
    string Department, int Year, string DocumentType, string DocumentTypeName, long DocumentId, long BatchId, string FileName,
    DateTimeOffset? AuditedAt, int Errors, int Warnings, int Infos, decimal? Total, decimal? SanGong, decimal? OperatingCost,
    int Versions, IReadOnlyList<DisclosureVersionDto> Earlier, DisclosureVersionDto? PreviousYear,
    decimal? TotalChange, decimal? SanGongChange, decimal? SanGongChangeRate, decimal? OperatingCostChange, int? ErrorsChange)
{
    /// <param name="withVersions">List the earlier uploads (else <see cref="Earlier"/> is empty and only
    /// <see cref="Versions"/> counts them).</param>
    public static DisclosureDto Of(DisclosureSummary s, bool withVersions) => new(
        s.Key.Department, s.Key.Year, s.Key.Type.Code(), s.Key.Type.Chinese(), s.Latest.DocumentId, s.Latest.BatchId,
        s.Latest.FileName, s.Latest.AuditedAt, s.Latest.Errors, s.Latest.Warnings, s.Latest.Infos, s.Latest.Figures.Total,
        s.Latest.Figures.SanGong, s.Latest.Figures.OperatingCost, s.Versions,
        withVersions ? s.Earlier.Select(DisclosureVersionDto.Of).ToList() : [],
        s.PreviousYear is { } p ? DisclosureVersionDto.Of(p) : null, s.TotalChange, s.SanGongChange, s.SanGongChangeRate,
        s.OperatingCostChange, s.ErrorsChange);
}

public sealed record DepartmentRowDto(string Department, int Errors, int Warnings, IReadOnlyList<DisclosureDto> Disclosures);

public sealed record DocumentTypeDto(string Code, string Name);

/// <param name="SanGongGrowth">The largest 三公 increases against the year before, largest first.</param>
/// <param name="ErrorsRose">Disclosures with more errors than the same department's year before, most added first.</param>
public sealed record OverviewOutliersDto(IReadOnlyList<DisclosureDto> SanGongGrowth, IReadOnlyList<DisclosureDto> ErrorsRose);

/// <param name="Total">Departments matching the filter; <paramref name="Departments"/> is one page of them, by name.</param>
/// <param name="Uploads">Audited uploads the disclosures come from; more than <paramref name="Disclosures"/> when some were uploaded again.</param>
public sealed record DepartmentOverviewDto(
    IReadOnlyList<int> Years, IReadOnlyList<DocumentTypeDto> Types, int Total, IReadOnlyList<DepartmentRowDto> Departments,
    OverviewOutliersDto Outliers, int Disclosures, int Uploads, int Duplicated);

public static class OverviewEndpoints
{
    /// <summary>How many disclosures each outlier list names at most.</summary>
    public const int OutlierCount = 10;

    public static void MapOverviewEndpoints(this IEndpointRouteBuilder app)
    {
        var overview = app.MapGroup("/api/overview").WithTags("overview").RequireAuthorization(AccessPolicies.Read);

        overview.MapGet("/departments", (HttpContext http, OverviewCache overviews, string? type, string? q, int? limit, int? offset) =>
        {
            if (!TryType(type, out var documentType)) return UnknownType(type);
            var grid = overviews.Get(http.User.Caller().OrganisationId).Grid(documentType);
            return Results.Ok(grid.Page(q, Math.Clamp(limit ?? 100, 1, 1000), Math.Max(offset ?? 0, 0)));
        }).WithSummary("部门 × 年度 Departments across years: one entry per disclosure (department, year, type), latest upload's counts and figures, year-over-year change, outliers; departments paged by name (q: part of the name)");

        overview.MapGet("/disclosure", (HttpContext http, OverviewCache overviews, string? department, int? year, string? type) =>
        {
            if (string.IsNullOrWhiteSpace(department) || year is null || !DocumentTypes.TryParse(type, out var documentType))
                return Results.Json(new ErrorDto("请给出部门、年度和文件类型（department, year, type）"), statusCode: 400);
            var summary = overviews.Get(http.User.Caller().OrganisationId).Find(new DisclosureKey(department, year.Value, documentType));
            return summary is null ? BatchEndpoints.NotFound("公开文件") : Results.Ok(DisclosureDto.Of(summary, withVersions: true));
        }).WithSummary("一份公开文件及其全部版本 One disclosure with every upload of it (latest first) and the year before");

        overview.MapGet("/departments.csv", (HttpContext http, OverviewCache overviews, string? type) =>
        {
            if (!TryType(type, out var documentType)) return UnknownType(type);
            var csv = overviews.Get(http.User.Caller().OrganisationId).Grid(documentType).Csv();
            return Results.File(csv, "text/csv; charset=utf-8", "departments-by-year.csv");
        }).WithSummary("部门 × 年度 CSV: one row per disclosure");
    }

    private static bool TryType(string? text, out DocumentType? type)
    {
        type = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DocumentTypes.TryParse(text, out var parsed)) return false;
        type = parsed;
        return true;
    }

    private static IResult UnknownType(string? type) => Results.Json(new ErrorDto($"未知的文件类型：{type}"), statusCode: 400);
}
