using AuditEngine.Reports;
using AuditEngine.Service.Access;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

public static class FindingEndpoints
{
    private static readonly string[] Actions = ["confirm", "dismiss", "reopen", "comment"];

    /// <summary>The most findings one export holds: the first ones in the filter's sort.</summary>
    private const int MaxExported = 100_000;

    public static void MapFindingEndpoints(this IEndpointRouteBuilder app)
    {
        var findings = app.MapGroup("/api/findings").WithTags("findings").RequireAuthorization(AccessPolicies.Read);

        findings.MapGet("", (HttpContext http, IFindingStore findingStore, int? limit, int? offset) =>
        {
            var filter = Filter(http.Request.Query);
            if (filter.Error is { } error) return Results.Json(new ErrorDto(error), statusCode: 400);
            var page = findingStore.QueryFindings(http.User.Caller().OrganisationId, filter.Value!, Math.Clamp(limit ?? 100, 1, 1000), Math.Max(offset ?? 0, 0));
            return Results.Ok(new ListDto<FindingDto>(page.Total, page.Items.Select(FindingDto.Of).ToList()));
        }).WithSummary("问题列表 Findings by filter: batch, document, category, severity, rule, department, year, status, q; sort (rule, category, severity, department, year, status, file) and order (asc, desc)");

        findings.MapGet("/facets", (HttpContext http, IFindingStore findingStore) =>
        {
            var filter = Filter(http.Request.Query);
            if (filter.Error is { } error) return Results.Json(new ErrorDto(error), statusCode: 400);
            return Results.Ok(findingStore.CountFindingFacets(http.User.Caller().OrganisationId, filter.Value!));
        }).WithSummary("筛选项 Counts per category, severity, status, rule, department and year under the same filters");

        findings.MapGet("/export.{format}", (string format, HttpContext http, IFindingStore findingStore, CsvExportCache csvExports) =>
        {
            if (!ReportFormats.TryParse(format, out var reportFormat) || reportFormat is not (ReportFormat.Xlsx or ReportFormat.Csv))
                return Results.Json(new ErrorDto("导出格式只能是 xlsx 或 csv"), statusCode: 400);
            var filter = Filter(http.Request.Query);
            if (filter.Error is { } error) return Results.Json(new ErrorDto(error), statusCode: 400);
            var org = http.User.Caller().OrganisationId;
            // The CSV passes each finding on as it is read and its ordered rows go straight to the response (a 9,200-
            // finding export is 5 MB), or come from memory while its findings and reviews are unchanged; the workbook's
            // summary sheet needs the documents whole.
            if (reportFormat == ReportFormat.Csv)
            {
                var stamp = findingStore.StampFindings(org, filter.Value!);
                var rows = csvExports.Get(org, http.Request.QueryString.Value ?? "", stamp,
                    kept => (kept is { } k ? FindingsCsvExport.Update(findingStore, org, filter.Value!, MaxExported, k.Rows, k.Stamp, stamp) : null)
                        ?? FindingsCsvExport.Build(findingStore, org, filter.Value!, MaxExported),
                    () => findingStore.StampFindings(org, filter.Value!));
                http.Response.ContentLength = rows.Length;
                return Results.Stream(body => rows.WriteToAsync(body, http.RequestAborted), BatchEndpoints.ContentType(reportFormat), $"findings.{format}");
            }
            var buffer = new MemoryStream();
            ReportWriters.For(reportFormat, ReportInfo.Now()).Write(StoredReports.FromFindings(findingStore.QueryFindings(org, filter.Value!, MaxExported, 0).Items), buffer);
            buffer.Position = 0;
            return Results.File(buffer, BatchEndpoints.ContentType(reportFormat), $"findings.{format}");
        }).WithSummary("导出问题 The filtered findings as XLSX or CSV");

        findings.MapGet("/history.{format}", (string format, long? batch, HttpContext http, IBatchStore batchStore, IFindingStore findingStore) =>
        {
            if (TriageHistoryExport.For(format) is not { } writer)
                return Results.Json(new ErrorDto("审核记录只能导出为 csv 或 json"), statusCode: 400);
            var org = http.User.Caller().OrganisationId;
            if (batch is { } b && batchStore.GetBatch(org, b) is null) return BatchEndpoints.NotFound("批次");
            var buffer = new MemoryStream();
            writer.Write(findingStore.ListTriageHistory(org, batch), buffer);
            buffer.Position = 0;
            return Results.File(buffer, writer.ContentType, batch is { } id ? $"triage-history-batch-{id}.{writer.Extension}" : $"triage-history.{writer.Extension}");
        }).WithSummary("审核记录导出 Every triage decision in order (finding, document, old → new status, reviewer, time, reason) as CSV or JSON");

        findings.MapPost("/{id:long}/review", (long id, ReviewRequest body, HttpContext http, IFindingStore findingStore) =>
        {
            var action = body.Action?.Trim().ToLowerInvariant();
            if (action is null || !Actions.Contains(action))
                return Results.Json(new ErrorDto("操作只能是 confirm、dismiss、reopen 或 comment"), statusCode: 400);
            if (action == "dismiss" && string.IsNullOrWhiteSpace(body.Reason))
                return Results.Json(new ErrorDto("驳回需要填写理由"), statusCode: 400);
            if (action == "comment" && string.IsNullOrWhiteSpace(body.Comment))
                return Results.Json(new ErrorDto("评论内容不能为空"), statusCode: 400);
            var who = http.User.Caller();
            var finding = findingStore.ReviewFinding(who.OrganisationId, id, action, body.Reason?.Trim(), body.Comment?.Trim(), who.UserName);
            return finding is null ? BatchEndpoints.NotFound("问题") : Results.Ok(FindingDto.Of(finding));
        }).RequireAuthorization(AccessPolicies.Triage).WithSummary("复核 Confirm, dismiss (with a reason), reopen or comment");

        findings.MapGet("/{id:long}/history", (long id, HttpContext http, IFindingStore findingStore) =>
        {
            var org = http.User.Caller().OrganisationId;
            if (findingStore.GetFinding(org, id) is null) return BatchEndpoints.NotFound("问题");
            return Results.Ok(findingStore.ListReviewEvents(org, id).Select(e => new ReviewEventDto(e.Action, e.Reason, e.Comment, e.User, e.At)).ToList());
        }).WithSummary("复核记录 The finding's audit trail, oldest first");
    }

    /// <summary>Reads the filter from the query string; each parameter may repeat (alternatives).</summary>
    public static (FindingFilter? Value, string? Error) Filter(IQueryCollection query)
    {
        List<string> Strings(string key) => query[key].SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0).ToList();
        var severities = new List<AuditEngine.Model.Severity>();
        foreach (var s in Strings("severity"))
        {
            if (!ReportText.TryParseSeverity(s, out var severity)) return (null, $"未知的严重程度：{s}");
            severities.Add(severity);
        }
        var longs = new Dictionary<string, List<long>>();
        foreach (var key in new[] { "batch", "document" })
        {
            longs[key] = [];
            foreach (var v in Strings(key))
            {
                if (!long.TryParse(v, out var n)) return (null, $"{key} 应为数字：{v}");
                longs[key].Add(n);
            }
        }
        var years = new List<int>();
        foreach (var v in Strings("year"))
        {
            if (!int.TryParse(v, out var y)) return (null, $"年度应为数字：{v}");
            years.Add(y);
        }
        if (!FindingSort.TryParse(query["sort"].ToString(), query["order"].ToString(), out var sort))
            return (null, $"未知的排序：{query["sort"]} {query["order"]}（可按 rule、category、severity、department、year、status、file 排序，order 为 asc 或 desc）");
        return (new FindingFilter
        {
            Batches = longs["batch"], Documents = longs["document"], Categories = Strings("category"), Severities = severities,
            Rules = Strings("rule"), Departments = Strings("department"), Years = years, ReviewStatuses = Strings("status"),
            Text = query["q"].ToString(),
            Sort = sort,
        }, null);
    }
}
