namespace AuditEngine.Storage;

/// <summary>The columns the findings list can be ordered by; the store maps each to a fixed SQL expression.</summary>
public enum FindingSortField { Default, Rule, Category, Severity, Department, Year, Status, File }

/// <summary>
/// How the findings list is ordered. A whitelist (an enum, never SQL from the client); ties fall back to the
/// document and the finding's place in it, so paging is stable.
/// </summary>
public sealed record FindingSort(FindingSortField Field, bool Descending)
{
    /// <summary>Severest first, then by document and the finding's place in it (the list's order before sorting existed).</summary>
    public static readonly FindingSort Default = new(FindingSortField.Default, false);

    /// <summary>The API's codes: rule, category, severity, department, year, status, file.</summary>
    public static string Code(FindingSortField field) => field.ToString().ToLowerInvariant();

    /// <summary>Reads a field code and an order ("asc" / "desc"; empty: ascending); false for anything else.</summary>
    public static bool TryParse(string? field, string? order, out FindingSort sort)
    {
        sort = Default;
        var descending = false;
        if (!string.IsNullOrWhiteSpace(order))
        {
            if (order.Trim().Equals("desc", StringComparison.OrdinalIgnoreCase)) descending = true;
            else if (!order.Trim().Equals("asc", StringComparison.OrdinalIgnoreCase)) return false;
        }
        if (string.IsNullOrWhiteSpace(field)) { sort = Default with { Descending = descending }; return true; }
        if (!Enum.TryParse<FindingSortField>(field.Trim(), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)
            || int.TryParse(field, out _)) return false;
        sort = new FindingSort(parsed, descending);
        return true;
    }
}
