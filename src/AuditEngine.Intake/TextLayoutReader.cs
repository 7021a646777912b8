using System.Text;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Reads the text forms disclosures arrive in: Word files dumped one cell per line (tab-indented, a blank line
/// between rows), and markdown / OCR text whose tables are tab-separated rows, markdown pipe rows (“| a | b |”, and
/// web pages converted to text: “a | b |”) or cells stacked one per line (see FindStackedTables). The form is decided
/// from the content, per document.
/// </summary>
public static partial class TextLayoutReader
{
    public static Layout Read(string text, string name)
    {
        text = WithoutConverterPinyin(text.TrimStart('\uFEFF'));
        var lines = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        var layout = new Layout { Source = name };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        if (IsCellPerLine(lines)) ReadCellPerLine(lines, layout);
        else ReadTabSeparated(lines, layout);
        return layout;
    }

    /// <summary>A Word dump has many lines holding exactly one tab-indented cell and few tab-separated rows.</summary>
    private static bool IsCellPerLine(string[] lines)
    {
        int single = 0, multi = 0;
        foreach (var l in lines)
        {
            if (l.Length == 0 || l[0] != '\t') { if (l.TrimEnd().Contains('\t')) multi++; continue; }
            if (l.AsSpan(1).TrimEnd().Contains('\t')) multi++; else single++;
        }
        return single > 20 && single > 3 * multi;
    }

    private static void ReadCellPerLine(string[] lines, Layout layout)
    {
        LayoutTable? table = null;
        var row = new List<(string Text, int Line)>();
        var rowIndex = 0;

        void EndRow()
        {
            if (row.Count == 0) return;
            if (row.Any(c => c.Text.Length > 0))
            {
                table ??= new LayoutTable { Line = row[0].Line };
                for (var i = 0; i < row.Count; i++)
                    table.Cells.Add(new LayoutCell { Row = rowIndex, Column = i, Text = row[i].Text, Line = row[i].Line });
                rowIndex++;
            }
            row.Clear();
        }

        void EndTable()
        {
            EndRow();
            if (table is { Cells.Count: > 0 }) layout.Blocks.Add(table);
            table = null;
            rowIndex = 0;
        }

        var previousWasCell = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripMarkup(lines[i]);
            if (line.StartsWith('\t'))
            {
                if (table is null && row.Count == 0) table = new LayoutTable { Line = i + 1 };
                row.Add((Clean(line), i + 1));
                previousWasCell = true;
                continue;
            }
            if (previousWasCell && line.Trim().Length > 0 && !lines[i].Contains("[bookmark") && !line.TrimEnd().EndsWith('表'))
            {
                // A cell holding several paragraphs continues on untabbed lines until the blank row separator.
                row[^1] = (row[^1].Text + "\n" + Clean(line), row[^1].Line);
                continue;
            }
            previousWasCell = false;
            if (line.Trim().Length == 0)
            {
                EndRow();
            }
            else
            {
                EndTable();
                layout.Blocks.Add(new Paragraph { Text = Clean(line), Line = i + 1 });
            }
        }
        EndTable();
    }

    private static void ReadTabSeparated(string[] lines, Layout layout)
    {
        LayoutTable? table = null;
        var rowIndex = 0;
        var stacked = FindStackedTables(lines);
        for (var i = 0; i < lines.Length; i++)
        {
            if (stacked.TryGetValue(i, out var stackedTable))
            {
                if (table is not null) { layout.Blocks.Add(table); table = null; rowIndex = 0; }
                layout.Blocks.Add(stackedTable.Table);
                i = stackedTable.Last;
                continue;
            }
            var line = StripMarkup(lines[i]);
            // A markdown table's rule line (“---|---|”, “| :--- | ---: |”) is no row.
            if (table is not null && PipeRule().IsMatch(line)) continue;
            if (line.Contains('\t') && line.Trim().Length > 0 || IsPipeRow(line))
            {
                table ??= new LayoutTable { Line = i + 1 };
                var cells = line.Contains('\t') ? line.TrimEnd('\r', ' ').Split('\t') : PipeCells(line);
                for (var c = 0; c < cells.Length; c++)
                    table.Cells.Add(new LayoutCell { Row = rowIndex, Column = c, Text = Clean(cells[c]), Line = i + 1 });
                rowIndex++;
                continue;
            }
            // A line of tabs alone inside a table, with more rows after it, is a printed empty row (blank rows above a
            // 总计 row), not the table's end.
            if (table is not null && IsEmptyRow(line) && RowsFollow(lines, i))
            {
                var cells = line.TrimEnd('\r', ' ').Split('\t');
                for (var c = 0; c < cells.Length; c++)
                    table.Cells.Add(new LayoutCell { Row = rowIndex, Column = c, Text = "", Line = i + 1 });
                rowIndex++;
                continue;
            }
            // Rows printed with spaces between the columns, under a header that was tab-separated.
            if (table is not null && table.Cells.Count(c => c.Row == rowIndex - 1) is var width && ReadSpacedRows(lines, i, width) is { } spacedRows)
            {
                foreach (var (cells, rowLine) in spacedRows.Rows) AddSpacedRow(table, rowIndex++, cells, rowLine, width);
                i = spacedRows.Last;
                continue;
            }
            if (table is not null) { layout.Blocks.Add(table); table = null; rowIndex = 0; }
            if (ReadSpacedTable(lines, i) is { } spaced)
            {
                layout.Blocks.Add(spaced.Table);
                i = spaced.Last;
                continue;
            }
            var text = Clean(line);
            if (text.Length > 0) layout.Blocks.Add(new Paragraph { Text = text, Line = i + 1 });
        }
        if (table is not null) layout.Blocks.Add(table);
    }

    /// <summary>
    /// A markdown or web-page table row, “| a | b |” or “a | b |” (pages converted to text flatten their tables so): two
    /// bars or more, and a bar at the start or the end of the line.
    /// </summary>
    private static bool IsPipeRow(string line)
    {
        var t = line.Trim();
        return t.Count(c => c == '|') >= 2 && (t.StartsWith('|') || t.EndsWith('|')) && !PipeRule().IsMatch(t);
    }

    /// <summary>The cells between the bars; the outer bars enclose no cell.</summary>
    private static string[] PipeCells(string line)
    {
        var t = line.Trim();
        if (t.StartsWith('|')) t = t[1..];
        if (t.EndsWith('|')) t = t[..^1];
        return t.Split('|').Select(c => c.Replace("**", "")).ToArray();
    }

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex PipeRule();

    /// <summary>Two tabs or more and nothing else: the empty cells of a row of three columns or more.</summary>
    private static bool IsEmptyRow(string line) => line.Trim().Length == 0 && line.Count(c => c == '\t') >= 2;

    /// <summary>After the empty rows from <paramref name="i"/> on, a row with content follows.</summary>
    private static bool RowsFollow(string[] lines, int i)
    {
        var j = i + 1;
        while (j < lines.Length && IsEmptyRow(lines[j])) j++;
        return j < lines.Length && lines[j].Contains('\t') && lines[j].Trim().Length > 0;
    }

    /// <summary>Removes Word bookmarks and markdown decoration that carry no content.</summary>
    private static string StripMarkup(string line)
    {
        line = Bookmark().Replace(line, "");
        var t = line.TrimStart(' ');
        if (t.StartsWith('#')) line = t.TrimStart('#').TrimStart();
        else if (t.StartsWith("- ", StringComparison.Ordinal)) line = t[2..];
        return line.Replace("<u>", "").Replace("</u>", "");
    }

    private static string Clean(string s) => s.Trim().Trim('\u00A0', '\u3000');

    [GeneratedRegex(@"\[bookmark:[^\]]*\]")]
    private static partial Regex Bookmark();
}
