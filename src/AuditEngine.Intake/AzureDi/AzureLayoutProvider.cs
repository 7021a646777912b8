using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Pdf;
using AuditEngine.Intake.Providers;
using AuditEngine.Intake.Scan;
using AuditEngine.Model;

namespace AuditEngine.Intake.AzureDi;

/// <summary>
/// Reads images and scanned PDF pages with Azure AI Document Intelligence (prebuilt-layout). Digital PDF pages stay
/// with the local reader unless <see cref="AzurePdfScope.AllPages"/> is set. Every failure becomes an
/// <see cref="IntakeException"/> naming the file, so a batch goes on with its other files.
/// </summary>
public sealed class AzureLayoutProvider : ILayoutProvider, IDisposable
{
    private readonly HttpClient http;
    private readonly bool ownsHttp;

    public AzureLayoutProvider(AzureLayoutSettings settings, HttpClient? http = null)
    {
        ownsHttp = http is null;
        // The total timeout is the client's own (a linked token); HttpClient's 100 s default would cut it short.
        this.http = http ?? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client = new AzureLayoutClient(this.http, settings);
    }

    public AzureLayoutClient Client { get; }

    public OcrProvider Kind => OcrProvider.Azure;

    public Layout ReadImage(byte[] bytes, string name)
    {
        var format = FormatDetector.Detect(bytes);
        var contentType = format switch
        {
            FileFormat.Png => "image/png",
            FileFormat.Jpeg => "image/jpeg",
            FileFormat.Tiff => "image/tiff",
            FileFormat.Bmp => "image/bmp",
            _ => throw new IntakeException(name, $"Azure 文档智能不支持 {format} 图片，请转换为 PNG、JPEG 或 TIFF / {format} images are not supported by Azure Document Intelligence"),
        };
        CheckImageSize(bytes, name);
        var result = Analyze(bytes, contentType, null, name);
        var mapped = AzureLayoutMapper.Map(result);
        if (mapped.TableCount == 0) throw NoTables(name, mapped.Pages.Count);
        var layout = new Layout { Source = name };
        layout.Pages.AddRange(mapped.Pages);
        layout.Blocks.AddRange(mapped.Blocks);
        // The image as uploaded is the page the boxes refer to (the service does not deskew what it returns),
        // so evidence crops can be cut from it.
        if (layout.Pages is [var only]) only.Image = bytes;
        return layout;
    }

    public Layout ReadPdf(byte[] bytes, string name)
    {
        if (Client.Settings.PdfScope == AzurePdfScope.AllPages)
        {
            var whole = AzureLayoutMapper.Map(Analyze(bytes, "application/pdf", null, name));
            if (whole.TableCount == 0) throw NoTables(name, whole.Pages.Count);
            var all = new Layout { Source = name };
            all.Pages.AddRange(whole.Pages);
            all.Blocks.AddRange(whole.Blocks);
            return all;
        }

        // Digital pages are read locally (exact and free); only pages without a text layer are sent, by number.
        var layout = PdfReader.Read(bytes, name);
        var scanned = PdfReader.ScannedPages(layout).Select(p => p.Number).ToHashSet();
        if (scanned.Count == 0) return layout;
        var result = Analyze(bytes, "application/pdf", string.Join(',', scanned.Order()), name);
        var mapped = AzureLayoutMapper.Map(result, scanned);
        foreach (var page in scanned.Order())
            layout.Blocks.InsertRange(PdfReader.InsertionIndex(layout, page), mapped.Blocks.Where(b => b.Page == page));
        if (!layout.Tables.Any()) throw NoTables(name, layout.Pages.Count);
        foreach (var page in layout.Pages.Where(p => p.Scanned)) page.Image = PdfPageImage(bytes, name, page.Number);
        return layout;
    }

    /// <summary>
    /// The scanned page as the local reader keeps it, so findings on it get evidence crops too (boxes are in PDF
    /// points, whatever resolution the page is rendered at). A page that cannot be rendered only loses its crops.
    /// </summary>
    private static byte[]? PdfPageImage(byte[] bytes, string name, int page)
    {
        try
        {
            return Leptonica.EncodeJpeg(PdfReader.RenderPage(bytes, name, page, 150), 85);
        }
        catch (Exception e) when (e is IntakeException or InvalidDataException or IOException or DllNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private AnalyzeResult Analyze(byte[] bytes, string contentType, string? pages, string name)
    {
        try
        {
            // Intake is synchronous (the pipeline reads files on worker threads, with no synchronisation context).
            return Client.AnalyzeAsync(bytes, contentType, pages).GetAwaiter().GetResult();
        }
        catch (AzureLayoutException e)
        {
            throw new IntakeException(name, e.Message, e);
        }
    }

    private static IntakeException NoTables(string name, int pages) =>
        new(name, $"Azure 文档智能未在文件中识别出任何表格（共 {pages} 页），无法审核预算表 / no tables in the Azure Document Intelligence result",
            new AzureLayoutException(AzureFailure.NoTables, "no tables"));

    /// <summary>The same limits as the local reader, checked before uploading megabytes for nothing.</summary>
    private static void CheckImageSize(byte[] bytes, string name)
    {
        int width, height;
        try { (width, height) = Leptonica.PeekSize(bytes); }
        catch (InvalidDataException) { throw new IntakeException(name, "图片文件损坏或格式无法识别，无法解码"); }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            // Without Leptonica (a machine using Azure instead of local OCR) the service judges the image itself.
            return;
        }
        if (width > ScanReader.MaxSide || height > ScanReader.MaxSide || (long)width * height > ScanReader.MaxPixels)
            throw new IntakeException(name, $"图片尺寸 {width}×{height} 像素过大（上限每边 {ScanReader.MaxSide} 像素、共 {ScanReader.MaxPixels / 1_000_000} 百万像素），请缩小后再上传");
    }

    public void Dispose()
    {
        if (ownsHttp) http.Dispose();
    }
}
