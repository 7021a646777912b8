using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>
/// Where a report finds the image of an evidence crop a finding names: the CLI's crops are files beside its report,
/// the service's are images in its store (named per document). The HTML and PDF reports embed them.
/// </summary>
public interface ICropImages
{
    /// <summary>The PNG of <paramref name="crop"/> (as the evidence records it) of <paramref name="document"/>; null when gone.</summary>
    byte[]? Read(DocumentResult document, string crop);
}

/// <summary>Crops recorded as file paths (the CLI's crops folder).</summary>
public sealed class CropFiles : ICropImages
{
    public static readonly CropFiles Instance = new();

    public byte[]? Read(DocumentResult document, string crop)
    {
        try { return File.Exists(crop) ? File.ReadAllBytes(crop) : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}

public static class CropImagesExtensions
{
    /// <summary>The crop as base64 for a data: URL, or null.</summary>
    public static string? Base64(this ICropImages crops, DocumentResult document, string crop) =>
        crops.Read(document, crop) is { } png ? Convert.ToBase64String(png) : null;
}
