using AuditEngine.Intake.Raster;
using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>
/// Lays out one digital page: ruled tables from the rendered image filled with text-layer words, unruled tables
/// from column alignment, and the remaining words as paragraphs; all blocks in top-to-bottom order.
/// </summary>
internal static class PageLayoutBuilder
{
    /// <summary>Words further apart than this many text heights on one row belong to different paragraphs.</summary>
    private const double ParagraphGap = 2.5;

    public static List<LayoutBlock> Build(PdfTextPage text, GrayImage image, int page)
    {
        var words = text.Lines.SelectMany(l => l.Words.Select(w => new PlacedWord(w.Text, w.Box, l.Block))).ToList();
        var sx = text.Width / image.Width;
        var sy = text.Height / image.Height;
        var blocks = new List<LayoutBlock>();

        foreach (var detected in TableGridDetector.Detect(image, assumeStraight: true))
        {
            var cellBoxes = detected.Cells.Select(c => ToPoints(c.Box, sx, sy)).ToList();
            var content = cellBoxes.Select(_ => new List<PlacedWord>()).ToArray();
            var tableBox = ToPoints(detected.Box, sx, sy);
            words = CellFiller.Fill(tableBox, cellBoxes, words, content);
            var table = new LayoutTable { Page = page, Box = tableBox };
            for (var i = 0; i < detected.Cells.Count; i++)
            {
                var c = detected.Cells[i];
                table.Cells.Add(new LayoutCell
                {
                    Row = c.Row, Column = c.Column, RowSpan = c.RowSpan, ColumnSpan = c.ColumnSpan,
                    Text = CellFiller.Text(content[i]), Page = page, Box = cellBoxes[i], Confidence = 1.0,
                });
            }
            blocks.Add(table);
        }

        var rows = TextRow.From(words);
        rows = DropPageNumbers(rows, text.Height);
        var consumed = new HashSet<TextRow>();
        blocks.AddRange(AlignedTableFinder.Find(rows, page, consumed));
        var tableBoxes = blocks.Select(b => b.Box!.Value).ToList();
        blocks.AddRange(Paragraphs(rows.Where(r => !consumed.Contains(r)).ToList(), tableBoxes, page));
        // Stable: a paragraph and a table starting at the same height keep their discovery order.
        return blocks.OrderBy(b => b.Box!.Value.Y).ToList();
    }

    private static BoundingBox ToPoints(PixelRect r, double sx, double sy) => new(r.X * sx, r.Y * sy, r.Width * sx, r.Height * sy);

    private static List<TextRow> DropPageNumbers(List<TextRow> rows, double pageHeight)
    {
        var kept = new List<TextRow>(rows.Count);
        foreach (var row in rows)
        {
            var text = TextJoin.Words(row.Words.Select(w => w.Text));
            if (!PageMarks.IsPageNumber(text, row.Top, row.Bottom, pageHeight)) kept.Add(row);
        }
        return kept;
    }

    /// <summary>
    /// A line that opens with a heading number (三、 / （二） / 4．) starts a paragraph of its own even when the line
    /// above runs to the margin without a full stop (“…预算为464.64万元” then “三、政府采购预算情况”).
    /// </summary>
    private static bool StartsHeading(List<PlacedWord> segment) =>
        HeadingNumber.IsMatch(string.Concat(segment.Take(3).Select(w => w.Text)));

    private static readonly System.Text.RegularExpressions.Regex HeadingNumber =
        new(@"^\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]+部分)", System.Text.RegularExpressions.RegexOptions.Compiled);

    /// <summary>
    /// Row segments in reading order, joined into one paragraph while the text wraps: the previous line runs to the
    /// right edge of the text body, the next is neither indented nor far below, and no table lies between.
    /// Short lines (titles, 单位 notes, headings) therefore stay paragraphs of their own.
    /// </summary>
    private static List<Paragraph> Paragraphs(List<TextRow> rows, List<BoundingBox> tables, int page)
    {
        var paragraphs = new List<Paragraph>();
        if (rows.Count == 0) return paragraphs;
        // The text body is as wide as its widest line or table; a lone short paragraph must not look full-width.
        var bodyRight = Math.Max(rows.Max(r => r.Right), tables.Count > 0 ? tables.Max(t => t.Right) : 0);
        var lines = new List<List<PlacedWord>>();
        BoundingBox? last = null;
        var lastHeight = 0.0;
        var lastEndsSentence = false;
        var lastWasAlone = false;

        void Flush()
        {
            if (lines.Count == 0) return;
            var all = lines.SelectMany(l => l).ToList();
            paragraphs.Add(new Paragraph
            {
                Text = TextJoin.Lines(lines.Select(l => TextJoin.Words(l.Select(w => w.Text)))),
                Page = page,
                Box = TextRow.Bounds(all),
            });
            lines.Clear();
        }

        foreach (var row in rows)
        {
            var segments = row.Segments(ParagraphGap);
            var alone = segments.Count == 1;
            foreach (var segment in segments)
            {
                var box = TextRow.Bounds(segment);
                var height = row.Height;
                var wraps = last is { } prev && alone && lastWasAlone
                            && prev.Right >= bodyRight - 2 * height
                            && box.Y - prev.Bottom < 0.9 * height
                            && box.X <= prev.X + 0.8 * height
                            && !lastEndsSentence
                            && !StartsHeading(segment)
                            && Math.Abs(height - lastHeight) <= 0.15 * Math.Max(height, lastHeight)
                            && !tables.Any(t => t.Y >= prev.Bottom - 1 && t.Y <= box.Y + 1);
                if (!wraps) Flush();
                lines.Add(segment);
                last = box;
                lastHeight = row.Height;
                lastEndsSentence = segment[^1].Text[^1] is '。' or '！' or '？' or '；' or '：' or ':';
            }
            lastWasAlone = alone;
        }
        Flush();
        return paragraphs;
    }
}
