using System.IO.Compression;
using System.Text;
using AuditEngine.Intake.Office;

namespace AuditEngine.Intake;

/// <summary>What a file is, judged from its bytes.</summary>
public enum FileFormat
{
    Unknown,
    /// <summary>0 bytes.</summary>
    Empty,
    Pdf,
    Docx,
    Xlsx,
    /// <summary>A ZIP archive that is not a Word or Excel document (PPTX, ODF, a plain archive).</summary>
    Zip,
    /// <summary>Word 97-2003 (.doc).</summary>
    LegacyDoc,
    /// <summary>Excel 97-2003 (.xls).</summary>
    LegacyXls,
    /// <summary>An OLE2 compound file that is neither a Word nor an Excel document, or whose directory is unreadable.</summary>
    LegacyOffice,
    /// <summary>A password-protected DOCX/XLSX: Office wraps the encrypted package in an OLE2 file.</summary>
    EncryptedOffice,
    Png,
    Jpeg,
    Tiff,
    Bmp,
    Gif,
    Html,
    Text,
}

/// <summary>
/// Tells file formats apart by content. Uploads arrive renamed (.doc that are DOCX, .xls that are HTML exports,
/// .pdf that are images), so the extension is not trusted.
/// </summary>
public static class FormatDetector
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole2Magic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Acrobat accepts a PDF header anywhere in the first KiB (some generators prepend junk); so do we.</summary>
    private const int PdfHeaderWindow = 1024;

    public static FileFormat Detect(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var b = bytes.AsSpan();
        if (b.Length == 0) return FileFormat.Empty;
        if (b[..Math.Min(b.Length, PdfHeaderWindow)].IndexOf(PdfMagic) >= 0) return FileFormat.Pdf;
        if (b.StartsWith(ZipMagic)) return DetectZip(bytes);
        if (b.StartsWith(Ole2Magic)) return DetectCompoundFile(bytes);
        if (b.StartsWith(PngMagic)) return FileFormat.Png;
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return FileFormat.Jpeg;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return FileFormat.Tiff;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return FileFormat.Gif;
        if (IsBmp(b)) return FileFormat.Bmp;
        if (TextSniffer.TryDecode(bytes) is { } text) return LooksLikeHtml(text) ? FileFormat.Html : FileFormat.Text;
        return FileFormat.Unknown;
    }

    /// <summary>
    /// OOXML packages are recognised by their main part. A damaged archive (truncated upload) has no readable central
    /// directory, but its local headers still name the parts, so the part names are looked for in the raw bytes:
    /// the file is then still routed to the Word/Excel reader, which reports it as damaged.
    /// </summary>
    private static FileFormat DetectZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName.Replace('\\', '/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Contains("word/document.xml")) return FileFormat.Docx;
            if (names.Contains("xl/workbook.xml")) return FileFormat.Xlsx;
            return FileFormat.Zip;
        }
        catch (InvalidDataException)
        {
            var span = bytes.AsSpan();
            if (span.IndexOf("word/document.xml"u8) >= 0) return FileFormat.Docx;
            if (span.IndexOf("xl/workbook.xml"u8) >= 0) return FileFormat.Xlsx;
            return FileFormat.Zip;
        }
    }

    private static FileFormat DetectCompoundFile(byte[] bytes)
    {
        var names = CompoundFileDirectory.StreamNames(bytes);
        if (names is null) return FileFormat.LegacyOffice;
        bool Has(string n) => names.Contains(n, StringComparer.OrdinalIgnoreCase);
        if (Has("EncryptedPackage")) return FileFormat.EncryptedOffice;
        if (Has("WordDocument")) return FileFormat.LegacyDoc;
        // "Book" is the stream name Excel 5/95 used; Excel 97 and later write "Workbook".
        if (Has("Workbook") || Has("Book")) return FileFormat.LegacyXls;
        return FileFormat.LegacyOffice;
    }

    /// <summary>"BM" alone is too weak (a text file may start with it): also require a known DIB header size.</summary>
    private static bool IsBmp(ReadOnlySpan<byte> b)
    {
        if (b.Length < 26 || b[0] != (byte)'B' || b[1] != (byte)'M') return false;
        var dibHeader = BitConverter.ToInt32(b.Slice(14, 4));
        return dibHeader is 12 or 16 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static bool LooksLikeHtml(string text)
    {
        var t = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return t.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase)
               || t.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>Decides whether bytes are text a person would read: UTF-8 first, then GB18030 (older Chinese Windows files).</summary>
internal static class TextSniffer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The decoded text, or null when the bytes are binary or in neither encoding.</summary>
    public static string? TryDecode(byte[] bytes)
    {
        // Text files never hold NUL; binaries nearly always do within the first few KiB.
        if (bytes.AsSpan().IndexOf((byte)0) >= 0) return null;
        var text = Decode(bytes, StrictUtf8) ?? Decode(bytes, Gb18030());
        return text is not null && MostlyPrintable(text) ? text : null;
    }

    private static string? Decode(byte[] bytes, Encoding? encoding)
    {
        if (encoding is null) return null;
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
    }

    private static Encoding? Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>GB18030 maps almost any byte sequence to something, so control characters are what betray a binary.</summary>
    private static bool MostlyPrintable(string text)
    {
        var control = 0;
        foreach (var c in text)
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\f')) control++;
        return control <= text.Length / 100;
    }
}
