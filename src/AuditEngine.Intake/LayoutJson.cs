using System.Text.Encodings.Web;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// The layout as JSON, for <c>auditengine extract</c> and for tools that want intake without the audit
/// (docs/layout-format.md). Boxes are in page points (PDF, scans) with the origin top-left; text inputs have none.
/// </summary>
public static class LayoutJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(Layout layout, Stream output)
    {
        using var w = new Utf8JsonWriter(output, Options);
        w.WriteStartObject();
        w.WriteString("source", layout.Source);
        w.WriteStartArray("pages");
        foreach (var p in layout.Pages)
        {
            w.WriteStartObject();
            w.WriteNumber("number", p.Number);
            w.WriteNumber("width", Math.Round(p.Width, 2));
            w.WriteNumber("height", Math.Round(p.Height, 2));
            w.WriteBoolean("scanned", p.Scanned);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("tables");
        string? lastParagraph = null;
        foreach (var block in layout.Blocks)
        {
            if (block is Paragraph paragraph) { lastParagraph = paragraph.Text; continue; }
            var table = (LayoutTable)block;
            w.WriteStartObject();
            w.WriteNumber("page", table.Page);
            // Intake does not classify tables; the paragraph just above is what a reader takes for the title.
            WriteStringOrNull(w, "title", table.Title ?? (lastParagraph is { Length: <= 60 } ? lastParagraph : null));
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
                WriteBox(w, "bbox", c.Box);
                w.WriteNumber("confidence", Math.Round(c.Confidence, 3));
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
        foreach (var p in layout.Paragraphs)
        {
            w.WriteStartObject();
            w.WriteNumber("page", p.Page);
            w.WriteNumber("line", p.Line);
            w.WriteString("text", p.Text);
            WriteBox(w, "bbox", p.Box);
            w.WriteNumber("confidence", Math.Round(p.Confidence, 3));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("notes");
        foreach (var n in layout.Notes) w.WriteStringValue(n.Message);
        w.WriteEndArray();
        w.WriteEndObject();
    }

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
