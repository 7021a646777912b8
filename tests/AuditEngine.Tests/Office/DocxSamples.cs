using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AuditEngine.Tests.Office;

/// <summary>Builds small Word documents shaped like a department's 部门支出总表, in memory.</summary>
internal static class DocxSamples
{
    /// <summary>
    /// Heading, title, unit line, then a 支出总表 whose header has 科目 spanning two grid columns and 合计 / 基本支出 /
    /// 项目支出 merged over two rows; then a note paragraph and a second table with a multi-paragraph cell, a nested
    /// table and a row starting after one skipped grid column.
    /// </summary>
    public static byte[] ExpenditureSummary()
    {
        return Build(body =>
        {
            body.Append(Para("某某市财政局2025年部门预算", "Heading1"));
            body.Append(Para("部门预算支出总表"));
            body.Append(Para(""));
            body.Append(Para("单位：万元"));
            body.Append(Table(
                Row(Cell("科目", gridSpan: 2), Cell("合计", vMerge: MergedCellValues.Restart),
                    Cell("基本支出", vMerge: MergedCellValues.Restart), Cell("项目支出", vMerge: MergedCellValues.Restart)),
                Row(Cell("科目编码"), Cell("科目名称"), Cell("", vMerge: MergedCellValues.Continue), Cell("", vMergeContinue: true),
                    Cell("", vMerge: MergedCellValues.Continue)),
                Row(Cell(""), Cell("合计"), Cell("115.02"), Cell("100.00"), Cell("15.02")),
                Row(Cell("208"), Cell("社会保障和就业支出"), Cell("115.02"), Cell("100.00"), Cell("15.02")),
                Row(Cell("20805"), Cell("行政事业单位养老支出"), Cell("115.02"), Cell("100.00"), Cell("15.02")),
                Row(Cell("2080505"), Cell("机关事业单位基本养老保险缴费支出"), Cell("115.02"), Cell("100.00"), Cell("15.02"))));
            body.Append(Para("注：本表金额保留两位小数。"));
            var nested = Table(Row(Cell("内表甲"), Cell("内表乙")), Row(Cell("内表丙"), Cell("")));
            var multi = new TableCell(Para("第一段"), Para(""), Para("第二段"));
            var withNested = new TableCell(Para("外层"), nested, Para(""));
            var shifted = Row(Cell("右移"));
            shifted.PrependChild(new TableRowProperties(new GridBefore { Val = 1 }));
            var second = Table(Row(multi, withNested));
            second.Append(shifted);
            body.Append(second);
        });
    }

    public static byte[] Build(Action<Body> fill)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            fill(body);
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    public static Paragraph Para(string text, string? style = null)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        if (text.Length > 0) p.Append(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return p;
    }

    /// <summary>A table with its w:tblGrid (required by the schema; LibreOffice lays merged cells out by it).</summary>
    public static Table Table(params TableRow[] rows)
    {
        var columns = rows.Max(r => r.Elements<TableCell>().Sum(c => c.TableCellProperties?.GridSpan?.Val?.Value ?? 1));
        var grid = new TableGrid(Enumerable.Range(0, columns).Select(_ => new GridColumn { Width = "1800" }));
        var table = new Table(new TableProperties(new TableWidth { Width = "0", Type = TableWidthUnitValues.Auto }), grid);
        table.Append(rows);
        return table;
    }

    public static TableRow Row(params TableCell[] cells) => new(cells);

    /// <param name="vMergeContinue">Writes a bare &lt;w:vMerge/&gt;, which Word means as "continue".</param>
    public static TableCell Cell(string text, int gridSpan = 1, MergedCellValues? vMerge = null, bool vMergeContinue = false)
    {
        var properties = new TableCellProperties();
        if (gridSpan > 1) properties.Append(new GridSpan { Val = gridSpan });
        if (vMerge is { } v) properties.Append(new VerticalMerge { Val = v });
        else if (vMergeContinue) properties.Append(new VerticalMerge());
        return new TableCell(properties, Para(text));
    }
}
