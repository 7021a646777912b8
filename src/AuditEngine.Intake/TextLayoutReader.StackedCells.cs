using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Tables that web pages and PDFs converted to text print one cell per line: “项目 / 预算数 / 决算数 / 合计 / 18 / 6.28 /
/// 因公出国（境）费 / 0 / 0 / …”, each cell alone on its line, sometimes closed by a bar (“合 计 |”) or with a line holding
/// only a bar between two cells. Read as paragraphs, such a table gave no figures to the rules, and its cells ran
/// together into false findings.
/// </summary>
public static partial class TextLayoutReader
{
    /// <summary>Widest cell a stacked table holds: a row label such as “其中：公务用车运行维护费”.</summary>
    private const int StackedCellMaxLength = 30;
    private const int StackedMinColumns = 3;
    /// <summary>
    /// Cells closed by bars are a converter's table cells, not lines of text: two columns (“项目 | / 预算数 | / 合计 | /
    /// 4432 | / …”, 重庆) are a table there, with three rows of figures at least; label and figure pairs in plain lines are not.
    /// </summary>
    private const int StackedMinColumnsClosed = 2;
    private const int StackedMinRowsTwoColumns = 3;
    private const int StackedMaxColumns = 10;
    /// <summary>Rows of figures under the header that confirm a stacked table: one row could be chance.</summary>
    private const int StackedMinRows = 2;

    private readonly record struct StackedCell(string Text, int Line);

    /// <summary>
    /// The stacked tables of a text, by the index of the line they start on, with the index of their last line. A run of
    /// short lines (blank lines and bar lines between them kept in the run) is such a table where k of them, k ≥ 3 (2 where
    /// every cell is closed by a bar), are
    /// header cells — words, each over a figure column naming an amount (数, 计, 费, 额, 支出, 预算, 增减, 年 …) — and the
    /// lines after them fall into rows of k: a label in words, then k − 1 figures, at least two such rows. Narrative,
    /// headings and lists have no such rows of figures and stay paragraphs; so do lines the rows do not reach.
    /// </summary>
    private static Dictionary<int, (int Last, LayoutTable Table)> FindStackedTables(string[] lines)
    {
        var found = new Dictionary<int, (int, LayoutTable)>();
        var run = new List<StackedCell>();
        var barClosed = 0;
        var texts = 0;
        void EndRun()
        {
            if (run.Count >= StackedMinColumnsClosed * (1 + StackedMinRowsTwoColumns)) ReadStackedRun(run, found);
            run.Clear();
            barClosed = texts = 0;
        }
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripMarkup(lines[i]).Trim().Trim('\u00A0', '\u3000');
            if (line.Length == 0) continue;
            if (line == "|")
            {
                // A bar alone: between cells (“年度 / | / 合计 / |”), or an empty cell where every cell is closed by a bar.
                run.Add(new StackedCell("|", i));
                continue;
            }
            if (!IsStackedCellLine(line)) { EndRun(); continue; }
            texts++;
            if (line.EndsWith('|') || line.StartsWith('|')) { barClosed++; line = line.Trim('|').Trim(); }
            run.Add(new StackedCell(line, i));
        }
        EndRun();
        return found;

        void ReadStackedRun(List<StackedCell> cells, Dictionary<int, (int, LayoutTable)> into)
        {
            // Closed by bars (“合 计 |”): a bar alone is an empty cell. Otherwise bars only separate cells.
            var closed = barClosed * 2 > texts;
            var list = closed
                ? cells.Select(c => c.Text == "|" ? c with { Text = "" } : c).ToList()
                : cells.Where(c => c.Text != "|").ToList();
            for (var at = 0; at < list.Count;)
            {
                var (k, rows) = BestStackedShape(list, at, closed ? StackedMinColumnsClosed : StackedMinColumns);
                if (k == 0) { at++; continue; }
                var table = new LayoutTable { Line = list[at].Line + 1 };
                for (var r = 0; r <= rows; r++)
                    for (var c = 0; c < k; c++)
                    {
                        var cell = list[at + r * k + c];
                        table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = cell.Text, Line = cell.Line + 1 });
                    }
                var end = at + (rows + 1) * k;
                into[list[at].Line] = (list[end - 1].Line, table);
                at = end;
            }
        }
    }

    /// <summary>A line that may be one cell: short, no tab, no pipe row, no sentence.</summary>
    private static bool IsStackedCellLine(string line)
    {
        if (line.Contains('\t') || IsPipeRow(line) || line.Contains('。') || line.Contains('；')) return false;
        var bars = line.Count(c => c == '|');
        if (bars > 1 || bars == 1 && !(line.EndsWith('|') || line.StartsWith('|'))) return false;
        return line.Trim('|').Trim().Replace(" ", "").Length is > 0 and <= StackedCellMaxLength;
    }

    /// <summary>
    /// The column count and number of figure rows of the stacked table whose header starts at <paramref name="at"/>;
    /// (0, 0) when none fits. Of several column counts that fit, the one whose table covers most cells.
    /// </summary>
    private static (int Columns, int Rows) BestStackedShape(List<StackedCell> cells, int at, int minColumns)
    {
        var best = (Columns: 0, Rows: 0);
        if (!IsStackedLabel(cells[at].Text)) return best;
        for (var k = minColumns; k <= StackedMaxColumns && at + k * (1 + StackedMinRows) <= cells.Count; k++)
        {
            var minRows = k == 2 ? StackedMinRowsTwoColumns : StackedMinRows;
            // The header: words throughout, the stub first, then a column name naming an amount over each figure column.
            var header = true;
            for (var c = 1; c < k && header; c++)
                header = IsStackedLabel(cells[at + c].Text) && AmountColumnName().IsMatch(cells[at + c].Text);
            if (!header) continue;
            var rows = 0;
            for (var start = at + k; start + k <= cells.Count; start += k)
            {
                var row = IsStackedLabel(cells[start].Text);
                for (var c = 1; c < k && row; c++) row = IsStackedFigure(cells[start + c].Text);
                if (!row) break;
                rows++;
            }
            if (rows >= minRows && (rows + 1) * k > (best.Rows + 1) * best.Columns) best = (k, rows);
        }
        return best;
    }

    /// <summary>Words (a header or a row label), not a figure and not empty.</summary>
    private static bool IsStackedLabel(string text) =>
        text.Length > 0 && !IsStackedFigure(text) && text.Any(c => char.IsLetter(c));

    /// <summary>A printed figure (“6.28”, “1,234.00”, “-16.77”, “12%”), a dash for nothing, or an empty cell.</summary>
    private static bool IsStackedFigure(string text) => text.Length == 0 || StackedFigure().IsMatch(text);

    [GeneratedRegex(@"^(?:[-−－–—]?\s*(?:\d{1,3}(?:[,，]\s?\d{3})+|\d+)(?:\s?\.\s?\d+)?\s*[%％]?|[-−－–—/／]{1,2})$")]
    private static partial Regex StackedFigure();

    /// <summary>The name of a column of figures: an amount, a count of money, a year, a change or a rate (either script).</summary>
    [GeneratedRegex(@"[数數计計费費额額金]|支出|收入|预算|預算|决算|決算|增减|增減|比|率|[%％]|年")]
    private static partial Regex AmountColumnName();
}
