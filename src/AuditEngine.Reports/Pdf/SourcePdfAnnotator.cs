using System.Globalization;
using AuditEngine.Model;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Annotations;
using PdfSharp.Pdf.IO;

namespace AuditEngine.Reports.Pdf;

/// <summary>
/// A page as intake measured it: size in points and, for a deskewed scan, the degrees it was turned (clockwise on
/// screen, about the page centre) before OCR, which the page's boxes are relative to.
/// </summary>
public readonly record struct PageGeometry(double Width, double Height, double SkewDegrees = 0);

/// <summary>What <see cref="SourcePdfAnnotator.Annotate"/> made: the PDF, how many boxes it outlined and notes it wrote.</summary>
public sealed record AnnotatedPdf(byte[] Content, int Pages, int Outlined, int Notes);

/// <summary>
/// The uploaded PDF (digital or scanned) with every finding's evidence outlined in red and a note beside it.
/// Each page that carries a finding is widened by a note column on its right (its content keeps its place), so the
/// notes never cover the figures they point at; a red leader joins each box to its note, and a PDF text annotation
/// beside each note carries the full message and review. The page count stays the source's.
/// </summary>
/// <remarks>
/// Evidence boxes are in points from the top-left of the page as intake read it: pdftotext's page (the crop box)
/// for digital pages, the page image scaled by 72/dpi for scans (ScanReader), so both map to PDF points; when the
/// layout's page size differs from the PDF's (a reader that measured differently), boxes are scaled to fit. A scan
/// that intake straightened has its boxes in the straightened image; they are turned back by the page's skew, so the
/// outline is a slightly tilted quadrilateral that follows the cell on the page as scanned.
/// Note text goes through Chromium (<see cref="Chromium"/>) because PDFsharp cannot embed the CJK fonts installed here;
/// the notes are imported as form XObjects, so their text stays extractable.
/// </remarks>
public static class SourcePdfAnnotator
{
    /// <summary>Width of the note column added to the right of an annotated page.</summary>
    public const double ColumnWidth = 200;
    public const double NoteWidth = 172;
    public const double NoteHeight = 46;
    private const double NoteGap = 4;
    private const double Inset = 6;

    /// <summary>The red of outlines and leaders, also what tests look for in the rendered page.</summary>
    public static readonly XColor Red = XColor.FromArgb(230, 0, 0);

    public static bool IsPdf(ReadOnlySpan<byte> content) => content.Length >= 5 && content[..5].SequenceEqual("%PDF-"u8);

    /// <summary>A PNG or JPEG photo or scan: annotated as a one-page PDF of the image.</summary>
    public static bool IsImage(ReadOnlySpan<byte> content) =>
        (content.Length >= 8 && content[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        || (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF);

    /// <summary>Whether <see cref="Annotate"/> can take the file: a PDF, a PNG or a JPEG.</summary>
    public static bool CanAnnotate(ReadOnlySpan<byte> content) => IsPdf(content) || IsImage(content);

    /// <param name="layoutPages">Page sizes as intake measured them (points), by page number; null when unknown.</param>
    public static AnnotatedPdf Annotate(byte[] source, IReadOnlyList<Finding> findings,
        IReadOnlyDictionary<int, PageGeometry>? layoutPages = null)
    {
        if (!CanAnnotate(source))
            throw new PdfOutputException("原件批注只适用于 PDF 与 PNG/JPEG 图片（DOCX、XLSX 与文本请查看审核报告中的问题依据）");
        PdfDocument document;
        try { document = IsImage(source) ? ImageDocument(source, layoutPages) : PdfReader.Open(new MemoryStream(source), PdfDocumentOpenMode.Modify); }
        // PDFsharp reports damaged, encrypted or unusual files with several exception types; each is "cannot annotate".
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PdfOutputException($"无法打开 PDF 进行批注：{e.Message}");
        }
        using (document)
        {
            var notes = Place(findings, document.PageCount);
            var outlined = 0;
            if (notes.Count > 0)
            {
                using var form = XPdfForm.FromStream(new MemoryStream(Chromium.PrintToPdf(NotesHtml(notes))));
                foreach (var page in notes.GroupBy(n => n.Page))
                    outlined += Draw(document.Pages[page.Key - 1], page.ToList(), form, layoutPages);
            }
            var pages = document.PageCount;
            var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return new AnnotatedPdf(output.ToArray(), pages, outlined, notes.Count);
        }
    }

    /// <summary>
    /// A one-page PDF of a photo or scan, the page as large in points as intake measured it, so boxes land where
    /// they do on the PDF of a scan. Without the layout's size the page is A4 wide, as intake assumes for a photo.
    /// </summary>
    private static PdfDocument ImageDocument(byte[] image, IReadOnlyDictionary<int, PageGeometry>? layoutPages)
    {
        var document = new PdfDocument();
        var page = document.AddPage();
        using var picture = XImage.FromStream(new MemoryStream(image));
        var (width, height) = layoutPages?.TryGetValue(1, out var size) == true && size.Width > 0 && size.Height > 0
            ? (size.Width, size.Height)
            : (595.0, 595.0 * picture.PixelHeight / picture.PixelWidth);
        page.Width = XUnit.FromPoint(width);
        page.Height = XUnit.FromPoint(height);
        using var gfx = XGraphics.FromPdfPage(page);
        gfx.DrawImage(picture, 0, 0, width, height);
        return document;
    }

    /// <summary>One note per finding and page: the boxes it outlines there (none for a finding without a located cell).</summary>
    private sealed record Note(int Index, Finding Finding, int Page, IReadOnlyList<BoundingBox> Boxes);

    private static List<Note> Place(IReadOnlyList<Finding> findings, int pageCount)
    {
        var notes = new List<Note>();
        foreach (var f in ReportText.Ordered(findings))
        {
            var pages = f.Evidence.Where(e => e.Page is >= 1 && e.Page <= pageCount).GroupBy(e => e.Page!.Value).ToList();
            // A finding about the document as a whole (a missing section) is noted on the first page.
            if (pages.Count == 0) notes.Add(new Note(notes.Count, f, 1, []));
            foreach (var g in pages)
                notes.Add(new Note(notes.Count, f, g.Key, g.Where(e => e.Box is not null).Select(e => e.Box!.Value).Distinct().ToList()));
        }
        return notes;
    }

    private static int Draw(PdfPage page, List<Note> notes, XPdfForm form, IReadOnlyDictionary<int, PageGeometry>? layoutPages)
    {
        var media = page.MediaBox;
        var crop = page.Elements.ContainsKey("/CropBox") ? page.CropBox : media;
        var pageNumber = notes[0].Page;
        var (scaleX, scaleY) = (1.0, 1.0);
        if (layoutPages?.TryGetValue(pageNumber, out var measured) == true && measured.Width > 0 && measured.Height > 0)
        {
            // Only a real mismatch rescales; rounding in the reader's page size must not move boxes.
            if (Math.Abs(measured.Width - crop.Width) > 1) scaleX = crop.Width / measured.Width;
            if (Math.Abs(measured.Height - crop.Height) > 1) scaleY = crop.Height / measured.Height;
        }
        // Box coordinates are from the crop box's top-left; XGraphics draws from the media box's top-left.
        var offsetX = crop.X1 - media.X1;
        var offsetY = media.Y2 - crop.Y2;
        XRect ToPage(BoundingBox b) => new(offsetX + b.X * scaleX, offsetY + b.Y * scaleY, b.Width * scaleX, b.Height * scaleY);
        // Straightened-image point → scanned page: turn back by the skew about the page centre.
        var skew = layoutPages?.TryGetValue(pageNumber, out var geometry) == true ? geometry.SkewDegrees * Math.PI / 180 : 0;
        var (cos, sin) = (Math.Cos(skew), Math.Sin(skew));
        var centre = new XPoint(offsetX + crop.Width / 2, offsetY + crop.Height / 2);
        XPoint Unskew(double x, double y)
        {
            var (dx, dy) = (x - centre.X, y - centre.Y);
            return new XPoint(centre.X + dx * cos + dy * sin, centre.Y - dx * sin + dy * cos);
        }
        XPoint[] Outline(BoundingBox b)
        {
            var r = ToPage(b);
            r.Inflate(1.5, 1.5);
            return [Unskew(r.Left, r.Top), Unskew(r.Right, r.Top), Unskew(r.Right, r.Bottom), Unskew(r.Left, r.Bottom)];
        }

        var contentRight = offsetX + crop.Width;
        page.MediaBox = new PdfRectangle(new XPoint(media.X1, media.Y1), new XPoint(media.X2 + ColumnWidth, media.Y2));
        if (page.Elements.ContainsKey("/CropBox"))
            page.CropBox = new PdfRectangle(new XPoint(crop.X1, crop.Y1), new XPoint(crop.X2 + ColumnWidth, crop.Y2));

        var slots = Slots(notes.Select(n => n.Boxes.Count > 0 ? Outline(n.Boxes[0])[0].Y : (double?)null).ToList(), offsetY, crop.Height);
        var outlined = 0;
        using (var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append))
        {
            var outline = new XPen(Red, 1.6);
            var leader = new XPen(Red, 0.6) { DashStyle = XDashStyle.Dash };
            gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(248, 248, 248)), new XRect(contentRight, offsetY, ColumnWidth, crop.Height));
            gfx.DrawLine(new XPen(XColor.FromArgb(200, 200, 200), 0.5), contentRight, offsetY, contentRight, offsetY + crop.Height);
            for (var i = 0; i < notes.Count; i++)
            {
                var note = notes[i];
                var noteRect = new XRect(contentRight + Inset, slots[i], NoteWidth, NoteHeight);
                form.PageNumber = note.Index + 1;
                gfx.DrawImage(form, noteRect);
                foreach (var box in note.Boxes)
                {
                    gfx.DrawPolygon(outline, Outline(box));
                    outlined++;
                }
                if (note.Boxes.Count > 0)
                {
                    var corners = Outline(note.Boxes[0]);
                    var start = new XPoint((corners[1].X + corners[2].X) / 2, (corners[1].Y + corners[2].Y) / 2);
                    gfx.DrawLine(leader, start.X, start.Y, noteRect.X, noteRect.Y + 8);
                }
                AddTextAnnotation(page, note, new XRect(noteRect.Right + 3, noteRect.Y, 13, 13), media);
            }
        }
        return outlined;
    }

    /// <summary>
    /// The top of each note in the column: as close to its box's top as the notes above allow; notes without a box
    /// first. When the column overflows, the notes are packed from the bottom up so the last ones stay on the page.
    /// </summary>
    private static double[] Slots(IReadOnlyList<double?> anchors, double top, double height)
    {
        var order = Enumerable.Range(0, anchors.Count).OrderBy(i => anchors[i] ?? double.MinValue).ToList();
        var slots = new double[anchors.Count];
        var next = top + Inset;
        foreach (var i in order)
        {
            slots[i] = Math.Max(next, (anchors[i] ?? top) - 8);
            next = slots[i] + NoteHeight + NoteGap;
        }
        var bottom = top + height - Inset;
        for (var k = order.Count - 1; k >= 0; k--)
        {
            var i = order[k];
            if (slots[i] + NoteHeight <= bottom) break;
            slots[i] = Math.Max(top + Inset, bottom - NoteHeight);
            bottom = slots[i] - NoteGap;
        }
        return slots;
    }

    /// <summary>
    /// A comment beside the note (its icon in the note column, so it never covers the page's figures): the rule, the
    /// full message and the review, for readers that list annotations.
    /// </summary>
    private static void AddTextAnnotation(PdfPage page, Note note, XRect anchor, PdfRectangle media)
    {
        var f = note.Finding;
        var review = f.Review;
        var contents = $"{f.Message}\n审核状态：{review.State.Chinese()}"
            + (review.Reviewer is { } who ? $"　审核人：{who}" : "")
            + (review.At is not null ? $"　审核时间：{ReportText.Time(review.At)}" : "")
            + (string.IsNullOrEmpty(review.Reason) ? "" : $"　理由：{review.Reason}");
        // Annotation rectangles are in PDF user space: origin bottom-left of the media box.
        var x = media.X1 + anchor.X;
        var y = media.Y2 - anchor.Y;
        var annotation = new PdfTextAnnotation
        {
            Title = f.RuleId,
            Subject = $"{ReportText.SeverityChinese(f.Severity)} · {ReportText.CategoryChinese(f.Category)}",
            Contents = contents,
            Icon = PdfTextAnnotationIcon.Comment,
            Color = Red,
            Rectangle = new PdfRectangle(new XPoint(x, y - anchor.Height), new XPoint(x + anchor.Width, y)),
        };
        page.Annotations.Add(annotation);
    }

    /// <summary>One note per PDF page of exactly the note's size, printed in one Chromium run.</summary>
    private static string NotesHtml(IReadOnlyList<Note> notes)
    {
        var html = new HtmlBuilder();
        var w = NoteWidth.ToString(CultureInfo.InvariantCulture);
        var h = NoteHeight.ToString(CultureInfo.InvariantCulture);
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">").Raw(Chromium.NoNetworkPolicy).Raw("<style>\n")
            .Raw($"@page {{ size: {w}pt {h}pt; margin: 0; }}\n")
            .Raw("* { box-sizing:border-box; -webkit-print-color-adjust:exact; print-color-adjust:exact; }\n")
            .Raw("html, body { margin:0; padding:0; }\n")
            .Raw($".note {{ width:{w}pt; height:{h}pt; overflow:hidden; break-after:page; background:#fff; border:0.8pt solid #e60000; padding:2pt 4pt;")
            .Raw(" font-family:\"Noto Sans CJK SC\",sans-serif; font-size:7pt; line-height:1.3; color:#1f2933; }\n")
            .Raw(".note:last-child { break-after:auto; }\n")
            .Raw(".rule { color:#e60000; font-weight:700; white-space:nowrap; overflow:hidden; }\n")
            .Raw(".msg { display:-webkit-box; -webkit-line-clamp:3; -webkit-box-orient:vertical; overflow:hidden; }\n")
            .Raw("</style></head><body>\n");
        foreach (var note in notes)
        {
            var f = note.Finding;
            html.Raw("<div class=\"note\"><div class=\"rule\">").Text(f.RuleId).Raw(" · ").Text(ReportText.SeverityChinese(f.Severity))
                .Raw(" · ").Text(f.Review.State.Chinese()).Raw("</div><div class=\"msg\">").Text(f.Message).Raw("</div></div>\n");
        }
        html.Raw("</body></html>\n");
        return html.ToString();
    }
}
