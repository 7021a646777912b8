using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using AuditEngine.Service.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Api;

public static class BatchEndpoints
{
    public static void MapBatchEndpoints(this IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/batches").WithTags("batches").RequireAuthorization(AccessPolicies.Read);

        batches.MapPost("", async (HttpRequest request, BatchIntake intake, IOptions<ServiceOptions> options, CancellationToken ct) =>
        {
            if (!request.HasFormContentType)
                return Results.Json(new ErrorDto("请以 multipart/form-data 上传文件（字段 files）"), statusCode: 400);
            var limits = options.Value.Limits;
            var tooLarge = $"上传内容过大：一个批次最多 {limits.MaxBatchBytes:N0} 字节，请分批上传 request body too large";
            // Refused before reading when the client says how much it sends; else counted while reading.
            if (request.ContentLength > limits.MaxBatchBytes + UploadUnpacker.RequestOverheadBytes)
                return Results.Json(new ErrorDto(tooLarge), statusCode: 413);
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(ct);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                return Results.Json(new ErrorDto(tooLarge), statusCode: 413);
            }
            catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
            {
                return Results.Json(new ErrorDto(tooLarge), statusCode: 413);
            }
            catch (InvalidDataException e)
            {
                return Results.Json(new ErrorDto($"上传内容无法解析（multipart 格式有误或字段过多）malformed upload: {e.Message}"), statusCode: 400);
            }
            if (form.Files.Count == 0) return Results.Json(new ErrorDto("没有收到文件（字段 files）"), statusCode: 400);
            var uploads = new List<IncomingFile>(form.Files.Count);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, ct);
                uploads.Add(new IncomingFile(SafeName(file.FileName), buffer.ToArray()));
            }
            var name = form["name"].ToString() is { Length: > 0 } given ? given.Trim()
                : uploads.Count == 1 ? uploads[0].Name : $"{uploads.Count} 个文件 {DateTime.Now:yyyy-MM-dd HH:mm}";
            var submitted = await intake.Submit(request.HttpContext.User.Caller(), name, "upload", uploads, ct);
            var refused = submitted.Refused.Select(r => new RefusedDto(r.Name, r.Reason)).ToList();
            if (submitted.Batch is null)
                return Results.Json(new { error = "没有可审核的文件：全部被拒收", refused }, statusCode: 400);
            return Results.Json(BatchDto.Of(submitted.Batch, submitted.Documents.Select(d => DocumentDto.Of(d)).ToList(), refused),
                statusCode: 202);
        }).RequireAuthorization(AccessPolicies.Upload).DisableAntiforgery()
          .WithSummary("上传批次 Upload a batch: multipart files (many, or ZIP archives)");

        batches.MapGet("", (HttpContext http, IAuditStore store, int? limit, int? offset) =>
        {
            var page = store.ListBatches(http.User.Caller().OrganisationId, Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0));
            return Results.Ok(new ListDto<BatchDto>(page.Total, page.Items.Select(b => BatchDto.Of(b)).ToList()));
        }).WithSummary("批次列表 Batches, newest first");

        batches.MapGet("/{id:long}", (long id, HttpContext http, IAuditStore store) =>
        {
            var batch = store.GetBatch(http.User.Caller().OrganisationId, id);
            return batch is null ? NotFound("批次") : Results.Ok(BatchDto.Of(batch, store.ListDocuments(id).Select(d => DocumentDto.Of(d)).ToList()));
        }).WithSummary("批次及其文档 A batch with per-document progress");

        batches.MapGet("/{id:long}/overview", (long id, HttpContext http, IAuditStore store) =>
        {
            var org = http.User.Caller().OrganisationId;
            var batch = store.GetBatch(org, id);
            if (batch is null) return NotFound("批次");
            var documents = store.ListDocuments(id);
            var counts = store.CountFindingsByDocument(org, id);
            var byDocument = counts.ToLookup(c => c.DocumentId);
            var rows = documents.Select(d => new
            {
                d.Id, d.FileName, d.Department, d.Year, DocumentType = d.DocumentType.Code(), DocumentTypeName = d.DocumentType.Chinese(),
                d.Status, d.Errors, d.Warnings, d.Infos,
                Counts = byDocument[d.Id].GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            }).OrderByDescending(r => r.Status == DocumentStatus.Error).ThenByDescending(r => r.Errors)
              .ThenByDescending(r => r.Warnings).ThenByDescending(r => r.Infos).ThenBy(r => r.Id).ToList();
            var categories = Categories.All.Select(c => new
            {
                Category = c, CategoryName = ReportText.CategoryChinese(c),
                Count = counts.Where(x => x.Category == c).Sum(x => x.Count),
            }).ToList();
            var departments = documents.Where(d => d.Status == DocumentStatus.Done)
                .GroupBy(d => d.Department ?? "（未识别部门）")
                .Select(g => new { Department = g.Key, Errors = g.Sum(d => d.Errors), Warnings = g.Sum(d => d.Warnings), Documents = g.Count() })
                .OrderByDescending(g => g.Errors).ThenByDescending(g => g.Warnings).ThenBy(g => g.Department, StringComparer.Ordinal).ToList();
            return Results.Ok(new { Batch = BatchDto.Of(batch), Categories = categories, Documents = rows, Departments = departments });
        }).WithSummary("批次概览 Documents × categories, findings by category, departments by errors");

        batches.MapGet("/{id:long}/report.{format}", (long id, string format, bool? download, HttpContext http, IAuditStore store,
            StoredReports reports, RuleSetProvider rules) =>
        {
            if (!ReportFormats.TryParse(format, out var reportFormat)) return Results.Json(new ErrorDto($"未知的报告格式：{format}"), statusCode: 400);
            var batch = store.GetBatch(http.User.Caller().OrganisationId, id);
            if (batch is null) return NotFound("批次");
            var documents = store.ListDocuments(id);
            return ReportFile(reports, documents, reportFormat, rules.Current.Version, $"batch-{id}", download ?? false,
                http.User.Caller().OrganisationName, batch.Name);
        }).WithSummary("批次报告 The batch report: json, html (shown in the browser; ?download=true saves it), xlsx, csv or pdf (the CLI's contract)");
    }

    /// <param name="download">For HTML: send it as an attachment. By default the HTML report opens in the browser tab
    /// the dashboard opens for it; the other formats are always files to save.</param>
    internal static IResult ReportFile(StoredReports reports, IReadOnlyList<DocumentRecord> documents, ReportFormat format, string version,
        string stem, bool download = true, string? organisation = null, string? batchName = null)
    {
        var results = reports.Results(documents);
        // Sources repeat when a batch holds the same name twice; the first document keeps the crops then.
        var ids = new Dictionary<string, long>();
        foreach (var d in documents) ids.TryAdd(d.FileName, d.Id);
        var buffer = new MemoryStream();
        try { reports.Write(results, ids, format, version, buffer, organisation, batchName); }
        catch (AuditEngine.Reports.Pdf.PdfOutputException e) { return Results.Json(new ErrorDto(e.Message), statusCode: 503); }
        buffer.Position = 0;
        var fileName = $"{stem}.{format.Extension().TrimStart('.')}";
        var inline = format == ReportFormat.Html && !download;
        return new ReportFileResult(inline ? Results.File(buffer, ContentType(format)) : Results.File(buffer, ContentType(format), fileName),
            format, inline ? fileName : null);
    }

    internal static string ContentType(ReportFormat format) => format switch
    {
        ReportFormat.Json => "application/json; charset=utf-8",
        ReportFormat.Html => "text/html; charset=utf-8",
        ReportFormat.Csv => "text/csv; charset=utf-8",
        ReportFormat.Pdf => "application/pdf",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };

    internal static IResult NotFound(string what) => Results.Json(new ErrorDto($"{what}不存在"), statusCode: 404);

    /// <summary>A browser may send a path; only the name is kept (the batch has no folders of its own).</summary>
    private static string SafeName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(clean) ? "未命名文件" : clean;
    }
}

/// <summary>A report file; the HTML one carries the policy that lets its own inline style and script run, and nothing else.</summary>
/// <param name="inlineName">Set when the report is shown in the browser: sent as Content-Disposition inline with this name,
/// so that saving the page from the tab still proposes the report's name.</param>
internal sealed class ReportFileResult(IResult inner, ReportFormat format, string? inlineName = null) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (format == ReportFormat.Html) httpContext.Response.Headers.ContentSecurityPolicy = HtmlReportWriter.ContentSecurityPolicy;
        if (inlineName is not null)
        {
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(inlineName);
            httpContext.Response.Headers.ContentDisposition = disposition.ToString();
        }
        return inner.ExecuteAsync(httpContext);
    }
}
