namespace AuditEngine.Storage;

/// <summary>
/// Batches and their documents as uploaded and as audited: the batch list with its counts, a document's record, its
/// stored result (the JSON contract) and layout, and the previous year's disclosure that cross-year rules compare with.
/// </summary>
public interface IBatchStore
{
    /// <summary>Creates a batch and its documents (status queued) in one transaction; their blobs must be stored.</summary>
    (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) CreateBatch(
        long organisationId, string name, string createdBy, string source, IReadOnlyList<NewDocument> documents);
    Page<BatchRecord> ListBatches(long organisationId, int limit, int offset);
    BatchRecord? GetBatch(long organisationId, long batchId);
    IReadOnlyList<DocumentRecord> ListDocuments(long batchId);

    /// <summary>A document by id, within an organisation; null organisation: any (workers).</summary>
    DocumentRecord? GetDocument(long? organisationId, long documentId);
    string? GetResultJson(long documentId);
    string? GetLayoutJson(long documentId);

    /// <summary>
    /// The stored layout's UTF-8 bytes as kept (<see cref="GetLayoutJson"/> decoded): what a re-audit parses. The layout
    /// is a few hundred KiB, and turning it into a string only to encode it again for the parser doubled the reading.
    /// </summary>
    byte[]? GetLayoutUtf8(long documentId);

    /// <summary>The newest finished document of a department and year in an organisation (previous-year rules).</summary>
    DocumentRecord? FindDisclosure(long organisationId, string department, int year);
}
