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
        // A table printed as two (or three) code | name | amount groups side by side is read group by group, so
        // each row keeps its own code, name and amounts (the right group's codes are not amounts of the left's).
        var groups = grid.SideBySide();
        foreach (var g in groups) ReadRows(g, table, unitFactor, notes);
        if (groups.Count > 1) JoinGroupTotals(table);
        foreach (var c in table.Rows.SelectMany(r => r.Cells.Keys).Distinct())
            if (!table.Columns.Contains(c)) table.Columns.Add(c);
        table.Classification = table.Rows.FirstOrDefault(r => r.Code is not null)?.Code is { } first
            ? (Codes.IsEconomic(first) ? Classification.经济分类 : Classification.功能分类)
            : Classification.None;
        AmountReader.MarkShortDecimals(table, notes);
        LinkHierarchy(table);
    }

    /// <summary>
    /// Side-by-side groups end in their own totals (人员经费合计 | 4884.09 | 公用经费合计 | 480.66): together they are the
    /// table's 合计 row, printed in two parts. Without a printed 合计 they become one, each part under its own column.
    /// </summary>
    private static void JoinGroupTotals(BudgetTable table)
    {
        if (table.Rows.Any(r => r.Code is null && r.Name is "合计" or "总计")) return;
        var parts = table.Rows.Where(r => r.Code is null && r.IsTotal && r.Has("合计")).ToList();
        if (parts.Count < 2) return;
        var total = new BudgetRow { Index = parts[0].Index, Name = "合计", TableTitle = table.Title, Provenance = parts[0].Provenance, Role = "total" };
        var unnamed = new List<BudgetRow>();
        foreach (var part in parts)
        {
            var cell = part.Cells["合计"];
            var column = ColumnNames.Canonical(part.Name.Replace("合计", ""));
            if (column is not null && column != "合计" && !total.Cells.ContainsKey(column)) total.Cells[column] = cell;
            else if (column is null) unnamed.Add(part);
        }
        // A basic-expenditure table's two groups are 人员经费 and 公用经费: when OCR garbled one label (“\员经费合计”)
        // and the other was read, the garbled one is the group left.
        string[] groups = [ColumnKeys.人员经费, ColumnKeys.公用经费];
        var missing = groups.Where(g => !total.Cells.ContainsKey(g)).ToList();
        if (parts.Count == 2 && unnamed.Count == 1 && missing.Count == 1 && total.Cells.Keys.Any(groups.Contains))
            total.Cells[missing[0]] = unnamed[0].Cells["合计"];
        // The sum of rounded parts carries each part's rounding.
        var sum = parts.Sum(p => p.Cells["合计"].Value ?? 0m);
        var first = parts[0].Cells["合计"];
        total.Cells["合计"] = new AmountCell
        {
            Text = string.Join("+", parts.Select(p => p.Cells["合计"].Text)), Value = sum, Provenance = first.Provenance,
            Decimals = parts.Max(p => p.Cells["合计"].Decimals), Rounding = parts.Sum(p => p.Cells["合计"].Rounding),
        };
        var at = table.Rows.IndexOf(parts[0]);
        foreach (var part in parts) table.Rows.Remove(part);
        table.Rows.Insert(Math.Min(at, table.Rows.Count), total);
    }

    private static void ReadRows(TableGrid grid, BudgetTable table, decimal unitFactor, List<ExtractionNote> notes)
    {
        var dataStart = grid.Rows.FindIndex(IsDataRow);
        if (dataStart < 0) { if (table.Rows.Count == 0) ReadHeaderOnly(grid, table); return; }
        // OCR can read a garbled header word as a number (“157 VI” as 157) and make a header row look like data: a row
        // of header words (类 | 款 | 项, 合计 | 小计) further down, before the first figure with decimals, is still header.
        var firstDecimal = grid.Rows.FindIndex(r => r.Any(c => c.Text.Contains('.') && ChineseText.ParseAmount(c.Text) is not null));
        if (firstDecimal > dataStart && grid.Rows.Take(firstDecimal).ToList().FindLastIndex(IsHeaderWords) is var lastHeader && lastHeader >= dataStart)
            dataStart = grid.Rows.FindIndex(lastHeader + 1, IsDataRow);
        var header = grid.Rows.Take(dataStart).ToList();
        var data = grid.Rows.Skip(dataStart).ToList();
        if (HeaderOnTotalRow(data[0]) is { } shared) { header.Add(shared.Header); data[0] = shared.Row; }
        var width = TableGrid.ModalWidth(data);
        var split = FindSplitCodeColumn(header, data);
        var firstFigure = data.Select(r => r.FindIndex(c => c.Text.Contains('.') && ChineseText.ParseAmount(c.Text) is not null))
            .Where(i => i >= 0).DefaultIfEmpty(0).Min();
        var columns = HeaderColumns(header, width, firstFigure);

        var index = table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Index);
        // A header that names fewer columns than the figures printed (OCR-garbled) cannot be trusted to say which is which.
        // The parts of a code printed split (款 “01”, 项 “05”) are not amounts.
        var printed = data.Select(r => r.Where((_, i) => !split.IsSplit || i < split.At || i >= split.At + split.Parts)
            .Count(c => ChineseText.ParseAmount(c.Text) is not null && !Codes.IsCodeShaped(c.Text.Replace(" ", "")))).DefaultIfEmpty(0).Max();
        var unreliableHeader = columns.Count < printed;
        if (unreliableHeader && table.Kind is not (TableKind.Assets or TableKind.Procurement or TableKind.OperatingCost))
            notes.Add(new ExtractionNote($"{table.Title}：表头只识别出 {columns.Count} 列（{string.Join("、", columns.Values)}），少于金额列数 {printed}，各列金额请人工核对", table.Provenance));
        // Where the figures start is a property of the table, not of a row: total and unit rows print no code.
        var codeNameAt = data.Select(r => ReadCode(r, split)).Where(c => c.Code is not null).Select(c => c.NameFrom)
            .GroupBy(n => n).OrderByDescending(g => g.Count()).Select(g => g.Key).DefaultIfEmpty(1).First();
        var amountColumns = AmountColumns(columns, width, codeNameAt, table.Kind, out var assumed);
        if (assumed)
            notes.Add(new ExtractionNote($"{table.Title}：表头无法识别，列含义按常见格式推定（{string.Join("、", amountColumns.Values.Distinct())}）", table.Provenance, Repaired: true));
        string? previousCode = null;
        var figureCells = data.SelectMany(r => amountColumns.Keys.Where(k => k < r.Count).Select(k => r[k].Text))
            .Where(t => ChineseText.ParseAmount(t) is not null).ToList();
        var context = new GateContext(
            data.Select(r => ReadCode(r, split).Code).OfType<string>().Where(Codes.IsValid).ToHashSet(),
            figureCells.Count > 0 && figureCells.Count(t => t.Contains('.')) * 2 > figureCells.Count,
            figureCells.Where(t => t.Replace(" ", "").TakeWhile(char.IsDigit).Count() >= 4 || t.Contains(',')).ToList() is { Count: > 0 } large
                && large.Count(t => t.Contains(',')) * 2 > large.Count);
        foreach (var printedRow in data)
        {
            // A row narrower than the table (the 合计 row of a continuation page, its label spanning the code and name
            // columns) holds the last columns' figures: align it to the right so a printed total is never read as blank.
            var row = printedRow;
            if (row.Count < width && row.Count > 1 && ChineseText.ParseAmount(row[^1].Text) is not null && ReadCode(row, split).Code is null)
                row = [.. Enumerable.Range(0, width - row.Count).Select(_ => new TableGrid.GridCell("", printedRow[0].Source)), .. printedRow];
            var (code, nameAt) = ReadCode(row, split, previousCode);
            if (code is not null && Codes.IsValid(code)) previousCode = code;
            if (code is not null && !Codes.IsValid(code))
            {
                notes.Add(new ExtractionNote($"{table.Title}：科目编码“{code}”无法识别，该行未参与核对", Prov(row, table.Title), Repaired: true));
                // Its figures belong under the rows it was printed below (2101102 read with its 款 lost, after 2101101):
                // their sums of children are incomplete and must not be reported as wrong.
                // (The row above itself only when it can have children: a 项 has none.)
                foreach (var above in table.Rows)
                    if (above.Code is { } c && previousCode is { } p && p.StartsWith(c, StringComparison.Ordinal) && (c.Length < p.Length || p.Length < 7))
                        above.ChildrenComplete = false;
                continue;
            }
            // Parents are printed before their children: a 类 code after rows of its own 款 lost its 款 to OCR (“301 | l”
            // read as “301 |”), and taken as the parent it would stand for the sum of rows it is one of.
            if (code is not null && table.Rows.Any(r => r.Code is { } c && c.Length > code.Length && c.StartsWith(code, StringComparison.Ordinal)))
            {
                notes.Add(new ExtractionNote($"{table.Title}：科目编码“{code}”无法识别，该行未参与核对", Prov(row, table.Title), Repaired: true));
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
                if (NotAnAmount(cell.Text, code, context) is { } why)
                {
                    notes.Add(new ExtractionNote($"{table.Title}：{budgetRow.Label} 的“{column}”列读到“{cell.Text}”，{why}，不作为金额参与核对",
                        new Provenance(cell.Source.Page, cell.Source.Line, table.Title, budgetRow.Index, column, cell.Source.Box, cell.Source.Confidence), Repaired: true));
                    continue;
                }
                var cellValue = AmountReader.Read(cell, column, budgetRow.Index, table.Title, unitFactor, irregular);
                if (cellValue is not null) budgetRow.Cells[column] = cellValue;
            }
            table.Rows.Add(budgetRow);
        }
        foreach (var c in amountColumns.Values)
            if (!table.Columns.Contains(c)) table.Columns.Add(c);
    }

    /// <summary>The classification codes a table prints, and whether its figures are printed with decimals.</summary>
    private sealed record GateContext(HashSet<string> Codes, bool DecimalFigures, bool CommaFigures);

    /// <summary>
    /// Sanity gate before a figure becomes evidence: why the text cannot be an amount in this cell, or null. A
    /// classification code in an amount column (the row's own, one the table prints, or one of the row's 类) is a
    /// column misread; so is a bare year where the table prints its figures with decimals.
    /// </summary>
    private static string? NotAnAmount(string text, string? rowCode, GateContext context)
    {
        var t = text.Replace(" ", "");
        if (t.Length == 0 || !t.All(char.IsDigit)) return null;
        // Where figures print decimals or thousands commas a bare run of digits is not printed like a figure; where
        // they print neither, only the row's own code is surely not its amount.
        var formatted = context.DecimalFigures || context.CommaFigures && t.Length >= 4;
        if (Codes.IsValid(t) && (t == rowCode || formatted && (context.Codes.Contains(t) || rowCode is not null && t.Length >= 5 && t[..3] == rowCode[..3])))
            return "是科目编码而非金额";
        if (context.DecimalFigures && t.Length == 4 && t[..2] is "19" or "20")
            return "像是年份而非金额";
        return null;
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

    /// <summary>
    /// A 合计 row printed on the line of the header's last row (Shanghai's 政府性基金 决算表: “合计 | | | 105.00 | 合计 |
    /// 基本支出 | 项目支出 | ”): its column words are the header's last row, its figures the 合计 row's. Null for any other row.
    /// </summary>
    private static (List<TableGrid.GridCell> Header, List<TableGrid.GridCell> Row)? HeaderOnTotalRow(List<TableGrid.GridCell> row)
    {
        var label = row.FindIndex(c => c.Text.Trim().Length > 0);
        if (label < 0 || ChineseText.Compact(row[label].Text) is not ("合计" or "总计")) return null;
        var words = Enumerable.Range(label + 1, row.Count - label - 1)
            .Where(i => ChineseText.ParseAmount(row[i].Text) is null && ColumnNames.Canonical(row[i].Text) is not null).ToHashSet();
        if (words.Count < 2) return null;
        return (row.Select((c, i) => words.Contains(i) ? c : c with { Text = "" }).ToList(),
                row.Select((c, i) => words.Contains(i) ? c with { Text = "" } : c).ToList());
    }

    private static readonly HashSet<string> HeaderWords = ["类", "款", "项", "合计", "小计", "总计", "科目编码", "科目名称", "单位代码", "单位名称", "项目", "金额"];

    private static bool IsHeaderWords(List<TableGrid.GridCell> row) => row.Count(c => HeaderWords.Contains(c.Text.Replace(" ", ""))) >= 2;

    private static bool IsDataRow(List<TableGrid.GridCell> row)
    {
        var hasAmount = row.Any(c => ChineseText.ParseAmount(c.Text) is not null && !Codes.IsCodeShaped(c.Text.Replace(" ", "")));
        if (!hasAmount) return row.Any(c => Codes.IsValid(c.Text)) && row.Any(c => c.Text.Any(ChineseText.IsCjk));
        return row.Any(c => c.Text.Any(ChineseText.IsCjk));
    }

    /// <summary>Where a code printed split over columns (类 | 款 | 项, or 类 | 款) starts, and how many parts it has.</summary>
    private readonly record struct SplitCode(int At, int Parts)
    {
        public static readonly SplitCode None = new(-1, 0);
        public bool IsSplit => At >= 0;
    }

    private static SplitCode FindSplitCodeColumn(List<List<TableGrid.GridCell>> header, List<List<TableGrid.GridCell>> data)
    {
        foreach (var h in header)
        {
            var i = h.FindIndex(c => c.Text == "类");
            if (i < 0 || i + 1 >= h.Count || h[i + 1].Text != "款") continue;
            return new SplitCode(i, i + 2 < h.Count && h[i + 2].Text == "项" ? 3 : 2);
        }
        bool Digits(List<TableGrid.GridCell> r, int i, int length) => r.Count > i && r[i].Text.Length == length && r[i].Text.All(char.IsDigit);
        var three = data.Count(r => Digits(r, 0, 3) && Digits(r, 1, 2) && Digits(r, 2, 2));
        if (three > data.Count / 2) return new SplitCode(0, 3);
        var two = data.Count(r => Digits(r, 0, 3) && Digits(r, 1, 2) && r.Count > 2 && r[2].Text.Any(ChineseText.IsCjk));
        return two > data.Count / 2 ? new SplitCode(0, 2) : SplitCode.None;
    }

    private static (string? Code, int NameFrom) ReadCode(List<TableGrid.GridCell> row, SplitCode split, string? previous = null)
    {
        if (split.IsSplit && split.At + split.Parts <= row.Count)
        {
            var parts = Enumerable.Range(split.At, split.Parts).Select(i => row[i].Text.Replace(" ", "")).ToArray();
            // A repeated header row (“类 | 款”) or a unit line has no digits where the 类 goes: not a coded row.
            if (!parts[0].Any(char.IsDigit))
            {
                // A 款 (or 项) line printing only its own part under the 类 line above it (“301 | | 工资福利支出”, then
                // “ | 01 | 基本工资”): the higher parts are the previous coded row's.
                var first = Array.FindIndex(parts, p => p.Length > 0);
                if (first <= 0 || previous is null || !parts.Skip(first).All(p => p.Length == 0 || p.All(char.IsDigit))
                    || parts[first].Length != 2 || previous.Length < 3 + 2 * (first - 1)) return (null, 0);
                var prefix = previous[..(3 + 2 * (first - 1))];
                var rest = parts.Skip(first).ToList();
                while (rest.Count > 1 && rest[^1].Length == 0) rest.RemoveAt(rest.Count - 1);
                return (rest.Any(p => p.Length == 0) ? prefix + "." + string.Join(".", rest) : prefix + string.Concat(rest), split.At + split.Parts);
            }
            // 类 and 项 printed with the 款 between them blank is OCR loss: keep the gap so the code fails validation
            // instead of posing as a shorter one. All lower parts blank is a 类 (or 款) line.
            // Trailing blank parts are a 类 (210 | | ) or 款 (210 | 15 | ) line: the code is the parts printed.
            var printed = parts.Length;
            while (printed > 1 && parts[printed - 1].Length == 0) printed--;
            var code = parts.Take(printed).Any(p => p.Length == 0)
                ? string.Join(".", parts)
                : string.Concat(parts.Take(printed));
            return (code, split.At + split.Parts);
        }
        for (var i = 0; i < Math.Min(row.Count, 3); i++)
        {
            var t = row[i].Text.Replace(" ", "");
            if (Codes.IsCodeShaped(t)) return (t, i + 1);
            // A 款 printed as its own part only (“01”) under a 类 line (“301”): the 类 is the previous code's.
            if (t.Length == 2 && t.All(char.IsDigit) && previous is { Length: 3 or 5 } && i + 1 < row.Count
                && row[i + 1].Text.Any(ChineseText.IsCjk) && Codes.IsValid(previous[..3] + t))
                return (previous[..3] + t, i + 1);
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

    /// <summary>
    /// Canonical column name per cell position, from one or more header rows. A header row shorter than the table
    /// names column groups whose spans the dump lost; a row padded with empty cells at its end may be such a row
    /// too, or a detail row whose last columns sit under a group. Both readings are tried and the one that names
    /// more columns wins.
    /// </summary>
    internal static Dictionary<int, string> HeaderColumns(List<List<TableGrid.GridCell>> header, int width, int firstFigure = 0)
    {
        var asPrinted = HeaderColumns(header.Where(h => h.Count == width).ToList(), header.FirstOrDefault(h => h.Count < width), width);
        var padded = header.Where(h => h.Count == width && TableGrid.EffectiveLength(h) < width).ToList();
        if (padded.Count == 0) return asPrinted;
        var best = asPrinted;
        foreach (var top in padded)
        {
            var trimmed = top.Take(TableGrid.EffectiveLength(top)).ToList();
            var reading = HeaderColumns(header.Where(h => h.Count == width && h != top).ToList(), trimmed, width);
            if (Score(reading) > Score(best)) best = reading;
        }
        return best;

        // A figure column can only sit where the data rows print figures.
        int Score(Dictionary<int, string> names) =>
            names.Count(kv => kv.Key >= firstFigure) - 3 * names.Count(kv => kv.Key < firstFigure) + (names.ContainsValue("合计") ? 2 : 0);
    }

    private static Dictionary<int, string> HeaderColumns(List<List<TableGrid.GridCell>> positional, List<TableGrid.GridCell>? top, int width)
    {
        var leaf = new string[width];
        var group = new string[width];
        for (var i = 0; i < width; i++) { leaf[i] = ""; group[i] = ""; }
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
        // “本年支出 › 小计 | 基本支出 | 项目支出” (the national 决算 template): with no 合计 column, a 小计 right after the
        // names is the row's total. One further right is a group's (基本支出 › 小计 after an OCR-garbled 合计).
        if (named.Count > 0 && !named.ContainsValue("合计") && named.MinBy(kv => kv.Key) is { Value: "小计" } first && first.Key == nameAt + 1)
            named[first.Key] = "合计";
        var figureColumns = width - nameAt - 1;
        if (named.Count > 0 && named.OrderBy(kv => kv.Key).First().Value == "合计" && named.Count * 2 >= figureColumns)
            return FillGaps(named, width, nameAt, kind);
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

    /// <summary>
    /// A header that names most columns where a known layout puts them, with one or two left unread (OCR through a
    /// fold, a stamp) or a group read only as its 合计 / 小计: the known layout names the rest.
    /// </summary>
    private static Dictionary<int, string> FillGaps(Dictionary<int, string> named, int width, int nameAt, TableKind kind)
    {
        var last = named.Keys.Max();
        foreach (var ((k, count), names) in FallbackColumns)
        {
            if (k != kind) continue;
            var start = last + 1 - count;
            // Figures stand after the code and the name: a layout reaching over them does not fit.
            if (start <= nameAt || width - start < count) continue;
            var layout = names.Select((n, i) => (start + i, n)).ToDictionary(p => p.Item1, p => p.n);
            // Under a group the header prints 合计 or 小计 (基本支出 › 合计, 人员经费 › 小计); when OCR garbled the group's
            // own name the bare subtotal is what was read, and it agrees with any group column of the layout.
            if (named.All(kv => layout.TryGetValue(kv.Key, out var n) && (n == kv.Value || kv.Value is "合计" or "小计" && kv.Key != start))
                && (layout.Count > named.Count || named.Any(kv => layout[kv.Key] != kv.Value)))
                return layout;
        }
        return named;
    }

    internal static string CleanName(string name)
    {
        var n = Numbering().Replace(name.Replace(" ", ""), "");
        return n.StartsWith("其中：") ? n[3..] : n;
    }

    internal static Provenance Prov(List<TableGrid.GridCell> row, string table, int? index = null)
    {
        var c = row.FirstOrDefault(x => x.Text.Length > 0)?.Source ?? row.FirstOrDefault()?.Source;
        return new Provenance(Page: c?.Page, Line: c?.Line, Table: table, Row: index);
    }

    [GeneratedRegex(@"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[、.．]|[（(]\d+[)）])")]
    private static partial Regex Numbering();
}
