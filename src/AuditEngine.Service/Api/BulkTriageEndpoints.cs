using System.Text.Json;
using AuditEngine.Service.Access;
using AuditEngine.Storage;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace AuditEngine.Service.Api;

/// <summary>POST /api/findings/review-bulk: one triage decision for many findings (docs/api.md).</summary>
public static class BulkTriageEndpoints
{
    /// <summary>The most findings one bulk decision may cover; a wider selection is refused whole.</summary>
    public const int MaxFindings = 10_000;

    private static readonly string[] Actions = ["confirm", "dismiss", "reopen"];

    public static void MapBulkTriageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/findings/review-bulk", (BulkReviewRequest body, HttpContext http, IBulkTriage store) =>
        {
            var action = body.Action?.Trim().ToLowerInvariant();
            if (action is null || !Actions.Contains(action))
                return Error("批量操作只能是 confirm、dismiss 或 reopen");
            if (action == "dismiss" && string.IsNullOrWhiteSpace(body.Reason))
                return Error("驳回需要填写理由");
            var hasFilter = body.Filter is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) };
            if (body.Ids is not null && hasFilter) return Error("ids 与 filter 只能给一个");
            if (body.Ids is null && !hasFilter) return Error("请选择问题：给出 ids（问题编号）或 filter（筛选条件）");
            if (body.Ids is { Count: 0 }) return Error("没有选择任何问题");
            if (body.Ids is { Count: > MaxFindings }) return TooMany(body.Ids.Count);

            BulkSelection selection;
            if (body.Ids is { } ids) selection = BulkSelection.OfIds(ids);
            else
            {
                var query = FilterQuery(body.Filter!.Value);
                if (query is null) return Error("filter 应为查询串（如 \"category=missing-section&year=2024\"）或对象（如 {\"category\":[\"missing-section\"]}）");
                var filter = FindingEndpoints.Filter(query);
                if (filter.Error is { } error) return Error(error);
                selection = BulkSelection.OfFilter(filter.Value!);
            }
            var who = http.User.Caller();
            var result = store.ReviewFindings(who.OrganisationId, selection, action, Trimmed(body.Reason), Trimmed(body.Comment),
                who.UserName, MaxFindings);
            return result.Applied ? Results.Ok(new BulkReviewDto(action, result.Matched, result.Changed)) : TooMany(result.Matched);
        }).WithTags("findings").RequireAuthorization(AccessPolicies.Read).RequireAuthorization(AccessPolicies.Triage)
            .WithSummary("批量复核 Confirm, dismiss (one reason) or reopen the listed findings or every finding a filter gives, in one transaction");
    }

    private static IResult Error(string message) => Results.Json(new ErrorDto(message), statusCode: 400);

    private static IResult TooMany(int count) =>
        Error($"一次最多批量审核 {MaxFindings} 条问题，所选范围有 {count} 条，请缩小筛选范围后分批处理");

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// The filter as the list's query parameters: a query string as GET /api/findings takes it, or an object whose
    /// values are strings, numbers or arrays of them. Null for any other shape.
    /// </summary>
    private static QueryCollection? FilterQuery(JsonElement filter)
    {
        if (filter.ValueKind == JsonValueKind.String) return new QueryCollection(QueryHelpers.ParseQuery(filter.GetString()));
        if (filter.ValueKind != JsonValueKind.Object) return null;
        var values = new Dictionary<string, StringValues>();
        foreach (var property in filter.EnumerateObject())
        {
            var items = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray().ToList() : [property.Value];
            var texts = new List<string>();
            foreach (var item in items)
            {
                if (item.ValueKind is JsonValueKind.String) texts.Add(item.GetString()!);
                else if (item.ValueKind is JsonValueKind.Number) texts.Add(item.GetRawText());
                else if (item.ValueKind is not JsonValueKind.Null) return null;
            }
            values[property.Name] = new StringValues([.. texts]);
        }
        return new QueryCollection(values);
    }
}

/// <param name="Ids">The findings, by id; or <paramref name="Filter"/>: every finding it gives (not only one page).</param>
public sealed record BulkReviewRequest(string? Action, string? Reason, string? Comment, IReadOnlyList<long>? Ids, JsonElement? Filter);

/// <param name="Matched">Findings the decision covered (each gets a triage-history event).</param>
/// <param name="Changed">Of those, how many changed status.</param>
public sealed record BulkReviewDto(string Action, int Matched, int Changed);
