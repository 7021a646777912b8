namespace AuditEngine.Storage;

/// <summary>
/// Triage of many findings in one decision: a reviewer picks findings (by id, or every finding a filter gives) and
/// confirms, dismisses or reopens them with one reason. Each finding gets the same review row and audit-trail event a
/// single <see cref="IFindingStore.ReviewFinding"/> gives it, all in one transaction.
/// </summary>
public interface IBulkTriage
{
    /// <summary>
    /// Applies <paramref name="action"/> (confirm, dismiss or reopen) to the selected findings of the organisation.
    /// Nothing is written when the selection holds more than <paramref name="maxFindings"/> findings
    /// (<see cref="BulkTriageResult.Applied"/> false, <see cref="BulkTriageResult.Matched"/> says how many it held).
    /// </summary>
    BulkTriageResult ReviewFindings(long organisationId, BulkSelection selection, string action, string? reason, string? comment,
        string user, int maxFindings);
}

/// <summary>Which findings a bulk decision covers: the listed ids, or every finding the filter gives (not only one page).</summary>
public sealed record BulkSelection
{
    public IReadOnlyList<long> Ids { get; init; } = [];
    public FindingFilter? Filter { get; init; }

    public static BulkSelection OfIds(IReadOnlyList<long> ids) => new() { Ids = ids };
    public static BulkSelection OfFilter(FindingFilter filter) => new() { Filter = filter };
}

/// <param name="Matched">Findings the selection held (ids of other organisations or unknown ids are not counted).</param>
/// <param name="Changed">Of those, how many changed status (a dismissed finding dismissed again does not).</param>
/// <param name="Applied">False when the selection was over the limit and nothing was written.</param>
public sealed record BulkTriageResult(int Matched, int Changed, bool Applied);
