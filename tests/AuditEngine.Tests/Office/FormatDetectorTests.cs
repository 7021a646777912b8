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
