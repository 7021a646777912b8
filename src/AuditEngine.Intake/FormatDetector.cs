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
        // Signatures at offset 0 come first, containers before anything else: a ZIP whose first stored entry puts
        // "%PDF-" in its first KiB is still a ZIP (else the ZIP nesting limit could be walked around).
        if (b.StartsWith(PdfMagic)) return FileFormat.Pdf;
        if (b.StartsWith(ZipMagic)) return DetectZip(bytes);
        if (b.StartsWith(Ole2Magic)) return DetectCompoundFile(bytes);
        if (b.StartsWith(PngMagic)) return FileFormat.Png;
        if (b.Length >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return FileFormat.Jpeg;
        if (b.StartsWith("II*\0"u8) || b.StartsWith("MM\0*"u8)) return FileFormat.Tiff;
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return FileFormat.Gif;
        if (IsBmp(b)) return FileFormat.Bmp;
        // A ZIP with bytes before it (self-extracting, or junk prepended to hide it) is found by its directory at the end.
        if (HasZipDirectory(bytes)) return DetectZip(bytes);
        // Only now the sniffing that looks inside: a PDF header after leading junk, then text.
        if (b[..Math.Min(b.Length, PdfHeaderWindow)].IndexOf(PdfMagic) >= 0) return FileFormat.Pdf;
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

    /// <summary>
    /// An end-of-central-directory record that ends the file exactly (its comment length says where): a ZIP with data
    /// before it. Whether it can be opened is the unpacker's business; what it is, is decided here.
    /// </summary>
    private static bool HasZipDirectory(byte[] bytes)
    {
        const int eocdLength = 22;
        var from = Math.Max(0, bytes.Length - eocdLength - ushort.MaxValue);
        var tail = bytes.AsSpan(from);
        for (var at = tail.LastIndexOf("PK\u0005\u0006"u8); at >= 0; at = tail[..at].LastIndexOf("PK\u0005\u0006"u8))
        {
            if (at + eocdLength > tail.Length) continue;
            var comment = BitConverter.ToUInt16(tail.Slice(at + 20, 2));
            if (at + eocdLength + comment == tail.Length) return true;
        }
        return false;
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

/// <summary>
/// Decides whether bytes are text a person would read, and in which encoding: a byte-order mark first (UTF-8,
/// UTF-16 LE/BE), then UTF-16 without a mark (told by where its zero bytes fall), strict UTF-8, and finally the two
/// Chinese double-byte encodings, GB18030 (mainland Windows files) or Big5 (traditional), told apart by their trail bytes.
/// </summary>
internal static class TextSniffer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Le = new(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly UnicodeEncoding StrictUtf16Be = new(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>The decoded text (without a byte-order mark), or null when the bytes are binary or in no known encoding.</summary>
    public static string? TryDecode(byte[] bytes)
    {
        var text = DecodeAny(bytes);
        return text is not null && MostlyPrintable(text) ? text : null;
    }

    private static string? DecodeAny(byte[] bytes)
    {
        var b = bytes.AsSpan();
        if (b.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return Decode(bytes[3..], StrictUtf8);
        // FF FE 00 00 would be UTF-32: not a form disclosures come in, and left to fail below.
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) && !b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
            return Decode(bytes[2..], StrictUtf16Le);
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return Decode(bytes[2..], StrictUtf16Be);
        if (b.IndexOf((byte)0) >= 0)
        {
            // Text never holds NUL except as half of a UTF-16 unit; binaries nearly always hold it.
            return Utf16WithoutMark(bytes) switch
            {
                true => Decode(bytes, StrictUtf16Le),
                false => Decode(bytes, StrictUtf16Be),
                null => null,
            };
        }
        return Decode(bytes, StrictUtf8) ?? DoubleByteChinese(bytes);
    }

    /// <summary>
    /// UTF-16 without a mark: line breaks, digits and spaces put a zero byte in every such unit, on the odd side in
    /// little-endian and the even side in big-endian; a binary has zeros on both sides alike. True: LE, false: BE, null: neither.
    /// </summary>
    private static bool? Utf16WithoutMark(byte[] bytes)
    {
        if (bytes.Length % 2 != 0) return null;
        int even = 0, odd = 0;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == 0) { if (i % 2 == 0) even++; else odd++; }
        var units = bytes.Length / 2;
        // Not "none on the other side": characters such as 一 (U+4E00) have a zero low byte.
        if (odd >= units / 10 && even * 10 <= odd) return true;
        if (even >= units / 10 && odd * 10 <= even) return false;
        return null;
    }

    /// <summary>
    /// GB18030 and Big5 accept most of each other's bytes, so the choice rests on trail bytes: GB2312 text (what
    /// mainland disclosures use) has both bytes of a character at 0xA1 or above, while about a third of Big5's common
    /// characters have a trail byte 0x40–0x7E. Many such trails and a clean Big5 decoding mean Big5.
    /// </summary>
    private static string? DoubleByteChinese(byte[] bytes)
    {
        int pairs = 0, lowTrail = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] < 0x81) continue;
            pairs++;
            if (bytes[i + 1] is >= 0x40 and <= 0x7E) lowTrail++;
            i++;
        }
        if (pairs > 0 && lowTrail * 10 >= pairs && Decode(bytes, Strict(950)) is { } big5) return big5;
        return Decode(bytes, Strict(54936)) ?? Decode(bytes, Strict(950));
    }

    private static string? Decode(byte[] bytes, Encoding? encoding)
    {
        if (encoding is null) return null;
        try { return encoding.GetString(bytes); }
        catch (DecoderFallbackException) { return null; }
        catch (ArgumentException) { return null; }
    }

    private static Encoding? Strict(int codePage)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        try
        {
            return Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
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
