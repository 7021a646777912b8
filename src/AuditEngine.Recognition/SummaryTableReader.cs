using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads the two-sided summary tables (部门收支总表, 财政拨款收支总表): each printed row holds an income line and an
/// expenditure line side by side. Rows are read as a sequence of label and figure tokens, which survives OCR
/// flattening several cells into one.
/// </summary>
internal static partial class SummaryTableReader
{
    private static readonly string[] ExpenditureWords =
    [
        "支出", "一般公共服务", "外交", "国防", "公共安全", "教育", "科学技术", "文化", "社会保障和就业", "社会保险基金",
        "卫生", "节能环保", "城乡社区", "农林水", "交通运输", "资源勘探", "商业服务业", "金融", "援助其他地区",
        "自然资源", "住房保障", "粮油物资", "灾害防治", "预备费", "转移性", "债务", "抗疫", "人行科目", "年终结转",
        // A 决算 closes its expenditure side with 结余分配 and 年末结转和结余 (the income side opens with 年初结转和结余).
        "年末结转", "结余分配",
    ];

    private abstract record Token(TableGrid.GridCell Cell);
    private sealed record Label(string Text, TableGrid.GridCell Cell) : Token(Cell);
    private sealed record Figure(string Text, TableGrid.GridCell Cell, bool Split) : Token(Cell);
    private sealed record Blank(TableGrid.GridCell Cell) : Token(Cell);

    public static void Read(TableGrid grid, BudgetTable table, decimal unitFactor, List<ExtractionNote> notes)
    {
        var dataStart = grid.Rows.FindIndex(r => r.Any(c => c.Text.Length > 0 && ChineseText.ParseAmount(c.Text) is not null)
                                                 || r.Any(c => c.Text.Contains("一、")));
        if (dataStart < 0) dataStart = grid.Rows.Count;
        var rightColumns = RightColumns(grid.Rows.Take(dataStart).ToList(), table.Kind);
        var width = TableGrid.ModalWidth(grid.Rows.Skip(dataStart));
        var index = 0;
        var details = new List<BudgetRow>();
        var irregularRows = 0;
        foreach (var row in grid.Rows.Skip(dataStart))
        {
            var irregular = row.Count != width;
            var tokens = Tokenise(row);
            var sidesInRow = new List<string>();
            // Several labels or a label and a figure in one cell: OCR flattened this row.
            if (irregular || tokens.Any(t => t is Figure { Split: true }) || tokens.OfType<Label>().GroupBy(t => t.Cell).Any(g => g.Count() > 1)) irregularRows++;
            for (var i = 0; i < tokens.Count; i++)
            {
                if (tokens[i] is not Label label) continue;
                var figures = new List<Token>();
                for (var j = i + 1; j < tokens.Count && tokens[j] is not Label; j++) figures.Add(tokens[j]);
                var name = CodeTableReader.CleanName(label.Text);
                if (name.Length == 0 || name is "项目" or "收入" or "支出") continue;
                var side = SideOf(name);
                // A 决算 prints 总计 on both sides of one line: the second is the expenditure side's.
                if (name is "总计" or "合计" && sidesInRow.Contains("收入")) side = "支出";
                sidesInRow.Add(side);
                var columns = side == "支出" ? rightColumns : ["合计"];
                var budgetRow = new BudgetRow
                {
                    Index = ++index, Name = name, Side = side, TableTitle = table.Title,
                    Provenance = new Provenance(label.Cell.Source.Page, label.Cell.Source.Line, table.Title, index),
                };
                for (var k = 0; k < figures.Count && k < columns.Length; k++)
                {
                    if (figures[k] is not Figure f) continue;
                    var cell = AmountReader.Read(f.Cell with { Text = f.Text }, columns[k], index, table.Title, unitFactor, irregular || f.Split);
                    if (cell is not null) budgetRow.Cells.TryAdd(columns[k], cell);
                }
                table.Rows.Add(budgetRow);
                if (ChineseText.Compact(label.Text).StartsWith("其中")) details.Add(budgetRow);
            }
        }
        AssignRoles(table);
        if ((irregularRows >= 3 || irregularRows > (grid.Rows.Count - dataStart) / 5) && table.Rows.Count > 0)
        {
            // OCR flattened the two sides into one stream: which figure belongs to which line is a reconstruction.
            foreach (var r in table.Rows)
                foreach (var (k, c) in r.Cells.ToList())
                    r.Cells[k] = new AmountCell { Text = c.Text, Value = c.Value, Decimals = c.Decimals, Rounding = c.Rounding, Provenance = c.Provenance with { Confidence = Math.Min(c.Provenance.Confidence, AmountReader.Realigned) } };
            notes.Add(new ExtractionNote($"{table.Title}：表格经识别后行列错位，已按文字顺序重建收支两侧，金额与项目的对应关系请人工核对", table.Provenance, Repaired: true));
        }
        foreach (var d in details) d.Role = "detail";
        foreach (var c in rightColumns.Prepend("合计").Distinct()) table.Columns.Add(c);
        AmountReader.MarkShortDecimals(table, notes);
        if (table.Rows.Count > 0 && !table.Rows.Any(r => r.Role == "total"))
            notes.Add(new ExtractionNote($"{table.Title}：未能识别收入总计 / 支出总计行", table.Provenance));
    }

    /// <summary>Figure columns of the expenditure side, from the header (合计, 一般公共预算, 政府性基金 …).</summary>
    private static string[] RightColumns(List<List<TableGrid.GridCell>> header, TableKind kind)
    {
        if (kind != TableKind.FiscalSummary) return ["合计"];
        foreach (var h in header.AsEnumerable().Reverse())
        {
            var names = h.Select(c => ColumnNames.Canonical(c.Text)).ToList();
            var first = names.IndexOf("合计");
            if (first < 0) continue;
            // The income side's own figure column (金额) comes first when both sides share a header row.
            var start = h.FindIndex(first + 1, c => ColumnNames.Canonical(c.Text) == "合计") is var second and >= 0
                        && h.Skip(first + 1).Take(second - first - 1).Any(c => c.Text.Contains("项目")) ? second : first;
            var result = new List<string>();
            for (var i = start; i < h.Count; i++)
            {
                var n = ColumnNames.Canonical(h[i].Text) ?? ("列" + (i - start + 1));
                if (n == "小计" && result.Count == 1) n = "一般公共预算";
                if (h[i].Text.Contains("其中")) n = "其中" + ChineseText.Compact(h[i].Text).Replace("其中：", "");
                result.Add(result.Contains(n) ? n + (i - start + 1) : n);
            }
            if (result.Count > 1) return [.. result];
        }
        return ["合计", "一般公共预算", "政府性基金", "国有资本经营"];
    }

    private static List<Token> Tokenise(List<TableGrid.GridCell> row)
    {
        var tokens = new List<Token>();
        foreach (var cell in row)
        {
            var t = cell.Text;
            if (t.Length == 0) { tokens.Add(new Blank(cell)); continue; }
            if (ChineseText.ParseAmount(t) is not null) { tokens.Add(new Figure(t, cell, false)); continue; }
            // OCR puts labels and figures of several columns into one cell.
            var pos = 0;
            foreach (Match m in EmbeddedAmount().Matches(t))
            {
                AddLabels(tokens, t[pos..m.Index], cell);
                tokens.Add(new Figure(m.Value, cell, true));
                pos = m.Index + m.Length;
            }
            AddLabels(tokens, t[pos..], cell);
        }
        // A leading bare number is the 序号 column.
        while (tokens.Count > 0 && tokens[0] is not Label) tokens.RemoveAt(0);
        return tokens;
    }

    /// <summary>“九、其他收入 十、卫生健康” holds two labels; only the last can own the figures that follow.</summary>
    private static void AddLabels(List<Token> tokens, string text, TableGrid.GridCell cell)
    {
        text = text.Trim();
        if (text.Length == 0) return;
        var parts = NumberedItem().Split(text).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        var starts = NumberedItem().Matches(text).Select(m => m.Value).ToList();
        if (parts.Count == 0) return;
        var offset = starts.Count == parts.Count ? 0 : 1;
        for (var i = 0; i < parts.Count; i++)
        {
            var prefix = i - offset >= 0 && i - offset < starts.Count ? starts[i - offset] : "";
            if (i < parts.Count - 1) { tokens.Add(new Label(prefix + parts[i], cell)); tokens.Add(new Blank(cell)); }
            else tokens.Add(new Label(prefix + parts[i], cell));
        }
    }

    private static string SideOf(string name)
    {
        // 年末（年终）财政拨款结转和结余 closes the expenditure side although it names 拨款.
        if (name.StartsWith("年末") || name.StartsWith("年终")) return "支出";
        if (name.Contains("收入") || name.Contains("拨款") || name.Contains("上年结转") || name == "单位资金"
            || name.StartsWith("其中") || name.Contains("财政专户")) return "收入";
        return ExpenditureWords.Any(name.Contains) ? "支出" : "收入";
    }

    private static void AssignRoles(BudgetTable table)
    {
        foreach (var side in new[] { "收入", "支出" })
        {
            var rows = table.Rows.Where(r => r.Side == side).ToList();
            var hasGrandTotal = rows.Any(r => r.Name.Contains("总计"));
            foreach (var r in rows)
            {
                r.Role = r.Name switch
                {
                    var n when n.Contains("总计") => "total",
                    var n when n.StartsWith("本年") => "subtotal",
                    var n when n.EndsWith("合计") => hasGrandTotal ? "subtotal" : "total",
                    var n when n.Contains("结转") || n.Contains("结余") => "carryover",
                    var n when n.StartsWith("其中") => "detail",
                    _ => side == "收入" ? "item" : "class",
                };
            }
        }
    }

    [GeneratedRegex(@"-?\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d{1,2})?|-?\d+\.\s?\d{1,2}|(?<![\d一-龥])\d+(?![\d年月日%])")]
    private static partial Regex EmbeddedAmount();

    [GeneratedRegex(@"(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")]
    private static partial Regex NumberedItem();
}
