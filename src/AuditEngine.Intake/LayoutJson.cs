using System.Text.Encodings.Web;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// The layout as JSON, for <c>auditengine extract</c>, for tools that want intake without the audit, and as intake's
/// stored product that recognition can start from again (docs/layout-format.md). Boxes are in page points (PDF, scans)
/// with the origin top-left; text inputs have none. <see cref="Read"/> gives back what <see cref="Write"/> was given:
/// every block keeps its place in reading order (<c>index</c>), every note its page and kind.
/// </summary>
public static class LayoutJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions CompactOptions = Options with { Indented = false };

    /// <param name="indented">Indented for people (extract); compact for the store, where it is a third of the size
    /// and read back in less time by every re-audit.</param>
    public static void Write(Layout layout, Stream output, bool indented = true)
    {
        using var w = new Utf8JsonWriter(output, indented ? Options : CompactOptions);
        w.WriteStartObject();
        w.WriteString("source", layout.Source);
        WriteStringOrNull(w, "intakeVersion", layout.IntakeVersion);
        w.WriteStartArray("pages");
        foreach (var p in layout.Pages)
        {
            w.WriteStartObject();
            w.WriteNumber("number", p.Number);
            w.WriteNumber("width", Math.Round(p.Width, 2));
            w.WriteNumber("height", Math.Round(p.Height, 2));
            w.WriteBoolean("scanned", p.Scanned);
            // Only deskewed scans carry it, so layouts of digital files read as before.
            if (p.SkewDegrees != 0) w.WriteNumber("skew", Math.Round(p.SkewDegrees, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("tables");
        string? lastParagraph = null;
        for (var index = 0; index < layout.Blocks.Count; index++)
        {
            var block = layout.Blocks[index];
            if (block is Paragraph paragraph) { lastParagraph = paragraph.Text; continue; }
            var table = (LayoutTable)block;
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteNumber("page", table.Page);
            // Intake does not classify tables; the paragraph just above is what a reader takes for the title.
            WriteStringOrNull(w, "title", table.Title ?? (lastParagraph is { Length: <= 60 } ? lastParagraph : null));
            // The title intake itself found (null when the one above is only the paragraph before the table).
            WriteStringOrNull(w, "ownTitle", table.Title);
            w.WriteStartArray("caption");
            foreach (var line in table.Caption) w.WriteStringValue(line);
            w.WriteEndArray();
            WriteBox(w, "bbox", table.Box);
            w.WriteNumber("line", table.Line);
            w.WriteNumber("rowCount", table.RowCount);
            w.WriteNumber("columnCount", table.ColumnCount);
            w.WriteStartArray("cells");
            foreach (var c in table.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
            {
                w.WriteStartObject();
                w.WriteNumber("row", c.Row);
                w.WriteNumber("column", c.Column);
                w.WriteNumber("rowSpan", c.RowSpan);
                w.WriteNumber("columnSpan", c.ColumnSpan);
                w.WriteString("text", c.Text);
                w.WriteNumber("page", c.Page);
                w.WriteNumber("line", c.Line);
                WriteBox(w, "bbox", c.Box);
                w.WriteNumber("confidence", c.Confidence);
                // Only readers that know a cell's role set it; the other forms' output is unchanged.
                if (c.Kind != CellKind.Content) w.WriteString("kind", JsonNamingPolicy.CamelCase.ConvertName(c.Kind.ToString()));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            lastParagraph = null;
        }
        w.WriteEndArray();

        w.WriteStartArray("paragraphs");
        for (var index = 0; index < layout.Blocks.Count; index++)
        {
            if (layout.Blocks[index] is not Paragraph p) continue;
            w.WriteStartObject();
            w.WriteNumber("index", index);
            w.WriteNumber("page", p.Page);
            w.WriteNumber("line", p.Line);
            w.WriteString("text", p.Text);
            WriteBox(w, "bbox", p.Box);
            w.WriteNumber("confidence", p.Confidence);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("notes");
        foreach (var n in layout.Notes)
        {
            w.WriteStartObject();
            w.WriteString("message", n.Message);
            if (n.Provenance.Page is { } page) w.WriteNumber("page", page); else w.WriteNull("page");
            if (n.Provenance.Line is { } line) w.WriteNumber("line", line); else w.WriteNull("line");
            w.WriteBoolean("repaired", n.Repaired);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The layout <see cref="Write"/> wrote. A layout without block indexes (written by hand or by an older
    /// version) is put in reading order by page, then position on the page.</summary>
    /// <exception cref="IntakeException">The JSON is not a layout; the message names <paramref name="name"/>.</exception>
    public static Layout Read(Stream input, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(input);
            return Read(json.RootElement, name);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IntakeException(name, $"版面 JSON 无法读取：{ex.Message}", ex);
        }
    }

    private static Layout Read(JsonElement root, string name)
    {
        var layout = new Layout { Source = Str(root, "source") ?? name, IntakeVersion = Str(root, "intakeVersion") };
        foreach (var p in Array(root, "pages"))
            layout.Pages.Add(new LayoutPage
            {
                Number = p.GetProperty("number").GetInt32(), Width = Num(p, "width"), Height = Num(p, "height"),
                Scanned = p.TryGetProperty("scanned", out var s) && s.ValueKind == JsonValueKind.True,
                SkewDegrees = p.TryGetProperty("skew", out var skew) && skew.ValueKind == JsonValueKind.Number ? skew.GetDouble() : 0,
            });
        var blocks = new List<(int? Index, LayoutBlock Block)>();
        foreach (var t in Array(root, "tables"))
        {
            var table = new LayoutTable { Page = Int(t, "page") ?? 1, Line = Int(t, "line") ?? 0, Box = Box(t), Title = Str(t, "ownTitle") };
            table.Caption.AddRange(Array(t, "caption").Select(c => c.GetString() ?? ""));
            foreach (var c in Array(t, "cells"))
                table.Cells.Add(new LayoutCell
                {
                    Row = c.GetProperty("row").GetInt32(), Column = c.GetProperty("column").GetInt32(),
                    RowSpan = Int(c, "rowSpan") ?? 1, ColumnSpan = Int(c, "columnSpan") ?? 1, Text = Str(c, "text") ?? "",
                    Page = Int(c, "page") ?? table.Page, Line = Int(c, "line") ?? 0, Box = Box(c), Confidence = Num(c, "confidence", 1.0),
                    Kind = Str(c, "kind") is { } kind && Enum.TryParse<CellKind>(kind, ignoreCase: true, out var k) ? k : CellKind.Content,
                });
            blocks.Add((Int(t, "index"), table));
        }
        foreach (var p in Array(root, "paragraphs"))
            blocks.Add((Int(p, "index"), new Paragraph
            {
                Page = Int(p, "page") ?? 1, Line = Int(p, "line") ?? 0, Text = Str(p, "text") ?? "", Box = Box(p),
                Confidence = Num(p, "confidence", 1.0),
            }));
        var ordered = blocks.All(b => b.Index is not null)
            ? blocks.OrderBy(b => b.Index)
            : blocks.OrderBy(b => b.Block.Page).ThenBy(b => b.Block.Line).ThenBy(b => b.Block.Box?.Y ?? 0);
        layout.Blocks.AddRange(ordered.Select(b => b.Block));
        foreach (var n in Array(root, "notes"))
        {
            // Notes were plain strings before they carried their page.
            if (n.ValueKind == JsonValueKind.String) { layout.Notes.Add(new ExtractionNote(n.GetString() ?? "", Provenance.None)); continue; }
            layout.Notes.Add(new ExtractionNote(Str(n, "message") ?? "", new Provenance(Page: Int(n, "page"), Line: Int(n, "line")),
                n.TryGetProperty("repaired", out var r) && r.ValueKind == JsonValueKind.True));
        }
        return layout;
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double Num(JsonElement e, string name, double fallback = 0) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;

    private static BoundingBox? Box(JsonElement e) =>
        e.TryGetProperty("bbox", out var b) && b.ValueKind == JsonValueKind.Object
            ? new BoundingBox(Num(b, "x"), Num(b, "y"), Num(b, "width"), Num(b, "height"))
            : null;

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void WriteBox(Utf8JsonWriter w, string name, BoundingBox? box)
    {
        if (box is not { } b) { w.WriteNull(name); return; }
        w.WriteStartObject(name);
        w.WriteNumber("x", Math.Round(b.X, 2));
        w.WriteNumber("y", Math.Round(b.Y, 2));
        w.WriteNumber("width", Math.Round(b.Width, 2));
        w.WriteNumber("height", Math.Round(b.Height, 2));
        w.WriteEndObject();
    }
}
