using AuditEngine.Intake;
using AuditEngine.Intake.Office;
using AuditEngine.Model;
using AuditEngine.Recognition;
using static AuditEngine.Tests.Office.XlsxSamples;
// OpenXml's root namespace is also called DocumentFormat and wins name lookup outside AuditEngine.Intake.
using Format = AuditEngine.Intake.FileFormat;

namespace AuditEngine.Tests.Office;

public class LegacyOfficeConverterTests
{
    /// <summary>The sample as a Word 97 file; made once because every soffice start costs seconds.</summary>
    private static readonly Lazy<byte[]> Doc = new(() => Soffice.Convert(DocxSamples.ExpenditureSummary(), ".docx", "doc"));

    [SofficeFact]
    public void Doc_is_converted_and_read_like_the_docx_it_came_from()
    {
        var doc = Doc.Value;
        Assert.Equal(Format.LegacyDoc, FormatDetector.Detect(doc));

        var layout = LegacyOfficeConverter.Read(doc, "支出总表.doc");
        Assert.Equal("支出总表.doc", layout.Source);
        Assert.Equal(["某某市财政局2025年部门预算", "部门预算支出总表", "单位：万元"], layout.Blocks.TakeWhile(b => b is Paragraph).Select(b => b.ToString()));
        var rows = layout.Tables.First().Rows();
        Assert.Equal(["科目", "合计", "基本支出", "项目支出"], rows[0].Select(c => c.Text));
        Assert.Equal([0, 2, 3, 4], rows[0].Select(c => c.Column));
        Assert.Equal(2, rows[0][1].RowSpan);
        Assert.Equal(["2080505", "机关事业单位基本养老保险缴费支出", "115.02", "100.00", "15.02"], rows[5].Select(c => c.Text));

        var table = Recognizer.Recognise(layout).Table(TableKind.ExpenditureSummary);
        Assert.NotNull(table);
        Assert.Equal(115.02m, table.Amount("合计", "合计"));
    }

    [SofficeFact]
    public void Xls_is_converted_and_read_like_the_xlsx_it_came_from()
    {
        var xlsx = new XlsxSamples().Sheet("支出总表", ExpenditureSummaryCells(), ExpenditureSummaryMerges).Build();
        var xls = Soffice.Convert(xlsx, ".xlsx", "xls");
        Assert.Equal(Format.LegacyXls, FormatDetector.Detect(xls));

        var layout = LegacyOfficeConverter.Read(xls, "支出总表.xls");
        Assert.Equal("部门预算支出总表", Assert.IsType<Paragraph>(layout.Blocks[0]).Text);
        var rows = layout.Tables.Single().Rows();
        Assert.Equal(["科目", "合计", "基本支出", "项目支出"], rows[0].Select(c => c.Text));
        Assert.Equal(["2080505", "机关事业单位基本养老保险缴费支出", "115.02", "100.00", "15.02"], rows[5].Select(c => c.Text));
        Assert.Equal(8, rows[5][0].Line);
    }

    [Fact]
    public void Missing_libreoffice_is_reported_in_chinese_naming_the_file()
    {
        var ole2 = new byte[1024];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(ole2, 0);
        var ex = Assert.Throws<IntakeException>(() =>
            LegacyOfficeConverter.Read(ole2, "旧表.xls", sofficePath: "/nonexistent/soffice"));
        Assert.Equal("旧表.xls", ex.FileName);
        Assert.Equal("旧版 Word/Excel 文件（.doc/.xls）需要安装 LibreOffice 才能读取", ex.Problem);
    }

    [Fact]
    public void A_file_that_is_not_legacy_office_is_refused_before_any_conversion()
    {
        var ex = Assert.Throws<IntakeException>(() => LegacyOfficeConverter.Read("%PDF-1.7\n"u8.ToArray(), "伪装.doc"));
        Assert.Equal("伪装.doc", ex.FileName);
    }

    [SofficeFact]
    public void A_damaged_legacy_file_fails_with_an_intake_error_and_leaves_no_temp_folder()
    {
        var doc = Doc.Value;
        var before = TempFolders();
        var damaged = doc[..1536];
        var ex = Assert.ThrowsAny<IntakeException>(() => LegacyOfficeConverter.Read(damaged, "坏.doc"));
        Assert.Equal("坏.doc", ex.FileName);
        Assert.Empty(TempFolders().Except(before));
    }

    private static HashSet<string> TempFolders() =>
        Directory.GetDirectories(Path.GetTempPath(), "auditengine-soffice-*").ToHashSet();
}
