using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// Everything the service keeps: organisations and their users and keys, uploaded files (content-addressed),
/// batches, documents with their audit results and findings, and reviewers' triage. Two backends implement it
/// (<see cref="SqliteAuditStore"/>, <see cref="PostgresAuditStore"/>); every method is safe to call from many threads
/// and from several processes sharing one database.
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Creates or upgrades the schema (versioned steps recorded in schema_version, see <see cref="SchemaMigrations"/>);
    /// safe to call on every start and from several nodes at once. Throws <see cref="StoreSchemaTooNewException"/> for a
    /// store written by a newer version.
    /// </summary>
    void Migrate();

    Organisation CreateOrganisation(string name);
    Organisation? FindOrganisation(string name);
    IReadOnlyList<Organisation> ListOrganisations();

    UserAccount CreateUser(long organisationId, string userName, string displayName, Role role, string passwordHash);
    UserAccount? FindUser(string userName);
    IReadOnlyList<UserAccount> ListUsers(long organisationId);
    /// <summary>Sets a new password hash and a new security stamp: every session of the user ends.</summary>
    void SetPassword(long userId, string passwordHash);

    /// <summary>Disables or re-enables a user, with a new security stamp (a disabled user's sessions end at once).</summary>
    void SetUserDisabled(long userId, bool disabled);

    /// <summary>Gives the user a new security stamp, which ends every session issued before; returns it.</summary>
    string RenewSecurityStamp(long userId);

    /// <summary>Stores a key by its hash; the key itself is shown once by the caller and never stored.</summary>
    ApiKeyRecord CreateApiKey(long userId, string name, string keyHash, DateTimeOffset? expiresAt = null);

    /// <summary>Who a key acts for; null when unknown, revoked, expired, or its user is disabled.</summary>
    Principal? FindApiKey(string keyHash);

    /// <summary>The keys of an organisation's users (null: every organisation), revoked and expired ones included.</summary>
    IReadOnlyList<ApiKeyRecord> ListApiKeys(long? organisationId);

    /// <summary>Revokes a key of the organisation (null: any); false when there is no such key or it was already revoked.</summary>
    bool RevokeApiKey(long? organisationId, long keyId);

    /// <summary>ASP.NET Core data-protection keys (XML), shared so every node can read every node's login cookies.</summary>
    IReadOnlyList<string> ListProtectionKeys();
    void AddProtectionKey(string name, string xml);

    /// <summary>Stores content under its SHA-256 unless already there; true when it was new.</summary>
    bool PutBlob(string sha256, byte[] content);
    byte[]? GetBlob(string sha256);

    /// <summary>Creates a batch and its documents (status queued) in one transaction; their blobs must be stored.</summary>
    (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) CreateBatch(
        long organisationId, string name, string createdBy, string source, IReadOnlyList<NewDocument> documents);

    Page<BatchRecord> ListBatches(long organisationId, int limit, int offset);
    BatchRecord? GetBatch(long organisationId, long batchId);
    IReadOnlyList<DocumentRecord> ListDocuments(long batchId);

    /// <summary>A document by id, within an organisation; null organisation: any (workers).</summary>
    DocumentRecord? GetDocument(long? organisationId, long documentId);

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

    string? GetResultJson(long documentId);
    string? GetLayoutJson(long documentId);
    byte[]? GetDocumentImage(long documentId, string name);
    /// <summary>Keeps an image made after the audit (a page rendered on request); replaces one of the same name.</summary>
    void PutDocumentImage(long documentId, string name, byte[] content);

    /// <summary>The newest finished document of a department and year in an organisation (previous-year rules).</summary>
    DocumentRecord? FindDisclosure(long organisationId, string department, int year);

    Page<StoredFinding> QueryFindings(long organisationId, FindingFilter filter, int limit, int offset);
    /// <summary>How many findings the filter gives per category, severity, status, rule, department and year.</summary>
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> CountFindingFacets(long organisationId, FindingFilter filter);
    StoredFinding? GetFinding(long organisationId, long findingId);
    IReadOnlyList<DocumentCategoryCount> CountFindingsByDocument(long organisationId, long batchId);
    IReadOnlyDictionary<string, int> CountFindingsByRule(long organisationId);

    /// <summary>Applies a triage action to a finding and appends it to the audit trail.</summary>
    StoredFinding? ReviewFinding(long organisationId, long findingId, string action, string? reason, string? comment, string user);
    IReadOnlyList<ReviewEvent> ListReviewEvents(long organisationId, long findingId);

    /// <summary>
    /// Every triage decision of an organisation (or of one batch), oldest first, each with the state before and after.
    /// </summary>
    IReadOnlyList<TriageEvent> ListTriageHistory(long organisationId, long? batchId = null);
}
