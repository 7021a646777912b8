using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// Reads cells that hold one glyph, or one printed figure, by comparing their ink glyph by glyph with templates rendered
/// from the Noto CJK fonts (sans and serif, regular and bold, so the 黑体 and 宋体 looks of printed tables and their
/// bold totals are covered). Tesseract is weakest exactly there: chi_sim has no ≥ or ≤ and reads them as 之, 三 or 2;
/// the digit engine reads % as 9%, “=” as nothing, drops decimal points and misreads short numbers; a lone 序号 digit
/// comes back from chi_sim as a Han character. A template match costs microseconds where a Tesseract call costs
/// milliseconds. A cell that is not clearly one glyph or one figure, or matches no template clearly, is left to Tesseract.
/// </summary>
internal static class GlyphClassifier
{
    /// <summary>
    /// What a budget or 绩效 table cell holds as a single glyph: digits (序号, 栏次, small counts), the operators of split
    /// 指标值 (符号 column), and the units of the 单位 column. One-character words (无, 是, 高) are left to chi_sim: 无 is
    /// too close to 元 for a template to tell apart on a noisy scan.
    /// </summary>
    private const string Candidates = "0123456789≥≤=<>%元个人次天户家项件台辆年月日万分所场篇期张本份条座名批处间";

    private static readonly (string Path, int Face)[] Fonts =
    [
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
        // Totals and header rows are often printed bold; regular templates miss a bold 3 (measured on jiaozuo's figures).
        ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 2),
        ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 2),
    ];

    /// <summary>Side of the normalised glyph raster; 24 keeps the strokes of 元 or 辆 apart and is cheap to compare.</summary>
    private const int Size = 24;

    /// <summary>Pixels darker than this are ink (the cut Tesseract's callers use for blank cells).</summary>
    private const byte Ink = 128;

    // Measured on langfang's 300 dpi scan and on serif glyphs with noise (GlyphClassifierTests): right matches scored
    // 0.77–0.97 and led the runner-up by 0.13 or more; the one doubtful digit scored 0.74 with its runner-up at 0.66.
    // A match needs a high score and a clear lead, or a very clear lead (a serif 元 against sans templates).
    private const double MinScore = 0.78;
    private const double MinMargin = 0.06;
    private const double MinScoreClearLead = 0.70;
    private const double ClearLead = 0.15;

    private sealed record Template(char Character, float[] Vector, double Aspect);

    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when the template fonts could be rendered; otherwise <see cref="Classify"/> always declines.</summary>
    public static bool IsAvailable => Templates.Value.Count > 0;

    /// <summary>
    /// The character the single glyph in <paramref name="cell"/> is, with a confidence from the match score, or null when
    /// the cell holds no ink, more than one glyph, or nothing that clearly matches a template.
    /// </summary>
    public static OcrText? Classify(GrayImage cell)
    {
        if (Templates.Value.Count == 0 || SingleGlyphBox(cell) is not { } box) return null;
        return Match(cell, box);
    }

    /// <summary>
    /// The glyphs of the first printed line of a cell from left to right, as ink boxes split at white columns, and
    /// whether that line is the cell's only one (a wrapped 指标值 such as “≤305.8万” over “元” has two).
    /// </summary>
    public static (IReadOnlyList<PixelRect> Glyphs, bool SingleLine) FirstLine(GrayImage cell)
    {
        var (_, rows) = Profiles(cell);
        var top = Array.FindIndex(rows, c => c > 0);
        if (top < 0) return ([], true);
        var (glyphs, bottom) = LineAt(cell, rows, top);
        return (glyphs, bottom == Array.FindLastIndex(rows, c => c > 0));
    }

    /// <summary>
    /// Whether the first printed line of <paramref name="cell"/> holds a glyph about as wide as the line is tall that is
    /// not a digit, %, or an operator by template: a Han character (in CJK fonts % and ≥ are nearly square too). Two
    /// digits run together can pass, so a caller treats this as a hint about which engine to ask first, not as a reading.
    /// </summary>
    public static bool PrintsHan(GrayImage cell)
    {
        var (glyphs, _) = FirstLine(cell);
        if (glyphs.Count == 0) return false;
        var tallest = glyphs.Max(g => g.Height);
        return tallest >= 10 && glyphs.Any(g => g.Width * 20 >= tallest * 17 && g.Height * 10 >= tallest * 7 && MatchAmong(cell, g, FigureGlyphs + Operators) is null);
    }

    /// <summary>The glyphs of the printed line whose ink starts at row <paramref name="top"/>, and the line's last ink row.</summary>
    private static (List<PixelRect> Glyphs, int Bottom) LineAt(GrayImage cell, int[] rows, int top)
    {
        var last = Array.FindLastIndex(rows, c => c > 0);
        // The line ends at the first white band, a quarter of the ink so far high, once that ink is tall enough to be
        // a glyph: the white inside “=” or ≥ comes before that, the leading between two lines after it.
        var bottom = top;
        for (var y = top; y <= last; y++)
        {
            if (rows[y] > 0) bottom = y;
            else if (bottom - top + 1 >= 8 && y - bottom >= Math.Max(3, (bottom - top + 1) / 4)) break;
        }
        var columns = new int[cell.Width];
        for (var y = top; y <= bottom; y++)
            for (var x = 0; x < cell.Width; x++)
                if (cell[x, y] < Ink) columns[x]++;
        var glyphs = new List<PixelRect>();
        var start = -1;
        for (var x = 0; x <= cell.Width; x++)
        {
            // A lone dark pixel in a column is noise, not a stroke.
            var ink = x < cell.Width && columns[x] > 1;
            if (ink && start < 0) start = x;
            if (ink || start < 0) continue;
            // Rows of this glyph only: “=” and ≥ sit lower and shorter than the digits beside them.
            int gTop = cell.Height, gBottom = -1;
            for (var y = top; y <= bottom; y++)
                for (var gx = start; gx < x; gx++)
                    if (cell[gx, y] < Ink) { gTop = Math.Min(gTop, y); gBottom = Math.Max(gBottom, y); break; }
            if (gBottom >= gTop) glyphs.Add(new PixelRect(start, gTop, x - start, gBottom - gTop + 1));
            start = -1;
        }
        return (glyphs, bottom);
    }

    /// <summary>
    /// Checks the glyphs Tesseract gets wrong at the edges of an 指标值 against the templates: an operator read as a
    /// digit or a Han character in front of a figure (“295%”, “之90%”, “和305.8万元” for ≥95%, ≥90%, ≤305.8万元), and %
    /// read as “9%” (“1009%”). A repair needs the template to be sure of the operator or of % and, for “9%”, the glyph
    /// count to show that the 9 is not printed.
    /// </summary>
    public static string RepairEdges(GrayImage cell, string text)
    {
        if (Templates.Value.Count == 0 || text.Length < 2 || !text.Any(char.IsDigit)) return text;
        var (glyphs, singleLine) = FirstLine(cell);
        if (glyphs.Count < 2) return text;
        if (Match(cell, glyphs[0]) is { Text: [var op] } && op is '≥' or '≤' && text[0] != op)
        {
            if (char.IsDigit(text[1]) && !char.IsDigit(text[0]) || char.IsDigit(text[1]) && singleLine && text.Length == glyphs.Count) text = op + text[1..];
            else if (char.IsDigit(text[0]) && singleLine && text.Length + 1 == glyphs.Count) text = op + text;
        }
        // % comes back as “9%” or “o%”: one character more than glyphs on the line, and the glyph before % is the
        // character before the extra one.
        var compact = text.Replace(" ", "");
        if (singleLine && compact.Length >= 3 && compact[^1] == '%' && compact[^2] is '9' or 'o' or 'O' && compact.Length == glyphs.Count + 1
            && Match(cell, glyphs[^1]) is { Text: "%" } && Match(cell, glyphs[^2]) is { Text: [var before] } && before == compact[^3])
            text = compact[..^2] + "%";
        return text;
    }

    /// <summary>
    /// Reads a cell printed as one line of a figure (“113.55”, “4,230.21”, “-3.57”, “17”, “95%”) glyph by glyph: digits
    /// and % by template, the point, comma and minus by their size and place on the line. Returns null unless every
    /// piece of ink on the line is accounted for and every digit matches clearly, so a Han character, a smudge or two
    /// digits run together leave the cell to Tesseract. Tesseract's digit engine drops a point or reads a 1 as I when
    /// a figure is short or sits in a large cell (measured: “113.55” → “11355”, “17” → “I7”, “31” → “1”).
    /// </summary>
    public static OcrText? ReadFigure(GrayImage cell)
    {
        if (Templates.Value.Count == 0) return null;
        // A narrow 指标值 column wraps a figure (“100” over “%”): each line is read and the pieces joined.
        var (_, rows) = Profiles(cell);
        var text = new System.Text.StringBuilder();
        var confidence = 1.0;
        var lines = 0;
        for (var top = Array.FindIndex(rows, c => c > 0); top >= 0; top = Array.FindIndex(rows, top, c => c > 0))
        {
            var (glyphs, bottom) = LineAt(cell, rows, top);
            if (++lines > MaxFigureLines || ReadFigureLine(cell, glyphs, lines == 1, text.ToString().Any(char.IsDigit)) is not { } piece) return null;
            text.Append(piece.Text);
            confidence = Math.Min(confidence, piece.Confidence);
            if (bottom + 1 >= rows.Length) break;
            top = bottom + 1;
        }
        return lines == 0 ? null : new OcrText(Punctuate(text.ToString()), confidence);
    }

    private static OcrText? ReadFigureLine(GrayImage cell, List<PixelRect> glyphs, bool firstLine, bool figureBefore)
    {
        if (glyphs.Count == 0 || glyphs.Count > 24) return null;
        var tallest = glyphs.Max(g => g.Height);
        if (tallest < 10) return null;
        // The digits' common top and baseline: the glyphs at least 60% as tall as the tallest.
        var digits = glyphs.Where(g => g.Height * 10 >= tallest * 6).ToList();
        var top = digits.Min(g => g.Y);
        var baseline = digits.Max(g => g.Bottom);
        var height = baseline - top;
        var text = new System.Text.StringBuilder(glyphs.Count);
        var confidence = 1.0;
        var marks = JoinMarks(glyphs, tallest);
        var inUnit = false;
        for (var i = 0; i < marks.Count; i++)
        {
            var g = marks[i];
            // A gap of more than a third of the digit height inside a figure is a printed space (“132, 465. 29” in a
            // table that was itself typed from OCR): kept, as a text layer would keep it, so the figure is judged
            // alike whatever form it came in. Digits and marks are set 2–6 px apart at 300 dpi, such spaces 10–12.
            var spaced = i > 0 && text.Length > 0 && (char.IsDigit(text[^1]) || text[^1] is '.' or ',' or SureComma) && g.X - marks[i - 1].Right >= height * 0.36;
            // An 指标值 opens with its operator (“≥95%”, “=100%”): flatter than a digit, matched among the operators.
            if (i == 0 && firstLine && MatchAmong(cell, g, Operators) is { } op)
            {
                text.Append(op.Text);
                confidence = Math.Min(confidence, op.Confidence);
                continue;
            }
            if (g.Height * 10 >= tallest * 6)
            {
                // After the figure may come its unit (“≤15.87万元”, “≥2次”), and then nothing but the unit.
                var unit = inUnit || figureBefore || text.ToString().Any(char.IsDigit);
                var match = inUnit ? null : MatchAmong(cell, g, FigureGlyphs);
                if (match is null && unit) match = MatchAmong(cell, g, Units);
                if (match is null) return null;
                inUnit = Units.Contains(match.Text[0]);
                if (spaced && !inUnit) text.Append(' ');
                text.Append(match.Text);
                confidence = Math.Min(confidence, match.Confidence);
                continue;
            }
            if (inUnit) return null;
            // Small marks: a minus sits across the middle and is wide; a point sits on the baseline; a comma reaches
            // below it. Anything else (a stray speck above the line, half a Han character) is not a figure.
            var middle = g.Y + g.Height / 2.0;
            if (spaced) text.Append(' ');
            if (g.Height * 10 <= height * 2 && g.Width >= 2 * g.Height && middle > top + height * 0.3 && middle < top + height * 0.75)
                text.Append('-');
            else if (g.Width * 10 <= height * 4 && g.Height * 20 <= height * 11 && g.Bottom >= baseline - height / 6)
                // Told apart by its tail below the baseline; blur and JPEG smear a point into a comma's height, so the
                // figure's syntax decides below, unless the mark is plainly a comma: half again as tall as wide and a third
                // of a digit high (measured at 300 dpi: commas 5×10 sans and 8×13 serif, points 4×4 and 6×6, digits 25 and 33 high).
                text.Append(g.Bottom <= baseline + height / 8 ? '.' : g.Height * 10 >= height * 3 && g.Height * 10 >= g.Width * 15 ? SureComma : ',');
            else return null;
        }
        return new OcrText(text.ToString(), confidence);
    }

    /// <summary>A comma too plain to be a smeared point: <see cref="Punctuate"/> keeps it whatever follows.</summary>
    internal const char SureComma = '\uE000';

    /// <summary>
    /// A comma separates thousands, so three digits follow it; any other mark between digits is a point, unless the
    /// glyph was plainly a comma (<see cref="SureComma"/>): then it is printed so (“1,11” in a garbled header stays text).
    /// </summary>
    internal static string Punctuate(string figure)
    {
        var chars = figure.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == SureComma) chars[i] = ',';
            if (chars[i] != ',' || figure[i] == SureComma) continue;
            var from = i + 1;
            while (from < chars.Length && chars[from] == ' ') from++;
            var digits = 0;
            while (from + digits < chars.Length && char.IsDigit(chars[from + digits])) digits++;
            var next = from + digits;
            if (digits != 3 || next < chars.Length && chars[next] is not ('.' or ',' or SureComma)) chars[i] = '.';
        }
        return new string(chars);
    }

    private const string FigureGlyphs = "0123456789%";

    /// <summary>
    /// Lines a wrapped figure may take: a column one character wide stacks “≥90%” as ≥, 9, 0, % (seen in 绩效 tables
    /// whose last column is squeezed).
    /// </summary>
    private const int MaxFigureLines = 6;
    private const string Operators = "≥≤=<>";
    private const string Units = "元个人次天户家项件台辆年月日万分所场篇期张本份条座名批处间";

    /// <summary>Small marks almost touching are one mark: a serif comma's thin tail parts from its head at a white column.</summary>
    private static List<PixelRect> JoinMarks(IReadOnlyList<PixelRect> glyphs, int tallest)
    {
        bool Small(PixelRect g) => g.Height * 10 < tallest * 6;
        var joined = new List<PixelRect>(glyphs.Count);
        foreach (var g in glyphs)
        {
            if (joined.Count > 0 && joined[^1] is var last && Small(last) && Small(g) && g.X - last.Right <= Math.Max(2, tallest / 12))
            {
                var (x0, y0) = (Math.Min(last.X, g.X), Math.Min(last.Y, g.Y));
                joined[^1] = new PixelRect(x0, y0, Math.Max(last.Right, g.Right) - x0, Math.Max(last.Bottom, g.Bottom) - y0);
            }
            else joined.Add(g);
        }
        return joined;
    }

    /// <summary>The template match of the glyph in <paramref name="box"/> of <paramref name="cell"/>, or null when none is clear.</summary>
    public static OcrText? Match(GrayImage cell, PixelRect box) => MatchAmong(cell, box, null);

    private static OcrText? MatchAmong(GrayImage cell, PixelRect box, string? candidates)
    {
        if (Templates.Value.Count == 0 || box.Width < 3 || box.Height < 3) return null;
        var vector = Normalise(cell, box);
        var aspect = (double)box.Width / box.Height;
        char best = '\0';
        double bestScore = -1, second = -1;
        foreach (var t in Templates.Value)
        {
            if (candidates is not null && !candidates.Contains(t.Character)) continue;
            // Shape alone confuses “=” with 二 and “1” with a thin bar; the ink's proportions tell them apart.
            if (Math.Abs(Math.Log(aspect / t.Aspect)) > 0.45) continue;
            var score = Dot(vector, t.Vector);
            if (t.Character == best) { bestScore = Math.Max(bestScore, score); continue; }
            if (score > bestScore) { second = Math.Max(second, bestScore); bestScore = score; best = t.Character; }
            else second = Math.Max(second, score);
        }
        var lead = bestScore - second;
        if (!(bestScore >= MinScore && lead >= MinMargin || bestScore >= MinScoreClearLead && lead >= ClearLead)) return null;
        // A correlation is not a probability: a match past the thresholds was right on every measured cell, so it is
        // reported between 0.85 and 1, above the level at which findings ask for a manual check.
        return new OcrText(best.ToString(), 0.85 + 0.15 * Math.Clamp((bestScore - MinScoreClearLead) / (1 - MinScoreClearLead), 0, 1));
    }

    /// <summary>
    /// The ink box of a cell holding exactly one glyph: no column of white splitting the ink (two digits, two Han
    /// characters), not stacked lines, and big enough to be a glyph rather than speckle. Isolated dark pixels are noise.
    /// </summary>
    internal static PixelRect? SingleGlyphBox(GrayImage cell)
    {
        var (columns, rows) = Profiles(cell);
        int left = Array.FindIndex(columns, c => c > 0), right = Array.FindLastIndex(columns, c => c > 0);
        int top = Array.FindIndex(rows, c => c > 0), bottom = Array.FindLastIndex(rows, c => c > 0);
        if (left < 0 || top < 0) return null;
        var (bw, bh) = (right - left + 1, bottom - top + 1);
        if (bh < 8 && bw < 8 || bw > 3 * bh || bh > 4 * bw) return null;
        // A white column through the ink separates glyphs side by side (Han characters and digits are printed a few
        // pixels apart); one pixel is allowed for a faint stroke. Glyphs with a gap of their own (八, 儿) go to Tesseract.
        if (LongestGap(columns, left, right) > 1) return null;
        // Two glyphs stacked (a unit wrapped in a narrow column) are taller than wide with a white band between them.
        if (bh > 1.6 * bw && LongestGap(rows, top, bottom) > bh / 8) return null;
        return new PixelRect(left, top, bw, bh);
    }

    /// <summary>Ink pixels per column and per row; an isolated dark pixel is noise and not counted.</summary>
    private static (int[] Columns, int[] Rows) Profiles(GrayImage cell)
    {
        var (w, h) = (cell.Width, cell.Height);
        var columns = new int[w];
        var rows = new int[h];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                if (cell[x, y] >= Ink) continue;
                var neighbour = (x > 0 && cell[x - 1, y] < Ink) || (x + 1 < w && cell[x + 1, y] < Ink)
                                || (y > 0 && cell[x, y - 1] < Ink) || (y + 1 < h && cell[x, y + 1] < Ink);
                if (!neighbour) continue;
                columns[x]++;
                rows[y]++;
            }
        return (columns, rows);
    }

    private static int LongestGap(int[] counts, int from, int to)
    {
        int longest = 0, run = 0;
        for (var i = from; i <= to; i++)
        {
            run = counts[i] == 0 ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }

    /// <summary>
    /// The glyph's box scaled (keeping its proportions) into the middle of a Size×Size square by area averaging, as
    /// darkness 0..1, then centred on its mean and scaled to unit length so that a dot product is the correlation.
    /// </summary>
    private static float[] Normalise(GrayImage image, PixelRect box)
    {
        var vector = new float[Size * Size];
        var scale = (double)Size / Math.Max(box.Width, box.Height);
        var (ox, oy) = ((Size - box.Width * scale) / 2, (Size - box.Height * scale) / 2);
        var weight = new float[Size * Size];
        for (var y = 0; y < box.Height; y++)
        {
            var ty = (int)Math.Min(Size - 1, oy + (y + 0.5) * scale);
            for (var x = 0; x < box.Width; x++)
            {
                var tx = (int)Math.Min(Size - 1, ox + (x + 0.5) * scale);
                vector[ty * Size + tx] += (255 - image[box.X + x, box.Y + y]) / 255f;
                weight[ty * Size + tx]++;
            }
        }
        for (var i = 0; i < vector.Length; i++) if (weight[i] > 0) vector[i] /= weight[i];
        // Upscaling a small glyph leaves target pixels no source pixel fell in: spread each value into its gaps.
        if (scale > 1) Smooth(vector, weight);
        var mean = vector.Average();
        double norm = 0;
        for (var i = 0; i < vector.Length; i++) { vector[i] -= mean; norm += vector[i] * vector[i]; }
        norm = Math.Sqrt(norm);
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] / norm);
        return vector;
    }

    private static void Smooth(float[] vector, float[] weight)
    {
        var copy = (float[])vector.Clone();
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                if (weight[y * Size + x] > 0) continue;
                float sum = 0, n = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (nx, ny) = (x + dx, y + dy);
                        if (nx < 0 || ny < 0 || nx >= Size || ny >= Size || weight[ny * Size + nx] == 0) continue;
                        sum += copy[ny * Size + nx];
                        n++;
                    }
                if (n > 0) vector[y * Size + x] = sum / n;
            }
    }

    private static double Dot(float[] a, float[] b)
    {
        double sum = 0;
        for (var i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    private static IReadOnlyList<Template> Build()
    {
        var templates = new List<Template>();
        foreach (var (path, face) in Fonts)
            // 48 px: the size of a table font at 300 dpi, rendered antialiased like a scan.
            foreach (var (c, glyph) in FreeType.Render(path, face, Candidates, 48))
            {
                var box = new PixelRect(0, 0, glyph.Width, glyph.Height);
                templates.Add(new Template(c, Normalise(glyph, box), (double)glyph.Width / glyph.Height));
            }
        return templates;
    }
}
