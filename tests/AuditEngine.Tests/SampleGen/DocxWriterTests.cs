using AuditEngine.SampleGen;
using DocumentFormat.OpenXml.Packaging;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace AuditEngine.Tests.SampleGen;

[Collection(SampleGenCollection.Name)]
public sealed class DocxWriterTests(LangfangSamples samples)
{
    [Fact]
    public void Docx_has_the_source_tables_and_the_first_tables_cells()
    {
        using var doc = WordprocessingDocument.Open(samples.Docx, isEditable: false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var tables = body.Elements<W.Table>().ToList();
        Assert.Equal(samples.Source.Tables.Count, tables.Count);
        Assert.Equal(16, tables.Count);

        var expected = SourceDocument.RowTexts(samples.Source.Tables[0].Table);
        var rows = tables[0].Elements<W.TableRow>().ToList();
        Assert.Equal(expected.Count, rows.Count);
        var width = expected.Max(r => r.Count);
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Elements<W.TableCell>().Select(c => c.InnerText).ToList();
            // Short seed rows are padded with empty cells so the grid is rectangular.
            Assert.Equal(width, cells.Count);
            Assert.Equal(expected[r].Concat(Enumerable.Repeat("", width - expected[r].Count)), cells);
        }
        Assert.Contains(rows[1].Descendants<W.TableCell>(), c => c.InnerText == "收入");
        Assert.Contains(rows.SelectMany(r => r.Elements<W.TableCell>()), c => c.InnerText == "4230.21");
    }

    [Fact]
    public void Docx_is_a4_with_ruled_cells_a_repeated_header_and_bold_titles()
    {
        using var doc = WordprocessingDocument.Open(samples.Docx, isEditable: false);
        var body = doc.MainDocumentPart!.Document.Body!;
        var size = body.Elements<W.SectionProperties>().Single().GetFirstChild<W.PageSize>()!;
        Assert.Equal(11906u, size.Width!.Value);
        Assert.Equal(16838u, size.Height!.Value);

        var table = body.Elements<W.Table>().First();
        var firstRow = table.Elements<W.TableRow>().First();
        Assert.NotNull(firstRow.TableRowProperties?.GetFirstChild<W.TableHeader>());
        Assert.All(table.Descendants<W.TableCell>(), c =>
            Assert.Equal(W.BorderValues.Single, c.TableCellProperties!.TableCellBorders!.TopBorder!.Val!.Value));

        var title = body.Elements<W.Paragraph>().First(p => p.InnerText == "部门预算收支总表");
        Assert.NotNull(title.Descendants<W.Bold>().FirstOrDefault());
        var fonts = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<W.RunFonts>().First();
        Assert.Equal(DocxWriter.DefaultFont, fonts.EastAsia!.Value);
    }
}
