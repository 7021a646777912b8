using System.Text;
using AuditEngine.Intake.Raster;
using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>A page without a usable text layer, rendered for OCR.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Image">The page rendered at <paramref name="Dpi"/>, anti-aliased, grayscale.</param>
/// <param name="Width">Page width in PDF points; blocks added for the page should carry boxes in points (pixels × 72 / Dpi).</param>
public sealed record ScannedPage(int Number, GrayImage Image, int Dpi, double Width, double Height);

/// <summary>
/// Reads PDFs through poppler (pdfinfo, pdftotext -bbox-layout, pdftoppm). Digital pages become paragraphs and
/// tables: ruled tables are found on a page render by <see cref="TableGridDetector"/> and filled with the words
/// of the text layer; unruled ones by column alignment.
/// <para>
/// Scanned pages (text layer under <see cref="ScannedTextThreshold"/> characters while the render shows ink) are
/// marked <see cref="LayoutPage.Scanned"/> and left for OCR. Two ways to fill them, both keeping page order:
/// pass <c>onScannedPage</c> to <see cref="Read(byte[], string, Action{ScannedPage, Layout}?)"/> — it is called in
/// page order at the moment that page's blocks are due, so whatever it appends to <c>Layout.Blocks</c> (with
/// <c>Page</c> set) lands between the neighbouring pages' blocks — or, after reading, take
/// <see cref="ScannedPages"/>, render each with <see cref="RenderPage"/> and insert its blocks at
/// <see cref="InsertionIndex"/>.
/// </para>
/// </summary>
public static class PdfReader
{
    /// <summary>Resolution for grid detection: 1 px ≈ 0.5 pt, enough to separate rulings 2 pt apart, and a fast render.</summary>
    public const int GridDpi = 144;
    /// <summary>Resolution handed to OCR for scanned pages.</summary>
    public const int ScanDpi = 300;
    /// <summary>A page whose text layer has fewer characters than this is treated as an image of text.</summary>
    public const int ScannedTextThreshold = 10;

    public static Layout Read(byte[] bytes, string name) => Read(bytes, name, (Action<ScannedPage, Layout>?)null);

    public static Layout Read(byte[] bytes, string name, Action<ScannedPage, Layout>? onScannedPage) =>
        Read(bytes, name, onScannedPage is null ? null : page => layout => onScannedPage(page, layout), parallelism: 1);

    /// <summary>
    /// Scanned pages read on up to this many threads at once (<see cref="Read(byte[], string, Func{ScannedPage, Action{Layout}})"/>):
    /// OCR is single-threaded per page, so a document's pages spread over the cores. The intake bench sets 1 to time
    /// the previous, sequential path.
    /// </summary>
    internal static int ScanParallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// As <see cref="Read(byte[], string, Action{ScannedPage, Layout}?)"/>, with the scanned pages read in parallel:
    /// <paramref name="readScannedPage"/> runs on a worker thread, up to <see cref="ScanParallelism"/> pages at a
    /// time, and returns what to add to the layout; those additions are made in page order on the calling thread,
    /// so the blocks land between the neighbouring pages' blocks as with the sequential hook. No more page images
    /// are held than pages being read.
    /// </summary>
    public static Layout Read(byte[] bytes, string name, Func<ScannedPage, Action<Layout>> readScannedPage) =>
        Read(bytes, name, readScannedPage, ScanParallelism);

    private static Layout Read(byte[] bytes, string name, Func<ScannedPage, Action<Layout>>? readScannedPage, int parallelism)
    {
        CheckSignature(bytes, name);
        using var tools = new PdfTools(bytes, name);
        var info = tools.Info();
        var text = tools.Text(info.Pages);
        var layout = new Layout { Source = name };
        // Additions in page order; pages read sequentially are added at once and leave nothing here.
        var pending = new List<Task<Action<Layout>>>();
        using var slots = new SemaphoreSlim(Math.Max(1, parallelism));
        try
        {
            var n = 0;
            // Each page image is dropped before the next is read (scanned pages are rendered afresh for OCR), so one
            // pixel buffer serves all pages of the usual single page size.
            foreach (var image in tools.RenderStream(1, info.Pages, GridDpi, antialiasVectors: false, reuseBuffer: true))
            {
                n++;
                var pageText = n <= text.Count ? text[n - 1] : new PdfTextPage(n, info.Width, info.Height, []);
                var width = pageText.Width > 0 ? pageText.Width : image.Width * 72.0 / GridDpi;
                var height = pageText.Height > 0 ? pageText.Height : image.Height * 72.0 / GridDpi;
                pageText = pageText with { Width = width, Height = height };
                var scanned = pageText.CharacterCount < ScannedTextThreshold && HasInk(image);
                layout.Pages.Add(new LayoutPage { Number = n, Width = width, Height = height, Scanned = scanned });
                if (scanned)
                {
                    if (readScannedPage is null) continue;
                    var page = new ScannedPage(n, tools.Render(n, n, ScanDpi)[0], ScanDpi, width, height);
                    if (parallelism <= 1)
                    {
                        readScannedPage(page)(layout);
                        continue;
                    }
                    slots.Wait();
                    pending.Add(Task.Run(() =>
                    {
                        try { return readScannedPage(page); }
                        finally { slots.Release(); }
                    }));
                    continue;
                }
                var blocks = PageLayoutBuilder.Build(pageText, image, n);
                if (pending.Count == 0) layout.Blocks.AddRange(blocks);
                else pending.Add(Task.FromResult<Action<Layout>>(l => l.Blocks.AddRange(blocks)));
            }
        }
        finally
        {
            // Never leave a page being read behind, whatever failed.
            try { Task.WaitAll(pending); }
            catch (AggregateException) { }
        }
        // The first failure in page order is the one reported, as the sequential read would have.
        foreach (var add in pending) add.GetAwaiter().GetResult()(layout);
        return layout;
    }

    /// <summary>Renders one page (1-based) in grayscale, e.g. a scanned page for OCR at <see cref="ScanDpi"/>.</summary>
    public static GrayImage RenderPage(byte[] bytes, string name, int page, int dpi = ScanDpi)
    {
        CheckSignature(bytes, name);
        using var tools = new PdfTools(bytes, name);
        var info = tools.Info();
        if (page < 1 || page > info.Pages) throw new ArgumentOutOfRangeException(nameof(page), $"{name} has {info.Pages} pages");
        return tools.Render(page, page, dpi)[0];
    }

    /// <summary>Pages left for OCR.</summary>
    public static IReadOnlyList<LayoutPage> ScannedPages(Layout layout) => layout.Pages.Where(p => p.Scanned).ToList();

    /// <summary>Where blocks of <paramref name="page"/> belong in <see cref="Layout.Blocks"/>: after every block of an earlier page.</summary>
    public static int InsertionIndex(Layout layout, int page)
    {
        var index = layout.Blocks.FindIndex(b => b.Page > page);
        return index < 0 ? layout.Blocks.Count : index;
    }

    /// <summary>
    /// Rejects what is not a PDF before poppler sees it, so the reviewer learns what the file really is (a saved
    /// error page, an empty upload, a cut-off download) rather than a parser message.
    /// </summary>
    private static void CheckSignature(byte[] bytes, string name)
    {
        if (bytes.Length == 0) throw new IntakeException(name, "文件为空（0 字节）");
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 1024));
        if (!head.Contains("%PDF-", StringComparison.Ordinal))
        {
            var lower = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
            if (lower.StartsWith("<!doctype html") || lower.StartsWith("<html") || lower.Contains("<html") || lower.Contains("<head") || lower.Contains("<body"))
                throw new IntakeException(name, "文件扩展名为 PDF，但内容是 HTML 网页（可能是下载失败时保存的错误页面）");
            throw new IntakeException(name, "不是有效的 PDF 文件（缺少 %PDF 文件头）");
        }
        var tail = Encoding.ASCII.GetString(bytes, Math.Max(0, bytes.Length - 4096), Math.Min(bytes.Length, 4096));
        if (!tail.Contains("%%EOF", StringComparison.Ordinal))
            throw new IntakeException(name, "PDF 文件不完整（缺少文件结束标记，可能下载或上传中断）");
    }

    /// <summary>More than 0.1 % dark pixels: a page with something printed on it, not a blank separator page.</summary>
    private static bool HasInk(GrayImage image)
    {
        var dark = 0;
        foreach (var p in image.Pixels) if (p < 128) dark++;
        return dark > image.Pixels.Length / 1000;
    }
}
