using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// An organisation's disclosures across batches and years: one entry per department, year and document type (a 预算
/// and a 决算 of the same year are two disclosures), however often it was uploaded. The newest finished upload gives
/// the counts and figures; earlier uploads are kept and listed as versions.
/// </summary>
public interface IDisclosureOverview
{
    /// <summary>
    /// Every disclosure of the organisation (of one type, of one department when given), ordered by department, year
    /// and type, each with its versions and the same department's disclosure of the same type a year earlier.
    /// </summary>
    IReadOnlyList<DisclosureSummary> ListDisclosures(long organisationId, DocumentType? type = null, string? department = null);

    /// <summary>
    /// Where the organisation's overview stands: one indexed lookup. Every write that changes what
    /// <see cref="ListDisclosures"/> returns moves it in the same transaction, on whichever node makes the write, so a
    /// kept overview is current while the stamp read after it was made is unchanged.
    /// </summary>
    OverviewStamp StampOverview(long organisationId);
}

/// <summary>
/// A count of the writes that changed an organisation's overview (overview_changes.generation): never a time, since the
/// nodes of a cluster have clocks of their own. 0 before the first such write.
/// </summary>
public readonly record struct OverviewStamp(long Generation);

/// <summary>What makes two uploads the same disclosure.</summary>
public sealed record DisclosureKey(string Department, int Year, DocumentType Type);

/// <summary>One finished upload of a disclosure, with its audited counts and recorded figures.</summary>
public sealed record DisclosureVersion(
    long DocumentId, long BatchId, string FileName, DateTimeOffset CreatedAt, DateTimeOffset? AuditedAt,
    int Errors, int Warnings, int Infos, KeyFigures Figures);

/// <param name="Latest">The newest finished upload: the disclosure's counts and figures.</param>
/// <param name="Earlier">Older uploads of the same disclosure, newest first.</param>
/// <param name="PreviousYear">The latest version of the same department's disclosure of the same type a year earlier.</param>
public sealed record DisclosureSummary(
    DisclosureKey Key, DisclosureVersion Latest, IReadOnlyList<DisclosureVersion> Earlier, DisclosureVersion? PreviousYear)
{
    public int Versions => Earlier.Count + 1;

    public decimal? SanGongChange => Change(f => f.SanGong);
    public decimal? TotalChange => Change(f => f.Total);
    public decimal? OperatingCostChange => Change(f => f.OperatingCost);

    /// <summary>The 三公 change in % of last year's total; null without last year or when it was 0.</summary>
    public decimal? SanGongChangeRate =>
        SanGongChange is { } change && PreviousYear?.Figures.SanGong is { } last && last != 0m ? Math.Round(change / last * 100m, 2) : null;

    public int? ErrorsChange => PreviousYear is { } p ? Latest.Errors - p.Errors : null;

    private decimal? Change(Func<KeyFigures, decimal?> figure) =>
        PreviousYear is { } p && figure(Latest.Figures) is { } now && figure(p.Figures) is { } then ? now - then : null;
}

public static class DisclosureVersions
{
    /// <summary>
    /// The latest upload (highest id) of each disclosure among finished documents: the same department, year and type
    /// uploaded again counts once. Documents without a recognised department or year cannot be matched and each count.
    /// </summary>
    public static IReadOnlyList<DocumentRecord> Latest(IEnumerable<DocumentRecord> documents) =>
        documents.Where(d => d.Status == DocumentStatus.Done)
            .GroupBy(d => string.IsNullOrWhiteSpace(d.Department) || d.Year is null
                ? (object)d.Id
                : new DisclosureKey(d.Department.Trim(), d.Year.Value, d.DocumentType))
            .Select(g => g.MaxBy(d => d.Id)!)
            .OrderBy(d => d.Id).ToList();
}
