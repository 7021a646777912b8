using System.Text;
using System.Text.Json.Nodes;
using AuditEngine.Model;

namespace AuditEngine.AzureFake;

/// <summary>
/// Answers the fake replays: the public examples of the API (../shared/azure-di), and budget tables built in the
/// same shape from a layout intake read from a seed, so an audit through the Azure path can be compared with the
/// audit of the seed itself.
/// </summary>
public static class AzureAnswers
{
    /// <summary>
    /// An operation body from a file: either the body itself (<c>{"status", "analyzeResult"}</c>) or one of the
    /// azure-rest-api-specs example files, whose 200 answer is under <c>responses["200"].body</c>.
    /// </summary>
    public static JsonNode Load(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty JSON");
        if (node["responses"]?["200"]?["body"] is { } body) return body.DeepClone();
        if (node["analyzeResult"] is not null) return node;
        throw new InvalidDataException($"{path}: neither an operation body nor an example with responses.200.body");
    }

    /// <summary>The same answer with no tables (and nothing pointing at them), for the “no tables” failure.</summary>
    public static JsonNode WithoutTables(JsonNode answer)
    {
        var copy = answer.DeepClone();
        if (copy["analyzeResult"] is JsonObject result)
        {
            result.Remove("tables");
            result.Remove("sections");
        }
        return copy;
    }

    // Geometry of the pages built from a layout: A4 at 300 dpi, in pixels, as the service reports images.
    private const double PageWidth = 2480, PageHeight = 3508, Margin = 150, LineHeight = 60, CharWidth = 44;

    /// <summary>
    /// A prebuilt-layout answer holding what <paramref name="layout"/> holds: every paragraph (wrapped into lines)
    /// and every table (header row marked columnHeader), laid out top to bottom over as many pages as needed, with
    /// words, lines, paragraphs, tables and cells carrying polygons, spans and confidences as the service gives them.
    /// </summary>
    public static JsonNode FromLayout(Layout layout, double confidence = 0.99)
    {
        var content = new StringBuilder();
        var pages = new List<(JsonArray Words, JsonArray Lines, int Start)>();
        var paragraphs = new JsonArray();
        var tables = new JsonArray();
        var y = PageHeight; // forces a first page

        void NewPage()
        {
            pages.Add((new JsonArray(), new JsonArray(), content.Length));
            y = Margin;
        }

        // Adds text to content as words (split at spaces, as the service splits Latin text) and returns its span.
        JsonObject Text(string text, double x, double top, double width)
        {
            var offset = content.Length;
            var words = pages[^1].Words;
            var position = 0;
            foreach (var word in text.Split(' '))
            {
                if (word.Length > 0)
                {
                    var wx = x + Math.Min(width, position * CharWidth);
                    words.Add(new JsonObject
                    {
                        ["content"] = word,
                        ["polygon"] = Polygon(wx, top + 8, Math.Max(CharWidth, Math.Min(width, word.Length * CharWidth)), LineHeight - 16),
                        ["confidence"] = confidence,
                        ["span"] = Span(offset + position, word.Length),
                    });
                }
                position += word.Length + 1;
            }
            content.Append(text);
            return Span(offset, text.Length);
        }

        foreach (var block in layout.Blocks)
        {
            if (block is Paragraph paragraph)
            {
                var width = PageWidth - 2 * Margin;
                var perLine = (int)(width / CharWidth);
                var text = paragraph.Text.Replace('\n', ' ');
                var lines = Enumerable.Range(0, (text.Length + perLine - 1) / perLine).Select(i => text.Substring(i * perLine, Math.Min(perLine, text.Length - i * perLine))).ToList();
                if (lines.Count == 0) continue;
                if (y + lines.Count * LineHeight > PageHeight - Margin) NewPage();
                var top = y;
                var start = content.Length;
                foreach (var line in lines)
                {
                    // Lines are pieces of the paragraph's text, so the paragraph reads back exactly as it was.
                    var span = Text(line, Margin, y, width);
                    pages[^1].Lines.Add(new JsonObject
                    {
                        ["content"] = line,
                        ["polygon"] = Polygon(Margin, y, Math.Min(width, line.Length * CharWidth), LineHeight),
                        ["spans"] = new JsonArray(span),
                    });
                    y += LineHeight;
                }
                paragraphs.Add(new JsonObject
                {
                    ["spans"] = new JsonArray(Span(start, content.Length - start)),
                    ["boundingRegions"] = new JsonArray(Region(pages.Count, Margin, top, width, y - top)),
                    ["content"] = text,
                });
                content.Append('\n');
                y += LineHeight / 2;
                continue;
            }

            var table = (LayoutTable)block;
            if (table.Cells.Count == 0) continue;
            var rows = table.RowCount;
            var columns = table.ColumnCount;
            var usable = PageHeight - 2 * Margin;
            // A table taller than a page is drawn with narrower rows on a page of its own (the service would split it).
            var rowHeight = Math.Min(LineHeight, usable / rows);
            if (y + rows * rowHeight > PageHeight - Margin) NewPage();
            var tableTop = y;
            var columnWidth = (PageWidth - 2 * Margin) / columns;
            var tableStart = content.Length;
            var cells = new JsonArray();
            foreach (var cell in table.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
            {
                var (cx, cy) = (Margin + cell.Column * columnWidth, tableTop + cell.Row * rowHeight);
                var (cw, ch) = (cell.ColumnSpan * columnWidth, cell.RowSpan * rowHeight);
                var text = cell.Text.Replace('\n', ' ');
                var spans = new JsonArray();
                if (text.Length > 0) spans.Add(Text(text, cx + 4, cy, cw - 8));
                var json = new JsonObject();
                if (cell.Row == 0) json["kind"] = "columnHeader";
                json["rowIndex"] = cell.Row;
                json["columnIndex"] = cell.Column;
                json["rowSpan"] = cell.RowSpan;
                json["columnSpan"] = cell.ColumnSpan;
                json["content"] = text;
                json["boundingRegions"] = new JsonArray(Region(pages.Count, cx, cy, cw, ch));
                json["spans"] = spans;
                cells.Add(json);
                if (text.Length > 0) content.Append('\n');
            }
            tables.Add(new JsonObject
            {
                ["rowCount"] = rows,
                ["columnCount"] = columns,
                ["cells"] = cells,
                ["boundingRegions"] = new JsonArray(Region(pages.Count, Margin, tableTop, PageWidth - 2 * Margin, rows * rowHeight)),
                ["spans"] = new JsonArray(Span(tableStart, content.Length - tableStart)),
            });
            y = tableTop + rows * rowHeight + LineHeight;
        }

        var pageArray = new JsonArray();
        for (var i = 0; i < pages.Count; i++)
        {
            var end = i + 1 < pages.Count ? pages[i + 1].Start : content.Length;
            pageArray.Add(new JsonObject
            {
                ["pageNumber"] = i + 1,
                ["angle"] = 0,
                ["width"] = PageWidth,
                ["height"] = PageHeight,
                ["unit"] = "pixel",
                ["words"] = pages[i].Words,
                ["lines"] = pages[i].Lines,
                ["spans"] = new JsonArray(Span(pages[i].Start, end - pages[i].Start)),
            });
        }
        const string now = "2026-01-01T00:00:00Z"; // fixed: the same layout always gives the same answer
        return new JsonObject
        {
            ["status"] = "succeeded",
            ["createdDateTime"] = now,
            ["lastUpdatedDateTime"] = now,
            ["analyzeResult"] = new JsonObject
            {
                ["apiVersion"] = "2024-11-30",
                ["modelId"] = "prebuilt-layout",
                ["stringIndexType"] = "utf16CodeUnit",
                ["content"] = content.ToString(),
                ["pages"] = pageArray,
                ["tables"] = tables,
                ["paragraphs"] = paragraphs,
                ["contentFormat"] = "text",
            },
        };
    }

    private static JsonObject Span(int offset, int length) => new() { ["offset"] = offset, ["length"] = length };

    private static JsonObject Region(int page, double x, double y, double w, double h) =>
        new() { ["pageNumber"] = page, ["polygon"] = Polygon(x, y, w, h) };

    private static JsonArray Polygon(double x, double y, double w, double h)
    {
        double R(double v) => Math.Round(v, 1);
        return new JsonArray(R(x), R(y), R(x + w), R(y), R(x + w), R(y + h), R(x), R(y + h));
    }
}
