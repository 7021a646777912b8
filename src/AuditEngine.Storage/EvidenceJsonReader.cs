using System.Buffers;
using System.Text;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// Reads findings.evidence_json, as written by the serializer with <see cref="SqlRole.EvidenceJson"/>, with a
/// Utf8JsonReader instead of the serializer: a batch's export reads 9,200 findings' evidence a call, and the
/// serializer's reflection path was most of its time. Names are the serializer's camelCase; properties this version
/// does not know are skipped, missing ones keep the record's defaults, as the serializer does.
/// </summary>
internal static class EvidenceJsonReader
{
    public static List<Evidence> Read(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
            var list = new List<Evidence>();
            if (!reader.Read() || reader.TokenType == JsonTokenType.Null) return list;
            Expect(ref reader, JsonTokenType.StartArray);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                Expect(ref reader, JsonTokenType.StartObject);
                list.Add(ReadOne(ref reader));
            }
            return list;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Evidence ReadOne(ref Utf8JsonReader reader)
    {
        int? page = null, line = null, row = null;
        string? table = null, column = null, value = null, crop = null;
        var confidence = 1.0;
        BoundingBox? box = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            Expect(ref reader, JsonTokenType.PropertyName);
            if (reader.ValueTextEquals("page"u8)) page = NullableInt(ref reader);
            else if (reader.ValueTextEquals("line"u8)) line = NullableInt(ref reader);
            else if (reader.ValueTextEquals("table"u8)) table = NullableString(ref reader);
            else if (reader.ValueTextEquals("row"u8)) row = NullableInt(ref reader);
            else if (reader.ValueTextEquals("column"u8)) column = NullableString(ref reader);
            else if (reader.ValueTextEquals("value"u8)) value = NullableString(ref reader);
            else if (reader.ValueTextEquals("confidence"u8)) { reader.Read(); confidence = reader.GetDouble(); }
            else if (reader.ValueTextEquals("crop"u8)) crop = NullableString(ref reader);
            else if (reader.ValueTextEquals("box"u8)) box = Box(ref reader);
            else { reader.Read(); reader.Skip(); }
        }
        return new Evidence(page, line, table, row, column, value, confidence, crop, box);
    }

    private static BoundingBox? Box(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject);
        double x = 0, y = 0, width = 0, height = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            Expect(ref reader, JsonTokenType.PropertyName);
            if (reader.ValueTextEquals("x"u8)) { reader.Read(); x = reader.GetDouble(); }
            else if (reader.ValueTextEquals("y"u8)) { reader.Read(); y = reader.GetDouble(); }
            else if (reader.ValueTextEquals("width"u8)) { reader.Read(); width = reader.GetDouble(); }
            else if (reader.ValueTextEquals("height"u8)) { reader.Read(); height = reader.GetDouble(); }
            else { reader.Read(); reader.Skip(); }
        }
        return new BoundingBox(x, y, width, height);
    }

    private static int? NullableInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetInt32();
    }

    private static string? NullableString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type) throw new JsonException($"evidence_json: expected {type}, found {reader.TokenType}");
    }
}
