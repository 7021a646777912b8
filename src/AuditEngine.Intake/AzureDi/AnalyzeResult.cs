using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditEngine.Intake.AzureDi;

// The parts of the Document Intelligence REST answer (api-version 2024-11-30, GET analyzeResults/{id}) that intake
// maps onto a Layout. Everything else (documents, figures, styles, selection marks …) is ignored.

/// <summary>State of an analyze operation, as the service spells it.</summary>
public enum AnalyzeStatus { NotStarted, Running, Succeeded, Failed, Canceled, Unknown }

/// <summary>The unit page sizes and polygons are in: pixels for images, inches for PDF.</summary>
public enum LengthUnit { Pixel, Inch }

public sealed record AnalyzeOperation(
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("analyzeResult")] AnalyzeResult? AnalyzeResult,
    [property: JsonPropertyName("error")] AzureError? Error)
{
    public AnalyzeStatus State => Status?.ToLowerInvariant() switch
    {
        "notstarted" => AnalyzeStatus.NotStarted,
        "running" => AnalyzeStatus.Running,
        "succeeded" => AnalyzeStatus.Succeeded,
        "failed" => AnalyzeStatus.Failed,
        "canceled" or "cancelled" => AnalyzeStatus.Canceled,
        _ => AnalyzeStatus.Unknown,
    };
}

public sealed record AzureError(
    [property: JsonPropertyName("code")] string? Code,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>An error answer's body: <c>{"error": {"code", "message"}}</c>.</summary>
public sealed record AzureErrorBody([property: JsonPropertyName("error")] AzureError? Error);

public sealed record AnalyzeResult(
    [property: JsonPropertyName("apiVersion")] string? ApiVersion,
    [property: JsonPropertyName("modelId")] string? ModelId,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("pages")] IReadOnlyList<AzurePage>? Pages,
    [property: JsonPropertyName("paragraphs")] IReadOnlyList<AzureParagraph>? Paragraphs,
    [property: JsonPropertyName("tables")] IReadOnlyList<AzureTable>? Tables);

public sealed record AzurePage(
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("angle")] double? Angle,
    [property: JsonPropertyName("width")] double Width,
    [property: JsonPropertyName("height")] double Height,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("words")] IReadOnlyList<AzureWord>? Words,
    [property: JsonPropertyName("lines")] IReadOnlyList<AzureLine>? Lines)
{
    public LengthUnit LengthUnit => string.Equals(Unit, "pixel", StringComparison.OrdinalIgnoreCase) ? LengthUnit.Pixel : LengthUnit.Inch;
}

public sealed record AzureWord(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("polygon")] IReadOnlyList<double>? Polygon,
    [property: JsonPropertyName("span")] AzureSpan? Span,
    [property: JsonPropertyName("confidence")] double Confidence);

/// <summary>A line; the service gives lines no confidence, so intake takes it from their words.</summary>
public sealed record AzureLine(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("polygon")] IReadOnlyList<double>? Polygon,
    [property: JsonPropertyName("spans")] IReadOnlyList<AzureSpan>? Spans);

public sealed record AzureParagraph(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("role")] string? Role,
    [property: JsonPropertyName("boundingRegions")] IReadOnlyList<AzureBoundingRegion>? BoundingRegions,
    [property: JsonPropertyName("spans")] IReadOnlyList<AzureSpan>? Spans);

public sealed record AzureTable(
    [property: JsonPropertyName("rowCount")] int RowCount,
    [property: JsonPropertyName("columnCount")] int ColumnCount,
    [property: JsonPropertyName("cells")] IReadOnlyList<AzureCell>? Cells,
    [property: JsonPropertyName("boundingRegions")] IReadOnlyList<AzureBoundingRegion>? BoundingRegions,
    [property: JsonPropertyName("spans")] IReadOnlyList<AzureSpan>? Spans,
    [property: JsonPropertyName("caption")] AzureCaption? Caption);

public sealed record AzureCaption(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("spans")] IReadOnlyList<AzureSpan>? Spans);

/// <summary>A table cell. <c>kind</c> is absent on plain content cells; spans are absent when they are 1.</summary>
public sealed record AzureCell(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("rowIndex")] int RowIndex,
    [property: JsonPropertyName("columnIndex")] int ColumnIndex,
    [property: JsonPropertyName("rowSpan")] int? RowSpan,
    [property: JsonPropertyName("columnSpan")] int? ColumnSpan,
    [property: JsonPropertyName("content")] string? Content,
    [property: JsonPropertyName("boundingRegions")] IReadOnlyList<AzureBoundingRegion>? BoundingRegions,
    [property: JsonPropertyName("spans")] IReadOnlyList<AzureSpan>? Spans);

public sealed record AzureBoundingRegion(
    [property: JsonPropertyName("pageNumber")] int PageNumber,
    [property: JsonPropertyName("polygon")] IReadOnlyList<double>? Polygon);

public sealed record AzureSpan(
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("length")] int Length)
{
    public int End => Offset + Length;
}

internal static class AzureJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
