using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using AuditEngine.Service.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
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
            SubmittedBatch submitted;
            try
            {
                submitted = await ReceiveStreamed(request, intake, limits, ct);
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
            catch (NoFilesException)
            {
                return Results.Json(new ErrorDto("没有收到文件（字段 files）"), statusCode: 400);
            }
            catch (InvalidOperationException e) when (e.InnerException is System.Data.Common.DbException)
            {
                return Results.Json(new ErrorDto(e.Message), statusCode: 409);
            }
            var refused = submitted.Refused.Select(r => new RefusedDto(r.Name, r.Reason)).ToList();
            if (submitted.Batch is null)
                return Results.Json(new { error = "没有可审核的文件：全部被拒收", refused }, statusCode: 400);
            return Results.Json(BatchDto.Of(submitted.Batch, submitted.Documents.Select(d => DocumentDto.Of(d)).ToList(), refused),
                statusCode: 202);
        }).RequireAuthorization(AccessPolicies.Upload).DisableAntiforgery()
          .WithSummary("上传批次 Upload a batch: multipart files (many, or ZIP archives)");

        batches.MapGet("", (HttpContext http, IBatchStore batchStore, int? limit, int? offset) =>
        {
            var page = batchStore.ListBatches(http.User.Caller().OrganisationId, Math.Clamp(limit ?? 50, 1, 500), Math.Max(offset ?? 0, 0));
            return Results.Ok(new ListDto<BatchDto>(page.Total, page.Items.Select(b => BatchDto.Of(b)).ToList()));
        }).WithSummary("批次列表 Batches, newest first");

        batches.MapGet("/{id:long}", (long id, HttpContext http, IBatchStore batchStore) =>
        {
            var batch = batchStore.GetBatch(http.User.Caller().OrganisationId, id);
            return batch is null ? NotFound("批次") : Results.Ok(BatchDto.Of(batch, batchStore.ListDocuments(id).Select(d => DocumentDto.Of(d)).ToList()));
        }).WithSummary("批次及其文档 A batch with per-document progress");

        batches.MapGet("/{id:long}/overview", (long id, HttpContext http, IBatchStore batchStore, IFindingStore findingStore) =>
        {
            var org = http.User.Caller().OrganisationId;
            var batch = batchStore.GetBatch(org, id);
            if (batch is null) return NotFound("批次");
            var documents = batchStore.ListDocuments(id);
            var counts = findingStore.CountFindingsByDocument(org, id);
            var byDocument = counts.ToLookup(c => c.DocumentId);
            var rows = documents.Select(d => new
            {
                d.Id, d.FileName, d.Department, d.Year, DocumentType = d.DocumentType.Code(), DocumentTypeName = d.DocumentType.Chinese(),
                Status = d.Status.Code(), d.Errors, d.Warnings, d.Infos,
                Counts = byDocument[d.Id].GroupBy(c => c.Category).ToDictionary(g => g.Key, g => g.Sum(c => c.Count)),
            }).OrderByDescending(r => r.Status == DocumentStatus.Error.Code()).ThenByDescending(r => r.Errors)
              .ThenByDescending(r => r.Warnings).ThenByDescending(r => r.Infos).ThenBy(r => r.Id).ToList();
            var categories = Categories.All.Select(c => new
            {
                Category = c, CategoryName = ReportText.CategoryChinese(c),
                Count = counts.Where(x => x.Category == c).Sum(x => x.Count),
            }).ToList();
            // A disclosure uploaded several times counts once, with its latest upload's counts (Documents: disclosures,
            // Uploads: files).
            var uploads = documents.Where(d => d.Status == DocumentStatus.Done).ToLookup(d => d.Department ?? "（未识别部门）");
            var departments = DisclosureVersions.Latest(documents)
                .GroupBy(d => d.Department ?? "（未识别部门）")
                .Select(g => new
                {
                    Department = g.Key, Errors = g.Sum(d => d.Errors), Warnings = g.Sum(d => d.Warnings), Documents = g.Count(),
                    Uploads = uploads[g.Key].Count(),
                })
                .OrderByDescending(g => g.Errors).ThenByDescending(g => g.Warnings).ThenBy(g => g.Department, StringComparer.Ordinal).ToList();
            return Results.Ok(new { Batch = BatchDto.Of(batch), Categories = categories, Documents = rows, Departments = departments });
        }).WithSummary("批次概览 Documents × categories, findings by category, departments by errors");

        batches.MapGet("/{id:long}/report.{format}", (long id, string format, bool? download, HttpContext http, IBatchStore batchStore,
            StoredReports reports, RuleSetProvider rules) =>
        {
            if (!ReportFormats.TryParse(format, out var reportFormat)) return Results.Json(new ErrorDto($"未知的报告格式：{format}"), statusCode: 400);
            var batch = batchStore.GetBatch(http.User.Caller().OrganisationId, id);
            if (batch is null) return NotFound("批次");
            var documents = batchStore.ListDocuments(id);
            return ReportFile(reports, documents, reportFormat, rules.Current.Version, $"batch-{id}", download ?? false,
                http.User.Caller().OrganisationName, batch.Name);
        }).WithSummary("批次报告 The batch report: json, html (shown in the browser; ?download=true saves it), xlsx, csv or pdf (the CLI's contract)");

        batches.MapDelete("/{id:long}", (long id, HttpContext http, IBatchRetention retention, ILogger<BatchIntake> logger) =>
        {
            var who = http.User.Caller();
            var result = retention.DeleteBatch(who.OrganisationId, id);
            switch (result.Status)
            {
                case BatchDeletionStatus.NotFound:
                    return NotFound("批次");
                case BatchDeletionStatus.Busy:
                    return Results.Json(new ErrorDto("批次中有文档正在审核，请在审核结束后再删除 a document of the batch is being audited; delete it when the audit is over"),
                        statusCode: 409);
            }
            logger.LogWarning("批次已删除 batch {BatchId} 「{Name}」 deleted by {Admin}: {Documents} 份文档, {Findings} 条问题, " +
                "{BlobsRemoved} 个文件块 removed, {BlobsKept} shared kept", id, result.Name, who.UserName, result.Documents, result.Findings,
                result.BlobsRemoved, result.BlobsKept);
            return Results.Ok(BatchDeletionDto.Of(result));
        }).RequireAuthorization(AccessPolicies.Admin)
          .WithSummary("删除批次 Delete a batch with its documents, findings, reviews, ledger, images and the files no other batch uses");
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
    private sealed class NoFilesException : Exception;

    /// <summary>
    /// Reads the multipart body part by part, never as a whole: each file is read (up to the per-file limit, the rest
    /// of a larger one drained and refused), handed to the intake, which stores it, and dropped before the next part
    /// is read. The batch name may come before or after the files.
    /// </summary>
    private static async Task<SubmittedBatch> ReceiveStreamed(HttpRequest request, BatchIntake intake, UploadLimits limits, CancellationToken ct)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary)) throw new InvalidDataException("multipart boundary missing");
        // The server's own body limit does not hold everywhere (an in-process host, some proxies): the reader's does.
        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = limits.MaxBatchBytes + UploadUnpacker.RequestOverheadBytes };
        var upload = intake.Begin(request.HttpContext.User.Caller(), "upload");
        string? batchName = null, firstName = null;
        var parts = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var field = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (disposition.IsFileDisposition() && field == "files")
            {
                var fileName = SafeName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                parts++;
                firstName ??= fileName;
                var content = await ReadBounded(section.Body, limits.MaxFileBytes, ct);
                if (content is null) upload.Session.RefuseTooLarge(fileName, limits.MaxFileBytes);
                else upload.Add(new IncomingFile(fileName, content));
            }
            else if (field == "name")
            {
                using var text = new StreamReader(section.Body, System.Text.Encoding.UTF8);
                batchName = (await text.ReadToEndAsync(ct)).Trim();
            }
        }
        if (parts == 0) throw new NoFilesException();
        var name = batchName is { Length: > 0 } ? batchName : parts == 1 ? firstName! : $"{parts} 个文件 {DateTime.Now:yyyy-MM-dd HH:mm}";
        return await upload.Complete(name, ct);
    }

    /// <summary>The part's bytes, or null when it is over <paramref name="max"/> (the rest is drained, not kept).</summary>
    private static async Task<byte[]?> ReadBounded(Stream body, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long length = 0;
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            length += read;
            if (length <= max) buffer.Write(chunk, 0, read);
        }
        return length <= max ? buffer.ToArray() : null;
    }

    private static string SafeName(string name)
    {
        var clean = Path.GetFileName(name.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(clean) ? "未命名文件" : clean;
    }
}

/// <summary>What deleting a batch removed.</summary>
public sealed record BatchDeletionDto(long Id, string Name, int Documents, int Findings, int Reviews, int ReviewEvents, int AuditRuns,
    int Images, int BlobsRemoved, long BlobBytesRemoved, int BlobsKept)
{
    public static BatchDeletionDto Of(BatchDeletion d) => new(d.BatchId, d.Name, d.Documents, d.Findings, d.Reviews, d.ReviewEvents,
        d.AuditRuns, d.Images, d.BlobsRemoved, d.BlobBytesRemoved, d.BlobsKept);
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
