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

    /// <param name="indented">Indented for people (extract); compact for tools that want it on one line.</param>
    public static void Write(Layout layout, Stream output, bool indented = true) => Write(layout, output, indented, stored: false);

    /// <summary>
    /// The store's form, read back by every re-audit: compact, and without what <see cref="Read(ReadOnlySpan{byte}, string)"/>
    /// defaults or ignores (a span of 1, confidence 1, a cell's page when it is its table's, line 0, empty captions, the
    /// derived title and the table's size), with boxes as <c>[x, y, width, height]</c>. Half the size of
    /// <see cref="Write"/>'s compact form and a third of its tokens: reading the stored layout had been a fifth of a
    /// re-audit's CPU. Gives back the same layout (docs/layout-format.md, "The stored form").
    /// </summary>
    public static void WriteStored(Layout layout, Stream output) => Write(layout, output, indented: false, stored: true);

    private static void Write(Layout layout, Stream output, bool indented, bool stored)
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
            if (!stored)
            {
                // Intake does not classify tables; the paragraph just above is what a reader takes for the title.
                WriteStringOrNull(w, "title", table.Title ?? (lastParagraph is { Length: <= 60 } ? lastParagraph : null));
            }
            // The title intake itself found (null when the one above is only the paragraph before the table).
            if (!stored || table.Title is not null) WriteStringOrNull(w, "ownTitle", table.Title);
            if (!stored || table.Caption.Count > 0)
            {
                w.WriteStartArray("caption");
                foreach (var line in table.Caption) w.WriteStringValue(line);
                w.WriteEndArray();
            }
            WriteBox(w, "bbox", table.Box, stored);
            if (!stored || table.Line != 0) w.WriteNumber("line", table.Line);
            if (!stored)
            {
                w.WriteNumber("rowCount", table.RowCount);
                w.WriteNumber("columnCount", table.ColumnCount);
            }
            w.WriteStartArray("cells");
            foreach (var c in table.Cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
            {
                w.WriteStartObject();
                w.WriteNumber("row", c.Row);
                w.WriteNumber("column", c.Column);
                if (!stored || c.RowSpan != 1) w.WriteNumber("rowSpan", c.RowSpan);
                if (!stored || c.ColumnSpan != 1) w.WriteNumber("columnSpan", c.ColumnSpan);
                w.WriteString("text", c.Text);
                if (!stored || c.Page != table.Page) w.WriteNumber("page", c.Page);
                if (!stored || c.Line != 0) w.WriteNumber("line", c.Line);
                WriteBox(w, "bbox", c.Box, stored);
                if (!stored || c.Confidence != 1.0) w.WriteNumber("confidence", c.Confidence);
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
            if (!stored || p.Line != 0) w.WriteNumber("line", p.Line);
            w.WriteString("text", p.Text);
            WriteBox(w, "bbox", p.Box, stored);
            if (!stored || p.Confidence != 1.0) w.WriteNumber("confidence", p.Confidence);
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
        if (input is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return Read(buffer.AsSpan((int)memory.Position), name);
        using var copy = new MemoryStream();
        input.CopyTo(copy);
        return Read(copy.GetBuffer().AsSpan(0, (int)copy.Length), name);
    }

    /// <inheritdoc cref="Read(Stream, string)"/>
    public static Layout Read(ReadOnlySpan<byte> utf8Json, string name)
    {
        try
        {
            // One forward pass with Utf8JsonReader: every re-audit starts here, and a DOM of a 350 KiB layout (then a
            // property search per cell field) cost more than reading it once.
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return LayoutReader.Read(ref reader, name);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IntakeException(name, $"版面 JSON 无法读取：{ex.Message}", ex);
        }
    }

    /// <summary>The page sizes of a stored layout, without reading its blocks (the document view needs only these).</summary>
    /// <exception cref="IntakeException">The JSON is not a layout; the message names <paramref name="name"/>.</exception>
    public static IReadOnlyList<LayoutPage> ReadPages(ReadOnlySpan<byte> utf8Json, string name)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return LayoutReader.ReadPages(ref reader);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new IntakeException(name, $"版面 JSON 无法读取：{ex.Message}", ex);
        }
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }

    private static void WriteBox(Utf8JsonWriter w, string name, BoundingBox? box, bool stored)
    {
        if (box is not { } b)
        {
            if (!stored) w.WriteNull(name);
            return;
        }
        if (stored)
        {
            w.WriteStartArray(name);
            w.WriteNumberValue(Math.Round(b.X, 2));
            w.WriteNumberValue(Math.Round(b.Y, 2));
            w.WriteNumberValue(Math.Round(b.Width, 2));
            w.WriteNumberValue(Math.Round(b.Height, 2));
            w.WriteEndArray();
            return;
        }
        w.WriteStartObject(name);
        w.WriteNumber("x", Math.Round(b.X, 2));
        w.WriteNumber("y", Math.Round(b.Y, 2));
        w.WriteNumber("width", Math.Round(b.Width, 2));
        w.WriteNumber("height", Math.Round(b.Height, 2));
        w.WriteEndObject();
    }
}
