using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>What a user may do: upload and read; read and triage; everything in their organisation.</summary>
public enum Role { Uploader, Reviewer, Admin }

public static class Roles
{
    public static string Name(this Role role) => role.ToString().ToLowerInvariant();

    public static bool TryParse(string? text, out Role role) =>
        Enum.TryParse(text, ignoreCase: true, out role) && Enum.IsDefined(role);
}

public sealed record Organisation(long Id, string Name);

/// <param name="Disabled">An admin turned the account off: no login, its cookies and keys stop working at once.</param>
/// <param name="SecurityStamp">
/// Changes on logout, password change and disabling; a login cookie carries the stamp it was issued with and is
/// refused once they differ. Empty for users made before stamps existed (until their first change).
/// </param>
public sealed record UserAccount(
    long Id, long OrganisationId, string OrganisationName, string UserName, string DisplayName, Role Role, string PasswordHash,
    bool Disabled = false, string SecurityStamp = "");

/// <summary>Whether an API key still opens the API.</summary>
public enum ApiKeyState { Active, Expired, Revoked }

/// <summary>An API key as listed to admins: never the key itself (only its hash is stored, and not shown).</summary>
public sealed record ApiKeyRecord(
    long Id, long UserId, string UserName, long OrganisationId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public ApiKeyState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyState.Revoked : ExpiresAt is { } e && e <= now ? ApiKeyState.Expired : ApiKeyState.Active;
}

/// <summary>Who a request acts for, from a login or an API key.</summary>
public sealed record Principal(long OrganisationId, string OrganisationName, string UserName, Role Role);

/// <summary>Document processing states, in the order a document passes them.</summary>
public enum DocumentStatus { Queued, Processing, Done, Error }

public static class DocumentStatuses
{
    /// <summary>The code the store and the API use: queued, processing, done, error.</summary>
    public static string Code(this DocumentStatus status) => status switch
    {
        DocumentStatus.Queued => "queued",
        DocumentStatus.Processing => "processing",
        DocumentStatus.Done => "done",
        _ => "error",
    };

    public static DocumentStatus Parse(string code) => code switch
    {
        "queued" => DocumentStatus.Queued,
        "processing" => DocumentStatus.Processing,
        "done" => DocumentStatus.Done,
        "error" => DocumentStatus.Error,
        _ => throw new InvalidDataException($"unknown document status in the store: {code}"),
    };
}

public sealed record BatchRecord(
    long Id, long OrganisationId, string Name, DateTimeOffset CreatedAt, string CreatedBy, string Source,
    int Total, int Queued, int Processing, int Done, int Failed, int Errors, int Warnings, int Infos)
{
    public string Status => Queued + Processing == 0 ? "done" : Done + Failed == 0 && Processing == 0 ? "queued" : "running";
}

/// <param name="DocumentType">What the last audit recognised; Unknown before the first audit.</param>
public sealed record DocumentRecord(
    long Id, long BatchId, long OrganisationId, string FileName, string Sha256, long Size, DocumentStatus Status, string? Error,
    string? Department, int? Year, DocumentType DocumentType, string? RuleSetVersion, DateTimeOffset? AuditedAt, double ElapsedSeconds,
    int Errors, int Warnings, int Infos, DateTimeOffset CreatedAt);

/// <summary>A new file of a batch: its content is stored under <see cref="Sha256"/> before the document row is written.</summary>
public sealed record NewDocument(string FileName, string Sha256, long Size);

/// <summary>A stored image belonging to a document: a page image or an evidence crop.</summary>
public sealed record DocumentImage(string Name, byte[] Png);

/// <summary>
/// Everything one audit of a document produced, written in one transaction. <see cref="LayoutJson"/> is null when the
/// audit recognised the layout already stored with the document (which is kept), or read none. <see cref="KeptImages"/>
/// names images already stored with the document and unchanged (a scan's page images, when its stored layout was
/// recognised): they stay as they are, neither hashed nor written again; every other image of the document is replaced
/// by <see cref="Images"/>.
/// </summary>
public sealed record AuditOutcome(
    DocumentResult Result, string RuleSetVersion, string Node, string? LayoutJson, string ResultJson,
    IReadOnlyList<DocumentImage> Images, IReadOnlyCollection<string>? KeptImages = null);

public static class ReviewStatus
{
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";

    /// <summary>The state a triage action leaves: a comment keeps the state it finds.</summary>
    public static ReviewState After(string action, ReviewState current) => action switch
    {
        "confirm" => ReviewState.Confirmed,
        "dismiss" => ReviewState.Dismissed,
        "reopen" => ReviewState.Open,
        _ => current,
    };
}

public sealed record Review(string Status, string? Reason, string? Comment, string? User, DateTimeOffset? At)
{
    public static readonly Review None = new(ReviewStatus.Open, null, null, null, null);
}

public sealed record ReviewEvent(string Action, string? Reason, string? Comment, string User, DateTimeOffset At);

/// <summary>
/// One triage decision as the history export lists it: which finding of which document, the state before and after,
/// who, when and why. <paramref name="FindingId"/>, rule and message are null when a re-audit no longer produces
/// the finding (its decisions stay in the history).
/// </summary>
public sealed record TriageEvent(
    long EventId, long? FindingId, long DocumentId, long BatchId, string FileName, string? RuleId, string? Message,
    string Action, ReviewState From, ReviewState To, string? Reason, string? Comment, string User, DateTimeOffset At);

/// <param name="DocumentType">The type of the finding's document, for lists and exports across documents.</param>
public sealed record StoredFinding(
    long Id, long DocumentId, long BatchId, string FileName, string? Department, int? Year, DocumentType DocumentType, Finding Finding,
    string Fingerprint, Review Review);

/// <summary>Filters of the findings list; every list holds alternatives (OR), the lists combine with AND.</summary>
public sealed record FindingFilter
{
    public IReadOnlyList<long> Batches { get; init; } = [];
    public IReadOnlyList<long> Documents { get; init; } = [];
    public IReadOnlyList<string> Categories { get; init; } = [];
    public IReadOnlyList<Severity> Severities { get; init; } = [];
    public IReadOnlyList<string> Rules { get; init; } = [];
    public IReadOnlyList<string> Departments { get; init; } = [];
    public IReadOnlyList<int> Years { get; init; } = [];
    public IReadOnlyList<string> ReviewStatuses { get; init; } = [];
    public string? Text { get; init; }
    /// <summary>The list's order (<see cref="FindingSort"/>); counts and bulk triage ignore it.</summary>
    public FindingSort Sort { get; init; } = FindingSort.Default;
}

public sealed record Page<T>(int Total, IReadOnlyList<T> Items);

/// <summary>
/// What a filter's findings and their reviews stand at (<see cref="IFindingStore.StampFindings"/>): equal stamps mean
/// the same finding rows with the same reviews. Finding rows are only inserted and deleted, never updated, and ids are
/// never reused (AUTOINCREMENT, identity), so the count and the highest id name the set of rows; every review change
/// appends a review event in its transaction, so the last event's id moves with any review.
/// </summary>
public readonly record struct FindingsStamp(long Count, long LastFindingId, long LastReviewEvent);

/// <summary>One row of a batch overview: a document's finding counts per category.</summary>
public sealed record DocumentCategoryCount(long DocumentId, string Category, Severity Severity, int Count);

/// <summary>One completed audit of a document, as recorded (the exactly-once ledger).</summary>
public sealed record AuditRun(long DocumentId, string RuleSetVersion, string Node, DateTimeOffset At);

/// <summary>One value of a filter dimension and how many findings have it.</summary>
public sealed record FacetCount(string Value, int Count);
