using System.Text;
using AuditEngine.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Reports;

/// <summary>
/// Excel workbook with two sheets: 汇总 (one row per document) and 问题清单 (one row per finding, the CSV's columns
/// with Chinese labels). Header rows are bold and frozen, with an autofilter, so reviewers can sort and filter.
/// </summary>
public sealed class XlsxReportWriter : IReportWriter
{
    public const string SummarySheet = "汇总";
    public const string FindingsSheet = "问题清单";

    // Style indexes into the stylesheet built by CreateStylesheet.
    private const uint StyleHeader = 1;
    private const uint StyleWrap = 2;

    // Excel refuses cells longer than this.
    private const int MaxCellLength = 32767;

    public ReportFormat Format => ReportFormat.Xlsx;

    public void Write(IReadOnlyList<DocumentResult> results, Stream output)
    {
        // The packaging layer needs a seekable stream; stdout is not one, so build in memory and copy.
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = CreateStylesheet();

            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            AddSheet(workbookPart, sheets, 1, SummarySheet, SummaryHeaders, [6, 32, 28, 8, 14, 10, 8, 8, 8, 10, 8, 10, 60],
                SummaryRows(results));
            AddSheet(workbookPart, sheets, 2, FindingsSheet, FindingRows.ChineseHeaders, [24, 28, 8, 14, 22, 28, 14, 10, 60, 14, 14, 50, 10, 12, 22, 40, 30],
                FindingRowsOf(results));
            workbookPart.Workbook.Save();
        }
        buffer.Position = 0;
        buffer.CopyTo(output);
        output.Flush();
    }

    private static readonly IReadOnlyList<string> SummaryHeaders =
        ["序号", "文件", "部门", "年度", "文件类型", "状态", "错误", "警告", "提示", "问题总数", "表格数", "耗时(秒)", "说明"];

    private static IEnumerable<object?[]> SummaryRows(IReadOnlyList<DocumentResult> results) =>
        results.Select((r, i) => new object?[]
        {
            i + 1, r.Source, r.Department, r.Year, r.DocumentType.Chinese(), ReportText.StatusChinese(r),
            r.Count(Severity.Error), r.Count(Severity.Warning), r.Count(Severity.Info), r.Findings.Count,
            r.Tables.Count, Math.Round(r.ElapsedSeconds, 2), r.Error,
        });

    private static IEnumerable<object?[]> FindingRowsOf(IReadOnlyList<DocumentResult> results) =>
        FindingRows.Of(results).Select(row => new object?[]
        {
            row.Document.Source, row.Document.Department, row.Document.Year, row.Document.DocumentType.Chinese(),
            row.Finding.RuleId, row.Finding.RuleName, ReportText.CategoryChinese(row.Finding.Category),
            ReportText.SeverityChinese(row.Finding.Severity), row.Finding.Message,
            row.Finding.Expected, row.Finding.Actual, row.Evidence,
            row.Review.State.Chinese(), row.Review.Reviewer, row.ReviewedAt, row.Review.Reason, row.Review.Comment,
        });

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, uint id, string name,
        IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<object?[]> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        data.AppendChild(HeaderRow(headers));
        uint rowIndex = 1;
        foreach (var values in rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var c = 0; c < values.Length; c++) row.AppendChild(Cell(values[c], c, rowIndex));
            data.AppendChild(row);
        }

        var lastColumn = ColumnName(headers.Count - 1);
        // Child order matters to Excel: sheetViews, sheetFormatPr, cols, sheetData, autoFilter.
        part.Worksheet = new Worksheet(
            new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { WorkbookViewId = 0, TabSelected = id == 1 }),
            new SheetFormatProperties { DefaultRowHeight = 15 },
            Columns(widths),
            data,
            new AutoFilter { Reference = $"A1:{lastColumn}{rowIndex}" });

        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = id, Name = name });

        // An autofilter needs its hidden defined name for Excel to treat the range as filterable on reopening.
        var names = workbookPart.Workbook.DefinedNames ??= new DefinedNames();
        names.AppendChild(new DefinedName($"'{name}'!$A$1:${lastColumn}${rowIndex}")
        { Name = "_xlnm._FilterDatabase", LocalSheetId = id - 1, Hidden = true });
    }

    private static Columns Columns(IReadOnlyList<double> widths)
    {
        var columns = new Columns();
        for (var i = 0; i < widths.Count; i++)
            columns.AppendChild(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = widths[i], CustomWidth = true });
        return columns;
    }

    private static Row HeaderRow(IReadOnlyList<string> headers)
    {
        var row = new Row { RowIndex = 1 };
        for (var c = 0; c < headers.Count; c++)
        {
            var cell = TextCell(headers[c], c, 1);
            cell.StyleIndex = StyleHeader;
            row.AppendChild(cell);
        }
        return row;
    }

    private static Cell Cell(object? value, int column, uint row) => value switch
    {
        null => new Cell { CellReference = ColumnName(column) + row },
        int i => NumberCell(i.ToString(System.Globalization.CultureInfo.InvariantCulture), column, row),
        decimal d => NumberCell(d.ToString(System.Globalization.CultureInfo.InvariantCulture), column, row),
        double x => NumberCell(x.ToString("R", System.Globalization.CultureInfo.InvariantCulture), column, row),
        _ => TextCell(value.ToString() ?? "", column, row, wrap: true),
    };

    private static Cell NumberCell(string text, int column, uint row) => new()
    {
        CellReference = ColumnName(column) + row,
        DataType = CellValues.Number,
        CellValue = new CellValue(text),
    };

    private static Cell TextCell(string text, int column, uint row, bool wrap = false)
    {
        var clean = XmlSafe(text);
        if (clean.Length > MaxCellLength) clean = clean[..MaxCellLength];
        return new Cell
        {
            CellReference = ColumnName(column) + row,
            DataType = CellValues.InlineString,
            StyleIndex = wrap ? StyleWrap : null,
            InlineString = new InlineString(new Text(clean) { Space = SpaceProcessingModeValues.Preserve }),
        };
    }

    /// <summary>OCR text can carry control characters that XML 1.0 forbids; they would make the file unreadable.</summary>
    private static string XmlSafe(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var ok = ch is '\t' or '\n' or '\r' || (ch >= 0x20 && ch != 0xFFFE && ch != 0xFFFF
                && (!char.IsSurrogate(ch) || (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    || (char.IsLowSurrogate(ch) && i > 0 && char.IsHighSurrogate(text[i - 1]))));
            if (ok) { sb?.Append(ch); continue; }
            sb ??= new StringBuilder(text, 0, i, text.Length);
        }
        return sb?.ToString() ?? text;
    }

    /// <summary>0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    private static Stylesheet CreateStylesheet() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })),
        new Fills(
            // The first two fills are reserved by the format (none, gray125).
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDE4EE" }) { PatternType = PatternValues.Solid })),
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 },
            new CellFormat { FontId = 1, FillId = 2, BorderId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top })
            { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true }));
}
