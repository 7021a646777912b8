using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Reports.Pdf;

namespace AuditEngine.Tests.PdfOutput;

/// <summary>
/// The annotated source PDF: same page count as the upload, each finding's box red in the rendered page at the
/// finding's place, and the note beside it readable by pdftotext. On the digital sample and on the scanned one.
/// </summary>
public sealed class SourcePdfAnnotatorTests(ScanAudit audit) : IClassFixture<ScanAudit>
{
    private const int Dpi = 144;
    private const double Scale = Dpi / 72.0;

    [Fact]
    public void Scanned_sample_keeps_its_pages_and_outlines_each_located_finding_in_red()
    {
        var source = audit.Source;
        var located = audit.Result.Findings.Where(f => f.Evidence.Any(e => e is { Page: not null, Box: not null })).ToList();
        Assert.NotEmpty(located);

        // The sample's pages were scanned askew and straightened for OCR: the outlines must turn back with them.
        Assert.All(audit.Pages.Values, p => Assert.True(Math.Abs(p.SkewDegrees) > 0.5, $"skew {p.SkewDegrees}"));
        var annotated = SourcePdfAnnotator.Annotate(source, audit.Result.Findings, audit.Pages);
        Assert.Equal(Poppler.Pages(source), Poppler.Pages(annotated.Content));
        Assert.Equal(Poppler.Pages(source), annotated.Pages);
        Assert.Equal(located.Sum(f => f.Evidence.Where(e => e is { Page: not null, Box: not null }).Distinct().Count()), annotated.Outlined);

        foreach (var f in located)
        {
            foreach (var e in f.Evidence.Where(e => e is { Page: not null, Box: not null }))
                AssertOutlined(source, annotated.Content, e.Page!.Value, e.Box!.Value, audit.Pages[e.Page!.Value]);
            var page = f.Evidence.First(e => e.Box is not null).Page!.Value;
            var width = PageWidth(source, page);
            var notes = Poppler.Compact(Poppler.Text(annotated.Content, page, (width, 0, SourcePdfAnnotator.ColumnWidth, 2000)));
            Assert.Contains(f.RuleId, notes);
        }
    }

    [Fact]
    public void Digital_sample_box_lands_on_the_cell_it_names()
    {
        var path = RepositoryPaths.Generated("langfang-guangyang-2025.pdf");
        var source = File.ReadAllBytes(path);
        var layout = DocumentReader.Read(source, Path.GetFileName(path));
        // A figure cell on the second page that has a table: the kind of cell a rule's evidence points at.
        var cell = layout.Blocks.OfType<LayoutTable>().Where(t => t.Page >= 2).SelectMany(t => t.Cells)
            .First(c => c.Box is { Width: > 20 } && System.Text.RegularExpressions.Regex.IsMatch(c.Text, @"^\d+\.\d\d$"));
        var finding = new Finding
        {
            RuleId = "UT-TEST-CELL", RuleName = "测试", Category = Categories.UnbalancedTotal, Severity = Severity.Error,
            Message = $"合计 {cell.Text} 与分项之和不一致",
            Evidence = [new Evidence(cell.Page, null, "部门收支总表", cell.Row, "合计", cell.Text, Box: cell.Box)],
        };
        var sizes = layout.Pages.ToDictionary(p => p.Number, p => new PageGeometry(p.Width, p.Height, p.SkewDegrees));

        var annotated = SourcePdfAnnotator.Annotate(source, [finding], sizes);

        Assert.Equal(Poppler.Pages(source), Poppler.Pages(annotated.Content));
        var box = cell.Box!.Value;
        AssertOutlined(source, annotated.Content, cell.Page, box, sizes[cell.Page]);
        // The outlined region of the annotated page still holds the cell's figure: the box is where the value is.
        var inside = Poppler.Compact(Poppler.Text(annotated.Content, cell.Page, (box.X - 2, box.Y - 2, box.Width + 4, box.Height + 4)));
        Assert.Contains(cell.Text, inside);
        var width = PageWidth(source, cell.Page);
        var note = Poppler.Compact(Poppler.Text(annotated.Content, cell.Page, (width, 0, SourcePdfAnnotator.ColumnWidth, 2000)));
        Assert.Contains("UT-TEST-CELL", note);
        Assert.Contains($"合计{cell.Text}与分项之和不一致", note);
        // Pages without a finding are left as they were: no red anywhere on page 1.
        Assert.Equal(0, Poppler.Render(annotated.Content, 1, 36).CountRed());
    }

    [Fact]
    public void A_scanned_page_image_becomes_a_one_page_pdf_with_the_cell_outlined()
    {
        var path = RepositoryPaths.Generated("xinglong-2024.scan300-p1.png");
        var image = File.ReadAllBytes(path);
        var layout = DocumentReader.Read(image, Path.GetFileName(path));
        // A figure OCR read in a table: where a rule's evidence would point.
        var cell = layout.Blocks.OfType<LayoutTable>().SelectMany(t => t.Cells)
            .First(c => c.Box is { Width: > 20 } && System.Text.RegularExpressions.Regex.IsMatch(c.Text, @"^\d+\.\d\d$"));
        var finding = new Finding
        {
            RuleId = "UT-IMAGE-CELL", RuleName = "测试", Category = Categories.UnbalancedTotal, Severity = Severity.Warning,
            Message = $"图片中的 {cell.Text}", Evidence = [new Evidence(1, null, "部门收支总表", cell.Row, "合计", cell.Text, Box: cell.Box)],
        };
        var page = layout.Pages[0];

        var geometry = layout.Pages.ToDictionary(p => p.Number, p => new PageGeometry(p.Width, p.Height, p.SkewDegrees));
        var annotated = SourcePdfAnnotator.Annotate(image, [finding], geometry);

        Assert.Equal(1, Poppler.Pages(annotated.Content));
        Assert.Equal(1, annotated.Outlined);
        AssertOutlined(null, annotated.Content, 1, cell.Box!.Value, geometry[1]);
        var rendered = Poppler.Render(annotated.Content, 1, 72);
        Assert.Equal(Math.Round(page.Width + SourcePdfAnnotator.ColumnWidth), rendered.Width, 1.0);
        var notes = Poppler.Compact(Poppler.Text(annotated.Content, 1, (page.Width, 0, SourcePdfAnnotator.ColumnWidth, 2000)));
        Assert.Contains("UT-IMAGE-CELL", notes);
        Assert.Contains($"图片中的{cell.Text}", notes);
    }

    [Fact]
    public void A_file_that_is_not_a_pdf_is_refused_with_a_reason()
    {
        var e = Assert.Throws<PdfOutputException>(() => SourcePdfAnnotator.Annotate("PK\u0003\u0004docx"u8.ToArray(), []));
        Assert.Contains("只适用于 PDF 与 PNG/JPEG 图片", e.Message);
        var damaged = Assert.Throws<PdfOutputException>(() => SourcePdfAnnotator.Annotate("%PDF-1.7\n garbage"u8.ToArray(), []));
        Assert.Contains("无法打开 PDF", damaged.Message);
    }

    /// <summary>
    /// The box's four edges are red in the annotated page and were not red in the source. A straightened scan's box is
    /// turned back by the page's skew about the page centre (clockwise positive, y down) to find its edges on the page.
    /// </summary>
    /// <param name="source">The source PDF, to check it was not red there already; null for an image (its scan has no red).</param>
    private static void AssertOutlined(byte[]? source, byte[] annotated, int page, BoundingBox box, PageGeometry geometry)
    {
        var after = Poppler.Render(annotated, page, Dpi);
        var before = source is null ? null : Poppler.Render(source, page, Dpi);
        var a = geometry.SkewDegrees * Math.PI / 180;
        (int X, int Y) OnPage(double x, double y)
        {
            var (dx, dy) = (x - geometry.Width / 2, y - geometry.Height / 2);
            return ((int)Math.Round((geometry.Width / 2 + dx * Math.Cos(a) + dy * Math.Sin(a)) * Scale),
                (int)Math.Round((geometry.Height / 2 - dx * Math.Sin(a) + dy * Math.Cos(a)) * Scale));
        }
        var (midX, midY) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        (int X, int Y)[] edges =
        [
            OnPage(box.X - 1.5, midY), OnPage(box.Right + 1.5, midY), OnPage(midX, box.Y - 1.5), OnPage(midX, box.Bottom + 1.5),
        ];
        foreach (var (x, y) in edges)
        {
            Assert.True(after.RedNear(x, y, 3), $"page {page}: no red outline at ({x},{y}) for box {box}");
            if (before is not null) Assert.False(before.RedNear(x, y, 3), $"page {page}: the source is already red at ({x},{y})");
        }
        // Inside the box the page shows through: its centre is not painted red.
        var (cx, cy) = OnPage(midX, midY);
        Assert.False(after.IsRed(cx, cy), $"page {page}: the box {box} is filled");
    }

    private static double PageWidth(byte[] pdf, int page) => Poppler.Render(pdf, page, 72).Width;
}
