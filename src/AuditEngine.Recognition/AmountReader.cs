using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Turns table cells into <see cref="AmountCell"/>s in 万元, with a confidence that reflects how sure the reading is.</summary>
internal static class AmountReader
{
    /// <summary>Confidence of a figure whose row had to be re-aligned (OCR merged or split cells).</summary>
    public const double Realigned = 0.6;

    /// <summary>Confidence of a figure printed with OCR spacing (“132, 372. 61”).</summary>
    public const double OcrSpaced = 0.7;

    public static AmountCell? Read(TableGrid.GridCell cell, string column, int row, string table, decimal unitFactor, bool irregularRow)
    {
        var text = cell.Text;
        if (text.Length == 0) return null;
        var confidence = cell.Source.Confidence * (irregularRow ? Realigned : 1.0);
        var provenance = new Provenance(cell.Source.Page, cell.Source.Line, table, row, column, cell.Source.Box, confidence);
        if (!ChineseText.TryParseAmount(text, out var value, out var decimals))
        {
            // A non-numeric mark in a figure column (“·”, “-”, “—”) means no figure. Digits, or ink OCR was unsure of
            // (a figure under a scan's fold shadow read as “罗列”), mean a figure that could not be read: the row is
            // not blank, and whatever sums over it must say so rather than take it for 0.
            return text.Any(char.IsDigit) || Unreadable(text, cell.Source.Confidence)
                ? new AmountCell { Text = text, Value = null, Provenance = provenance with { Confidence = Math.Min(confidence, 0.3) } }
                : null;
        }
        // “132, 372. 61”: spaces inside a figure are OCR's mark; the reading was repaired, so it is not certain.
        if (text.Trim().Contains(' ')) confidence = Math.Min(confidence, OcrSpaced);
        return new AmountCell
        {
            Text = text, Value = value * unitFactor, Provenance = provenance with { Confidence = confidence }, Decimals = decimals,
            Rounding = Rounding(unitFactor, decimals),
        };
    }

    /// <summary>
    /// OCR put ink it was unsure of into a figure cell: letters or Han characters read below the trust level. A dash
    /// read as “一” is the blank mark it looks like, and a digital document's text (“无”) is certain, so neither counts.
    /// </summary>
    private static bool Unreadable(string text, double confidence) =>
        confidence < Provenance.LowConfidence && text.Trim().Trim('一', '－', '—', '-', '─', '–').Any(char.IsLetter);

    /// <summary>
    /// Half the printed step in 万元. A figure in 元 (integer or with 分) is the exact amount: budgets are kept in 元,
    /// so only figures printed in a larger unit were rounded, by half their last printed digit (at least 0.01 of it).
    /// </summary>
    public static decimal Rounding(decimal unitFactor, int decimals)
    {
        if (unitFactor < 0.001m) return 0m;
        var step = unitFactor;
        for (var i = 0; i < Math.Max(decimals, 2); i++) step /= 10m;
        return step / 2m;
    }

    /// <summary>
    /// An amount the narrative prints (“2,106.66” with “万元”, “1.2” with “亿元”, “3,456,789.12” with “元”) in 万元, with
    /// half its printed step in 万元 as its rounding: 2,106.66万元 ±0.005, 1.2亿元 ±500万元, 3,456,789.12元 ±0.0000005万元.
    /// A printed 0 is exactly nothing. Null when the number does not parse.
    /// </summary>
    public static StatedAmount? ReadNarrative(string number, string unit)
    {
        if (FinerThanFen(number, unit)) return null;
        var digits = number.Replace(" ", "").Replace(",", "").Replace("，", "");
        if (!decimal.TryParse(digits, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
            return null;
        var factor = ChineseText.ToWanFactor(unit);
        var dot = digits.IndexOf('.');
        var decimals = dot < 0 ? 0 : digits.Length - dot - 1;
        var step = factor;
        for (var i = 0; i < decimals; i++) step /= 10m;
        var rounding = value == 0m ? 0m : step / 2m;
        return new StatedAmount(value * factor, rounding, number.Trim() + unit);
    }

    /// <summary>
    /// A sum in 元 printed finer than the 分 (“202. 348元”) is no sum of money: OCR read “202.34万元” with 万 as 8. It
    /// is left unread rather than taken for 0.02 万元.
    /// </summary>
    public static bool FinerThanFen(string number, string unit)
    {
        if (unit != "元") return false;
        var digits = number.Replace(" ", "");
        var dot = digits.IndexOf('.');
        return dot >= 0 && digits.Length - dot - 1 > 2;
    }

    /// <summary>
    /// Amounts are printed with two decimals; one read by OCR with fewer where its neighbours have two was likely
    /// cut (“107. 4” for 107.44): mark it low-confidence and say so. A printed document's text is exact: a figure
    /// printed so (“0.7” among 亿元 figures, a spreadsheet's general format) is taken as printed and only noted.
    /// </summary>
    public static void MarkShortDecimals(BudgetTable table, List<ExtractionNote> notes)
    {
        var cells = table.Rows.SelectMany(r => r.Cells.Values).Where(c => c.Value is not null).ToList();
        if (cells.Count < 4 || cells.Count(c => c.Decimals == 2) < cells.Count * 0.7 || table.SourceUnit == "元") return;
        foreach (var row in table.Rows)
            foreach (var (column, cell) in row.Cells.ToList())
            {
                if (cell.Value is null || cell.Decimals != 1) continue;
                if (cell.Provenance.Confidence >= 1.0)
                {
                    notes.Add(new ExtractionNote($"{table.Title}：{row.Label} 的“{column}”印作“{cell.Text}”，只有一位小数，按印刷数核对", cell.Provenance, Repaired: true));
                    continue;
                }
                row.Cells[column] = new AmountCell
                {
                    Text = cell.Text, Value = cell.Value, Decimals = cell.Decimals, Rounding = cell.Rounding,
                    Provenance = cell.Provenance with { Confidence = Math.Min(cell.Provenance.Confidence, 0.5) },
                };
                notes.Add(new ExtractionNote($"{table.Title}：{row.Label} 的“{column}”印作“{cell.Text}”，只有一位小数，可能缺失末位", cell.Provenance));
            }
    }
}
