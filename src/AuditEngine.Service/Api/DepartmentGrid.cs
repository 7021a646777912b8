using System.Globalization;
using System.Text;
using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>
/// The departments × years grid of one set of disclosures (an organisation's, of one type or all), built once: every
/// request then only filters the departments by name and takes its page (<see cref="Page"/>). Years, types, outliers
/// and totals are over every department.
/// </summary>
public sealed class DepartmentGrid
{
    private readonly IReadOnlyList<DisclosureDto> _disclosures;
    private readonly IReadOnlyList<int> _years;
    private readonly IReadOnlyList<DocumentTypeDto> _types;
    private readonly IReadOnlyList<DepartmentRowDto> _departments;
    private readonly OverviewOutliersDto _outliers;
    private readonly int _uploads, _duplicated;
    private readonly Lazy<byte[]> _csv;

    public DepartmentGrid(IReadOnlyList<DisclosureSummary> summaries)
    {
        // The grid lists how many versions a disclosure has; the versions themselves come with GET /disclosure.
        _disclosures = summaries.Select(s => DisclosureDto.Of(s, withVersions: false)).ToList();
        _years = _disclosures.Select(d => d.Year).Distinct().Order().ToList();
        _types = summaries.Select(s => s.Key.Type).Distinct().Order().Select(t => new DocumentTypeDto(t.Code(), t.Chinese())).ToList();
        _departments = _disclosures.GroupBy(d => d.Department)
            .Select(g => new DepartmentRowDto(g.Key, g.Sum(d => d.Errors), g.Sum(d => d.Warnings), g.ToList()))
            .OrderBy(d => d.Department, StringComparer.Ordinal).ToList();
        _outliers = new OverviewOutliersDto(
            _disclosures.Where(d => d.SanGongChange > 0m).OrderByDescending(d => d.SanGongChange).ThenBy(d => d.Department, StringComparer.Ordinal)
                .Take(OverviewEndpoints.OutlierCount).ToList(),
            _disclosures.Where(d => d.ErrorsChange > 0).OrderByDescending(d => d.ErrorsChange).ThenBy(d => d.Department, StringComparer.Ordinal)
                .Take(OverviewEndpoints.OutlierCount).ToList());
        _uploads = _disclosures.Sum(d => d.Versions);
        _duplicated = _disclosures.Count(d => d.Versions > 1);
        _csv = new Lazy<byte[]>(() => Csv(_disclosures));
    }

    /// <summary>One page of the departments whose name contains <paramref name="q"/> (all when empty), by name.</summary>
    public DepartmentOverviewDto Page(string? q = null, int limit = int.MaxValue, int offset = 0)
    {
        var matching = string.IsNullOrWhiteSpace(q)
            ? _departments
            : _departments.Where(d => d.Department.Contains(q.Trim(), StringComparison.Ordinal)).ToList();
        return new DepartmentOverviewDto(_years, _types, matching.Count, matching.Skip(offset).Take(limit).ToList(), _outliers,
            _disclosures.Count, _uploads, _duplicated);
    }

    /// <summary>The CSV report: one row per disclosure (made on first use, then kept with the grid).</summary>
    public byte[] Csv() => _csv.Value;

    public static readonly IReadOnlyList<string> CsvKeys =
    [
        "department", "year", "documentType", "documentId", "fileName", "versions", "errors", "warnings", "infos",
        "total", "sanGong", "operatingCost", "previousSanGong", "sanGongChange", "sanGongChangeRate", "errorsChange",
    ];

    /// <summary>The CSV report's conventions: UTF-8 with BOM for Excel, RFC 4180 quoting, CRLF; amounts in 万元.</summary>
    private static byte[] Csv(IReadOnlyList<DisclosureDto> disclosures)
    {
        static string N(decimal? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        var text = new StringBuilder();
        void Line(IEnumerable<string> fields) => text.Append(string.Join(',', fields.Select(CsvReportWriter.Quote))).Append("\r\n");
        Line(CsvKeys);
        foreach (var d in disclosures)
        {
            Line([
                d.Department, d.Year.ToString(CultureInfo.InvariantCulture), d.DocumentType, d.DocumentId.ToString(CultureInfo.InvariantCulture),
                d.FileName, d.Versions.ToString(CultureInfo.InvariantCulture), d.Errors.ToString(CultureInfo.InvariantCulture),
                d.Warnings.ToString(CultureInfo.InvariantCulture), d.Infos.ToString(CultureInfo.InvariantCulture), N(d.Total), N(d.SanGong),
                N(d.OperatingCost), N(d.PreviousYear?.SanGong), N(d.SanGongChange), N(d.SanGongChangeRate),
                d.ErrorsChange?.ToString(CultureInfo.InvariantCulture) ?? "",
            ]);
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }
}
