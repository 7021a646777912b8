using AuditEngine.Model;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Reads an XLSX workbook: each visible worksheet, in tab order, is one page (Page = position among visible sheets
/// + 1) laid out by <see cref="XlsxSheetLayout"/>. Hidden sheets are not read — they are not part of what the
/// department published — but a note says they were skipped.
/// </summary>
public static class XlsxReader
{
    private const string Kind = "XLSX";

    public static Layout Read(byte[] bytes, string name)
    {
        OfficeFailure.RejectNonPackage(bytes, name, Kind);
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
            var workbook = document.WorkbookPart ?? throw new IntakeException(name, "XLSX 文件没有工作簿部分，无法读取");
            var layout = new Layout { Source = name };
            ReadSheets(workbook, layout);
            return layout;
        }
        catch (Exception ex) when (ex is not IntakeException && OfficeFailure.IsDamage(ex))
        {
            throw OfficeFailure.Damaged(name, Kind, ex);
        }
    }

    private static void ReadSheets(WorkbookPart workbook, Layout layout)
    {
        var text = new XlsxWorkbookText(workbook);
        var page = 0;
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            var sheetName = sheet.Name?.Value ?? "";
            if (sheet.State?.Value is SheetStateValues.Hidden or SheetStateValues.VeryHidden)
            {
                layout.Notes.Add(new ExtractionNote($"工作表“{sheetName}”为隐藏工作表，未读取", Provenance.None));
                continue;
            }
            // Chart sheets and dialog sheets have no cells.
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            page++;
            layout.Pages.Add(new LayoutPage { Number = page });
            var grid = XlsxSheetGrid.Read(part, text);
            layout.Blocks.AddRange(XlsxSheetLayout.Blocks(grid, sheetName, page));
            if (grid.UncalculatedFormulas.Count > 0)
                layout.Notes.Add(new ExtractionNote(
                    $"工作表“{sheetName}”有 {grid.UncalculatedFormulas.Count} 个公式单元格没有计算结果（如 {grid.UncalculatedFormulas[0]}），按空白读取；请在 Excel 中重新计算并保存后再核对",
                    new Provenance(Page: page)));
        }
    }
}
