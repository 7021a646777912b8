using System.Security.Cryptography;
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
public static class ScanReader
{
    /// <summary>Largest image accepted: 20000 px a side and 150 megapixels (a 300 dpi A0 sheet is ~140 MP).</summary>
    public const int MaxSide = 20000;
    public const long MaxPixels = 150_000_000;

    /// <summary>Digit-engine confidence above which a cell is taken as a figure without asking chi_sim.</summary>
    private const double NumericTrust = 0.80;

    public static Layout ReadImage(byte[] bytes, string name)
    {
        int width, height;
        try { (width, height) = Leptonica.PeekSize(bytes); }
        catch (InvalidDataException) { throw new IntakeException(name, "图片文件损坏或格式无法识别，无法解码"); }
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            throw new IntakeException(name, $"图片尺寸 {width}×{height} 像素过大（上限每边 {MaxSide} 像素、共 {MaxPixels / 1_000_000} 百万像素），请缩小后再上传");
        EnsureOcr(name);
        GrayImage image;
        try { image = Leptonica.Decode(bytes); }
        catch (InvalidDataException) { throw new IntakeException(name, "图片文件损坏或格式无法识别，无法解码"); }
        var layout = new Layout { Source = name };
        // A photo carries no reliable resolution; an A4 page across the image width gives the scale.
        var dpi = (int)Math.Clamp(Math.Round(image.Width / 8.27), 72, 600);
        AddPage(layout, image, 1, dpi, image.Width * 72.0 / dpi, image.Height * 72.0 / dpi, CacheKey(bytes));
        return layout;
    }

    /// <summary>The hook <see cref="PdfReader.Read(byte[], string, Action{ScannedPage, Layout}?)"/> calls for a page without text.</summary>
    public static Action<ScannedPage, Layout> ForPdf(byte[] bytes, string name)
    {
        var key = CacheKey(bytes);
        return (page, layout) =>
        {
            EnsureOcr(name);
            // The PDF reader added the page already; OCR fills it and records its image.
            layout.Pages.RemoveAll(p => p.Number == page.Number);
            AddPage(layout, page.Image, page.Number, page.Dpi, page.Width, page.Height, key);
            layout.Pages.Sort((a, b) => a.Number.CompareTo(b.Number));
        };
    }

    private static void EnsureOcr(string name)
    {
        if (!Tesseract.IsAvailable) throw new IntakeException(name, "扫描件需要本地 OCR，但 " + Tesseract.UnavailableReason);
    }

    private static void AddPage(Layout layout, GrayImage raw, int number, int dpi, double widthPt, double heightPt, string key)
    {
        var skew = Leptonica.FindSkewDegrees(raw);
        var image = Math.Abs(skew) >= 0.05 ? Leptonica.Rotate(raw, skew) : raw;
        var page = new LayoutPage { Number = number, Width = widthPt, Height = heightPt, Scanned = true, ImagePath = SavePageImage(image, key, number) };
        layout.Pages.Add(page);
        if (Math.Abs(skew) >= 0.05)
            layout.Notes.Add(new ExtractionNote($"第{number}页扫描件倾斜 {skew:0.00}°，已自动校正", new Provenance(Page: number), Repaired: true));

        var scale = 72.0 / dpi;
        var blocks = new List<(int Y, LayoutBlock Block)>();
        var tables = TableGridDetector.Detect(image);
        var masked = new GrayImage(image.Width, image.Height, (byte[])image.Pixels.Clone());
        foreach (var table in tables)
        {
            blocks.Add((table.Box.Y, ReadTable(image, table, number, scale)));
            Whiten(masked, table.Box.Inflate(4, image.Width, image.Height));
        }
        foreach (var (y, paragraph) in ReadText(masked, number, scale))
            blocks.Add((y, paragraph));
        layout.Blocks.AddRange(blocks.OrderBy(b => b.Y).Select(b => b.Block));
    }

    private static LayoutTable ReadTable(GrayImage image, DetectedTable detected, int page, double scale)
    {
        var table = new LayoutTable { Page = page, Box = ToPoints(detected.Box, scale) };
        foreach (var cell in detected.Cells)
        {
            var inner = Shrink(cell.Box, 2);
            // Most cells of a budget table are figures: try the fast digit engine first and fall back to chi_sim
            // when it is unsure, which is what it is on Chinese text.
            var read = Tesseract.Recognize(image, inner, OcrMode.Numeric);
            var blank = read.Text.Length == 0 && read.Confidence >= 1.0;
            if (!blank && (read.Confidence < NumericTrust || !LooksNumeric(read.Text)))
            {
                var text = Tesseract.Recognize(image, inner, OcrMode.Text);
                if (!(LooksNumeric(text.Text) && text.Confidence < read.Confidence)) read = text;
            }
            table.Cells.Add(new LayoutCell
            {
                Row = cell.Row, Column = cell.Column, RowSpan = cell.RowSpan, ColumnSpan = cell.ColumnSpan,
                Text = read.Text, Page = page, Box = ToPoints(cell.Box, scale),
                Confidence = read.Text.Length == 0 ? 1.0 : read.Confidence,
            });
        }
        return table;
    }

    /// <summary>Text outside tables, as one paragraph per printed line, in reading order.</summary>
    private static IEnumerable<(int Y, Paragraph Paragraph)> ReadText(GrayImage masked, int page, double scale)
    {
        var words = Tesseract.RecognizeWords(masked, new PixelRect(0, 0, masked.Width, masked.Height));
        var lines = new List<List<OcrWord>>();
        foreach (var w in words.OrderBy(w => w.Box.Y + w.Box.Height / 2))
        {
            var centre = w.Box.Y + w.Box.Height / 2;
            var line = lines.LastOrDefault(l => Math.Abs(l.Average(x => x.Box.Y + x.Box.Height / 2.0) - centre) < Math.Max(6, w.Box.Height * 0.6));
            if (line is null) lines.Add([w]);
            else line.Add(w);
        }
        foreach (var line in lines)
        {
            var ordered = line.OrderBy(w => w.Box.X).ToList();
            var text = Join(ordered);
            if (!text.Any(char.IsLetterOrDigit) || IsPageNumber(text)) continue;
            var box = new PixelRect(ordered.Min(w => w.Box.X), ordered.Min(w => w.Box.Y),
                ordered.Max(w => w.Box.Right) - ordered.Min(w => w.Box.X), ordered.Max(w => w.Box.Bottom) - ordered.Min(w => w.Box.Y));
            yield return (box.Y, new Paragraph { Text = text, Page = page, Box = ToPoints(box, scale), Confidence = ordered.Average(w => w.Confidence) });
        }
    }

    /// <summary>Joins OCR words: no space between Chinese characters, one between Latin words and figures.</summary>
    private static string Join(List<OcrWord> words)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var w in words)
        {
            var t = w.Text.Trim();
            if (t.Length == 0) continue;
            if (sb.Length > 0 && !IsCjk(sb[^1]) && !IsCjk(t[0])) sb.Append(' ');
            sb.Append(t);
        }
        return sb.ToString();
    }

    private static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF';

    private static bool IsPageNumber(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text.Replace(" ", ""), @"^(-?\d{1,3}-?|第\d{1,3}页(共\d+页)?)$");

    /// <summary>Mostly digits with separators: a figure cell.</summary>
    internal static bool LooksNumeric(string text)
    {
        if (text.Length == 0) return false;
        var digits = text.Count(char.IsDigit);
        var other = text.Count(c => !char.IsDigit(c) && c is not ('.' or ',' or '-' or ' ' or '%'));
        return digits > 0 && other <= digits / 4;
    }

    private static PixelRect Shrink(PixelRect r, int by) =>
        r.Width > 2 * by + 2 && r.Height > 2 * by + 2 ? new PixelRect(r.X + by, r.Y + by, r.Width - 2 * by, r.Height - 2 * by) : r;

    private static BoundingBox ToPoints(PixelRect r, double scale) => new(r.X * scale, r.Y * scale, r.Width * scale, r.Height * scale);

    private static void Whiten(GrayImage image, PixelRect r)
    {
        for (var y = r.Y; y < r.Bottom; y++)
            Array.Fill(image.Pixels, (byte)255, y * image.Width + r.X, r.Width);
    }

    private static string CacheKey(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant();

    /// <summary>Keeps the deskewed page so a finding can show the crop around its cell.</summary>
    private static string SavePageImage(GrayImage image, string key, int page)
    {
        var dir = Path.Combine(Path.GetTempPath(), "auditengine-pages", key);
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"page-{page}.png");
        if (!File.Exists(path)) File.WriteAllBytes(path, image.ToPng());
        return path;
    }
}
