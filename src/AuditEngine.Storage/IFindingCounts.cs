namespace AuditEngine.Storage;

/// <summary>
/// The findings' facet counts kept up to date as audits, re-audits, failed audits and batch deletions write findings
/// (table finding_counts: findings per organisation, batch, rule, category, severity, department and year), so the
/// findings page's filter counts need not read every finding. <see cref="IFindingStore.CountFindingFacets"/> answers from
/// them whenever the filter only names those dimensions and review statuses; review statuses are counted live from the
/// reviews (a pass over reviewed findings only), text searches and document filters still read the findings.
/// </summary>
public interface IFindingCounts
{
    /// <summary>
    /// The same counts as <see cref="IFindingStore.CountFindingFacets"/>, always by one grouped pass over the findings and
    /// their reviews: the reference the kept counts must equal.
    /// </summary>
    IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> CountFindingFacetsFromFindings(long organisationId, FindingFilter filter);

    /// <summary>True when <see cref="IFindingStore.CountFindingFacets"/> answers this filter from the kept counts.</summary>
    bool CountsFromSummary(FindingFilter filter);
}
