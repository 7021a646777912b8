using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Pdf;
using AuditEngine.Intake.Raster;
using AuditEngine.Model;

namespace AuditEngine.Intake.Scan;

/// <summary>
/// Reads images of pages — photos, scans, and PDF pages without a text layer — with local OCR: the page is
/// deskewed, ruled tables are found on it, every cell is read on its own (a digit-oriented engine for figures),
/// and the text outside the tables is read by block. Confidences are kept on every cell.
/// </summary>
public static partial class ScanReader
{
    /// <summary>Largest image accepted: 20000 px a side and 150 megapixels (a 300 dpi A0 sheet is ~140 MP).</summary>
    public const int MaxSide = 20000;
    public const long MaxPixels = 150_000_000;

    /// <summary>Cells less tall than this (px) cannot hold a line of text at 150 dpi or more.</summary>
    private const int MinTextHeight = 10;

    /// <summary>Digit-engine confidence above which a cell is taken as a figure without asking chi_sim.</summary>
    private const double NumericTrust = 0.80;

    /// <summary>Lines read with less confidence than this are speckle, a stamp or a fold, not text.</summary>
    private const double MinLineConfidence = 0.35;

    /// <summary>How text goes to Tesseract; the intake bench switches it to time the previous path beside this one.</summary>
    internal static ScanTuning Tuning { get; set; } = ScanTuning.Current;

    public static Layout ReadImage(byte[] bytes, string name)
    {
        int width, height;
        try { (width, height) = Leptonica.PeekSize(bytes); }
        catch (InvalidDataException) { throw new IntakeException(name, "图片文件损坏或格式无法识别，无法解码"); }
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            throw new IntakeException(name, $"图片尺寸 {width}×{height} 像素过大（上限每边 {MaxSide} 像素、共 {MaxPixels / 1_000_000} 百万像素），请缩小后再上传");
        EnsureOcr(name);
        GrayImage image;
        try { using (OcrTally.Stage("decode")) image = Leptonica.Decode(bytes); }
        catch (InvalidDataException) { throw new IntakeException(name, "图片文件损坏或格式无法识别，无法解码"); }
        var layout = new Layout { Source = name };
        // A photo carries no reliable resolution; an A4 page across the image width gives the scale.
        var dpi = (int)Math.Clamp(Math.Round(image.Width / 8.27), 72, 600);
        ReadPage(image, 1, dpi, image.Width * 72.0 / dpi, image.Height * 72.0 / dpi)(layout);
        return layout;
    }

    /// <summary>The hook <see cref="PdfReader.Read(byte[], string, Action{ScannedPage, Layout}?)"/> calls for a page without text.</summary>
    public static Action<ScannedPage, Layout> ForPdf(byte[] bytes, string name)
    {
        var read = ForPdfPages(bytes, name);
        return (page, layout) => read(page)(layout);
    }

    /// <summary>
    /// The reader <see cref="PdfReader.Read(byte[], string, Func{ScannedPage, Action{Layout}})"/> runs for each page
    /// without text, several pages at once: OCR reads the page on the calling thread and returns what to add.
    /// </summary>
    public static Func<ScannedPage, Action<Layout>> ForPdfPages(byte[] bytes, string name)
    {
        return page =>
        {
            EnsureOcr(name);
            var add = ReadPage(page.Image, page.Number, page.Dpi, page.Width, page.Height);
            return layout =>
            {
                // The PDF reader added the page already; OCR fills it and records its image.
                layout.Pages.RemoveAll(p => p.Number == page.Number);
                add(layout);
                layout.Pages.Sort((a, b) => a.Number.CompareTo(b.Number));
            };
        };
    }

    private static void EnsureOcr(string name)
    {
        if (!Tesseract.IsAvailable) throw new IntakeException(name, "扫描件需要本地 OCR，但 " + Tesseract.UnavailableReason);
    }

    /// <summary>
    /// Reads one page image (touching no shared state, so pages may be read on several threads) and returns what to
    /// add to the layout: the page, its deskew note and its blocks in reading order.
    /// </summary>
    private static Action<Layout> ReadPage(GrayImage raw, int number, int dpi, double widthPt, double heightPt)
    {
        double skew;
        GrayImage image;
        using (OcrTally.Stage("deskew"))
        {
            skew = Leptonica.FindSkewDegrees(raw);
            image = Math.Abs(skew) >= 0.05 ? Leptonica.Rotate(raw, skew) : raw;
        }
        using (OcrTally.Stage("flatten")) image = Background.Flatten(image);
        byte[] jpeg;
        using (OcrTally.Stage("jpeg")) jpeg = PageImage(image);
        var page = new LayoutPage
        {
            Number = number, Width = widthPt, Height = heightPt, Scanned = true, Image = jpeg,
            SkewDegrees = Math.Abs(skew) >= 0.05 ? skew : 0,
        };
        ExtractionNote? note = Math.Abs(skew) >= 0.05
            ? new ExtractionNote($"第{number}页扫描件倾斜 {skew:0.00}°，已自动校正", new Provenance(Page: number), Repaired: true)
            : null;

        var scale = 72.0 / dpi;
        var blocks = new List<(int Y, LayoutBlock Block)>();
        IReadOnlyList<DetectedTable> tables;
        using (OcrTally.Stage("grid")) tables = TableGridDetector.Detect(image);
        // Raw lines only at 300 dpi and above: at 200 dpi langfang's figures fell from 99.8% to 97.8% exact and its
        // text cells from 96.3% to 94.9% (docs/benchmarks.md).
        var rawLines = Tuning.RawLines && dpi >= ScanTuning.MinRawLineDpi;
        foreach (var table in tables)
            using (OcrTally.Stage("table"))
                blocks.Add((table.Box.Y, ReadTable(image, table, number, scale, rawLines)));
        using (OcrTally.Stage("narrative"))
            foreach (var (y, paragraph) in ReadText(image, tables, number, scale, Tuning.NarrativeLines && dpi >= ScanTuning.MinRawLineDpi))
                blocks.Add((y, paragraph));
        var ordered = blocks.OrderBy(b => b.Y).Select(b => b.Block).ToList();
        return layout =>
        {
            layout.Pages.Add(page);
            if (note is not null) layout.Notes.Add(note);
            layout.Blocks.AddRange(ordered);
        };
    }

    private static LayoutTable ReadTable(GrayImage image, DetectedTable detected, int page, double scale, bool rawLines)
    {
        var table = new LayoutTable { Page = page, Box = ToPoints(detected.Box, scale) };
        // Columns keep their kind: once a column has read as Chinese twice and never as a figure, its cells go
        // straight to chi_sim instead of trying the digit engine first.
        var chinese = new Dictionary<int, int>();
        var figures = new HashSet<int>();
        var decimals = new HashSet<int>();
        foreach (var cell in detected.Cells)
        {
            var inner = Shrink(cell.Box, 2);
            // A sliver between two close lines (a bold title's last strokes taken for the table's top border) holds
            // no text; OCR would read its stroke ends as noise and break the caption row below it.
            if (inner.Height < MinTextHeight)
            {
                AddCell(table, cell, new OcrText("", 1), page, scale);
                continue;
            }
            // One glyph (≥, %, =, a unit, a 序号 digit) is matched against font templates: Tesseract misreads these
            // most, and a match is far cheaper than a recognition.
            if (Tesseract.RecognizeGlyph(image, inner) is { } glyph)
            {
                if (char.IsDigit(glyph.Text[0])) figures.Add(cell.Column);
                AddCell(table, cell, glyph, page, scale);
                continue;
            }
            // A figure printed as one clean line is read glyph by glyph against the same templates: exact where the
            // digit engine drops points and misreads short numbers, and a fraction of a Tesseract call.
            if (Tesseract.ReadFigure(image, inner) is { } figure && figure.Text.Replace(" ", "") is var compact
                && (AmountShape().IsMatch(compact) || DecimalShape().IsMatch(compact) || IndicatorShape().IsMatch(compact)))
            {
                NoteKind(cell.Column, compact, chinese, figures, decimals);
                AddCell(table, cell, figure, page, scale);
                continue;
            }
            // A cell in a column that has read as Chinese, or that prints a glyph as wide as a Han character, goes to
            // chi_sim first: the digit engine would only be asked in vain (measured: on a budget table page 51 digit
            // reads, a fifth of the page's OCR time, returned 11 characters in all).
            OcrText? text = null;
            var chineseColumn = chinese.GetValueOrDefault(cell.Column) >= 2 && !figures.Contains(cell.Column);
            if (chineseColumn || Tesseract.PrintsHan(image, inner))
            {
                text = ReadTextCell(image, inner, rawLines);
                if (chineseColumn ? !AmountShape().IsMatch(text.Text) : text.Text.Any(IsHan))
                {
                    AddCell(table, cell, Repair(image, inner, text), page, scale);
                    NoteKind(cell.Column, text.Text, chinese, figures, decimals);
                    continue;
                }
            }
            // Most cells of a budget table are figures: try the fast digit engine first and fall back to chi_sim
            // when it is unsure, which is what it is on Chinese text.
            OcrText read;
            using (OcrTally.Stage("cell-numeric")) read = Tesseract.Recognize(image, inner, OcrMode.Numeric);
            var blank = read.Text.Length == 0 && read.Confidence >= 1.0;
            // Only a reading shaped like an amount or a code is trusted to the digit engine: it cannot see ≥ ≤ or
            // units, and reads “≥95%” as “295%”.
            // A single glyph is ambiguous to the digit engine (≥ comes back as 2): ask chi_sim too.
            // An integer in a column of decimal figures is likely a lost decimal point (“1.47” read as “147”).
            var lostPoint = !read.Text.Contains('.') && decimals.Contains(cell.Column);
            if (!blank && (read.Confidence < NumericTrust || !AmountShape().IsMatch(read.Text) || read.Text.Length == 1 || lostPoint))
            {
                text ??= ReadTextCell(image, inner, rawLines);
                // Chinese in chi_sim's reading means a text cell. Otherwise the digit engine's amount stands unless
                // chi_sim read an amount too and is surer of it.
                var keepNumeric = AmountShape().IsMatch(read.Text) && !text.Text.Any(IsHan) && !IsSymbol(text.Text)
                                  && !(AmountShape().IsMatch(text.Text) && (text.Confidence > read.Confidence || lostPoint && text.Text.Contains('.')));
                if (!keepNumeric) read = text;
            }
            read = Repair(image, inner, read);
            NoteKind(cell.Column, read.Text, chinese, figures, decimals);
            AddCell(table, cell, read, page, scale);
        }
        return table;
    }

    /// <summary>A text cell through chi_sim; a doubtful short reading is tried again with the glyphs enlarged.</summary>
    private static OcrText ReadTextCell(GrayImage image, PixelRect cell, bool rawLine)
    {
        // A wrapped cell (two lines of ink) still goes to Tesseract as a block, which finds its lines.
        OcrText? line;
        using (OcrTally.Stage("cell-line")) line = rawLine ? Tesseract.RecognizeLine(image, cell, ScanTuning.LineGlyphShare, oneLineOnly: true) : null;
        OcrText read;
        using (OcrTally.Stage("cell-block")) read = line ?? Tesseract.Recognize(image, cell, OcrMode.Text);
        if (read.Confidence >= DoubtfulText || read.Text.Length is 0 or > 16) return read;
        using var stage = OcrTally.Stage("cell-enlarged");
        var again = Tesseract.Recognize(image, cell, OcrMode.Text, enlarge: true);
        return again.Confidence > read.Confidence ? again : read;
    }

    /// <summary>Text cells read with less confidence than this are re-read enlarged (measured right ones: 0.85–0.96).</summary>
    private const double DoubtfulText = 0.80;

    private static void NoteKind(int column, string text, Dictionary<int, int> chinese, HashSet<int> figures, HashSet<int> decimals)
    {
        if (text.Any(IsHan)) chinese[column] = chinese.GetValueOrDefault(column) + 1;
        else if (AmountShape().IsMatch(text))
        {
            figures.Add(column);
            if (text.Contains('.')) decimals.Add(column);
        }
    }

    private static void AddCell(LayoutTable table, DetectedCell cell, OcrText read, int page, double scale)
    {
        var text = read.Text;
        table.Cells.Add(new LayoutCell
        {
            Row = cell.Row, Column = cell.Column, RowSpan = cell.RowSpan, ColumnSpan = cell.ColumnSpan,
            Text = text, Page = page, Box = ToPoints(cell.Box, scale),
            Confidence = text.Length == 0 ? 1.0 : read.Confidence,
        });
    }

    /// <summary>
    /// Text outside tables in reading order. Lines are found from the ink profile and read one by one (a whole-page
    /// pass reads the speckle of a noisy scan as words and glues them onto titles), then joined into paragraphs
    /// where the text wraps, by the rules the digital-PDF reader uses: a long title or a sentence that carries a
    /// figure across the line break must reach the rules whole.
    /// </summary>
    private static IEnumerable<(int Y, Paragraph Paragraph)> ReadText(GrayImage image, IReadOnlyList<DetectedTable> tables, int page, double scale, bool rawLines)
    {
        // Lines inside a table are its cells, already read. The page is not whitened around tables: with the
        // small skew left after deskewing, a whitened band would clip a title printed just above its table.
        var lines = new List<(PixelRect Box, string Text, double Confidence)>();
        List<PixelRect> found;
        using (OcrTally.Stage("lines")) found = TextLines.Find(image).Where(l => !tables.Any(t => Inside(l, t))).ToList();
        foreach (var line in found)
        {
            // Raw lines alone cost a quarter less than block reads but lost a decimal point (“2.43万元” read as “2万元”)
            // and read “1.” as “工.”; NarrativeLine reads the figures of a raw line again (docs/benchmarks.md).
            var read = rawLines ? NarrativeLine.Read(image, line, ScanTuning.LineGlyphShare, ScanTuning.NarrativeSqueeze, Tuning.Aligned) : Tesseract.Recognize(image, line, OcrMode.Text);
            var text = read.Text.Replace("\n", "");
            if (read.Confidence < MinLineConfidence || !text.Any(char.IsLetterOrDigit) || IsPageNumber(text)) continue;
            lines.Add((line, text, read.Confidence));
        }
        if (lines.Count == 0) yield break;
        var bodyRight = Math.Max(lines.Max(l => l.Box.Right), tables.Count > 0 ? tables.Max(t => t.Box.Right) : 0);
        var group = new List<(PixelRect Box, string Text, double Confidence)>();
        foreach (var line in lines)
        {
            if (group.Count > 0 && !Wraps(group[^1], line, bodyRight, tables))
            {
                yield return Paragraph(group, page, scale);
                group.Clear();
            }
            group.Add(line);
        }
        yield return Paragraph(group, page, scale);
    }

    private static bool Wraps((PixelRect Box, string Text, double Confidence) previous, (PixelRect Box, string Text, double Confidence) next,
                              int bodyRight, IReadOnlyList<DetectedTable> tables)
    {
        // Line boxes carry the padding TextLines adds; heights compare like for like.
        var (prev, box) = (previous.Box, next.Box);
        var height = box.Height;
        return prev.Right >= bodyRight - 2 * height
               && box.Y - prev.Bottom < 0.5 * height
               // The next line starts at the margin, or is centred under a full-width line (a long title wraps so).
               && (box.X <= prev.X + 0.6 * height || Math.Abs(box.X + box.Width / 2 - (prev.X + prev.Width / 2)) <= height)
               && previous.Text[^1] is not ('。' or '！' or '？' or '；' or '：' or ':')
               && Math.Abs(height - prev.Height) <= 0.2 * Math.Max(height, prev.Height)
               && !tables.Any(t => t.Box.Y >= prev.Bottom - 1 && t.Box.Y <= box.Y + 1);
    }

    private static (int Y, Paragraph Paragraph) Paragraph(List<(PixelRect Box, string Text, double Confidence)> lines, int page, double scale)
    {
        var (x0, y0) = (lines.Min(l => l.Box.X), lines.Min(l => l.Box.Y));
        var (x1, y1) = (lines.Max(l => l.Box.Right), lines.Max(l => l.Box.Bottom));
        return (y0, new Paragraph
        {
            Text = TextJoin.Lines(lines.Select(l => l.Text)),
            Page = page,
            Box = ToPoints(new PixelRect(x0, y0, x1 - x0, y1 - y0), scale),
            // Weighted by length, as Tesseract's mean over the block would be.
            Confidence = lines.Sum(l => l.Confidence * l.Text.Length) / Math.Max(1, lines.Sum(l => l.Text.Length)),
        });
    }

    /// <summary>
    /// Operators and % checked against glyph templates where the page shows them; then the look-alike repairs, which
    /// also serve when the templates cannot decide.
    /// </summary>
    private static OcrText Repair(GrayImage image, PixelRect cell, OcrText read)
    {
        var checkedRead = Tesseract.RepairOperators(image, cell, read);
        var text = RepairSymbols(checkedRead.Text);
        return text == checkedRead.Text ? checkedRead : checkedRead with { Text = text };
    }

    /// <summary>
    /// chi_sim has no ≥ / ≤ glyphs and reads them as the look-alikes 之 / 三 in front of a figure (measured on
    /// 绩效 indicator cells).
    /// </summary>
    internal static string RepairSymbols(string text)
    {
        if (text == "之") return "≥";
        if (text.Length > 1 && char.IsDigit(text[1]))
        {
            if (text[0] == '之') return "≥" + text[1..];
            if (text[0] is '三' or '兰') return "≤" + text[1..];
        }
        return text;
    }

    private static bool IsSymbol(string text) => text is "≥" or "≤" or "=" or "<" or ">" or "%" or "＝";

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static bool IsPageNumber(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text.Replace(" ", ""), @"^(-?\d{1,3}-?|第\d{1,3}页(共\d+页)?)$");

    /// <summary>An amount with two decimals (“4,230.21”, “-3.57”), a 功能分类/经济分类 code or a small count: what the digit engine reads best.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(-?\d{1,3}(,\d{3})*\.\d{2}|-?\d+\.\d{2}|\d{1,5}|\d{7})$")]
    private static partial System.Text.RegularExpressions.Regex AmountShape();

    /// <summary>A figure with other than two decimals (“2.5”, “-0.125”), which the glyph templates read as surely as any.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^-?\d{1,9}\.\d{1,4}$")]
    private static partial System.Text.RegularExpressions.Regex DecimalShape();

    /// <summary>
    /// An 指标值 as printed in 绩效 tables: a rate, or a figure with its operator or unit (“95%”, “≥90%”, “=100%”, “≤3”,
    /// “≤15.87万元”, “2次”).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^([≥≤=<>]?\d{1,6}(\.\d{1,2})?(%|[元个人次天户家项件台辆年月日万分所场篇期张本份条座名批处间]{1,2})|[≥≤=<>]\d{1,6}(\.\d{1,2})?)$")]
    private static partial System.Text.RegularExpressions.Regex IndicatorShape();

    private static PixelRect Shrink(PixelRect r, int by) =>
        r.Width > 2 * by + 2 && r.Height > 2 * by + 2 ? new PixelRect(r.X + by, r.Y + by, r.Width - 2 * by, r.Height - 2 * by) : r;

    private static BoundingBox ToPoints(PixelRect r, double scale) => new(r.X * scale, r.Y * scale, r.Width * scale, r.Height * scale);

    private static bool Inside(PixelRect line, DetectedTable table)
    {
        var centre = line.Y + line.Height / 2;
        return centre > table.Box.Y && centre < table.Box.Bottom && line.X < table.Box.Right && line.Right > table.Box.X;
    }

    /// <summary>Keeps the deskewed page in memory so a finding can show the crop around its cell.</summary>
    private static byte[] PageImage(GrayImage image) =>
        // JPEG: a 300 dpi page encodes several times faster than PNG and crops only need to be legible.
        Leptonica.EncodeJpeg(image, 85);
}
