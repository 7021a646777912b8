using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Intake.Office;

/// <summary>A merged range, 1-based and inclusive like Excel's A1 references.</summary>
internal readonly record struct MergedRange(int FirstRow, int FirstColumn, int LastRow, int LastColumn);

/// <summary>
/// One worksheet's non-empty cell texts as displayed, by 1-based (row, column), plus its merged ranges and the
/// formula cells that carry no computed result (files written by tools that never ran Excel's calculation).
/// </summary>
internal sealed class XlsxSheetGrid
{
    public Dictionary<(int Row, int Column), string> Texts { get; } = [];
    public List<MergedRange> Merges { get; } = [];
    public List<string> UncalculatedFormulas { get; } = [];

    public static XlsxSheetGrid Read(WorksheetPart part, XlsxWorkbookText text)
    {
        var grid = new XlsxSheetGrid();
        var worksheet = part.Worksheet;
        var rowNumber = 0;
        foreach (var row in worksheet.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            rowNumber = (int?)row.RowIndex?.Value ?? rowNumber + 1;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var reference = cell.CellReference?.Value is { } r ? ParseReference(r) : null;
                column = reference?.Column ?? column + 1;
                var value = text.CellText(cell);
                if (value.Length > 0) grid.Texts[(rowNumber, column)] = value;
                else if (cell.CellFormula is not null && cell.CellValue is null)
                    grid.UncalculatedFormulas.Add(cell.CellReference?.Value ?? $"R{rowNumber}C{column}");
            }
        }
        foreach (var merge in worksheet.Elements<MergeCells>().SelectMany(m => m.Elements<MergeCell>()))
            if (ParseRange(merge.Reference?.Value) is { } range) grid.Merges.Add(range);
        return grid;
    }

    /// <summary>"AB12" → (12, 28); null when it is not an A1 reference.</summary>
    public static (int Row, int Column)? ParseReference(string reference)
    {
        var i = 0;
        var column = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            column = column * 26 + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            i++;
        }
        var digits = reference.AsSpan(i).TrimStart('$');
        if (i == 0 || column > 16384 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row < 1)
            return null;
        return (row, column);
    }

    private static MergedRange? ParseRange(string? reference)
    {
        if (reference is null) return null;
        var parts = reference.Replace("$", "").Split(':');
        var first = ParseReference(parts[0]);
        var last = parts.Length > 1 ? ParseReference(parts[1]) : first;
        if (first is not { } a || last is not { } b) return null;
        return new MergedRange(Math.Min(a.Row, b.Row), Math.Min(a.Column, b.Column), Math.Max(a.Row, b.Row), Math.Max(a.Column, b.Column));
    }
}

/// <summary>Workbook-wide lookups a cell's displayed text depends on: the shared strings and the number formats of styles.</summary>
internal sealed class XlsxWorkbookText
{
    private readonly List<string> sharedStrings;
    private readonly List<string?> styleFormats;

    public XlsxWorkbookText(WorkbookPart workbook)
    {
        sharedStrings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(RichText).ToList() ?? [];
        var custom = workbook.WorkbookStylesPart?.Stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
                         .Where(f => f.NumberFormatId is not null && f.FormatCode?.Value is not null)
                         .GroupBy(f => f.NumberFormatId!.Value)
                         .ToDictionary(g => g.Key, g => g.First().FormatCode!.Value!)
                     ?? [];
        styleFormats = workbook.WorkbookStylesPart?.Stylesheet?.CellFormats?.Elements<CellFormat>()
                           .Select(f => f.NumberFormatId?.Value is { } id ? custom.GetValueOrDefault(id) ?? XlsxNumberFormat.BuiltInCode(id) : null)
                           .ToList()
                       ?? [];
    }

    /// <summary>The cell's text as the sheet shows it, trimmed; empty for blank cells.</summary>
    public string CellText(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        string text;
        if (type == CellValues.InlineString) text = cell.InlineString is { } inline ? RichText(inline) : raw ?? "";
        else if (raw is null) text = "";
        else if (type == CellValues.SharedString)
            text = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < sharedStrings.Count ? sharedStrings[i] : "";
        else if (type == CellValues.Boolean) text = raw == "1" ? "TRUE" : "FALSE";
        else if (type is null || type == CellValues.Number) text = XlsxNumberFormat.Format(raw, FormatOf(cell));
        else text = raw; // formula strings, errors (#DIV/0!), ISO dates
        return text.Trim();
    }

    private string? FormatOf(Cell cell) =>
        cell.StyleIndex?.Value is { } s && s < styleFormats.Count ? styleFormats[(int)s] : null;

    /// <summary>Text of a shared or inline string: plain, or rich-text runs; phonetic guides are not shown text.</summary>
    private static string RichText(OpenXmlElement item)
    {
        if (item.GetFirstChild<Text>() is { } plain) return plain.Text;
        return string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? ""));
    }
}
