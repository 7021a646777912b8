using System.Text;
using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Scan;

/// <summary>
/// Reads one line of narrative at 300 dpi and more: the whole line as a raw line (glyphs at half the LSTM's input height
/// and narrowed to 0.8 of their width: a third cheaper than a block read), then every stretch the raw line reads least
/// surely — figures, a numbering digit read as a Han character, symbols read with little confidence — checked or read
/// again. A figure is checked against the glyph templates (<see cref="GlyphClassifier.ReadFigure"/>, no Tesseract
/// call); where they differ, and for the other stretches, the stretch is read the careful way (a block read at full
/// size) with two symbols on each side, and that reading replaces it when the immediate neighbours are found in it.
/// Otherwise, and for a line the raw reading is unsure of throughout, the whole line is read the careful way.
/// A raw line reads Chinese as well as a block, but shrunk it loses decimal points and digits (“2.43万元” read as
/// “2万元”, “4.38” as “438”, “1、” as “工、”), and a misread figure in a sentence is a false audit finding
/// (docs/benchmarks.md).
/// </summary>
internal static class NarrativeLine
{
    /// <summary>
    /// Symbols read with less confidence than this are read again (on langfang's narrative page most symbols read
    /// 0.95–1.0; misread ones 0.54–0.90, though a misread digit can read 0.99).
    /// </summary>
    private const double DoubtfulSymbol = 0.90;

    /// <summary>This many doubtful Han symbols make the whole line doubtful.</summary>
    private const int UnsureLine = 3;

    /// <summary>
    /// Han characters a raw line reads in place of a digit or a numbering mark (“1、” as “工、”, measured on langfang);
    /// where they stand for themselves the careful read agrees and only a small call is spent.
    /// </summary>
    private static readonly HashSet<string> DigitLookAlikes = ["工", "丨", "了"];

    /// <summary>Reads <paramref name="line"/> (a region of <paramref name="image"/> holding one printed line).</summary>
    /// <param name="aligned">
    /// Place a careful read whose neighbours were not found by position (<see cref="Align"/>) instead of reading the
    /// whole line again, and re-read fewer stretches: a wrapped sentence opening with a Han character and a figure, a list
    /// number the templates read (docs/benchmarks.md, branch ocr3).
    /// </param>
    public static OcrText Read(GrayImage image, PixelRect line, double glyphShare, double squeeze, bool aligned)
    {
        RawLine? read;
        using (OcrTally.Stage("narr-raw")) read = Tesseract.ReadRawLine(image, line, glyphShare, oneLineOnly: false, squeeze, keepEndMark: true);
        if (read is not { } raw)
            return Tesseract.Recognize(image, line, OcrMode.Text);
        var symbols = raw.Symbols;
        if (symbols.Count == 0) return raw.Read;
        var doubtful = symbols.Select((s, k) => Doubtful(s)
            || DigitLookAlikes.Contains(s.Text) && (k == 0 || k + 1 < symbols.Count && !IsHan(symbols[k + 1].Text))
            // A line opening “N、” or “N.” numbers a list; a raw line has read its digit as a Han character followed by a
            // mark (“4、” as “外、” or “外“”).
            // (A line opening with a Han character and a figure, “费0.00万元”, is a sentence wrapped, not a list.)
            || k == 0 && symbols.Count > 1 && IsHan(s.Text) && !IsHan(symbols[1].Text) && !(aligned && symbols[1].Text.Any(char.IsDigit))
            // “（二）” read as “(一)”: a numeral in brackets heads a section and is worth a small call.
            || s.Text is "一" or "二" or "三" && k > 0 && symbols[k - 1].Text is "(" or "（").ToArray();
        // A line the raw reading is unsure of throughout (a bold title read “提逢资金…续效有村家”, with confidences down
        // to 0.54) is read the careful way as a whole. One symbol under 0.6 is enough: such a line holds misreadings
        // the raw line is sure of (leaving it to its stretches read “机关运行经费” as “机类…” and the section was lost).
        // So is a line with Latin letters or stray marks: a raw line read xinglong's printed “**事业收入**” as
        // “xx*”, which the placeholder rule takes for a template's “xx”.
        if (symbols.Count(s => s.Confidence < DoubtfulSymbol && IsHan(s.Text)) >= UnsureLine || symbols.Any(s => s.Confidence < 0.6)
            || symbols.Any(s => s.Text.Any(Stray)))
            return ReadWhole(image, line);
        if (!doubtful.Contains(true)) return raw.Read;

        var text = new StringBuilder();
        var confidence = new List<(double Confidence, int Length)>();
        // Where each symbol's text began (text and confidence entries), so a careful read placed over a whole window
        // can take back the neighbours already appended.
        var starts = new (int Text, int Confidence)[symbols.Count];
        IReadOnlyList<PixelRect>? glyphs = null;
        // Symbols before this one went into the text as part of a stretch, not one by one: none of them is taken back.
        var floor = 0;
        for (var i = 0; i < symbols.Count;)
        {
            starts[i] = (text.Length, confidence.Count);
            if (!doubtful[i])
            {
                Append(text, symbols[i]);
                confidence.Add((symbols[i].Confidence, 1));
                i++;
                continue;
            }
            // A stretch of doubtful symbols; two stretches one trusted symbol apart are read as one (a call costs
            // more than the symbol between them).
            var end = i;
            while (end + 1 < symbols.Count && (doubtful[end + 1] || end + 2 < symbols.Count && doubtful[end + 2])) end++;
            var before = i > 0 ? symbols[i - 1] : null;
            var after = end + 1 < symbols.Count ? symbols[end + 1] : null;
            var (first, last) = (Math.Max(0, i - 2), Math.Min(symbols.Count - 1, end + 2));
            var (outerLeft, outerRight) = (symbols[first], symbols[last]);
            var stretch = string.Concat(symbols.Skip(i).Take(end - i + 1).Select(s => s.Text));
            // A figure is checked against the glyph templates first: where they read the same figure from the ink,
            // the raw line stands and no Tesseract call is spent.
            if (stretch.All(FigureLike))
            {
                string? figure;
                using (OcrTally.Stage("narr-figure"))
                {
                    glyphs ??= LineGlyphs(image, line);
                    figure = Figure(image, line, glyphs, before, after);
                }
                if (aligned && Numbering(figure, stretch, i, after) is { } numbering) (figure, stretch) = (numbering, numbering);
                if (figure == Tesseract.CleanText(stretch))
                {
                    if (symbols[i].StartsWord && text.Length > 0) text.Append(' ');
                    text.Append(stretch);
                    confidence.Add((symbols.Skip(i).Take(end - i + 1).Min(s => s.Confidence), stretch.Length));
                    OcrTally.Current.FiguresChecked++;
                    i = end + 1;
                    continue;
                }
            }
            OcrTally.Current.StretchesReread++;
            (OcrText Read, bool Placed)? reread;
            using (OcrTally.Stage("narr-stretch")) reread = ReadStretch(image, line, raw.Ink, before, after, outerLeft, outerRight);
            if (reread is { Placed: false } window && aligned && Align(window.Read.Text, symbols, first, last, i, end, floor) is { } placed)
            {
                // A neighbour was misread too, or the window's edges caught parts of glyphs beyond it: the careful read
                // is placed by position and replaces the stretch and its immediate neighbours.
                text.Length = starts[placed.From].Text;
                confidence.RemoveRange(starts[placed.From].Confidence, confidence.Count - starts[placed.From].Confidence);
                if (symbols[placed.From].StartsWord && text.Length > 0) text.Append(' ');
                text.Append(placed.Text);
                confidence.Add((window.Read.Confidence, placed.Text.Length));
                OcrTally.Current.StretchesAligned++;
                i = floor = placed.To + 1;
                continue;
            }
            if (reread is not { Placed: true, Read: var careful }) return ReadWhole(image, line);
            if (careful.Text.Length > 0)
            {
                if (symbols[i].StartsWord && text.Length > 0) text.Append(' ');
                text.Append(careful.Text);
                confidence.Add((careful.Confidence, careful.Text.Length));
            }
            // The neighbour after the stretch was part of the careful read; it is appended as read by the raw line
            // (the two agree, or the careful read was refused).
            i = end + 1;
        }
        var cleaned = Tesseract.CleanText(text.ToString());
        var length = Math.Max(1, confidence.Sum(c => c.Length));
        return new OcrText(cleaned, cleaned.Length == 0 ? 0 : confidence.Sum(c => c.Confidence * c.Length) / length);
    }

    /// <summary>
    /// The careful reading of what lies between <paramref name="before"/> and <paramref name="after"/> (the line's ink
    /// edges where there is none), placed; or, when it does not begin and end with them, the window's whole reading,
    /// not placed: then the stretch was not where the raw line placed it, or a neighbour was misread. Null for no window.
    /// </summary>
    private static (OcrText Read, bool Placed)? ReadStretch(GrayImage image, PixelRect line, PixelRect ink, LineSymbol? before, LineSymbol? after,
                                        LineSymbol outerLeft, LineSymbol outerRight)
    {
        // The raw line's boxes are where the LSTM placed each character, not ink-tight: the window reaches over the
        // second symbol on each side, so the neighbours themselves are read whole and a character cut at the window's
        // edge lies beyond them.
        var margin = ink.Height / 4;
        var left = before is null ? line.X : Math.Max(line.X, outerLeft.Box.X - margin);
        var right = after is null ? line.Right : Math.Min(line.Right, outerRight.Box.Right + margin);
        if (right - left < 2) return null;
        var window = new PixelRect(left, line.Y, right - left, line.Height);
        var read = Tesseract.Recognize(image, window, OcrMode.Text);
        var text = read.Text.Replace("\n", "");
        var (head, tail) = (before?.Text ?? "", after?.Text ?? "");
        // The neighbours are looked for among the first and last three characters read.
        // Brackets and marks are compared folded: the careful read prints “（三）” where the raw line read “(三)”.
        var (folded, foldedHead, foldedTail) = (Fold(text), Fold(head), Fold(tail));
        var start = head.Length == 0 ? 0 : folded.IndexOf(foldedHead, 0, Math.Min(text.Length, 2 + head.Length), StringComparison.Ordinal);
        var end = start < 0 ? -1 : tail.Length == 0 ? text.Length : folded.IndexOf(foldedTail, start + head.Length, StringComparison.Ordinal);
        if (start < 0 || end < start + head.Length) return (read with { Text = Tesseract.CleanText(text) }, false);
        return (read with { Text = text[(start + head.Length)..end] }, true);
    }

    /// <summary>
    /// The careful read of the window over symbols <paramref name="first"/>..<paramref name="last"/> placed by position:
    /// the raw line's characters there are looked for in it at every offset, the outer symbols (cut at the window's
    /// edge, read as anything) and the stretch <paramref name="from"/>..<paramref name="to"/> taking whatever stands
    /// there, the immediate neighbours as read or — one of them at most — another Han character for a Han one (a
    /// neighbour misread, “部站的沟通” read carefully as “叫门的沟通声”). Returns the careful text from the neighbour before
    /// to the neighbour after, and the symbols it replaces; null when no offset fits (a window that slipped).
    /// </summary>
    private static (string Text, int From, int To)? Align(string careful, IReadOnlyList<LineSymbol> symbols, int first, int last, int from, int to, int floor)
    {
        var (left, right) = (Math.Max(Math.Max(first, floor), from - 1), Math.Min(last, to + 1));
        var raw = new List<(char C, int Symbol)>();
        for (var k = first; k <= last; k++)
            foreach (var c in symbols[k].Text) if (c != ' ') raw.Add((c, k));
        var read = careful.Replace(" ", "");
        var folded = Fold(read);
        (int Offset, int Misread)? best = null;
        for (var offset = 0; offset + raw.Count <= read.Length; offset++)
        {
            var misread = 0;
            for (var k = 0; k < raw.Count && misread <= 1; k++)
            {
                var (c, symbol) = raw[k];
                var neighbour = symbol == left && left < from || symbol == right && right > to;
                if (!neighbour || Fold(c.ToString())[0] == folded[offset + k]) continue;
                misread += IsHan(c.ToString()) && IsHan(read[offset + k].ToString()) ? 1 : 2;
            }
            if (misread <= 1 && (best is null || misread < best.Value.Misread)) best = (offset, misread);
        }
        if (best is not { } fit) return null;
        var start = fit.Offset + raw.FindIndex(r => r.Symbol >= left);
        var end = fit.Offset + raw.FindLastIndex(r => r.Symbol <= right) + 1;
        return end > start ? (read[start..end], left, right) : null;
    }

    /// <summary>
    /// A list number the templates read where the raw line's reading differs only by the point after it: the “、”
    /// after “2” is a mark the templates take for a point (“2、支出说明”: the raw line stands), and a line opening
    /// “2.聚力…” lost its point in the raw line (the templates' “2.” stands). Null for any other figure.
    /// </summary>
    private static string? Numbering(string? figure, string stretch, int at, LineSymbol? after)
    {
        if (at != 0 || figure != stretch + "." || stretch.Length > 2 || !stretch.All(char.IsAsciiDigit) || after is null) return null;
        return after.Text is "、" or "，" or "," ? stretch : IsHan(after.Text) ? figure : null;
    }

    /// <summary>Full-width brackets and marks as their ASCII forms, character for character.</summary>
    private static string Fold(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (var k = 0; k < source.Length; k++)
            span[k] = source[k] switch { '（' => '(', '）' => ')', '，' => ',', '：' => ':', '；' => ';', '．' => '.', var c => c };
    });

    private static OcrText ReadWhole(GrayImage image, PixelRect line)
    {
        OcrTally.Current.LinesReread++;
        using var stage = OcrTally.Stage("narr-whole");
        return Tesseract.Recognize(image, line, OcrMode.Text);
    }

    /// <summary>The line's glyphs (ink split at white columns), in page pixels.</summary>
    private static IReadOnlyList<PixelRect> LineGlyphs(GrayImage image, PixelRect line)
    {
        var (glyphs, _) = GlyphClassifier.FirstLine(image.Crop(line));
        return glyphs.Select(g => g with { X = g.X + line.X, Y = g.Y + line.Y }).ToList();
    }

    /// <summary>
    /// The figure printed between <paramref name="before"/> and <paramref name="after"/> read by glyph templates, or
    /// null: the glyphs whose centres lie between the neighbours' centres, without the Han-wide ones at either end.
    /// </summary>
    private static string? Figure(GrayImage image, PixelRect line, IReadOnlyList<PixelRect> glyphs, LineSymbol? before, LineSymbol? after)
    {
        if (glyphs.Count == 0) return null;
        var from = before is null ? int.MinValue : before.Box.X + before.Box.Width / 2;
        var to = after is null ? int.MaxValue : after.Box.X + after.Box.Width / 2;
        var han = glyphs.Max(g => g.Height);
        var inside = glyphs.Where(g => g.X + g.Width / 2 > from && g.X + g.Width / 2 < to).ToList();
        bool Wide(PixelRect g) => g.Width * 10 >= han * 7 || g.Height * 10 >= han * 9;
        while (inside.Count > 0 && Wide(inside[0])) inside.RemoveAt(0);
        while (inside.Count > 0 && Wide(inside[^1])) inside.RemoveAt(inside.Count - 1);
        if (inside.Count == 0) return null;
        var margin = Math.Max(2, han / 8);
        var (x0, x1) = (inside[0].X - margin, inside[^1].Right + margin);
        return Tesseract.ReadFigure(image, new PixelRect(x0, line.Y, x1 - x0, line.Height))?.Text;
    }

    private static void Append(StringBuilder text, LineSymbol symbol)
    {
        if (symbol.StartsWord && text.Length > 0) text.Append(' ');
        text.Append(symbol.Text);
    }

    private static bool Doubtful(LineSymbol symbol) =>
        symbol.Confidence < DoubtfulSymbol || symbol.Text.Any(FigureLike);

    private static bool IsHan(string text) => text.Length > 0 && text.All(c => c is >= '\u4E00' and <= '\u9FFF');

    /// <summary>Digits and the marks figures carry; Han and Chinese punctuation a raw line reads well.</summary>
    private static bool FigureLike(char c) =>
        c is >= '0' and <= '9' or '.' or ',' or '%' or '-' or '+' or '/' or >= '\uFF10' and <= '\uFF19' or '％' or '．';

    /// <summary>Latin letters and marks Chinese narrative does not print, which a raw line makes of strokes it is unsure of.</summary>
    private static bool Stray(char c) =>
        c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or '*' or '\'' or '‘' or '’' or '`' or '~' or '^' or '|' or '\\' or '_' or '{' or '}' or '<' or '>' or '"';
}
