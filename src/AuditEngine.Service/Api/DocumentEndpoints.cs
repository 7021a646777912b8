using AuditEngine.Intake;
using AuditEngine.Reports;
using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

public static class DocumentEndpoints
{
    public static void MapDocumentEndpoints(this IEndpointRouteBuilder app)
    {
        var documents = app.MapGroup("/api/documents/{id:long}").WithTags("documents").RequireAuthorization(AccessPolicies.Read);

        documents.MapGet("", (long id, HttpContext http, IBatchStore batchStore, IFindingStore findingStore, StoredReports reports) =>
        {
            var org = http.User.Caller().OrganisationId;
            var doc = batchStore.GetDocument(org, id);
            if (doc is null) return BatchEndpoints.NotFound("文档");
            var findings = findingStore.QueryFindings(org, new FindingFilter { Documents = [id] }, 10_000, 0).Items.Select(FindingDto.Of).ToList();
            var tables = reports.Results([doc]).SelectMany(r => r.Tables)
                .Select(t => new TableDto(t.Kind, t.Title, t.Page, t.Line, t.Rows)).ToList();
            return Results.Ok(DocumentDto.Of(doc, findings, tables, Pages(batchStore.GetLayoutUtf8(id))));
        }).WithSummary("文档、其问题与表格 A document with its findings and parsed tables");

        documents.MapGet("/layout", (long id, HttpContext http, IBatchStore batchStore) =>
            batchStore.GetDocument(http.User.Caller().OrganisationId, id) is null ? BatchEndpoints.NotFound("文档")
            : batchStore.GetLayoutUtf8(id) is { } json ? Results.Bytes(PublishedLayout(json, $"document {id}"), "application/json; charset=utf-8")
            : BatchEndpoints.NotFound("版面数据"))
            .WithSummary("版面 The intake layout (tables as cells with boxes and confidence)");

        documents.MapGet("/file", (long id, HttpContext http, IBlobStore blobStore, IBatchStore batchStore) =>
        {
            var doc = batchStore.GetDocument(http.User.Caller().OrganisationId, id);
            if (doc is null || blobStore.GetBlob(doc.Sha256) is not { } content) return BatchEndpoints.NotFound("文档");
            return Results.File(content, "application/octet-stream", Path.GetFileName(doc.FileName));
        }).WithSummary("原始文件 The uploaded file");

        documents.MapGet("/pages/{page:int}", (long id, int page, HttpContext http, IBatchStore batchStore, PageImages images) =>
        {
            var doc = batchStore.GetDocument(http.User.Caller().OrganisationId, id);
            if (doc is null) return BatchEndpoints.NotFound("文档");
            return images.Get(doc, page) is { } image ? Results.File(image.Content, image.ContentType) : BatchEndpoints.NotFound("页面图像");
        }).WithSummary("页面图像 A page image (scans: the deskewed page; digital PDF: rendered)");

        documents.MapGet("/crops/{name}", (long id, string name, HttpContext http, IBlobStore blobStore, IBatchStore batchStore) =>
        {
            if (batchStore.GetDocument(http.User.Caller().OrganisationId, id) is null) return BatchEndpoints.NotFound("文档");
            return blobStore.GetDocumentImage(id, name) is { } png ? Results.File(png, PageImages.ContentType(png)) : BatchEndpoints.NotFound("截图");
        }).WithSummary("证据截图 An evidence crop named in a finding");

        app.MapPost("/api/documents/{id:long}/reread", async (long id, HttpContext http, IBatchStore batchStore, IIntakeRequests intake, AuditQueue queue) =>
        {
            var org = http.User.Caller().OrganisationId;
            if (batchStore.GetDocument(org, id) is null) return BatchEndpoints.NotFound("文档");
            if (!intake.RequestReread(org, id))
                return Results.Json(new ErrorDto("文档正在排队或审核中，审核时将读取文件"), statusCode: 409);
            await queue.Enqueue([id]);
            return Results.Json(new { id, status = "queued" }, statusCode: 202);
        }).RequireAuthorization(AccessPolicies.Triage).WithTags("documents")
            .WithSummary("重新识别 Read the uploaded file again (OCR included) instead of the stored layout, then audit");

        documents.MapGet("/report.{format}", (long id, string format, bool? download, HttpContext http, IBatchStore batchStore, StoredReports reports,
            RuleSetProvider rules) =>
        {
            if (!ReportFormats.TryParse(format, out var reportFormat)) return Results.Json(new ErrorDto($"未知的报告格式：{format}"), statusCode: 400);
            var doc = batchStore.GetDocument(http.User.Caller().OrganisationId, id);
            if (doc is null) return BatchEndpoints.NotFound("文档");
            var caller = http.User.Caller();
            return BatchEndpoints.ReportFile(reports, [doc], reportFormat, doc.RuleSetVersion ?? rules.Current.Version,
                Path.GetFileNameWithoutExtension(doc.FileName), download ?? false, caller.OrganisationName,
                $"{batchStore.GetBatch(caller.OrganisationId, doc.BatchId)?.Name ?? "—"} · {Path.GetFileName(doc.FileName)}");
        }).WithSummary("文档报告 The document's report: json, html (shown in the browser; ?download=true saves it), xlsx, csv or pdf");
    }

    /// <summary>The page sizes from the stored layout, read without parsing its words and cells (LayoutJson.ReadPages).</summary>
    public static List<PageDto> Pages(byte[]? layoutUtf8) => layoutUtf8 is null ? []
        : LayoutJson.ReadPages(layoutUtf8, "layout").Select(p => new PageDto(p.Number, p.Width, p.Height, p.Scanned)).ToList();

    /// <summary>
    /// The layout in the documented form (docs/layout-format.md): the store keeps a shorter one
    /// (<see cref="LayoutJson.WriteStored"/>), so the API and the dashboard, which read boxes as objects and tables'
    /// titles and sizes, get it written out again.
    /// </summary>
    public static byte[] PublishedLayout(byte[] stored, string name)
    {
        using var buffer = new MemoryStream();
        LayoutJson.Write(LayoutJson.Read(stored, name), buffer, indented: false);
        return buffer.ToArray();
    }
}
