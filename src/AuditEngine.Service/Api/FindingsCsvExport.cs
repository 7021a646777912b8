using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>
/// The findings CSV export built from the store, or brought up to date from one kept at an earlier
/// <see cref="FindingsStamp"/> by rewriting only the rows that changed since: findings reviewed after the kept review
/// event, findings added after the kept highest id (a re-audit's rows), and, when the count says rows went, the rows
/// the filter no longer lists. The result is the same bytes a full build gives.
/// </summary>
public static class FindingsCsvExport
{
    /// <summary>More changed findings than this and the export is built anew: a bulk decision on a batch rewrites it anyway.</summary>
    private const int MaxChanged = 2_000;

    public static CsvExportRows Build(IFindingStore store, long organisation, FindingFilter filter, int limit) =>
        new(CsvReportWriter.WriteExportRows(Rows(store.StreamFindings(organisation, filter, limit))));

    /// <summary>
    /// <paramref name="kept"/>, built at <paramref name="keptAt"/>, as the store stands at <paramref name="now"/>; null
    /// when too much changed to be worth it (the caller builds anew).
    /// </summary>
    public static CsvExportRows? Update(IFindingStore store, long organisation, FindingFilter filter, int limit,
        CsvExportRows kept, FindingsStamp keptAt, FindingsStamp now)
    {
        if (now.Count > limit) return null;
        if (store.ChangedFindingIds(organisation, filter, keptAt.LastReviewEvent, keptAt.LastFindingId, MaxChanged) is not { } changed) return null;
        // Without a status in the filter a review cannot move a finding in or out of it: of the reviewed findings only
        // kept rows need rewriting, besides the ids above the kept highest one (new rows; each is read under the filter).
        var touched = filter.ReviewStatuses.Count == 0
            ? changed.Where(id => id > keptAt.LastFindingId || kept.Contains(id)).ToList() : changed;
        var current = store.FindingsAmong(organisation, filter, touched);
        var currentIds = current.Select(f => f.Id).ToHashSet();
        var gone = touched.Where(id => !currentIds.Contains(id)).ToList();
        var added = current.Count(f => !kept.Contains(f.Id));
        var count = kept.Count - gone.Count(kept.Contains) + added;
        // The listing places new rows, rows a status sort may have moved, and drops rows deleted since (a re-audit
        // replaces a document's rows; a deleted document's go): ids only, from the sort's index.
        var relist = added > 0 || count != now.Count || (filter.Sort.Field == FindingSortField.Status && current.Count > 0);
        var listed = relist ? store.ListFindingIds(organisation, filter, limit) : null;
        return kept.With(CsvReportWriter.WriteExportRows(Rows(current)), gone, listed);
    }

    /// <summary>Stored findings as the writer's rows, the findings of one document sharing one result.</summary>
    private static IEnumerable<(long, long, DocumentResult, Finding)> Rows(IEnumerable<StoredFinding> findings)
    {
        var documents = new Dictionary<long, DocumentResult>();
        foreach (var f in findings)
        {
            if (!documents.TryGetValue(f.DocumentId, out var document)) documents[f.DocumentId] = document = StoredReports.DocumentOf(f);
            yield return (f.Id, f.DocumentId, document, StoredReports.WithReview(f));
        }
    }
}
