using System.Text.Json;
using AuditEngine.Reports.Pdf;
using AuditEngine.Service.Access;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>The uploaded PDF (or a PDF of the uploaded image) with its findings outlined (<see cref="SourcePdfAnnotator"/>), per document or per finding.</summary>
public static class AnnotatedPdfEndpoints
{
    public static void MapAnnotatedPdfEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/documents/{id:long}/annotated.pdf", (long id, long? finding, HttpContext http, IBlobStore blobStore, IBatchStore batchStore, IFindingStore findingStore) =>
        {
            var org = http.User.Caller().OrganisationId;
            var doc = batchStore.GetDocument(org, id);
            if (doc is null || blobStore.GetBlob(doc.Sha256) is not { } content) return BatchEndpoints.NotFound("文档");
            if (!SourcePdfAnnotator.CanAnnotate(content))
                return Results.Json(new ErrorDto($"原件批注只适用于 PDF 与 PNG/JPEG 图片；{Path.GetFileName(doc.FileName)} 不是，请查看审核报告中的问题依据"), statusCode: 400);
            if (doc.Status != DocumentStatus.Done)
                return Results.Json(new ErrorDto("文档尚未审核完成，暂无可标注的问题"), statusCode: 409);

            var stored = findingStore.QueryFindings(org, new FindingFilter { Documents = [id] }, 100_000, 0).Items;
            if (finding is { } one)
            {
                stored = stored.Where(f => f.Id == one).ToList();
                if (stored.Count == 0) return BatchEndpoints.NotFound("问题");
            }
            var findings = StoredReports.FromFindings(stored).SelectMany(r => r.Findings).ToList();
            var pages = PageGeometries(batchStore.GetLayoutJson(id));
            try
            {
                var annotated = SourcePdfAnnotator.Annotate(content, findings, pages);
                var stem = Path.GetFileNameWithoutExtension(doc.FileName);
                return Results.File(annotated.Content, "application/pdf", finding is { } f ? $"{stem}.finding-{f}.annotated.pdf" : $"{stem}.annotated.pdf");
            }
            catch (PdfOutputException e)
            {
                return Results.Json(new ErrorDto(e.Message), statusCode: 503);
            }
        }).WithTags("documents").RequireAuthorization(AccessPolicies.Read)
          .WithSummary("原件批注 The uploaded PDF with each finding's cells outlined in red and a note beside them (?finding=ID: that finding only)");
    }

    /// <summary>The stored layout's page sizes and scan skews (docs/layout-format.md), which place the boxes on the file's pages.</summary>
    private static Dictionary<int, PageGeometry> PageGeometries(string? layoutJson)
    {
        var pages = new Dictionary<int, PageGeometry>();
        if (layoutJson is null) return pages;
        using var json = JsonDocument.Parse(layoutJson);
        foreach (var p in json.RootElement.GetProperty("pages").EnumerateArray())
            pages[p.GetProperty("number").GetInt32()] = new PageGeometry(p.GetProperty("width").GetDouble(), p.GetProperty("height").GetDouble(),
                p.TryGetProperty("skew", out var skew) && skew.ValueKind == JsonValueKind.Number ? skew.GetDouble() : 0);
        return pages;
    }
}
