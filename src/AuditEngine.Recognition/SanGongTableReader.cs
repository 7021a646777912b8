using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads the 三公 table into rows named by canonical item (合计, 因公出国（境）费, 公务用车购置及运行维护费,
/// 公务用车购置费, 公务用车运行维护费, 公务接待费, 会议费, 培训费) with columns 预算数 and, where printed,
/// 上年预算数 and 增减. Handles the vertical layout (items down the side) and the horizontal one (items across).
/// </summary>
internal static partial class SanGongTableReader
{
    private static readonly string[] StatisticWords = ["团组", "保有量", "批次", "人次", "人数", "购置数", "（辆）", "（个）", "（人）"];

    public static string? Item(string label, string context = "")
    {
        var t = ChineseText.Compact(label);
        // Shanghai prints 机关运行经费 in the 三公 table's last column: it is no 三公 item (nor 公务用车运行费).
        if (t.Contains("机关运行") || t.Contains("机关（机构）运行")) return null;
        // The statistics printed under some 三公 tables (团组数, 公务用车保有量（辆）, 接待批次, 人数) count, they are no money.
        if (StatisticWords.Any(t.Contains)) return null;
        // The table's own title repeated as its first row (“…部门“三公”经费情况统计表”) is no total.
        if (t.Contains("三公") && t.EndsWith('表')) return null;
        if (t.Contains("三公") || t is "合计" or "总计") return "合计";
        if (t.Contains("出国")) return FigureKeys.因公出国费;
        if (t.Contains("购置及运") || t == "小计" && context.Contains("公务用车")) return FigureKeys.公务用车费;
        if (t.Contains("购置")) return FigureKeys.公务用车购置费;
        if (t.Contains("运行") || t.Contains("运维")) return FigureKeys.公务用车运行维护费;
        if (t.Contains("接待")) return FigureKeys.公务接待费;
        if (t.Contains("会议")) return "会议费";
        if (t.Contains("培训")) return "培训费";
        // “3.公务用车费” over “其中：(1)公务用车运行维护费 (2)公务用车购置” (广西, 湖南 预算 templates): the vehicle subtotal.
        if (t.Contains("公务用车")) return FigureKeys.公务用车费;
        // “一、支出合计”: a numbered total.
        if (t.EndsWith("合计") || t.EndsWith("总计")) return "合计";
        return null;
    }

    public static void Read(TableGrid grid, BudgetTable table, decimal unitFactor, int? year, List<ExtractionNote> notes)
    {
        var horizontal = grid.Rows.Take(3).Any(r => r.Count(c => Item(c.Text) is not null) >= 3);
        if (horizontal) ReadHorizontal(grid, table, unitFactor);
        else ReadVertical(grid, table, unitFactor, year);
        foreach (var c in table.Rows.SelectMany(r => r.Cells.Keys).Distinct()) table.Columns.Add(c);
        // Figures printed but no item recognised: say so rather than audit an empty 三公 table.
        if (table.Rows.Count == 0 && grid.Rows.Any(r => r.Any(c => ChineseText.ParseAmount(c.Text) is not null)))
            notes.Add(new ExtractionNote($"{table.Title}：未能识别三公经费各项目", table.Provenance));
        AmountReader.MarkShortDecimals(table, notes);
    }

    /// <summary>
    /// The note under a 三公 table that the template reserves for the reasons (云南: “注：一、…“三公”经费包括… 二、“三公”经费
    /// 增减变化原因说明：因…公务接待费无法满足…申请调增…”): the reason of the total, and of each item it names, as a 原因
    /// column would be. Only the text from the reason heading on counts: the definitions before it name every item.
    /// </summary>
    public static void ReadReasonNotes(IEnumerable<string> notes, BudgetTable table)
    {
        foreach (var note in notes)
        {
            var t = ChineseText.Compact(note);
            var at = t.IndexOf("原因", StringComparison.Ordinal);
            if (at < 0) continue;
            var reason = t[at..];
            // “增减变化原因说明：” with nothing after it is the template's empty slot.
            var body = ReasonHeading().Replace(reason, "");
            if (body.Count(ChineseText.IsCjk) < 6) continue;
            foreach (var row in table.Rows.Where(r => !r.HasReason))
                if (row.Name == "合计" || ItemWords(row.Name).Any(body.Contains))
                    row.Reason = body;
        }
    }

    /// <summary>How a reason note names an item: 接待 for 公务接待费, 出国 for 因公出国（境）费, and so on.</summary>
    private static IEnumerable<string> ItemWords(string item) => item switch
    {
        FigureKeys.因公出国费 => ["出国"],
        FigureKeys.公务接待费 => ["接待"],
        FigureKeys.公务用车购置费 => ["车辆购置", "公务用车购置", "购置车", "购车"],
        FigureKeys.公务用车运行维护费 => ["运行维护", "运维", "车辆运行"],
        FigureKeys.公务用车费 => ["公务用车"],
        _ => [item],
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"^原因(?:说明)?[：:]?")]
    private static partial System.Text.RegularExpressions.Regex ReasonHeading();

    private static void ReadVertical(TableGrid grid, BudgetTable table, decimal unitFactor, int? year)
    {
        var header = grid.Rows.TakeWhile(r => !r.Any(c => Item(c.Text) is not null)).ToList();
        var columns = ColumnsOf(header.Where(h => !IsColumnNumberRow(h)).ToList(), year);
        // 河北 and 江苏 templates print a 合计 of 三公 with 会议费 and 培训费 above (or beside) a “三公”经费小计: that
        // subtotal is the 三公 total, and the wider sum is kept apart as 总计 so no 三公 rule reads it.
        var sanGongSubtotal = grid.Rows.Skip(header.Count).Any(r => r.Any(c => Item(c.Text) == "合计" && ChineseText.Compact(c.Text).Contains("三公")));
        var index = 0;
        foreach (var row in grid.Rows.Skip(header.Count))
        {
            var at = row.FindIndex(c => Item(c.Text) is not null);
            if (at < 0) continue;
            var item = Item(row[at].Text)!;
            if (item == "合计" && sanGongSubtotal && !ChineseText.Compact(row[at].Text).Contains("三公")) item = "总计";
            if (table.Rows.Any(r => r.Name == item)) continue;
            var budgetRow = new BudgetRow
            {
                Index = ++index, Name = item, TableTitle = table.Title, Role = item == "合计" ? "total" : "item",
                Provenance = CodeTableReader.Prov(row, table.Title, index),
            };
            var sequential = columns.Count == 0 || columns.Keys.Max() >= row.Count;
            for (var k = at + 1; k < row.Count; k++)
            {
                var column = sequential ? (k == at + 1 ? "预算数" : null) : columns.GetValueOrDefault(k);
                if (column is null) continue;
                if (column == "原因") { budgetRow.Reason = row[k].Text; continue; }
                var cell = AmountReader.Read(row[k], column, index, table.Title, unitFactor, false);
                if (cell is not null) budgetRow.Cells.TryAdd(column, cell);
            }
            table.Rows.Add(budgetRow);
        }
    }

    /// <summary>
    /// Figure column names by absolute cell position: 预算数 for the first plain figure column; 上年预算数, 增减, 原因
    /// and the fund columns where the header says so.
    /// </summary>
    private static Dictionary<int, string> ColumnsOf(List<List<TableGrid.GridCell>> header, int? year)
    {
        var result = new Dictionary<int, string>();
        var detail = header.LastOrDefault(h => h.Count(c => c.Text.Length > 0) >= 2);
        if (detail is null) return result;
        // Two header rows (云南: 项目 | 2023年预算数 | 2024年预算数 | 比上年增、减情况 over 增、减金额 | 增、减幅度): a column
        // empty in the lower row is named by the row above it, and a band over the lower labels qualifies them.
        var bandRows = header.SkipWhile(h => h != detail && h.Count(c => c.Text.Length > 0) < 2).ToList();
        var labels = new string[detail.Count];
        for (var i = 0; i < detail.Count; i++)
        {
            var texts = bandRows.Select(h => i < h.Count ? h[i].Text : "").Where(x => x.Length > 0).ToList();
            var t = ChineseText.Compact(texts.LastOrDefault() ?? "");
            labels[i] = t;
            var changeBand = texts.SkipLast(1).Any(x => ChineseText.Compact(x).Replace("、", "").Contains("增减"));
            // The label column: 项目, 名称, or (重庆) a bare 支出 over the item names.
            if (t.Length == 0 || t.Contains("项目") || t.Contains("名称") || t is "支出" or "科目" or "类别" or "内容" or "序号" or "栏次" or "行次") continue;
            t = t.Replace("、", "");
            string? name =
                t.Contains("幅度") || t.Contains("增减率") || changeBand && (t.Contains('%') || t.Contains("率")) ? "增减幅度" :
                t.Contains("增减") || changeBand ? "增减" :
                t.Contains("原因") || t.Contains("说明") ? "原因" :
                t.Contains("决算") || t.Contains("年初预算") || t.Contains("全年预算") ? ValueColumn(t)! :
                t.Contains("上年") || year is { } y && t.Contains((y - 1).ToString()) ? "上年预算数" :
                t.Contains("一般公共预算") ? "一般公共预算" :
                t.Contains("政府性基金") ? "政府性基金" :
                t.Contains("国有资本") ? "国有资本经营" :
                "预算数";
            if (!result.ContainsValue(name)) result[i] = name;
        }
        // Two year columns and no known year: the earlier year is printed first.
        var yearCols = labels.Select((t, i) => (i, y: YearIn(t))).Where(p => p.y is not null).ToList();
        if (year is null && yearCols.Count == 2)
        {
            result[yearCols[0].i] = "上年预算数";
            result[yearCols[1].i] = "预算数";
        }
        return result;
    }

    /// <summary>A row of column numbers under the header (“栏次 | 1 | 2 | 3”, “序号 | 甲 | 1 | 2”): it names no column.</summary>
    private static bool IsColumnNumberRow(List<TableGrid.GridCell> row)
    {
        var texts = row.Select(c => ChineseText.Compact(c.Text)).Where(t => t.Length > 0).ToList();
        return texts.Count(t => t.All(char.IsAsciiDigit) && t.Length <= 2) >= 2
               && texts.All(t => t.All(char.IsAsciiDigit) && t.Length <= 2 || t is "栏次" or "行次" or "序号" or "甲" or "乙");
    }

    private static int? YearIn(string text)
    {
        var m = Year().Match(text);
        return m.Success ? int.Parse(m.Value) : null;
    }

    private static void ReadHorizontal(TableGrid grid, BudgetTable table, decimal unitFactor)
    {
        var data = grid.Rows.FirstOrDefault(r => r.Count(c => ChineseText.ParseAmount(c.Text) is not null) >= 1 && !r.Any(c => Item(c.Text) is not null));
        if (data is null) return;
        var header = grid.Rows.TakeWhile(r => r != data).ToList();
        var index = 0;
        for (var i = 0; i < data.Count; i++)
        {
            // Prefer the lower (more specific) header cell, fall back to the one above it. A merged header cell
            // covers the columns it spans: a 决算 prints 预算数 | 决算数 under each item.
            string? item = null;
            for (var h = header.Count - 1; h >= 0 && item is null; h--)
            {
                if (Covering(header, h, i) is not { } label) continue;
                var above = h > 0 ? Covering(header, h - 1, i) ?? "" : "";
                item = Item(label, context: above + (i > 0 && i - 1 < header[h].Count ? header[h][i - 1].Text : ""));
            }
            if (item is null) continue;
            var column = header.Select((_, h) => Covering(header, h, i)).Select(ValueColumn).LastOrDefault(c => c is not null) ?? "预算数";
            var budgetRow = table.Rows.FirstOrDefault(r => r.Name == item);
            if (budgetRow is null)
            {
                budgetRow = new BudgetRow
                {
                    Index = ++index, Name = item, TableTitle = table.Title, Role = item == "合计" ? "total" : "item",
                    Provenance = CodeTableReader.Prov(data, table.Title, index),
                };
                table.Rows.Add(budgetRow);
            }
            if (budgetRow.Cells.ContainsKey(column)) continue;
            var cell = AmountReader.Read(data[i], column, budgetRow.Index, table.Title, unitFactor, false);
            if (cell is not null) budgetRow.Cells[column] = cell;
        }
    }

    /// <summary>
    /// The text of the header cell in row <paramref name="h"/> that covers column <paramref name="i"/>: itself or a merged
    /// cell to its left. Where no merge is recorded (a text or markdown table, a PDF read cell by cell) and the last header
    /// row names the column's figure (预算数 | 决算数 under each item, a 决算's layout), a label followed by empty cells
    /// covers them up to where a label of its own row or of a row above starts another group: “公务接待费” over its pair,
    /// but not past the next item. Without that row an empty cell is left alone: OCR shifts labels (“公务用车购置及运”
    /// printed over the column after the one it starts at).
    /// </summary>
    private static string? Covering(List<List<TableGrid.GridCell>> header, int h, int i)
    {
        var row = header[h];
        // A band of figure names over item groups (the national 决算 template: 预算数 over six item columns, 决算数 over
        // the next six): each name covers the columns up to the next one.
        var labels = row.Where(c => c.Text.Length > 0).ToList();
        if (labels.Count >= 2 && labels.All(c => ValueColumn(c.Text) is not null))
            for (var j = Math.Min(i, row.Count - 1); j >= 0; j--)
                if (row[j].Text.Length > 0) return row[j].Text;
        for (var j = Math.Min(i, row.Count - 1); j >= 0; j--)
        {
            if (row[j].Text.Length == 0) continue;
            var span = row[j].Source.ColumnSpan;
            if (j + Math.Max(1, span) > i) return row[j].Text;
            if (span > 1 || i >= header[^1].Count || ValueColumn(header[^1][i].Text) is null) return null;
            for (var above = 0; above <= h; above++)
                for (var k = j + 1; k <= i && k < header[above].Count; k++)
                    if (header[above][k].Text.Length > 0) return null;
            return row[j].Text;
        }
        return null;
    }

    /// <summary>A sub-header naming which figure a column holds: 预算数 / 决算数 / 年初 / 全年 / 上年.</summary>
    private static string? ValueColumn(string? label)
    {
        var t = ChineseText.Compact(label ?? "");
        return t switch
        {
            _ when t.Contains("决算") => "决算数",
            _ when t.Contains("年初预算") => "年初预算数",
            _ when t.Contains("全年预算") || t.Contains("调整预算") => "全年预算数",
            _ when t.Contains("上年") => "上年预算数",
            _ when t == "预算数" || t == "预算" => "预算数",
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"20\d\d")]
    private static partial System.Text.RegularExpressions.Regex Year();
}
