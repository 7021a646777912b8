using System.Text;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Service.Api;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// GET /api/documents/{id} lists the page sizes from the stored layout without parsing the whole of it: the reader
/// stops after the pages, which the layout writes first. It must give what parsing the whole layout gives.
/// </summary>
public sealed class DocumentPagesTests
{
    private static byte[] StoredLayout()
    {
        var layout = new Layout { Source = "a.pdf", IntakeVersion = "v" };
        layout.Pages.Add(new LayoutPage { Number = 1, Width = 595.28, Height = 841.89 });
        layout.Pages.Add(new LayoutPage { Number = 2, Width = 2480, Height = 3508, Scanned = true, SkewDegrees = 0.75 });
        layout.Pages.Add(new LayoutPage { Number = 3, Width = 841.89, Height = 595.28 });
        layout.Blocks.Add(new Paragraph { Text = "一、部门职责", Page = 1 });
        using var stream = new MemoryStream();
        LayoutJson.Write(layout, stream, indented: false);
        return stream.ToArray();
    }

    [Fact]
    public void The_pages_of_a_stored_layout_are_read_with_their_size_and_kind()
    {
        var pages = DocumentEndpoints.Pages(StoredLayout());
        Assert.Equal(
            [new PageDto(1, 595.28, 841.89, false), new PageDto(2, 2480, 3508, true), new PageDto(3, 841.89, 595.28, false)],
            pages);
    }

    [Fact]
    public void Pages_written_after_other_parts_are_still_found()
    {
        const string json = """{"source":"b.docx","tables":[{"cells":[{"text":"x"}]}],"pages":[{"number":1,"width":10,"height":20,"scanned":false}]}""";
        Assert.Equal([new PageDto(1, 10, 20, false)], DocumentEndpoints.Pages(Encoding.UTF8.GetBytes(json)));
        Assert.Empty(DocumentEndpoints.Pages(null));
    }

    [Fact]
    public void The_layout_served_is_the_documented_form_whatever_form_the_store_keeps()
    {
        var layout = new Layout { Source = "c.pdf", IntakeVersion = "v" };
        layout.Pages.Add(new LayoutPage { Number = 1, Width = 595.28, Height = 841.89 });
        layout.Blocks.Add(new Paragraph { Text = "收支总表", Page = 1, Box = new BoundingBox(50, 40, 100, 12) });
        var table = new LayoutTable { Page = 1, Box = new BoundingBox(50, 60, 400, 30) };
        table.Cells.Add(new LayoutCell { Row = 0, Column = 0, Text = "合计", Page = 1, Box = new BoundingBox(50, 60, 200, 15) });
        table.Cells.Add(new LayoutCell { Row = 0, Column = 1, Text = "100.00", Page = 1, Box = new BoundingBox(250, 60, 200, 15), Confidence = 0.5 });
        layout.Blocks.Add(table);
        using var stored = new MemoryStream();
        LayoutJson.WriteStored(layout, stored);
        using var documented = new MemoryStream();
        LayoutJson.Write(layout, documented, indented: false);

        var served = DocumentEndpoints.PublishedLayout(stored.ToArray(), "c.pdf");

        Assert.Equal(Encoding.UTF8.GetString(documented.ToArray()), Encoding.UTF8.GetString(served));
        Assert.Contains("\"bbox\":{\"x\":250,", Encoding.UTF8.GetString(served));
        Assert.Contains("\"title\":\"收支总表\"", Encoding.UTF8.GetString(served));
        Assert.Contains("\"bbox\":[250,", Encoding.UTF8.GetString(stored.ToArray()));
    }
}
