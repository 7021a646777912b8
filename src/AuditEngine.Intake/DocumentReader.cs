using AuditEngine.Intake.Office;
using AuditEngine.Intake.Providers;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Intake's one entry point: a file in, a <see cref="Layout"/> out. The reader is chosen by content (magic bytes),
/// not by extension, since uploads arrive renamed. Every failure is an <see cref="IntakeException"/> that names the
/// file and the problem in Chinese. Images of pages (scans, photos, PDF pages without text) are read by an
/// <see cref="ILayoutProvider"/>: local Tesseract unless another is passed.
/// </summary>
public static class DocumentReader
{
    /// <summary>
    /// The versions of the readers, one per family, stored with every layout (<see cref="VersionOf"/>). Bump a family's
    /// version whenever its output changes (a better table grid, an OCR fix; code the families share: each one's):
    /// stored layouts of that family are then read again from their files at their next audit, the others are reused.
    /// One version for all readers meant that a fix to text dumps had every scan OCR'd again.
    /// </summary>
    public const string TextVersion = "text-2026.12.07.3"; // .2: tables stacked one cell per line; .3: a converter's pinyin after each character (經(jīng)費(fèi)) taken out, tables printed with runs of spaces between the columns; earlier history under SharedVersionBefore

    /// <summary>DOCX, XLSX and legacy Office files (<see cref="TextVersion"/>).</summary>
    public const string OfficeVersion = "office-2026.12.07.1";

    /// <summary>Paged inputs: PDFs, digital or scanned, and page images (poppler, OCR, Azure Document Intelligence).</summary>
    public const string PagedVersion = "paged-2026.12.07.1";

    /// <summary>The one version all readers shared until the families had their own. Its paged and Office layouts are
    /// current: only the text reader changed after it. Paged layouts are told by their page sizes, Office ones by their
    /// file's extension (text pages have no size either; a text file renamed .docx keeps its old layout).</summary>
    private const string SharedVersionBefore = "intake-2026.12.07.1"; // .2: scanned pages record their deskew angle; .3: one-line text cells of 300 dpi scans read as raw lines; .4: narrative lines of 300 dpi scans read as raw lines, figures checked by template or read again; 12.07.1: markdown pipe tables in text inputs

    /// <summary>The current versions of all families, as <c>GET /api/health</c> shows them.</summary>
    public static string Version => $"{TextVersion} {OfficeVersion} {PagedVersion}";

    /// <summary>The version of the readers of <paramref name="format"/>.</summary>
    public static string VersionOf(FileFormat format) => format switch
    {
        FileFormat.Text => TextVersion,
        FileFormat.Docx or FileFormat.Xlsx or FileFormat.LegacyDoc or FileFormat.LegacyXls or FileFormat.LegacyOffice => OfficeVersion,
        _ => PagedVersion,
    };

    /// <summary>Whether the current readers would give <paramref name="layout"/> again, so it can be reused.</summary>
    public static bool IsCurrent(Layout layout) =>
        layout.IntakeVersion is TextVersion or OfficeVersion or PagedVersion
        || layout.IntakeVersion == SharedVersionBefore
        && (layout.Pages.Any(p => p.Width > 0) || OfficeExtensions.Contains(Path.GetExtension(layout.Source)));

    private static readonly HashSet<string> OfficeExtensions = new(StringComparer.OrdinalIgnoreCase) { ".docx", ".xlsx", ".doc", ".xls" };

    /// <summary>Largest file accepted: 512 MiB (a 300-page scan is far below this).</summary>
    public const long MaxBytes = 512L * 1024 * 1024;

    public static Layout Read(string path) => Read(path, LocalOcrProvider.Instance);

    public static Layout Read(string path, ILayoutProvider scans)
    {
        if (!File.Exists(path)) throw new IntakeException(path, "文件不存在");
        var length = new FileInfo(path).Length;
        if (length > MaxBytes) throw new IntakeException(path, $"文件过大（{length / 1024 / 1024} MB，上限 {MaxBytes / 1024 / 1024} MB）");
        return Read(File.ReadAllBytes(path), path, scans);
    }

    public static Layout Read(Stream stream, string name)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Read(buffer.ToArray(), name);
    }

    public static Layout Read(byte[] bytes, string name) => Read(bytes, name, LocalOcrProvider.Instance);

    public static Layout Read(byte[] bytes, string name, ILayoutProvider scans)
    {
        var format = FormatDetector.Detect(bytes);
        var layout = ReadAny(bytes, format, name, scans);
        layout.IntakeVersion = VersionOf(format);
        return layout;
    }

    private static Layout ReadAny(byte[] bytes, FileFormat format, string name, ILayoutProvider scans)
    {
        try
        {
            return format switch
            {
                FileFormat.Empty => throw new IntakeException(name, "文件为空（0 字节）"),
                FileFormat.Pdf => scans.ReadPdf(bytes, name),
                FileFormat.Docx => DocxReader.Read(bytes, name),
                FileFormat.Xlsx => XlsxReader.Read(bytes, name),
                FileFormat.LegacyDoc or FileFormat.LegacyXls or FileFormat.LegacyOffice => LegacyOfficeConverter.Read(bytes, name),
                FileFormat.EncryptedOffice => throw new IntakeException(name, "文档设有打开密码（已加密），无法读取；请上传未加密的文件"),
                FileFormat.Png or FileFormat.Jpeg or FileFormat.Tiff or FileFormat.Bmp or FileFormat.Gif => scans.ReadImage(bytes, name),
                FileFormat.Html => throw new IntakeException(name, "文件内容是 HTML 网页，不是预算公开文件（可能是下载失败时保存的错误页面）；请上传 PDF、Word、Excel、图片或文本"),
                FileFormat.Zip => throw new IntakeException(name, "文件是 ZIP 压缩包，不是可读取的 Word/Excel 文件（可能已损坏，或为 PPTX、ODF 等不受支持的格式），请另存为 Word/Excel/PDF 后上传"),
                FileFormat.Text => TextLayoutReader.Read(TextSniffer.TryDecode(bytes)!, name),
                _ => throw new IntakeException(name, "无法识别的文件格式（不是 PDF、Word、Excel、图片或文本）"),
            };
        }
        catch (IntakeException) { throw; }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reader's unexpected failure still has to name the file, and must not take the batch down.
            throw new IntakeException(name, $"读取失败（{FormatName(format)}）：{ex.Message}", ex);
        }
    }

    private static string FormatName(FileFormat format) => format switch
    {
        FileFormat.Pdf => "PDF",
        FileFormat.Docx => "Word 文档",
        FileFormat.Xlsx => "Excel 工作簿",
        FileFormat.Text => "文本",
        _ => format.ToString(),
    };
}
