using AuditEngine.Intake;
using AuditEngine.Storage;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Page images for the evidence viewer: a scan's own deskewed page (stored when it was audited, the image its cell
/// boxes refer to), or a digital PDF page rendered by pdftoppm on first request and then kept with the document.
/// </summary>
public sealed class PageImages(IBlobStore blobStore)
{
    /// <summary>Rendering resolution for digital pages: sharp enough to read a cell, small enough to send fast.</summary>
    public const int RenderDpi = 150;

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);

    public static string Name(int page) => $"page-{page}";

    /// <summary>The image bytes and content type; null when the document's form has no pages to show.</summary>
    public (byte[] Content, string ContentType)? Get(DocumentRecord doc, int page)
    {
        if (page < 1) return null;
        var stored = blobStore.GetDocumentImage(doc.Id, Name(page));
        if (stored is not null) return (stored, ContentType(stored));
        var content = blobStore.GetBlob(doc.Sha256);
        if (content is null || FormatDetector.Detect(content) != FileFormat.Pdf) return null;
        var png = Render(content, page);
        if (png is null) return null;
        blobStore.PutDocumentImage(doc.Id, Name(page), png);
        return (png, "image/png");
    }

    public static string ContentType(byte[] image) =>
        image is [0xFF, 0xD8, ..] ? "image/jpeg" : "image/png";

    private static byte[]? Render(byte[] pdf, int page)
    {
        var dir = Directory.CreateTempSubdirectory("auditengine-render-");
        try
        {
            var input = Path.Combine(dir.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            ToolResult result;
            try
            {
                result = ExternalTool.Run("pdftoppm",
                    ["-png", "-r", RenderDpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", input, Path.Combine(dir.FullName, "out")],
                    RenderTimeout);
            }
            // A page that cannot be rendered in time is shown as missing; the viewer says so.
            catch (TimeoutException) { return null; }
            var output = Path.Combine(dir.FullName, "out.png");
            return result.ExitCode == 0 && File.Exists(output) ? File.ReadAllBytes(output) : null;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
