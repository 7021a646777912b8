using AuditEngine.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace AuditEngine.SampleGen;

/// <summary>
/// Writes a source layout as the kind of Word file bureaus upload: A4, a CJK font, paragraphs in order, table
/// titles in bold and every table with single rulings on all cells, so a PDF rendered from it has the lines
/// intake's grid detection looks for.
/// </summary>
public static class DocxWriter
{
    public const string DefaultFont = "Noto Sans CJK SC";

    // A4 in twentieths of a point, with 2 cm margins: the page bureaus print on.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - 2 * Margin;

    private const string BodySize = "21"; // 10.5 pt (五号), the usual body size
    private const string TableSize = "16"; // 8 pt keeps wide tables legible without overflowing the page

    public static void Write(SourceDocument source, string path, string font = DefaultFont)
    {
        using var doc = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = doc.AddMainDocumentPart();
        AddStyles(main, font);
        var body = new Body();
        foreach (var block in source.Layout.Blocks)
        {
            switch (block)
            {
                case AuditEngine.Model.Paragraph p:
                    body.Append(TextParagraph(p.Text, bold: source.TitleParagraphs.Contains(p), size: BodySize,
                        centred: source.TitleParagraphs.Contains(p)));
                    break;
                case LayoutTable t:
                    var table = source.Tables.First(s => ReferenceEquals(s.Table, t));
                    foreach (var caption in t.Caption) body.Append(TextParagraph(caption, bold: true, size: BodySize, centred: true));
                    body.Append(BuildTable(table));
                    // Word merges adjacent tables into one; an empty paragraph keeps them apart as in the source.
                    body.Append(new DocumentFormat.OpenXml.Wordprocessing.Paragraph());
                    break;
            }
        }
        body.Append(new SectionProperties(
            new PageSize { Width = PageWidth, Height = PageHeight },
            new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 567, Footer = 567, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>Document defaults carry the font so every run, including empty cells, measures with CJK metrics.</summary>
    private static void AddStyles(MainDocumentPart main, string font)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = font, HighAnsi = font, EastAsia = font, ComplexScript = font },
                new FontSize { Val = BodySize },
                new Languages { Val = "en-US", EastAsia = "zh-CN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }))));
        styles.Styles.Save();
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Paragraph TextParagraph(string text, bool bold, string size, bool centred)
    {
        var props = new ParagraphProperties();
        if (centred) props.Append(new Justification { Val = JustificationValues.Center });
        var paragraph = new DocumentFormat.OpenXml.Wordprocessing.Paragraph(props);
        var runProps = new RunProperties();
        if (bold) runProps.Append(new Bold());
        runProps.Append(new FontSize { Val = size });
        var run = new Run(runProps);
        // A cell written over several lines in the source keeps its line breaks.
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) run.Append(new Break());
            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        paragraph.Append(run);
        return paragraph;
    }

    private static Table BuildTable(SourceTable source)
    {
        var grid = CellGrid.From(source.Table);
        var widths = ColumnWidths(grid);
        var table = new Table();
        table.Append(new TableProperties(
            new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
                new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "000000" }),
            new TableCellMarginDefault(
                new TopMargin { Width = "20", Type = TableWidthUnitValues.Dxa },
                new TableCellLeftMargin { Width = 57, Type = TableWidthValues.Dxa },
                new BottomMargin { Width = "20", Type = TableWidthUnitValues.Dxa },
                new TableCellRightMargin { Width = 57, Type = TableWidthValues.Dxa })));
        var gridElement = new TableGrid();
        foreach (var w in widths) gridElement.Append(new GridColumn { Width = w.ToString() });
        table.Append(gridElement);

        for (var r = 0; r < grid.Rows; r++)
        {
            var row = new TableRow();
            var rowProps = new TableRowProperties(new CantSplit());
            if (r < source.HeaderRows) rowProps.Append(new TableHeader());
            row.Append(rowProps);
            for (var c = 0; c < grid.Columns;)
            {
                var slot = grid[r, c];
                var span = slot.Origin?.ColumnSpan ?? (slot.Covering is { } cover && cover.Column == c ? cover.ColumnSpan : 1);
                span = Math.Min(span, grid.Columns - c);
                var width = widths.Skip(c).Take(span).Sum();
                var props = new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa });
                if (span > 1) props.Append(new GridSpan { Val = span });
                if (slot.Origin is { RowSpan: > 1 }) props.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                else if (slot.Covering is not null && slot.Covering.Row < r) props.Append(new VerticalMerge { Val = MergedCellValues.Continue });
                props.Append(CellBorders());
                var cell = new TableCell(props);
                cell.Append(TextParagraph(slot.Origin?.Text ?? "", bold: r < source.HeaderRows, size: TableSize, centred: false));
                row.Append(cell);
                c += span;
            }
            table.Append(row);
        }
        return table;
    }

    /// <summary>Borders on the cell too: some converters drop table-level inside borders next to merged cells.</summary>
    private static TableCellBorders CellBorders() => new(
        new TopBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
        new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
        new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "000000" },
        new RightBorder { Val = BorderValues.Single, Size = 4, Color = "000000" });

    /// <summary>
    /// Widths follow the longest text of each column (clamped), so name columns get room and number columns do not
    /// waste it; the sum is exactly the text width.
    /// </summary>
    private static int[] ColumnWidths(CellGrid grid)
    {
        var weights = new double[grid.Columns];
        for (var c = 0; c < grid.Columns; c++)
        {
            var longest = 0;
            for (var r = 0; r < grid.Rows; r++)
                if (grid[r, c].Origin is { ColumnSpan: 1 } cell)
                    longest = Math.Max(longest, cell.Text.Split('\n').Max(l => l.Length));
            weights[c] = Math.Clamp(longest, 4, 16);
        }
        var total = weights.Sum();
        var widths = weights.Select(w => (int)(TextWidth * w / total)).ToArray();
        widths[^1] += TextWidth - widths.Sum();
        return widths;
    }
}
