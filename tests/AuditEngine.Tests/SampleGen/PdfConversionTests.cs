namespace AuditEngine.Tests.SampleGen;

[Collection(SampleGenCollection.Name)]
public sealed class PdfConversionTests(LangfangSamples samples)
{
    [Fact]
    public void LibreOffice_pdf_is_digital_text_on_a4_pages()
    {
        var text = Poppler.Text(samples.Pdf);
        Assert.Contains("部门预算收支总表", text);
        Assert.Contains("4230.21", text);

        var (pages, width, height) = Poppler.Info(samples.Pdf);
        Assert.True(pages > 1, $"{pages} pages");
        Assert.Equal(595.3, width, 0.5);
        Assert.Equal(841.9, height, 0.5);
    }
}
