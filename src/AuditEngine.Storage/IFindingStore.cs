namespace AuditEngine.Storage;

/// <summary>
/// An organisation's findings across batches with their review state: the filtered list and its facets, counts per
/// document and rule, a reviewer's decision on one finding and the audit trail of decisions. Many at once: <see cref="IBulkTriage"/>.
/// </summary>
public interface IFindingStore
{
    Page<StoredFinding> QueryFindings(long organisationId, FindingFilter filter, int limit, int offset);

    /// <summary>
    /// The first <paramref name="limit"/> findings of the filter in its sort, as <see cref="QueryFindings"/> lists them,
    /// read one at a time while the caller enumerates (the connection stays open until it is done), without a count:
    /// for exports, which pass on each finding and keep none.
    /// </summary>
    IEnumerable<StoredFinding> StreamFindings(long organisationId, FindingFilter filter, int limit);

    /// <summary>
    /// The filter's findings and every review as they stand, in one cheap query (the filter's count): an export made
    /// between two equal stamps can be served again while the stamp stays the same.
    /// </summary>
    FindingsStamp StampFindings(long organisationId, FindingFilter filter);

    /// <summary>
    /// The organisation's findings reviewed (singly or in bulk, any action) after review event
    /// <paramref name="afterEvent"/>, and the filter's findings added after id <paramref name="afterId"/> (a re-audit's
    /// rows), each once; null when there are more than <paramref name="limit"/>.
    /// </summary>
    IReadOnlyList<long>? ChangedFindingIds(long organisationId, FindingFilter filter, long afterEvent, long afterId, int limit);

    /// <summary>The filter's findings among <paramref name="ids"/>, in no particular order.</summary>
    IReadOnlyList<StoredFinding> FindingsAmong(long organisationId, FindingFilter filter, IReadOnlyCollection<long> ids);

    /// <summary>The ids of the filter's first <paramref name="limit"/> findings in its sort, as <see cref="StreamFindings"/> gives them.</summary>
    IReadOnlyList<long> ListFindingIds(long organisationId, FindingFilter filter, int limit);

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
