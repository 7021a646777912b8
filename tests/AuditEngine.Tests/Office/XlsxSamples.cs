using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Tests.Office;

/// <summary>Builds small workbooks in memory, cell by cell, with the styles budget sheets use.</summary>
internal sealed class XlsxSamples
{
    /// <summary>Style indexes of the sample stylesheet.</summary>
    public const uint General = 0, TwoDecimals = 1, Grouped = 2, CustomPadded = 3, Percent = 4, Dotted = 5;

    private readonly List<string> shared = [];
    private readonly List<(string Name, SheetData Data, MergeCells? Merges, bool Hidden)> sheets = [];

    /// <summary>A sheet whose cells are given as (reference, value, style); strings go to the shared string table.</summary>
    public XlsxSamples Sheet(string name, IEnumerable<(string Ref, object Value, uint Style)> cells, string[]? merges = null, bool hidden = false)
    {
        var data = new SheetData();
        foreach (var group in cells.GroupBy(c => RowOf(c.Ref)).OrderBy(g => g.Key))
        {
            var row = new Row { RowIndex = (uint)group.Key };
            foreach (var (reference, value, style) in group) row.Append(MakeCell(reference, value, style));
            data.Append(row);
        }
        var mergeCells = merges is null ? null : new MergeCells(merges.Select(m => new MergeCell { Reference = m }));
        sheets.Add((name, data, mergeCells, hidden));
        return this;
    }

    private Cell MakeCell(string reference, object value, uint style)
    {
        var cell = new Cell { CellReference = reference };
        if (style != General) cell.StyleIndex = style;
        switch (value)
        {
            case string s:
                var index = shared.IndexOf(s);
                if (index < 0) { shared.Add(s); index = shared.Count - 1; }
                cell.DataType = CellValues.SharedString;
                cell.CellValue = new CellValue(index.ToString());
                break;
            case Inline i:
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new Text(i.Text));
                break;
            case Formula f:
                cell.CellFormula = new CellFormula(f.Expression);
                break;
            case bool b:
                cell.DataType = CellValues.Boolean;
                cell.CellValue = new CellValue(b ? "1" : "0");
                break;
            case Raw r:
                cell.CellValue = new CellValue(r.Text);
                break;
            default:
                cell.CellValue = new CellValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!);
                break;
        }
        return cell;
    }

    public sealed record Inline(string Text);
    public sealed record Formula(string Expression);
    /// <summary>A number exactly as stored in the XML (to reproduce float noise such as 115.02000000000001).</summary>
    public sealed record Raw(string Text);

    public byte[] Build()
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sst = workbook.AddNewPart<SharedStringTablePart>();
            sst.SharedStringTable = new SharedStringTable(shared.Select(s => new SharedStringItem(new Text(s))));
            uint id = 1;
            foreach (var (name, data, merges, hidden) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(data);
                if (merges is not null) part.Worksheet.InsertAfter(merges, data);
                var sheet = new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) };
                if (hidden) sheet.State = SheetStateValues.Hidden;
                workbook.Workbook.Sheets!.Append(sheet);
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.00_ " },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "yyyy\\.mm\\.dd" }),
        new Fonts(new Font()),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
        new Borders(new Border()),
        new CellFormats(
            new CellFormat { NumberFormatId = 0 },
            new CellFormat { NumberFormatId = 2, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 4, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 10, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 165, ApplyNumberFormat = true }));

    private static int RowOf(string reference) => int.Parse(new string(reference.SkipWhile(char.IsLetter).ToArray()));

    /// <summary>部门预算支出总表 on a sheet: merged title, unit row, two-row header with merges, code rows, a note.</summary>
    public static IEnumerable<(string, object, uint)> ExpenditureSummaryCells() =>
    [
        ("A1", "部门预算支出总表", General),
        ("E2", "单位：万元", General),
        ("A3", "科目", General), ("C3", "合计", General), ("D3", "基本支出", General), ("E3", "项目支出", General),
        ("A4", "科目编码", General), ("B4", "科目名称", General),
        ("B5", "合计", General), ("C5", 115.02, TwoDecimals), ("D5", 100, TwoDecimals), ("E5", 15.02, TwoDecimals),
        ("A6", "208", General), ("B6", "社会保障和就业支出", General), ("C6", 115.02, TwoDecimals), ("D6", 100, TwoDecimals), ("E6", 15.02, TwoDecimals),
        ("A7", "20805", General), ("B7", "行政事业单位养老支出", General), ("C7", 115.02, TwoDecimals), ("D7", 100, TwoDecimals), ("E7", 15.02, TwoDecimals),
        ("A8", 2080505, General), ("B8", "机关事业单位基本养老保险缴费支出", General), ("C8", 115.02, TwoDecimals), ("D8", 100, TwoDecimals), ("E8", 15.02, TwoDecimals),
        ("A10", "注：本表金额保留两位小数。", General),
    ];

    public static readonly string[] ExpenditureSummaryMerges = ["A1:E1", "A3:B3", "C3:C4", "D3:D4", "E3:E4", "A10:E10"];
}
