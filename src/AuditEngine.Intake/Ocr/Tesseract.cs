using System.Runtime.InteropServices;
using System.Text;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// Local OCR through Debian's libtesseract5 (C API) with the chi_sim and eng models. Engines are created lazily,
/// once per thread and mode, and never shared between threads, so every method may be called concurrently.
/// </summary>
public static class Tesseract
{
    // Settings measured on rendered budget tables at 72/100/150/200 dpi, clean and as JPEG q30
    // (the table of tests/AuditEngine.Tests/Ocr/Fixtures, 15 Chinese and 37 numeric cells):
    // - chi_sim reads Chinese cells; adding eng changed nothing and cost time. SINGLE_BLOCK and SINGLE_LINE read
    //   single-line cells equally; SINGLE_BLOCK is kept because a long name can wrap onto a second line in a
    //   narrow column and SINGLE_LINE assumes one line.
    // - eng with the digit whitelist read 37/37 figures where chi_sim with the same whitelist read 26-32/37.
    // - Upscaling crops under 40 px to 64 px tall: 72 dpi figures 37/37 instead of 32/37; 48 or 96 px were no better.
    // - Binarising at 128 hurt badly (100 dpi text cells 4/15), so Tesseract's own Otsu thresholding is kept.
    // - Whitening ruling lines left at the crop edge took crops that overlap the lines from 24-26/37 to 37/37.
    private const string TextLanguage = "chi_sim";
    private const int TextPageSegMode = TessApi.PsmSingleBlock;
    private const string NumericLanguage = "eng";
    private const int NumericPageSegMode = TessApi.PsmSingleLine;
    private const int MinCellHeight = 40;
    private const int TargetCellHeight = 64;
    private const int Padding = 8;
    public const int EnlargedGlyphHeight = 48;
    /// <summary>Lines whose ink is less tall than this (px) are not read as raw lines (<see cref="RecognizeLine"/>).</summary>
    public const int MinRawLineHeight = 24;

    private const string NumericWhitelist = "0123456789.,-%";

    private static readonly Lazy<string?> LoadError = new(Probe, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? dataPath;

    [ThreadStatic] private static TesseractEngine? textEngine;
    [ThreadStatic] private static TesseractEngine? numericEngine;

    /// <summary>True when libtesseract.so.5 and liblept.so.5 load and chi_sim.traineddata initialises. Never throws.</summary>
    public static bool IsAvailable => LoadError.Value is null;

    /// <summary>Why OCR is unavailable (Chinese and English), or null when it is available.</summary>
    public static string? UnavailableReason => LoadError.Value;

    /// <summary>
    /// Reads one table cell or short line. <paramref name="region"/> is clipped to the image. A region with no
    /// ink returns an empty text with confidence 1 without running Tesseract (blank cells are common).
    /// </summary>
    /// <param name="enlarge">
    /// Scale the crop so its glyphs are <see cref="EnlargedGlyphHeight"/> px tall. chi_sim misreads some short cells
    /// printed small (“二、外交支出” as “二外区文出” with 30 px glyphs, right at 48 px); enlarging every cell costs time
    /// and lost as many 200 dpi cells as it won, so callers ask for it only to re-read a doubtful cell.
    /// </param>
    public static OcrText Recognize(GrayImage image, PixelRect region, OcrMode mode, bool enlarge = false)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureAvailable();
        // Cropping here rather than TessBaseAPISetRectangle: SetImage copies whatever it is given, so a crop avoids
        // copying the whole page per cell, and the crop can be cleaned, scaled and padded first.
        var crop = Clip(image, region);
        if (crop is null) return new OcrText("", 1);
        crop = WhitenEdgeLines(crop);
        if (!HasInk(crop)) return new OcrText("", 1);
        (crop, var tallest) = TrimToText(crop);
        if (enlarge && tallest is > 0 and < EnlargedGlyphHeight) crop = ScaleBilinear(crop, (double)EnlargedGlyphHeight / tallest);
        var (prepared, _) = Prepare(crop, MinCellHeight, TargetCellHeight);
        var engine = mode == OcrMode.Numeric
            ? numericEngine ??= CreateEngine(NumericLanguage, NumericPageSegMode, [new("tessedit_char_whitelist", NumericWhitelist)])
            : textEngine ??= CreateEngine(TextLanguage, TextPageSegMode, []);
        // After upscaling the crop's true resolution is unknown; 300 is what the models assume and stops Tesseract
        // from estimating one.
        var cpu = LibC.ThreadCpuSeconds();
        var (raw, confidence) = engine.Read(prepared, 300);
        var text = mode == OcrMode.Numeric ? CleanNumber(raw) : CleanText(raw);
        OcrTally.Add(mode == OcrMode.Numeric, enlarge, text.Length, LibC.ThreadCpuSeconds() - cpu);
        return new OcrText(text, text.Length == 0 ? 0 : Math.Clamp(confidence / 100.0, 0, 1));
    }

    /// <summary>
    /// Reads one printed line of text as a raw line (page-segmentation mode 13): no layout analysis, the crop cut to
    /// its ink, and the glyphs taking <paramref name="glyphShare"/> of the image height, which Tesseract scales to the
    /// LSTM's 48 px input. The LSTM's cost is per column of that input, so glyphs filling less of it cost less.
    /// Returns null when <paramref name="oneLineOnly"/> and the region prints more than one line (rows of paper
    /// between rows of ink): a wrapped cell needs <see cref="Recognize"/>, which finds its lines; and null when the
    /// ink is less than <see cref="MinRawLineHeight"/> px tall.
    /// </summary>
    public static OcrText? RecognizeLine(GrayImage image, PixelRect region, double glyphShare, bool oneLineOnly) =>
        ReadRawLine(image, region, glyphShare, oneLineOnly, squeeze: 1, keepEndMark: false)?.Read;

    /// <summary>
    /// <see cref="RecognizeLine"/> with the symbols Tesseract read, their boxes in <paramref name="image"/>'s pixels,
    /// so a caller can re-read the stretches of the line a raw line reads least surely (figures).
    /// </summary>
    /// <param name="squeeze">
    /// Width scale applied after framing (1 = none). The LSTM's cost is per column, and chi_sim reads Han characters
    /// narrowed to 0.8 of their width as well as square ones; digits and small marks suffer first (docs/benchmarks.md).
    /// </param>
    /// <param name="keepEndMark">Keep a final “。”, “，” or “、” where the ink ends in a mark, though its box holds no ink.</param>
    internal static RawLine? ReadRawLine(GrayImage image, PixelRect region, double glyphShare, bool oneLineOnly, double squeeze, bool keepEndMark)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureAvailable();
        var crop = Clip(image, region);
        if (crop is null) return RawLine.Blank;
        crop = WhitenEdgeLines(crop);
        if (InkBox(crop, oneLineOnly) is not { } box) return oneLineOnly && HasInk(crop) ? null : RawLine.Blank;
        // Glyphs printed small lose strokes when the raw line shrinks them further (at 100 dpi 卫 was read as 口);
        // they are read as a block, whose scaling keeps them at full height.
        if (box.Height < MinRawLineHeight) return null;
        var height = Math.Max(box.Height + 2, (int)Math.Round(box.Height / glyphShare));
        var (padX, padY) = (Math.Max(Padding, box.Height / 2), Math.Max(Padding, (height - box.Height) / 2));
        var framed = new GrayImage(box.Width + 2 * padX, box.Height + 2 * padY);
        framed.Pixels.AsSpan().Fill(255);
        for (var y = 0; y < box.Height; y++)
            Buffer.BlockCopy(crop.Pixels, (box.Y + y) * crop.Width + box.X, framed.Pixels, (y + padY) * framed.Width + padX, box.Width);
        if (squeeze < 1) framed = ScaleX(framed, squeeze);
        var engine = textEngine ??= CreateEngine(TextLanguage, TextPageSegMode, []);
        var cpu = LibC.ThreadCpuSeconds();
        var (raw, confidence, symbols) = engine.ReadRawLine(framed, 300);
        // On paper after the last glyph a raw line sometimes reads a confident “，” (measured on table titles and
        // header cells, 88–93 confidence); a symbol whose box holds no ink is not printed.
        // A raw line's boxes are not ink-tight, so a printed “。” can come back with a box over paper: with
        // keepEndMark the mark is kept where the line's ink ends in a mark. (Table cells keep the measured rule: on
        // the OCR fixture a speck after “合计” passed for a mark.)
        if (symbols.Count > 0 && symbols[^1] is var last && raw.TrimEnd().EndsWith(last.Text, StringComparison.Ordinal)
            && !HasInk(framed, (last.Left, last.Top, last.Right, last.Bottom))
            && !(keepEndMark && last.Text.All(IsCjkMark) && EndsInMark(crop, box)))
        {
            raw = raw.TrimEnd()[..^last.Text.Length];
            symbols.RemoveAt(symbols.Count - 1);
        }
        var text = CleanText(raw);
        OcrTally.Add(numeric: false, enlarged: false, text.Length, LibC.ThreadCpuSeconds() - cpu);
        // Symbol boxes back from the framed image to the page.
        var (dx, dy) = (Math.Max(0, region.X) + box.X - padX, Math.Max(0, region.Y) + box.Y - padY);
        var placed = symbols.Select(s => new LineSymbol(s.Text,
            new PixelRect((int)(s.Left / squeeze) + dx, s.Top + dy, Math.Max(1, (int)((s.Right - s.Left) / squeeze)), Math.Max(1, s.Bottom - s.Top)),
            Math.Clamp(s.Confidence / 100.0, 0, 1), s.StartsWord)).ToList();
        var ink = new PixelRect(Math.Max(0, region.X) + box.X, Math.Max(0, region.Y) + box.Y, box.Width, box.Height);
        return new RawLine(new OcrText(text, text.Length == 0 ? 0 : Math.Clamp(confidence / 100.0, 0, 1)), placed, ink);
    }

    /// <summary>
    /// The box of the rows and columns holding ink (two pixels or more a row), or null for a blank crop, or with
    /// <paramref name="oneBand"/> for ink in two bands with paper rows between them (a wrapped cell).
    /// </summary>
    private static PixelRect? InkBox(GrayImage crop, bool oneBand)
    {
        int top = -1, bottom = -1;
        var gap = false;
        for (var y = 0; y < crop.Height; y++)
        {
            var ink = 0;
            foreach (var p in crop.Pixels.AsSpan(y * crop.Width, crop.Width)) if (p < InkThreshold && ++ink >= 2) break;
            if (ink < 2)
            {
                gap |= top >= 0;
                continue;
            }
            if (oneBand && gap) return null;
            if (top < 0) top = y;
            bottom = y;
        }
        if (top < 0) return null;
        int left = crop.Width, right = -1;
        for (var y = top; y <= bottom; y++)
        {
            var row = crop.Pixels.AsSpan(y * crop.Width, crop.Width);
            for (var x = 0; x < left; x++) if (row[x] < InkThreshold) { left = x; break; }
            for (var x = crop.Width - 1; x > right; x--) if (row[x] < InkThreshold) { right = x; break; }
        }
        return new PixelRect(left, top, right - left + 1, bottom - top + 1);
    }

    /// <summary>
    /// Reads a region holding a single glyph (an operator, a unit, a digit) by template (<see cref="GlyphClassifier"/>),
    /// or returns null when the region is not clearly one known glyph and needs <see cref="Recognize"/>.
    /// </summary>
    public static OcrText? RecognizeGlyph(GrayImage image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        var crop = Clip(image, region);
        return crop is null ? null : GlyphClassifier.Classify(WhitenEdgeLines(crop));
    }

    /// <summary>
    /// Reads a region holding one line of a figure by glyph templates (<see cref="GlyphClassifier.ReadFigure"/>), or
    /// returns null when the region is not clearly a figure and needs <see cref="Recognize"/>.
    /// </summary>
    public static OcrText? ReadFigure(GrayImage image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        var crop = Clip(image, region);
        return crop is null ? null : GlyphClassifier.ReadFigure(WhitenEdgeLines(crop));
    }

    /// <summary>Whether <paramref name="region"/> prints a Han character (<see cref="GlyphClassifier.PrintsHan"/>): a hint, not a reading.</summary>
    public static bool PrintsHan(GrayImage image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Clip(image, region) is { } crop && GlyphClassifier.PrintsHan(WhitenEdgeLines(crop));
    }

    /// <summary>
    /// <paramref name="read"/> with the operator in front of a figure and a trailing % checked glyph by glyph against
    /// templates (<see cref="GlyphClassifier.RepairEdges"/>): what Tesseract misreads most in 指标值 cells.
    /// </summary>
    public static OcrText RepairOperators(GrayImage image, PixelRect region, OcrText read)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(read);
        if (read.Text.Length < 2 || Clip(image, region) is not { } crop) return read;
        var text = GlyphClassifier.RepairEdges(WhitenEdgeLines(crop), read.Text);
        return text == read.Text ? read : read with { Text = text };
    }

    /// <summary>
    /// Reads a block of text (a title, a paragraph) and returns its words in reading order with boxes in
    /// <paramref name="image"/>'s pixels, each inside <paramref name="region"/>. chi_sim segments Chinese into
    /// short runs, often single characters, so callers join neighbouring words by position.
    /// </summary>
    public static IReadOnlyList<OcrWord> RecognizeWords(GrayImage image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureAvailable();
        var crop = Clip(image, region);
        if (crop is null || !HasInk(crop)) return [];
        var (x0, y0) = (Math.Max(0, region.X), Math.Max(0, region.Y));
        var (prepared, scale) = Prepare(crop, MinCellHeight, TargetCellHeight);
        // Blocks use the cell text engine: same model and SINGLE_BLOCK, so a thread keeps one chi_sim model in memory.
        var engine = textEngine ??= CreateEngine(TextLanguage, TextPageSegMode, []);
        var words = new List<OcrWord>();
        var cpu = LibC.ThreadCpuSeconds();
        var read = engine.ReadWords(prepared, 300);
        OcrTally.Add(numeric: false, enlarged: false, read.Sum(w => w.Text.Length), LibC.ThreadCpuSeconds() - cpu);
        foreach (var (raw, left, top, right, bottom, confidence) in read)
        {
            var text = CleanText(raw);
            if (text.Length == 0) continue;
            // Undo padding and scaling, then keep the box inside the crop Tesseract was given.
            var l = Math.Clamp((int)Math.Floor((left - Padding) / scale), 0, crop.Width - 1);
            var t = Math.Clamp((int)Math.Floor((top - Padding) / scale), 0, crop.Height - 1);
            var r = Math.Clamp((int)Math.Ceiling((right - Padding) / scale), l + 1, crop.Width);
            var b = Math.Clamp((int)Math.Ceiling((bottom - Padding) / scale), t + 1, crop.Height);
            words.Add(new OcrWord(text, new PixelRect(x0 + l, y0 + t, r - l, b - t), Math.Clamp(confidence / 100.0, 0, 1)));
        }
        return words;
    }

    private static void EnsureAvailable()
    {
        if (LoadError.Value is { } reason) throw new InvalidOperationException(reason);
    }

    // Tesseract adapts its classifier to what an engine has read before. An engine that has just read hundreds
    // of figure cells then misreads a bold title (measured: “部门预算” read as “部门巴算” after a table page,
    // correctly on a fresh engine), so every engine reads each region as if it were the first.
    private static TesseractEngine CreateEngine(string language, int pageSegMode, KeyValuePair<string, string>[] variables) =>
        new(dataPath!, language, pageSegMode, [new("classify_enable_learning", "0"), .. variables]);

    private static string? Probe()
    {
        try
        {
            // Debian builds libtesseract with OpenMP: every recognition would spin up a team of threads that fight
            // our own per-document parallelism on two cores (measured: most of the CPU went to the kernel). libgomp
            // reads the limit from the process environment when it loads, so it is set natively, first.
            LibC.SetEnvironment("OMP_THREAD_LIMIT", "1");
            if (Leptonica.UnavailableReason is { } leptonica) return leptonica;
            if (!NativeLibrary.TryLoad(TessApi.Library, typeof(Tesseract).Assembly, null, out _))
                return "未安装 Tesseract OCR 引擎（Debian 软件包 libtesseract5 / tesseract-ocr） libtesseract.so.5 is not installed";
            var path = FindDataPath();
            if (path is null)
                return "未安装 tesseract-ocr-chi-sim（找不到 chi_sim.traineddata） Chinese model chi_sim.traineddata not found; install tesseract-ocr-chi-sim";
            if ((TextLanguage + "+" + NumericLanguage).Split('+').FirstOrDefault(l => !File.Exists(Path.Combine(path, l + ".traineddata"))) is { } missing)
                return $"未安装 tesseract-ocr-{missing.Replace('_', '-')}（找不到 {missing}.traineddata） model {missing}.traineddata not found in {path}";
            dataPath = path;
            // Loading the model once proves the files are usable; the engine then serves this thread.
            textEngine ??= CreateEngine(TextLanguage, TextPageSegMode, []);
            return null;
        }
        catch (Exception e)
        {
            return $"Tesseract OCR 无法启动 Tesseract cannot start: {e.Message}";
        }
    }

    private static string? FindDataPath()
    {
        string?[] candidates =
        [
            Environment.GetEnvironmentVariable("TESSDATA_PREFIX"),
            "/usr/share/tesseract-ocr/5/tessdata",
            "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata",
            "/usr/local/share/tessdata",
        ];
        foreach (var candidate in candidates)
        {
            if (string.IsNullOrEmpty(candidate)) continue;
            // TESSDATA_PREFIX may name the tessdata folder or (Tesseract 3 style) its parent.
            foreach (var dir in new[] { candidate, Path.Combine(candidate, "tessdata") })
                if (File.Exists(Path.Combine(dir, "chi_sim.traineddata"))) return dir;
        }
        return null;
    }

    private static GrayImage? Clip(GrayImage image, PixelRect region)
    {
        var x0 = Math.Max(0, region.X);
        var y0 = Math.Max(0, region.Y);
        var x1 = Math.Min(image.Width, region.Right);
        var y1 = Math.Min(image.Height, region.Bottom);
        return x1 - x0 < 2 || y1 - y0 < 2 ? null : image.Crop(new PixelRect(x0, y0, x1 - x0, y1 - y0));
    }

    private const byte InkThreshold = 128;

    /// <summary>Ruling lines are often printed grey (antialiased 1px lines render near 128), so lines use a lighter cut than ink.</summary>
    private const byte LineThreshold = 192;

    private static bool HasInk(GrayImage image, (int Left, int Top, int Right, int Bottom) box)
    {
        for (var y = Math.Max(0, box.Top); y < Math.Min(image.Height, box.Bottom); y++)
            for (var x = Math.Max(0, box.Left); x < Math.Min(image.Width, box.Right); x++)
                if (image[x, y] < InkThreshold) return true;
        return false;
    }

    private static bool IsCjkMark(char c) => c is '。' or '，' or '、' or '；' or '：' or '.' or ',' or ';' or ':';

    /// <summary>
    /// Whether the last run of inked columns in <paramref name="box"/> is a mark (“。”, “，”, “、”): narrower and lower
    /// than half the line, where the right half of a glyph (行's 亍) is as tall as the line.
    /// </summary>
    private static bool EndsInMark(GrayImage crop, PixelRect box)
    {
        bool Inked(int x)
        {
            for (var y = box.Y; y < box.Bottom; y++) if (crop[x, y] < InkThreshold) return true;
            return false;
        }
        var right = box.Right - 1;
        while (right >= box.X && !Inked(right)) right--;
        var left = right;
        while (left > box.X && Inked(left - 1)) left--;
        if (right < box.X || left == box.X || (right - left + 1) * 2 >= box.Height) return false;
        int top = box.Bottom, bottom = box.Y - 1;
        for (var y = box.Y; y < box.Bottom; y++)
            for (var x = left; x <= right; x++)
                if (crop[x, y] < InkThreshold) { top = Math.Min(top, y); bottom = Math.Max(bottom, y); }
        return (bottom - top + 1) * 2 < box.Height;
    }

    private static bool HasInk(GrayImage image)
    {
        foreach (var p in image.Pixels) if (p < InkThreshold) return true;
        return false;
    }

    /// <summary>
    /// Cell rectangles from grid detection often keep a pixel or two of the ruling lines at their edges, which
    /// Tesseract reads as "|", "1" or "-". Rows and columns within a few pixels of the edge that are mostly ink
    /// are lines, not text, and are painted white.
    /// </summary>
    private static GrayImage WhitenEdgeLines(GrayImage image)
    {
        var (w, h) = (image.Width, image.Height);
        var band = Math.Max(2, Math.Min(w, h) / 8);
        var copy = new GrayImage(w, h, (byte[])image.Pixels.Clone());
        for (var y = 0; y < h; y++)
        {
            if (y >= band && y < h - band) continue;
            var ink = 0;
            for (var x = 0; x < w; x++) if (image[x, y] < LineThreshold) ink++;
            if (ink * 10 > w * 7) copy.Pixels.AsSpan(y * w, w).Fill(255);
        }
        for (var x = 0; x < w; x++)
        {
            if (x >= band && x < w - band) continue;
            var ink = 0;
            for (var y = 0; y < h; y++) if (image[x, y] < LineThreshold) ink++;
            if (ink * 10 > h * 7) for (var y = 0; y < h; y++) copy[x, y] = 255;
        }
        return copy;
    }

    /// <summary>
    /// The crop cut down to its text plus a margin. A tall or wide cell holding a short figure gives Tesseract mostly
    /// paper with scan speckle, which it reads as stray glyphs or lets drag the whole line's confidence to 0
    /// (measured: “17” in the corner of a 95 px tall 序号 cell read as “I7”, “113.55” as “11355”). Text is the ink
    /// components at least a quarter as tall or as wide as the tallest is tall (一 is flat); the margin keeps points and commas beside them.
    /// </summary>
    internal static (GrayImage Crop, int Tallest) TrimToText(GrayImage crop)
    {
        var (w, h) = (crop.Width, crop.Height);
        var label = new int[w * h];
        var stack = new Stack<int>();
        var parts = new List<(int X0, int Y0, int X1, int Y1, int Area)>();
        for (var start = 0; start < label.Length; start++)
        {
            if (label[start] != 0 || crop.Pixels[start] >= InkThreshold) continue;
            label[start] = parts.Count + 1;
            stack.Push(start);
            int x0 = w, y0 = h, x1 = -1, y1 = -1, area = 0;
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                var (x, y) = (i % w, i / w);
                (x0, y0, x1, y1, area) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x), Math.Max(y1, y), area + 1);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if ((uint)nx >= (uint)w || (uint)ny >= (uint)h) continue;
                        var j = ny * w + nx;
                        if (label[j] != 0 || crop.Pixels[j] >= InkThreshold) continue;
                        label[j] = parts.Count + 1;
                        stack.Push(j);
                    }
            }
            parts.Add((x0, y0, x1, y1, area));
        }
        if (parts.Count == 0) return (crop, 0);
        var tallest = parts.Max(p => p.Y1 - p.Y0 + 1);
        int bx0 = w, by0 = h, bx1 = -1, by1 = -1;
        foreach (var p in parts)
        {
            if (Math.Max(p.Y1 - p.Y0, p.X1 - p.X0) + 1 < tallest / 4 || p.Area < 4) continue;
            (bx0, by0, bx1, by1) = (Math.Min(bx0, p.X0), Math.Min(by0, p.Y0), Math.Max(bx1, p.X1), Math.Max(by1, p.Y1));
        }
        if (bx1 < 0) return (crop, tallest);
        var margin = Math.Max(8, tallest);
        var box = new PixelRect(bx0, by0, bx1 - bx0 + 1, by1 - by0 + 1).Inflate(margin, w, h);
        return (box.Width == w && box.Height == h ? crop : crop.Crop(box), tallest);
    }

    /// <summary>
    /// Scales short crops up (bilinear) so glyphs reach the size Tesseract's LSTM models were trained on, pads with
    /// white so characters do not touch the border. Returns the scale applied.
    /// </summary>
    private static (GrayImage Image, double Scale) Prepare(GrayImage crop, int minHeight, int targetHeight)
    {
        var scale = crop.Height < minHeight ? (double)targetHeight / crop.Height : 1.0;
        var scaled = scale == 1.0 ? crop : ScaleBilinear(crop, scale);
        var padded = new GrayImage(scaled.Width + 2 * Padding, scaled.Height + 2 * Padding);
        padded.Pixels.AsSpan().Fill(255);
        for (var y = 0; y < scaled.Height; y++)
            Buffer.BlockCopy(scaled.Pixels, y * scaled.Width, padded.Pixels, (y + Padding) * padded.Width + Padding, scaled.Width);
        return (padded, scale);
    }

    /// <summary>Scales the width only (linear), for <see cref="ReadRawLine"/>'s squeeze.</summary>
    private static GrayImage ScaleX(GrayImage source, double scale)
    {
        var w = Math.Max(1, (int)Math.Round(source.Width * scale));
        var target = new GrayImage(w, source.Height);
        var sx = (double)source.Width / w;
        for (var x = 0; x < w; x++)
        {
            var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, source.Width - 1);
            var x0 = (int)fx;
            var x1 = Math.Min(x0 + 1, source.Width - 1);
            var dx = fx - x0;
            for (var y = 0; y < source.Height; y++)
                target[x, y] = (byte)Math.Round(source[x0, y] * (1 - dx) + source[x1, y] * dx);
        }
        return target;
    }

    private static GrayImage ScaleBilinear(GrayImage source, double scale)
    {
        var w = Math.Max(1, (int)Math.Round(source.Width * scale));
        var h = Math.Max(1, (int)Math.Round(source.Height * scale));
        var target = new GrayImage(w, h);
        var sx = (double)source.Width / w;
        var sy = (double)source.Height / h;
        for (var y = 0; y < h; y++)
        {
            var fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, source.Height - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, source.Height - 1);
            var dy = fy - y0;
            for (var x = 0; x < w; x++)
            {
                var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, source.Width - 1);
                var x0 = (int)fx;
                var x1 = Math.Min(x0 + 1, source.Width - 1);
                var dx = fx - x0;
                var top = source[x0, y0] * (1 - dx) + source[x1, y0] * dx;
                var bottom = source[x0, y1] * (1 - dx) + source[x1, y1] * dx;
                target[x, y] = (byte)Math.Round(top * (1 - dy) + bottom * dy);
            }
        }
        return target;
    }

    /// <summary>Figures never contain spaces; Tesseract inserts them around separators ("132, 372. 61").</summary>
    internal static string CleanNumber(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw) if (!char.IsWhiteSpace(c)) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>
    /// chi_sim separates Han characters with spaces and a wrapped cell comes back as several lines: lines are
    /// joined, and spaces next to a CJK character are dropped while spaces between Latin words and figures stay.
    /// </summary>
    internal static string CleanText(string raw)
    {
        var sb = new StringBuilder(raw.Length);
        foreach (var c in raw.Trim())
        {
            var ch = char.IsWhiteSpace(c) ? ' ' : c;
            if (ch == ' ' && (sb.Length == 0 || sb[^1] == ' ')) continue;
            // Chinese print sets no space between a Han character and a figure either (“63.21万元”, “2022年”);
            // Tesseract puts one there, which would split a figure from its unit for the rules.
            if (ch != ' ' && sb.Length >= 2 && sb[^1] == ' ' && (IsCjk(sb[^2]) || IsCjk(ch))) sb.Length--;
            sb.Append(ch);
        }
        return MatchBrackets(sb.ToString().TrimEnd());
    }

    /// <summary>
    /// chi_sim reads a printed （ as 〈 or 《 (measured on 资金支出计划（%） and 开展宣传活动（…）): an opening angle bracket
    /// whose closing partner is a round ）or ) was a round one; read as both (“〈(”), the angle bracket is dropped.
    /// </summary>
    internal static string MatchBrackets(string text)
    {
        if (text.IndexOfAny(['〈', '《']) < 0) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '〈' or '《' && text.IndexOfAny([')', '）', '〉', '》'], i + 1) is var close && close >= 0 && text[close] is ')' or '）')
            {
                if (i + 1 < text.Length && text[i + 1] is '(' or '（') continue;
                c = '（';
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Han ideographs plus CJK and full-width punctuation, which never take spaces between them in Chinese.</summary>
    internal static bool IsCjk(char c) =>
        c is >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF'
            or >= '\u3000' and <= '\u303F' or >= '\uFF00' and <= '\uFFEF';
}
