using AuditEngine.Intake.Pdf;
using AuditEngine.Intake.Scan;
using AuditEngine.Model;

namespace AuditEngine.Intake.Providers;

/// <summary>
/// Who reads images of pages: scans, photos and PDF pages without a text layer. Intake asks it for these forms
/// only; text, Word, Excel and digital PDF pages are read by intake itself whatever the provider.
/// </summary>
public interface ILayoutProvider
{
    /// <summary>Which provider this is, for logs and the report.</summary>
    OcrProvider Kind { get; }

    /// <summary>An image file (PNG, JPEG, TIFF, BMP, GIF): its whole layout.</summary>
    Layout ReadImage(byte[] bytes, string name);

    /// <summary>A PDF: digital pages as intake reads them, pages without text filled by this provider.</summary>
    Layout ReadPdf(byte[] bytes, string name);
}

/// <summary>Local Tesseract through our own binding: the default, exactly the reading intake always did.</summary>
public sealed class LocalOcrProvider : ILayoutProvider
{
    public static readonly LocalOcrProvider Instance = new();

    private LocalOcrProvider() { }

    public OcrProvider Kind => OcrProvider.Local;

    public Layout ReadImage(byte[] bytes, string name) => ScanReader.ReadImage(bytes, name);

    public Layout ReadPdf(byte[] bytes, string name) => PdfReader.Read(bytes, name, ScanReader.ForPdfPages(bytes, name));
}
