namespace AuditEngine.Model;

/// <summary>
/// Where a value was read in the source document. Text inputs have lines, paged inputs have pages
/// (and a bounding box in page points); a cell also knows its table and row/column.
/// </summary>
public sealed record Provenance(
    int? Page = null,
    int? Line = null,
    string? Table = null,
    int? Row = null,
    string? Column = null,
    BoundingBox? Box = null,
    double Confidence = 1.0)
{
    public static readonly Provenance None = new();

    /// <summary>Cells read by OCR below this confidence are "low confidence": findings resting on them are downgraded.</summary>
    public const double LowConfidence = 0.80;

    public bool IsLowConfidence => Confidence < LowConfidence;

    public override string ToString()
    {
        var parts = new List<string>(5);
        if (Page is { } p) parts.Add($"第{p}页");
        if (Line is { } l) parts.Add($"第{l}行(文本)");
        if (Table is { } t) parts.Add(t);
        if (Row is { } r) parts.Add($"表行{r}");
        if (Column is { } c) parts.Add($"列“{c}”");
        return string.Join(" ", parts);
    }
}

/// <summary>Axis-aligned box in page coordinates (points for PDFs, pixels for images; origin top-left).</summary>
public readonly record struct BoundingBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
}

/// <summary>Anything that can point a reviewer at a place in the document.</summary>
public interface IHasProvenance
{
    Provenance Provenance { get; }
}
