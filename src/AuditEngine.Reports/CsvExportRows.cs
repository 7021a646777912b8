using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>One finding's line of the findings export, with its finding's and document's keys and what orders it.</summary>
public readonly record struct CsvExportRow(long Id, long Document, Severity Severity, int Category, ReadOnlyMemory<byte> Line);

/// <summary>
/// The findings CSV export as rows kept by finding id, in the order the store lists them (the filter's sort), sent in
/// the order <see cref="FindingRows.Of"/> gives a report: documents in the order of their first row, each document's
/// rows worst first, then by category, ties as listed. A review or a re-audit makes a new export from this one with
/// only the rows it touched written anew (<see cref="With"/>); this one is never changed.
/// </summary>
public sealed class CsvExportRows
{
    private static readonly ReadOnlyMemory<byte> Header = CsvReportWriter.HeaderLine();

    private readonly CsvExportRow[] _listed;
    private readonly int[] _order;
    private readonly Dictionary<long, int> _places;

    /// <summary>The rows as listed; the export's order is worked out here.</summary>
    public CsvExportRows(IReadOnlyList<CsvExportRow> listed) : this([.. listed], null, null) { }

    /// <param name="order">The export's order of <paramref name="listed"/>, when known.</param>
    /// <param name="places">Each row's index in <paramref name="listed"/> by finding id, when known.</param>
    private CsvExportRows(CsvExportRow[] listed, int[]? order, Dictionary<long, int>? places)
    {
        _listed = listed;
        _order = order ?? Order(listed);
        _places = places ?? Enumerable.Range(0, listed.Length).ToDictionary(i => listed[i].Id);
        var segments = new ReadOnlyMemory<byte>[_order.Length + 1];
        segments[0] = Header;
        for (var i = 0; i < _order.Length; i++) segments[i + 1] = listed[_order[i]].Line;
        Ordered = new ReportOrderedRows(segments);
    }

    /// <summary>The file, header and rows in the export's order.</summary>
    public ReportOrderedRows Ordered { get; }

    public int Count => _listed.Length;

    public bool Contains(long id) => _places.ContainsKey(id);

    /// <summary>
    /// This export with <paramref name="current"/> rows put in (written anew, or new) and the rows of
    /// <paramref name="gone"/> taken out. <paramref name="listed"/>, the filter's ids as the store now lists them, is
    /// needed when a row is new or may have moved in the list; without it the rows keep their places. Null when the
    /// listing names a row that is neither kept nor given (the store moved on meanwhile): the caller builds anew.
    /// </summary>
    public CsvExportRows? With(IReadOnlyCollection<CsvExportRow> current, IReadOnlyCollection<long> gone, IReadOnlyList<long>? listed)
    {
        if (listed is null && current.Any(r => !_places.ContainsKey(r.Id)))
            throw new ArgumentException("a new row needs the listing to find its place", nameof(current));
        if (listed is null && !gone.Any(_places.ContainsKey))
        {
            // The same rows in the same places (a review): only the rewritten lines change; order and places stand.
            var rewritten = (CsvExportRow[])_listed.Clone();
            foreach (var row in current) rewritten[_places[row.Id]] = row;
            return new CsvExportRows(rewritten, _order, _places);
        }
        var rows = _listed.ToDictionary(r => r.Id);
        foreach (var id in gone) rows.Remove(id);
        foreach (var row in current) rows[row.Id] = row;
        if (listed is null) return new CsvExportRows(_listed.Where(r => rows.ContainsKey(r.Id)).Select(r => rows[r.Id]).ToList());
        var relisted = new List<CsvExportRow>(listed.Count);
        foreach (var id in listed)
        {
            if (!rows.TryGetValue(id, out var row)) return null;
            relisted.Add(row);
        }
        return new CsvExportRows(relisted);
    }

    /// <summary>Indexes of <paramref name="listed"/> in the export's order.</summary>
    private static int[] Order(IReadOnlyList<CsvExportRow> listed)
    {
        var documents = new Dictionary<long, int>();
        var places = new (int Document, Severity Severity, int Category, int Listed)[listed.Count];
        for (var i = 0; i < listed.Count; i++)
        {
            var row = listed[i];
            if (!documents.TryGetValue(row.Document, out var document)) documents[row.Document] = document = documents.Count;
            places[i] = (document, row.Severity, row.Category, i);
        }
        Array.Sort(places, (a, b) =>
            a.Document != b.Document ? a.Document.CompareTo(b.Document)
            : a.Severity != b.Severity ? b.Severity.CompareTo(a.Severity)
            : a.Category != b.Category ? a.Category.CompareTo(b.Category)
            : a.Listed.CompareTo(b.Listed));
        return places.Select(p => p.Listed).ToArray();
    }
}
