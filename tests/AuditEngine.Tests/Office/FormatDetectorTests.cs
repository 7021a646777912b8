using System.Text;
using AuditEngine.Intake;
// OpenXml's root namespace is also called DocumentFormat and wins name lookup outside AuditEngine.Intake.
using Format = AuditEngine.Intake.FileFormat;

namespace AuditEngine.Tests.Office;

public class FormatDetectorTests
{
    private static Format Detect(byte[] bytes) => FormatDetector.Detect(bytes);

    [Fact]
    public void Empty_input_is_empty() => Assert.Equal(Format.Empty, Detect([]));

    [Fact]
    public void Pdf_is_found_by_its_header_even_after_leading_junk()
    {
        Assert.Equal(Format.Pdf, Detect("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n"u8.ToArray()));
        Assert.Equal(Format.Pdf, Detect([.. "\r\n\r\n"u8, .. "%PDF-1.4\n"u8]));
    }

    [Fact]
    public void Images_are_found_by_their_signatures()
    {
        Assert.Equal(Format.Png, Detect(Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")));
        Assert.Equal(Format.Gif, Detect(Convert.FromBase64String("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")));
        Assert.Equal(Format.Jpeg, Detect([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]));
        Assert.Equal(Format.Tiff, Detect([.. "II*\0"u8, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00]));
        Assert.Equal(Format.Tiff, Detect([.. "MM\0*"u8, 0x00, 0x00, 0x00, 0x08, 0x00, 0x00]));
        Assert.Equal(Format.Bmp, Detect(Bmp1x1()));
    }

    [Fact]
    public void Text_starting_with_BM_is_not_a_bitmap() =>
        Assert.Equal(Format.Text, Detect(Encoding.UTF8.GetBytes("BMW 公务用车购置费说明，共计 12.00 万元。")));

    [Fact]
    public void Word_and_excel_packages_are_told_from_other_zips()
    {
        Assert.Equal(Format.Docx, Detect(DocxSamples.ExpenditureSummary()));
        Assert.Equal(Format.Xlsx, Detect(new XlsxSamples().Sheet("表1", [("A1", "部门收支总表", XlsxSamples.General)]).Build()));
        Assert.Equal(Format.Zip, Detect(OfficeBytes.PlainZip()));
    }

    [Fact]
    public void Truncated_docx_is_still_routed_to_the_word_reader()
    {
        var bytes = DocxSamples.ExpenditureSummary();
        Assert.Equal(Format.Docx, Detect(bytes[..(bytes.Length / 2)]));
    }

    [Fact]
    public void Ole2_files_are_told_apart_by_their_stream_names()
    {
        Assert.Equal(Format.LegacyDoc, Detect(CompoundFileSample.With("WordDocument", "1Table", "\u0005SummaryInformation")));
        Assert.Equal(Format.LegacyXls, Detect(CompoundFileSample.With("Workbook", "\u0005SummaryInformation")));
        Assert.Equal(Format.LegacyXls, Detect(CompoundFileSample.With("Book")));
        Assert.Equal(Format.EncryptedOffice, Detect(CompoundFileSample.With("EncryptionInfo", "EncryptedPackage")));
        Assert.Equal(Format.LegacyOffice, Detect(CompoundFileSample.With("PowerPoint Document")));
    }

    [Fact]
    public void Ole2_file_with_an_unreadable_directory_is_legacy_office()
    {
        Assert.Equal(Format.LegacyOffice, Detect(CompoundFileSample.With("WordDocument")[..600]));
        Assert.Equal(Format.LegacyOffice, Detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]));
    }

    [Fact]
    public void Html_is_found_after_a_bom_and_whitespace_whatever_the_case()
    {
        Assert.Equal(Format.Html, Detect([0xEF, 0xBB, 0xBF, .. "\r\n  <!DOCTYPE html><html><body>部门预算</body></html>"u8]));
        Assert.Equal(Format.Html, Detect("<HTML xmlns:o=\"urn:schemas-microsoft-com:office:office\"><table></table></HTML>"u8.ToArray()));
        Assert.Equal(Format.Text, Detect("说明：<html> 标签出现在正文中间"u8.ToArray()));
    }

    [Fact]
    public void Chinese_text_is_text_in_utf8_and_in_gb18030()
    {
        const string text = "部门预算支出总表\n单位：万元\n208\t社会保障和就业支出\t115.02\n";
        Assert.Equal(Format.Text, Detect(Encoding.UTF8.GetBytes(text)));
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding(54936).GetBytes(text);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(gb));
        Assert.Equal(Format.Text, Detect(gb));
    }

    [Fact]
    public void A_zip_whose_first_KiB_holds_a_pdf_header_is_a_zip()
    {
        var inner = Zip(("a.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray()));
        var outer = Zip(("inner.zip", inner));
        Assert.True(outer.AsSpan(0, Math.Min(outer.Length, 1024)).IndexOf("%PDF-"u8) >= 0);
        Assert.Equal(Format.Zip, Detect(inner));
        Assert.Equal(Format.Zip, Detect(outer));
    }

    [Fact]
    public void A_zip_behind_leading_junk_is_found_by_its_directory()
    {
        var junk = Encoding.ASCII.GetBytes("MZ self-extractor stub %PDF-1.4 not really\n");
        Assert.Equal(Format.Zip, Detect([.. junk, .. Zip(("a.txt", "部门预算"u8.ToArray()))]));
        // A PDF with junk before its header is still a PDF: it has no ZIP directory.
        Assert.Equal(Format.Pdf, Detect([.. "\r\n"u8, .. "%PDF-1.4\n%%EOF\n"u8]));
    }

    // 一 is U+4E00: its UTF-16 form holds a zero byte on the side where ASCII has none.
    private const string Disclosure = "部门预算支出总表\n单位：万元\n208\t社会保障和就业支出\t115.02\n一般公共预算拨款合计\t1,234.56\n";

    public static TheoryData<string> TextEncodings => ["utf-16le-bom", "utf-16be-bom", "utf-16le", "utf-16be", "utf-8-bom", "gb18030"];

    [Theory]
    [MemberData(nameof(TextEncodings))]
    public void Chinese_text_in_utf16_utf8_with_bom_and_gb18030_is_decoded(string encoding)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        byte[] bytes = encoding switch
        {
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Disclosure)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Disclosure)],
            "utf-16le" => Encoding.Unicode.GetBytes(Disclosure),
            "utf-16be" => Encoding.BigEndianUnicode.GetBytes(Disclosure),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Disclosure)],
            _ => Encoding.GetEncoding(54936).GetBytes(Disclosure),
        };
        Assert.Equal(Format.Text, Detect(bytes));
        Assert.Equal(Disclosure, TextSniffer.TryDecode(bytes));
    }

    [Fact]
    public void Big5_is_told_from_gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        const string traditional = "某縣財政局2024年部門預算公開\n一、部門收支總表\n收入總計\t1,234.56\n說明：本表為部門收支總表，單位為萬元。\n";
        var big5 = Encoding.GetEncoding(950).GetBytes(traditional);
        Assert.Equal(Format.Text, Detect(big5));
        Assert.Equal(traditional, TextSniffer.TryDecode(big5));
        // Simplified text in GB18030 stays GB18030, though its bytes are valid Big5 too.
        var gb = Encoding.GetEncoding(54936).GetBytes(Disclosure);
        Assert.Equal(Disclosure, TextSniffer.TryDecode(gb));
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.NoCompression).Open();
                stream.Write(content);
            }
        return buffer.ToArray();
    }

    [Fact]
    public void Binary_noise_is_unknown()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        noise[0] = 0x01;
        Assert.Equal(Format.Unknown, Detect(noise));
        Assert.Equal(Format.Unknown, Detect([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00])); // an ELF executable
    }

    private static byte[] Bmp1x1()
    {
        var b = new byte[58];
        b[0] = (byte)'B'; b[1] = (byte)'M';
        BitConverter.GetBytes(58).CopyTo(b, 2);
        BitConverter.GetBytes(54).CopyTo(b, 10);
        BitConverter.GetBytes(40).CopyTo(b, 14);
        BitConverter.GetBytes(1).CopyTo(b, 18);
        BitConverter.GetBytes(1).CopyTo(b, 22);
        BitConverter.GetBytes((short)1).CopyTo(b, 26);
        BitConverter.GetBytes((short)24).CopyTo(b, 28);
        return b;
    }
}
