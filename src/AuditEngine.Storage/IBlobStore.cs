namespace AuditEngine.Storage;

/// <summary>
/// Stored content, addressed by its SHA-256 (<see cref="ContentHash"/>): uploaded files and layouts, stored once however
/// often they arrive; and the images (page renderings, evidence crops) kept with a document under a name.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores content under its SHA-256 unless already there; true when it was new.</summary>
    bool PutBlob(string sha256, byte[] content);
    byte[]? GetBlob(string sha256);
    byte[]? GetDocumentImage(long documentId, string name);

    /// <summary>Keeps an image made after the audit (a page rendered on request); replaces one of the same name.</summary>
    void PutDocumentImage(long documentId, string name, byte[] content);
}
