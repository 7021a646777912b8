namespace AuditEngine.Storage;

/// <summary>
/// Asking intake to run again. Audits recognise the layout stored with a document and read its file only when the
/// readers changed since (the layout's intake version); a reviewer who doubts a reading (a scan OCR'd badly, a reader
/// fixed without a version change) asks for the file to be read again.
/// </summary>
public interface IIntakeRequests
{
    /// <summary>
    /// Drops the document's stored layout and puts it back in the queue, so its next audit reads the file. False when
    /// the document is not the organisation's, or is queued or being audited (its audit will run anyway).
    /// </summary>
    bool RequestReread(long organisationId, long documentId);
}
