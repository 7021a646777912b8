namespace AuditEngine.Storage;

/// <summary>
/// The audit queue in the database: which documents wait, who claimed one (a claim lets exactly one node record its
/// outcome, however many tried), the outcome in one transaction, re-queueing, and the audit_runs ledger of every audit.
/// </summary>
public interface IAuditLedger
{
    /// <summary>Documents not yet audited (queued or left processing by a stopped node).</summary>
    IReadOnlyList<long> ListUnfinishedDocuments();

    /// <summary>Marks a document as being audited by <paramref name="node"/>; null when it is already done or gone.</summary>
    string? BeginAudit(long documentId, string node);

    /// <summary>
    /// Records an audit: the result, findings (review states kept by fingerprint), images and a ledger entry, in one
    /// transaction and only if <paramref name="claim"/> still holds the document. False when another claim won.
    /// </summary>
    bool CompleteAudit(long documentId, string claim, AuditOutcome outcome);

    /// <summary>Records a document that could not be audited; same claim rule as <see cref="CompleteAudit"/>.</summary>
    bool FailAudit(long documentId, string claim, string error, string ruleSetVersion, string node, double elapsedSeconds);

    /// <summary>Puts finished documents audited with another rule-set version back in the queue; returns their ids.</summary>
    IReadOnlyList<long> RequeueStale(string ruleSetVersion);

    /// <summary>Puts a department's finished documents of one year back in the queue (their previous year has just
    /// arrived, so their year-over-year rules can now run); returns their ids.</summary>
    IReadOnlyList<long> RequeueDisclosures(long organisationId, string department, int year);
    IReadOnlyList<AuditRun> ListAuditRuns(long documentId);
}
