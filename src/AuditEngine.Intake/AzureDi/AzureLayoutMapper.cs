using AuditEngine.Intake.Pdf;
using AuditEngine.Model;

namespace AuditEngine.Intake.AzureDi;

/// <summary>
/// Maps a prebuilt-layout result onto our <see cref="Layout"/>: pages in points, tables with their cells (row, column,
/// spans, page, box, confidence), and the text outside tables as paragraphs, all in the service's reading order, so
/// that recognition and rules see the same shape the local readers give.
/// </summary>
public static class AzureLayoutMapper
{
    /// <summary>Paragraph roles that are page furniture, not disclosure text (the local reader drops page numbers too).</summary>
    private static readonly HashSet<string> Furniture = new(StringComparer.OrdinalIgnoreCase) { "pageHeader", "pageFooter", "pageNumber" };

    /// <summary>What one result maps to: pages, blocks in reading order.</summary>
    public sealed record Mapped(IReadOnlyList<LayoutPage> Pages, IReadOnlyList<LayoutBlock> Blocks, int TableCount);

    /// <param name="pages">When set, only these pages are taken (the scanned pages of a PDF sent whole).</param>
    public static Mapped Map(AnalyzeResult result, IReadOnlySet<int>? pages = null)
    {
        var scales = new Dictionary<int, double>();
        var layoutPages = new List<LayoutPage>();
        var words = new List<(AzureSpan Span, double Confidence)>();
        foreach (var page in result.Pages ?? [])
        {
            var scale = Scale(page);
            scales[page.PageNumber] = scale;
            if (pages is not null && !pages.Contains(page.PageNumber)) continue;
            layoutPages.Add(new LayoutPage { Number = page.PageNumber, Width = page.Width * scale, Height = page.Height * scale, Scanned = true });
            foreach (var w in page.Words ?? [])
                if (w.Span is { } span) words.Add((span, w.Confidence));
        }
        words.Sort((a, b) => a.Span.Offset.CompareTo(b.Span.Offset));
        bool Wanted(int page) => pages is null || pages.Contains(page);
        double ScaleOf(int page) => scales.GetValueOrDefault(page, 72.0);

        var ordered = new List<(int Page, int Offset, LayoutBlock Block)>();
        var tableSpans = new List<AzureSpan>();
        var tableCount = 0;
        foreach (var table in result.Tables ?? [])
        {
            var regions = table.BoundingRegions ?? [];
            var page = regions.Count > 0 ? regions.Min(r => r.PageNumber) : FirstCellPage(table);
            tableSpans.AddRange(table.Spans ?? []);
            if (!Wanted(page)) continue;
            var mapped = new LayoutTable
            {
                Page = page,
                Box = Union(regions.Where(r => r.PageNumber == page).Select(r => Box(r.Polygon, ScaleOf(page)))),
            };
            // A caption the service keeps inside the table's spans is no paragraph of its own: keep it with the table.
            if (table.Caption is { Content.Length: > 0 } caption && Inside(caption.Spans, table.Spans)) mapped.Caption.Add(Clean(caption.Content));
            foreach (var cell in table.Cells ?? [])
            {
                if (cell.RowIndex < 0 || cell.ColumnIndex < 0) continue;
                var cellPage = cell.BoundingRegions is { Count: > 0 } r ? r[0].PageNumber : page;
                var text = Clean(cell.Content ?? "");
                mapped.Cells.Add(new LayoutCell
                {
                    Row = cell.RowIndex,
                    Column = cell.ColumnIndex,
                    RowSpan = Math.Max(1, cell.RowSpan ?? 1),
                    ColumnSpan = Math.Max(1, cell.ColumnSpan ?? 1),
                    Text = text,
                    Page = cellPage,
                    Box = cell.BoundingRegions is { Count: > 0 } cr ? Box(cr[0].Polygon, ScaleOf(cellPage)) : null,
                    Kind = KindOf(cell.Kind),
                    // A figure is as doubtful as its weakest word; an empty cell is certain (as the local reader has it).
                    Confidence = text.Length == 0 ? 1.0 : MinConfidence(words, cell.Spans) ?? 1.0,
                });
            }
            tableCount++;
            ordered.Add((page, table.Spans is { Count: > 0 } s ? s.Min(x => x.Offset) : int.MaxValue, mapped));
        }

        // Text outside tables: paragraphs when the service gives them (prebuilt-layout does), else lines.
        if (result.Paragraphs is { Count: > 0 } paragraphs)
        {
            foreach (var p in paragraphs)
            {
                if (p.Role is { } role && Furniture.Contains(role)) continue;
                if (Inside(p.Spans, tableSpans)) continue;
                var page = p.BoundingRegions is { Count: > 0 } r ? r[0].PageNumber : 1;
                if (!Wanted(page)) continue;
                var block = Paragraph(p.Content, page, p.BoundingRegions is { Count: > 0 } br ? Box(br[0].Polygon, ScaleOf(page)) : null, words, p.Spans);
                if (block is not null) ordered.Add((page, p.Spans is { Count: > 0 } s ? s[0].Offset : int.MaxValue, block));
            }
        }
        else
        {
            foreach (var page in result.Pages ?? [])
            {
                if (!Wanted(page.PageNumber)) continue;
                foreach (var line in page.Lines ?? [])
                {
                    if (Inside(line.Spans, tableSpans)) continue;
                    var block = Paragraph(line.Content, page.PageNumber, Box(line.Polygon, ScaleOf(page.PageNumber)), words, line.Spans);
                    if (block is not null) ordered.Add((page.PageNumber, line.Spans is { Count: > 0 } s ? s[0].Offset : int.MaxValue, block));
                }
            }
        }

        var blocks = ordered.OrderBy(b => b.Page).ThenBy(b => b.Offset).Select(b => b.Block).ToList();
        return new Mapped(layoutPages.OrderBy(p => p.Number).ToList(), blocks, tableCount);
    }

    private static Paragraph? Paragraph(string content, int page, BoundingBox? box, List<(AzureSpan Span, double Confidence)> words, IReadOnlyList<AzureSpan>? spans)
    {
        var text = Clean(content);
        if (text.Length == 0) return null;
        return new Paragraph { Text = text, Page = page, Box = box, Confidence = MeanConfidence(words, spans) ?? 1.0 };
    }

    /// <summary>Points per unit: 72 per inch; for images, pixels at the resolution an A4 page across the width gives (as the local scan reader assumes).</summary>
    private static double Scale(AzurePage page)
    {
        if (page.LengthUnit == LengthUnit.Inch) return 72.0;
        var dpi = Math.Clamp(Math.Round(page.Width / 8.27), 72, 600);
        return 72.0 / dpi;
    }

    private static int FirstCellPage(AzureTable table) =>
        table.Cells?.SelectMany(c => c.BoundingRegions ?? []).Select(r => r.PageNumber).DefaultIfEmpty(1).Min() ?? 1;

    /// <summary>Multi-line content joined the way printed text reads; selection marks are not text.</summary>
    private static string Clean(string content) =>
        TextJoin.Lines(content.Replace(":unselected:", "").Replace(":selected:", "").Split('\n').Select(l => l.Trim()));

    private static CellKind KindOf(string? kind) => kind?.ToLowerInvariant() switch
    {
        "columnheader" => CellKind.ColumnHeader,
        "rowheader" => CellKind.RowHeader,
        "stubhead" => CellKind.StubHead,
        "description" => CellKind.Description,
        _ => CellKind.Content,
    };

    private static BoundingBox? Box(IReadOnlyList<double>? polygon, double scale)
    {
        if (polygon is not { Count: >= 4 }) return null;
        double x0 = double.MaxValue, y0 = double.MaxValue, x1 = double.MinValue, y1 = double.MinValue;
        for (var i = 0; i + 1 < polygon.Count; i += 2)
        {
            x0 = Math.Min(x0, polygon[i]); x1 = Math.Max(x1, polygon[i]);
            y0 = Math.Min(y0, polygon[i + 1]); y1 = Math.Max(y1, polygon[i + 1]);
        }
        return new BoundingBox(x0 * scale, y0 * scale, (x1 - x0) * scale, (y1 - y0) * scale);
    }

    private static BoundingBox? Union(IEnumerable<BoundingBox?> boxes)
    {
        var list = boxes.OfType<BoundingBox>().ToList();
        if (list.Count == 0) return null;
        var (x0, y0) = (list.Min(b => b.X), list.Min(b => b.Y));
        var (x1, y1) = (list.Max(b => b.X + b.Width), list.Max(b => b.Y + b.Height));
        return new BoundingBox(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>True when every span lies within one of <paramref name="outer"/>: the text belongs to a table.</summary>
    private static bool Inside(IReadOnlyList<AzureSpan>? spans, IReadOnlyList<AzureSpan>? outer)
    {
        if (spans is not { Count: > 0 } || outer is not { Count: > 0 }) return false;
        return spans.All(s => outer.Any(o => s.Offset >= o.Offset && s.End <= o.End));
    }

    private static IEnumerable<(AzureSpan Span, double Confidence)> WordsIn(List<(AzureSpan Span, double Confidence)> words, IReadOnlyList<AzureSpan>? spans)
    {
        if (spans is null) yield break;
        foreach (var span in spans)
        {
            // Words are sorted by offset: find the first that may overlap, walk while inside.
            var lo = 0;
            var hi = words.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (words[mid].Span.End <= span.Offset) lo = mid + 1; else hi = mid;
            }
            for (var i = lo; i < words.Count && words[i].Span.Offset < span.End; i++) yield return words[i];
        }
    }

    private static double? MinConfidence(List<(AzureSpan Span, double Confidence)> words, IReadOnlyList<AzureSpan>? spans)
    {
        double? min = null;
        foreach (var w in WordsIn(words, spans)) min = Math.Min(min ?? 1.0, w.Confidence);
        return min;
    }

    /// <summary>Weighted by word length, as Tesseract's mean over a block would be.</summary>
    private static double? MeanConfidence(List<(AzureSpan Span, double Confidence)> words, IReadOnlyList<AzureSpan>? spans)
    {
        double sum = 0, weight = 0;
        foreach (var w in WordsIn(words, spans)) { sum += w.Confidence * w.Span.Length; weight += w.Span.Length; }
        return weight > 0 ? sum / weight : null;
    }
}
