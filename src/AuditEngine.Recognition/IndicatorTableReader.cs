using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads 绩效目标表: the project, its 预算数, the 资金支出计划, and each 三级指标 with its parsed 指标值.
/// Structured tables are read by their 一级/二级/三级指标 header; flattened ones (OCR puts the 产出, 效益 and 满意度
/// columns side by side) by pairing an indicator name with the value next to it.
/// </summary>
internal static partial class IndicatorTableReader
{
    public static bool IsIndicatorTable(TableGrid grid, string title) =>
        ChineseText.Compact(title).Contains("绩效") || grid.Rows.Any(r => r.Any(c => c.Text.Replace(" ", "") == "三级指标"));

    public static IndicatorTable Read(TableGrid grid, string title, Provenance provenance)
    {
        var table = new IndicatorTable { Title = title, ProjectName = ProjectName(grid, title), Provenance = provenance };
        table.Budget = Budget(grid);
        ReadSpendingPlan(grid, table);
        var headerAt = grid.Rows.FindIndex(r => r.Any(c => c.Text.Replace(" ", "") == "三级指标"));
        if (headerAt >= 0) ReadStructured(grid, headerAt, table);
        // OCR shifts columns: when most 指标值 read by the header are not values, pair names with values instead.
        var readable = table.Indicators.Count(i => i.HasNumber || i.ValueText.Length is > 0 and <= 10);
        if (headerAt < 0 || readable < table.Indicators.Count / 2.0)
        {
            table.Indicators.Clear();
            ReadPairs(grid, table);
        }
        foreach (var i in table.Indicators) i.TableBudget = table.Budget;
        return table;
    }

    private static void ReadStructured(TableGrid grid, int headerAt, IndicatorTable table)
    {
        var header = grid.Rows[headerAt].Select(c => c.Text.Replace(" ", "")).ToList();
        var l1 = header.IndexOf("一级指标");
        var l2 = header.IndexOf("二级指标");
        var l3 = header.IndexOf("三级指标");
        var desc = header.FindIndex(h => h.Contains("指标描述") || h.Contains("指标内容"));
        var value = header.IndexOf("指标值");
        var rows = grid.Rows.Skip(headerAt + 1).ToList();
        // Some provinces split 指标值 into 符号 | 值 | 单位 on a second header row.
        var split = rows.Count > 0 && rows[0].Any(c => c.Text == "符号") ? rows[0].FindIndex(c => c.Text == "符号") : -1;
        if (split >= 0) rows.RemoveAt(0);
        string level1 = "", level2 = "";
        foreach (var row in rows)
        {
            string At(int i) => i >= 0 && i < row.Count ? row[i].Text : "";
            if (At(0).Contains("一级指标")) continue;
            if (At(l1).Length > 0) level1 = At(l1);
            if (At(l2).Length > 0) level2 = At(l2);
            var name = ChineseText.Compact(At(l3));
            var valueText = split >= 0 ? (Operator(At(split)) + At(split + 1) + Unit(At(split + 2))).Replace("（文字描述）", "") : At(value);
            var valueCell = split >= 0 ? split + 1 : value;
            if (TableGrid.EffectiveLength(row) < header.Count - 1)
            {
                // Word drops vertically merged cells: a short row is name … 指标值, 依据 from the right.
                var length = TableGrid.EffectiveLength(row);
                if (length < 3) continue;
                name = ChineseText.Compact(row[0].Text is var first && first.EndsWith("指标") ? row[1].Text : first);
                valueCell = length - 2;
                valueText = row[valueCell].Text;
            }
            if (name.Length == 0) continue;
            // Positional formats leave an empty cell between 描述 and 指标值 in some rows.
            if (valueText.Length == 0 && value > 0 && split < 0 && row.Count > header.Count) valueText = At(value + 1);
            var cell = row[Math.Clamp(valueCell, 0, row.Count - 1)];
            table.Indicators.Add(Make(table, level1, level2, name, At(desc), valueText, cell));
        }
    }

    private static void ReadPairs(TableGrid grid, IndicatorTable table)
    {
        var project = table.ProjectName;
        foreach (var row in grid.Rows)
        {
            for (var i = 0; i + 1 < row.Count; i++)
            {
                var text = row[i].Text;
                if (LongNumber().IsMatch(text.Replace(" ", "")) && i + 1 < row.Count && row[i + 1].Text.Any(ChineseText.IsCjk))
                    project = ChineseText.Compact(row[i + 1].Text);
                if (!text.Any(ChineseText.IsCjk) || IndicatorValue.LooksLikeValue(text)) continue;
                var next = row[i + 1].Text;
                if (!IndicatorValue.LooksLikeValue(next)) continue;
                var name = ChineseText.Compact(text);
                var level1 = name.Contains("满意") ? "满意度指标" : name.Contains("成本") ? "成本指标" : "";
                var indicator = Make(table, level1, "", name, "", next, row[i + 1], project);
                table.Indicators.Add(indicator);
                i++;
            }
        }
    }

    private static Indicator Make(IndicatorTable table, string level1, string level2, string name, string description,
        string valueText, TableGrid.GridCell cell, string? project = null)
    {
        var v = ChineseText.Normalize(valueText).Replace(" ", "");
        var parsed = IndicatorValue.Parse(v);
        return new Indicator
        {
            TableTitle = table.Title, ProjectName = project ?? table.ProjectName,
            Level1 = ChineseText.Compact(level1), Level2 = ChineseText.Compact(level2), Name = name,
            Description = ChineseText.Compact(description), ValueText = v,
            Operator = parsed.Operator, Number = parsed.Number, Number2 = parsed.Number2, Unit = parsed.Unit,
            Provenance = new Provenance(cell.Source.Page, cell.Source.Line, table.Title, null, "指标值", cell.Source.Box, cell.Source.Confidence),
        };
    }

    /// <summary>
    /// The 符号 column holds only an operator. OCR reads ≥ as “2” or “之” and ≤ as “三”: the column's meaning says
    /// which it was.
    /// </summary>
    internal static string Operator(string cell)
    {
        var t = ChineseText.Compact(cell);
        return t switch
        {
            "2" or "之" or "z" or "Z" or ">=" or "≧" => "≥",
            "三" or "<=" or "≦" => "≤",
            _ => t,
        };
    }

    /// <summary>The 单位 column holds no figure: digits in it (“9%” for %) are OCR noise.</summary>
    internal static string Unit(string cell)
    {
        var t = ChineseText.Compact(cell);
        return t.Length > 1 && char.IsDigit(t[0]) && !t.All(char.IsDigit) ? t.TrimStart('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') : t;
    }

    private static string? ProjectName(TableGrid grid, string title)
    {
        foreach (var row in grid.Rows)
            for (var i = 0; i + 1 < row.Count; i++)
                if (row[i].Text.Replace(" ", "") == "项目名称" && row[i + 1].Text.Length > 0)
                    return ChineseText.Compact(row[i + 1].Text);
        var t = ChineseText.Compact(title);
        if (t.Contains("整体")) return null;
        var m = ProjectFromTitle().Match(t);
        return m.Success && m.Groups[1].Value.Length > 1 ? m.Groups[1].Value : null;
    }

    private static decimal? Budget(TableGrid grid)
    {
        foreach (var row in grid.Rows)
            for (var i = 0; i + 1 < row.Count; i++)
            {
                var t = row[i].Text.Replace(" ", "");
                if (t is "预算数" or "资金总额" or "年度资金总额" or "项目资金" || t.StartsWith("年度资金总额"))
                    for (var j = i + 1; j < row.Count; j++)
                        if (ChineseText.ParseAmount(row[j].Text) is { } v) return v;
            }
        return null;
    }

    private static void ReadSpendingPlan(TableGrid grid, IndicatorTable table)
    {
        for (var r = 0; r + 1 < grid.Rows.Count; r++)
        {
            if (!grid.Rows[r].Any(c => c.Text.Contains("月底"))) continue;
            foreach (var c in grid.Rows[r + 1])
                if (PercentValue().Match(c.Text.Replace(" ", "")) is { Success: true } m)
                    table.SpendingPlan.Add(decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }
    }

    [GeneratedRegex(@"^\d{8,}")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"^(?:\d+[.、])?(?:\[[^\]]*\])?(.+?)(?:项目)?(?:支出)?绩效目标表")]
    private static partial Regex ProjectFromTitle();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)%$")]
    private static partial Regex PercentValue();
}
