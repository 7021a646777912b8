using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads tables whose rows are keyed by a 功能分类 / 经济分类 code (收入总表, 支出总表, 一般公共预算支出表,
/// 基本支出表, 政府性基金 / 国有资本经营 支出表, 项目支出表): finds the header, maps columns to canonical names,
/// joins codes printed split as 类 | 款 | 项, and reads the amounts.
/// </summary>
internal static partial class CodeTableReader
{
    /// <summary>Column layouts seen in the wild, used when the printed header is unreadable (OCR).</summary>
    private static readonly Dictionary<(TableKind, int), string[]> FallbackColumns = new()
    {
        [(TableKind.ExpenditureSummary, 3)] = ["合计", "基本支出", "项目支出"],
        [(TableKind.ExpenditureSummary, 6)] = ["合计", "基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"],
        [(TableKind.ExpenditureSummary, 11)] = ["合计", "基本支出", "人员经费", "工资福利支出", "对个人和家庭的补助", "公用经费", "商品和服务支出", "资本性支出", "项目支出", "其他运转类", "特定目标类"],
        [(TableKind.GeneralBudgetExpenditure, 3)] = ["合计", "基本支出", "项目支出"],
        [(TableKind.GeneralBudgetExpenditure, 9)] = ["合计", "基本支出", "工资福利支出", "对个人和家庭的补助", "商品和服务支出", "资本性支出", "项目支出", "其他运转类", "特定目标类"],
        [(TableKind.GovernmentFundExpenditure, 3)] = ["合计", "基本支出", "项目支出"],
        [(TableKind.StateCapitalExpenditure, 3)] = ["合计", "基本支出", "项目支出"],
        [(TableKind.GeneralBudgetBasicExpenditure, 3)] = ["合计", "人员经费", "公用经费"],
        [(TableKind.IncomeSummary, 10)] = ["合计", "小计", "财政拨款", "财政专户", "事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入", "上年结转"],
    };

    public static void Read(TableGrid grid, BudgetTable table, decimal unitFactor, List<ExtractionNote> notes)
    {
        var dataStart = grid.Rows.FindIndex(IsDataRow);
        if (dataStart < 0) { ReadHeaderOnly(grid, table); return; }
        var header = grid.Rows.Take(dataStart).ToList();
        var data = grid.Rows.Skip(dataStart).ToList();
        var width = TableGrid.ModalWidth(data);
        var split = FindSplitCodeColumn(header, data);
        var columns = HeaderColumns(header, width);

        var index = 0;
        // A header that names fewer columns than the figures printed (OCR-garbled) cannot be trusted to say which is which.
        var printed = data.Select(r => r.Count(c => ChineseText.ParseAmount(c.Text) is not null && !Codes.IsCodeShaped(c.Text.Replace(" ", "")))).DefaultIfEmpty(0).Max();
        var unreliableHeader = columns.Count < printed;
        if (unreliableHeader)
            notes.Add(new ExtractionNote($"{table.Title}：表头只识别出 {columns.Count} 列（{string.Join("、", columns.Values)}），少于金额列数 {printed}，各列金额请人工核对", table.Provenance));
        // Where the figures start is a property of the table, not of a row: total and unit rows print no code.
        var codeNameAt = data.Select(r => ReadCode(r, split)).Where(c => c.Code is not null).Select(c => c.NameFrom)
            .GroupBy(n => n).OrderByDescending(g => g.Count()).Select(g => g.Key).DefaultIfEmpty(1).First();
        var amountColumns = AmountColumns(columns, width, codeNameAt, table.Kind, out var assumed);
        if (assumed)
            notes.Add(new ExtractionNote($"{table.Title}：表头无法识别，列含义按常见格式推定（{string.Join("、", amountColumns.Values.Distinct())}）", table.Provenance, Repaired: true));
        foreach (var row in data)
        {
            var (code, nameAt) = ReadCode(row, split);
            if (code is not null && !Codes.IsValid(code))
            {
                notes.Add(new ExtractionNote($"{table.Title}：第{RowLine(row)}行科目编码“{code}”无法识别，该行未参与核对", Prov(row, table.Title), Repaired: true));
                continue;
            }
            var name = FindName(row, nameAt);
            if (name.Length == 0 && code is null) continue;
            if (code is not null && table.Rows.Count > 0 && table.Rows[^1].Code == code)
            {
                // OCR prints a row whose name wrapped onto two lines twice; the second copy is not a second row.
                notes.Add(new ExtractionNote($"{table.Title}：科目 {code} 连续出现两次（折行重复识别），只采用第一行", Prov(row, table.Title), Repaired: true));
                continue;
            }
            var budgetRow = new BudgetRow
            {
                Index = ++index, Code = code, Name = CleanName(name), TableTitle = table.Title, Provenance = Prov(row, table.Title, index),
            };
            var irregular = row.Count != width || assumed || unreliableHeader;
            foreach (var (position, column) in amountColumns)
            {
                if (position >= row.Count || budgetRow.Cells.ContainsKey(column)) continue;
                var cell = row[position];
                var cellValue = AmountReader.Read(cell, column, budgetRow.Index, table.Title, unitFactor, irregular);
                if (cellValue is not null) budgetRow.Cells[column] = cellValue;
            }
            table.Rows.Add(budgetRow);
        }
        foreach (var c in columns.Values.Concat(table.Rows.SelectMany(r => r.Cells.Keys)).Distinct())
            if (!table.Columns.Contains(c)) table.Columns.Add(c);
        table.Classification = table.Rows.FirstOrDefault(r => r.Code is not null)?.Code is { } first
            ? (Codes.IsEconomic(first) ? Classification.经济分类 : Classification.功能分类)
            : Classification.None;
        AmountReader.MarkShortDecimals(table, notes);
        LinkHierarchy(table);
    }

    private static void LinkHierarchy(BudgetTable table)
    {
        var byCode = new Dictionary<string, BudgetRow>();
        foreach (var r in table.Rows.Where(r => r.Code is not null)) byCode.TryAdd(r.Code!, r);
        foreach (var r in table.Rows)
            if (r.Code is { Length: 5 or 7 } c && byCode.TryGetValue(c[..^2], out var parent) && parent != r)
                parent.Children.Add(r);
    }

    /// <summary>An empty table still has a header: keep its column names so a rule can tell what it is.</summary>
    private static void ReadHeaderOnly(TableGrid grid, BudgetTable table)
    {
        foreach (var (_, name) in HeaderColumns(grid.Rows, TableGrid.ModalWidth(grid.Rows)))
            if (!table.Columns.Contains(name)) table.Columns.Add(name);
    }

    private static bool IsDataRow(List<TableGrid.GridCell> row)
    {
        var hasAmount = row.Any(c => ChineseText.ParseAmount(c.Text) is not null && !Codes.IsCodeShaped(c.Text.Replace(" ", "")));
        if (!hasAmount) return row.Any(c => Codes.IsValid(c.Text)) && row.Any(c => c.Text.Any(ChineseText.IsCjk));
        return row.Any(c => c.Text.Any(ChineseText.IsCjk));
    }

    /// <summary>Index of the 类 column when codes are printed split as 类 | 款 | 项, else -1.</summary>
    private static int FindSplitCodeColumn(List<List<TableGrid.GridCell>> header, List<List<TableGrid.GridCell>> data)
    {
        foreach (var h in header)
        {
            var i = h.FindIndex(c => c.Text == "类");
            if (i >= 0 && i + 2 < h.Count && h[i + 1].Text == "款" && h[i + 2].Text == "项") return i;
        }
        var votes = data.Count(r => r.Count > 2 && r[0].Text.Length == 3 && r[1].Text.Length == 2 && r[2].Text.Length == 2
                                    && r[0].Text.All(char.IsDigit) && r[1].Text.All(char.IsDigit));
        return votes > data.Count / 2 ? 0 : -1;
    }

    private static (string? Code, int NameFrom) ReadCode(List<TableGrid.GridCell> row, int split)
    {
        if (split >= 0 && split + 2 < row.Count)
        {
            var parts = new[] { row[split].Text, row[split + 1].Text, row[split + 2].Text }.Select(p => p.Replace(" ", "")).ToArray();
            if (parts[0].Length == 0) return (null, 0);
            var code = parts[0] + parts[1] + parts[2];
            return (code, split + 3);
        }
        for (var i = 0; i < Math.Min(row.Count, 3); i++)
        {
            var t = row[i].Text.Replace(" ", "");
            if (Codes.IsCodeShaped(t)) return (t, i + 1);
            if (t.Any(ChineseText.IsCjk)) break;
        }
        return (null, 0);
    }

    private static string FindName(List<TableGrid.GridCell> row, int from)
    {
        for (var i = from; i < row.Count; i++)
            if (row[i].Text.Any(ChineseText.IsCjk)) return row[i].Text;
        return "";
    }

    /// <summary>Canonical column name per cell position, from one or more header rows.</summary>
    internal static Dictionary<int, string> HeaderColumns(List<List<TableGrid.GridCell>> header, int width)
    {
        var leaf = new string[width];
        var group = new string[width];
        for (var i = 0; i < width; i++) { leaf[i] = ""; group[i] = ""; }
        var positional = header.Where(h => h.Count == width).ToList();
        foreach (var h in positional)
        {
            var lastGroup = "";
            for (var i = 0; i < width; i++)
            {
                var t = h[i].Text;
                if (t.Length > 0) { group[i] = leaf[i].Length > 0 ? leaf[i] : lastGroup; lastGroup = t; leaf[i] = t; }
                else if (leaf[i].Length == 0) group[i] = lastGroup;
            }
        }
        // Word dumps drop spanned cells: align the top row's cells with the runs of the widest row.
        var top = header.FirstOrDefault(h => h.Count < width);
        if (top is not null && positional.Count > 0)
        {
            var detail = positional[^1];
            var segments = new List<(int From, int To)>();
            for (var i = 0; i < width;)
            {
                var j = i;
                if (detail[i].Text.Length > 0) while (j + 1 < width && detail[j + 1].Text.Length > 0) j++;
                segments.Add((i, j));
                i = j + 1;
            }
            if (segments.Count == top.Count)
                for (var s = 0; s < segments.Count; s++)
                    for (var i = segments[s].From; i <= segments[s].To; i++)
                    {
                        if (leaf[i].Length == 0) leaf[i] = top[s].Text;
                        else group[i] = top[s].Text;
                    }
        }
        var result = new Dictionary<int, string>();
        for (var i = 0; i < width; i++)
        {
            var name = ColumnNames.Canonical(leaf[i], group[i]);
            if (name is not null && !result.ContainsValue(name)) result[i] = name;
        }
        return result;
    }

    private static Dictionary<int, string> AmountColumns(Dictionary<int, string> header, int width, int nameAt,
        TableKind kind, out bool assumed)
    {
        assumed = false;
        var named = header.Where(kv => kv.Key >= nameAt).ToDictionary(kv => kv.Key, kv => kv.Value);
        var figureColumns = width - nameAt - 1;
        if (named.Count > 0 && named.OrderBy(kv => kv.Key).First().Value == "合计" && named.Count * 2 >= figureColumns) return named;
        // Header unreadable: amounts are the trailing cells; use a known layout for that many.
        foreach (var count in new[] { width - nameAt - 1, width - nameAt - 2 })
        {
            if (count > 0 && FallbackColumns.TryGetValue((kind, count), out var names))
            {
                assumed = true;
                var start = width - count;
                return names.Select((n, k) => (start + k, n)).ToDictionary(p => p.Item1, p => p.n);
            }
        }
        return named;
    }

    internal static string CleanName(string name)
    {
        var n = Numbering().Replace(name.Replace(" ", ""), "");
        return n.StartsWith("其中：") ? n[3..] : n;
    }

    private static string RowLine(List<TableGrid.GridCell> row) => row.FirstOrDefault()?.Source.Line.ToString() ?? "?";

    internal static Provenance Prov(List<TableGrid.GridCell> row, string table, int? index = null)
    {
        var c = row.FirstOrDefault(x => x.Text.Length > 0)?.Source ?? row.FirstOrDefault()?.Source;
        return new Provenance(Page: c?.Page, Line: c?.Line, Table: table, Row: index);
    }

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．]|[（(]\d+[)）])")]
    private static partial Regex Numbering();
}
