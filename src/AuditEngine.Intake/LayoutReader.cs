using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Reads the layout JSON of <see cref="LayoutJson.Write"/> in one pass. Lenient as the format promises
/// (docs/layout-format.md): properties in any order, unknown ones skipped, optional ones defaulted when missing or of
/// another type; only a page's number and a cell's row and column are required.
/// </summary>
internal static class LayoutReader
{
    public static Layout Read(ref Utf8JsonReader r, string name)
    {
        Next(ref r);
        Expect(ref r, JsonTokenType.StartObject);
        string? source = null, intakeVersion = null;
        var pages = new List<LayoutPage>();
        var blocks = new List<(int? Index, LayoutBlock Block)>();
        var notes = new List<ExtractionNote>();
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "source": source = Str(ref r); break;
                case "intakeVersion": intakeVersion = Str(ref r); break;
                case "pages": ReadArray(ref r, pages, ReadPage); break;
                case "tables": ReadArray(ref r, blocks, ReadTable); break;
                case "paragraphs": ReadArray(ref r, blocks, ReadParagraph); break;
                case "notes": ReadArray(ref r, notes, ReadNote); break;
                default: r.Skip(); break;
            }
        }
        var layout = new Layout { Source = source ?? name, IntakeVersion = intakeVersion };
        layout.Pages.AddRange(pages);
        var ordered = blocks.All(b => b.Index is not null)
            ? blocks.OrderBy(b => b.Index)
            : blocks.OrderBy(b => b.Block.Page).ThenBy(b => b.Block.Line).ThenBy(b => b.Block.Box?.Y ?? 0);
        layout.Blocks.AddRange(ordered.Select(b => b.Block));
        layout.Notes.AddRange(notes);
        return layout;
    }

    /// <summary>The pages alone: the reader stops at the end of their array, which <see cref="LayoutJson.Write"/> puts
    /// first, so the words and cells after it are never parsed.</summary>
    public static List<LayoutPage> ReadPages(ref Utf8JsonReader r)
    {
        Next(ref r);
        Expect(ref r, JsonTokenType.StartObject);
        var pages = new List<LayoutPage>();
        while (NextProperty(ref r) is { } property)
        {
            if (property != "pages") { r.Skip(); continue; }
            ReadArray(ref r, pages, ReadPage);
            break;
        }
        return pages;
    }

    private delegate T ItemReader<out T>(ref Utf8JsonReader r);

    /// <summary>Reads an array of objects with <paramref name="item"/>; a value that is not an array counts as empty.</summary>
    private static void ReadArray<T>(ref Utf8JsonReader r, List<T> into, ItemReader<T> item)
    {
        if (r.TokenType != JsonTokenType.StartArray) { r.Skip(); return; }
        while (true)
        {
            Next(ref r);
            if (r.TokenType == JsonTokenType.EndArray) return;
            into.Add(item(ref r));
        }
    }

    private static LayoutPage ReadPage(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        int? number = null;
        double width = 0, height = 0, skew = 0;
        var scanned = false;
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "number": number = r.GetInt32(); break;
                case "width": width = Num(ref r, 0); break;
                case "height": height = Num(ref r, 0); break;
                case "scanned": scanned = Bool(ref r); break;
                case "skew": skew = Num(ref r, 0); break;
                default: r.Skip(); break;
            }
        }
        return new LayoutPage { Number = number ?? throw Missing("number"), Width = width, Height = height, Scanned = scanned, SkewDegrees = skew };
    }

    private static (int?, LayoutBlock) ReadTable(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        int? index = null, page = null, line = null;
        string? title = null;
        BoundingBox? box = null;
        var caption = new List<string>();
        var cells = new List<CellFields>();
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "index": index = Int(ref r); break;
                case "page": page = Int(ref r); break;
                case "line": line = Int(ref r); break;
                case "ownTitle": title = Str(ref r); break;
                case "bbox": box = Box(ref r); break;
                case "caption": ReadArray(ref r, caption, static (ref Utf8JsonReader c) => Str(ref c) ?? ""); break;
                case "cells": ReadArray(ref r, cells, ReadCell); break;
                default: r.Skip(); break;
            }
        }
        var table = new LayoutTable { Page = page ?? 1, Line = line ?? 0, Box = box, Title = title };
        table.Caption.AddRange(caption);
        // A cell without a page is on its table's page, which may come after the cells in hand-written JSON.
        foreach (var c in cells)
            table.Cells.Add(new LayoutCell
            {
                Row = c.Row, Column = c.Column, RowSpan = c.RowSpan, ColumnSpan = c.ColumnSpan, Text = c.Text,
                Page = c.Page ?? table.Page, Line = c.Line, Box = c.Box, Confidence = c.Confidence, Kind = c.Kind,
            });
        return (index, table);
    }

    private readonly record struct CellFields(int Row, int Column, int RowSpan, int ColumnSpan, string Text, int? Page,
        int Line, BoundingBox? Box, double Confidence, CellKind Kind);

    private static CellFields ReadCell(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        int? row = null, column = null, page = null;
        int rowSpan = 1, columnSpan = 1, line = 0;
        string text = "";
        BoundingBox? box = null;
        double confidence = 1.0;
        var kind = CellKind.Content;
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "row": row = r.GetInt32(); break;
                case "column": column = r.GetInt32(); break;
                case "rowSpan": rowSpan = Int(ref r) ?? 1; break;
                case "columnSpan": columnSpan = Int(ref r) ?? 1; break;
                case "text": text = Str(ref r) ?? ""; break;
                case "page": page = Int(ref r); break;
                case "line": line = Int(ref r) ?? 0; break;
                case "bbox": box = Box(ref r); break;
                case "confidence": confidence = Num(ref r, 1.0); break;
                case "kind": kind = Str(ref r) is { } k && Enum.TryParse<CellKind>(k, ignoreCase: true, out var parsed) ? parsed : CellKind.Content; break;
                default: r.Skip(); break;
            }
        }
        return new CellFields(row ?? throw Missing("row"), column ?? throw Missing("column"), rowSpan, columnSpan, text, page,
            line, box, confidence, kind);
    }

    private static (int?, LayoutBlock) ReadParagraph(ref Utf8JsonReader r)
    {
        Expect(ref r, JsonTokenType.StartObject);
        int? index = null;
        int page = 1, line = 0;
        string text = "";
        BoundingBox? box = null;
        double confidence = 1.0;
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "index": index = Int(ref r); break;
                case "page": page = Int(ref r) ?? 1; break;
                case "line": line = Int(ref r) ?? 0; break;
                case "text": text = Str(ref r) ?? ""; break;
                case "bbox": box = Box(ref r); break;
                case "confidence": confidence = Num(ref r, 1.0); break;
                default: r.Skip(); break;
            }
        }
        return (index, new Paragraph { Page = page, Line = line, Text = text, Box = box, Confidence = confidence });
    }

    private static ExtractionNote ReadNote(ref Utf8JsonReader r)
    {
        // Notes were plain strings before they carried their page.
        if (r.TokenType == JsonTokenType.String) return new ExtractionNote(r.GetString() ?? "", Provenance.None);
        Expect(ref r, JsonTokenType.StartObject);
        string message = "";
        int? page = null, line = null;
        var repaired = false;
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "message": message = Str(ref r) ?? ""; break;
                case "page": page = Int(ref r); break;
                case "line": line = Int(ref r); break;
                case "repaired": repaired = Bool(ref r); break;
                default: r.Skip(); break;
            }
        }
        return new ExtractionNote(message, new Provenance(Page: page, Line: line), repaired);
    }

    private static BoundingBox? Box(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.StartArray) return BoxArray(ref r);
        if (r.TokenType != JsonTokenType.StartObject) { r.Skip(); return null; }
        double x = 0, y = 0, width = 0, height = 0;
        while (NextProperty(ref r) is { } property)
        {
            switch (property)
            {
                case "x": x = Num(ref r, 0); break;
                case "y": y = Num(ref r, 0); break;
                case "width": width = Num(ref r, 0); break;
                case "height": height = Num(ref r, 0); break;
                default: r.Skip(); break;
            }
        }
        return new BoundingBox(x, y, width, height);
    }

    /// <summary>The stored form's box, <c>[x, y, width, height]</c> (<see cref="LayoutJson.WriteStored"/>); other
    /// lengths or values read as no box.</summary>
    private static BoundingBox? BoxArray(ref Utf8JsonReader r)
    {
        Span<double> values = stackalloc double[4];
        var count = 0;
        var numbers = true;
        while (true)
        {
            Next(ref r);
            if (r.TokenType == JsonTokenType.EndArray) break;
            if (r.TokenType == JsonTokenType.Number && count < 4) values[count++] = r.GetDouble();
            else { numbers = false; r.Skip(); }
        }
        return numbers && count == 4 ? new BoundingBox(values[0], values[1], values[2], values[3]) : null;
    }

    /// <summary>Inside an object: moves to the next property's value and gives its name, or null at the object's end.</summary>
    private static string? NextProperty(ref Utf8JsonReader r)
    {
        Next(ref r);
        if (r.TokenType == JsonTokenType.EndObject) return null;
        Expect(ref r, JsonTokenType.PropertyName);
        var name = PropertyName(ref r);
        Next(ref r);
        return name;
    }

    /// <summary>The format's property names as constants (cells' first, the most frequent), so that reading a name
    /// allocates nothing; an escaped or unknown name is decoded.</summary>
    private static string PropertyName(ref Utf8JsonReader r)
    {
        if (!r.ValueIsEscaped && !r.HasValueSequence)
        {
            var name = r.ValueSpan;
            foreach (var (utf8, known) in KnownNames)
                if (name.SequenceEqual(utf8)) return known;
        }
        return r.GetString() ?? "";
    }

    private static readonly (byte[] Utf8, string Name)[] KnownNames =
    [
        .. new[]
        {
            "row", "column", "rowSpan", "columnSpan", "text", "page", "line", "bbox", "x", "y", "width", "height", "confidence",
            "kind", "index", "title", "ownTitle", "caption", "rowCount", "columnCount", "cells", "number", "scanned", "skew",
            "message", "repaired", "source", "intakeVersion", "pages", "tables", "paragraphs", "notes",
        }.Select(n => (System.Text.Encoding.UTF8.GetBytes(n), n)),
    ];

    // A value of another type than expected reads as missing; Skip passes over its nested content, if any.
    private static string? Str(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.String) return r.GetString();
        r.Skip();
        return null;
    }

    private static int? Int(ref Utf8JsonReader r)
    {
        if (r.TokenType == JsonTokenType.Number) return r.GetInt32();
        r.Skip();
        return null;
    }

    private static double Num(ref Utf8JsonReader r, double fallback)
    {
        if (r.TokenType == JsonTokenType.Number) return r.GetDouble();
        r.Skip();
        return fallback;
    }

    private static bool Bool(ref Utf8JsonReader r)
    {
        var value = r.TokenType == JsonTokenType.True;
        r.Skip();
        return value;
    }

    private static void Next(ref Utf8JsonReader r)
    {
        if (!r.Read()) throw new JsonException("JSON 提前结束 unexpected end of the JSON");
    }

    private static void Expect(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (r.TokenType != type) throw new JsonException($"此处应为 {type}，实为 {r.TokenType}（第 {r.BytesConsumed} 字节）");
    }

    private static KeyNotFoundException Missing(string property) => new($"缺少 \"{property}\"");
}
