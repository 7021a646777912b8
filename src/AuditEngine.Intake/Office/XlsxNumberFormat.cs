using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Shows an Excel number the way the sheet prints it when the format is a plain fixed-decimal one (0.00, #,##0.00,
/// 0.00_ , 0.00%): budget tables print 万元 with two decimals and the audit checks printed figures. Any other format
/// (dates, currency symbols, text) leaves the stored value, with binary floating-point noise rounded away.
/// </summary>
internal static partial class XlsxNumberFormat
{
    /// <summary>Built-in format ids (ECMA-376 §18.8.30) that are plain numbers or percentages.</summary>
    private static readonly Dictionary<uint, string> BuiltIn = new()
    {
        [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00", [9] = "0%", [10] = "0.00%",
        [37] = "#,##0 ;(#,##0)", [38] = "#,##0 ;[Red](#,##0)", [39] = "#,##0.00;(#,##0.00)", [40] = "#,##0.00;[Red](#,##0.00)",
    };

    public static string? BuiltInCode(uint id) => BuiltIn.GetValueOrDefault(id);

    public static string Format(string raw, string? formatCode)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            return raw;
        // Excel keeps 15 significant digits; the 16th and 17th in the file are binary noise (115.02000000000001).
        if (!decimal.TryParse(number.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            return raw;
        if (formatCode is not null && Parse(formatCode) is { } f)
        {
            if (f.Percent) value *= 100;
            var rounded = Math.Round(value, f.Decimals, MidpointRounding.AwayFromZero);
            var text = rounded.ToString((f.Grouping ? "N" : "F") + f.Decimals, CultureInfo.InvariantCulture);
            return f.Percent ? text + "%" : text;
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Plain(int Decimals, bool Grouping, bool Percent);

    /// <summary>The positive section of a format code when it is a plain number pattern, else null.</summary>
    private static Plain? Parse(string formatCode)
    {
        var section = FirstSection(formatCode);
        var m = PlainPattern().Match(section);
        if (!m.Success) return null;
        return new Plain(m.Groups["dec"].Length, m.Groups["int"].Value.Contains(','), m.Groups["pct"].Success);
    }

    /// <summary>
    /// The part before the first unquoted ';', without what only pads or colours the text: [Red], [$-804],
    /// "_x" (space the width of x), "*x" (fill) and "\ " escapes of spaces.
    /// </summary>
    private static string FirstSection(string code)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            switch (c)
            {
                case ';':
                    return sb.ToString().Trim();
                case '[':
                    var close = code.IndexOf(']', i);
                    if (close < 0) return "";
                    i = close;
                    break;
                case '_' or '*':
                    i++;
                    break;
                case '\\' when i + 1 < code.Length && code[i + 1] == ' ':
                    i++;
                    break;
                case '"':
                    // A quoted literal (currency word, unit) is text the number does not carry: not a plain format.
                    return "\"";
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString().Trim();
    }

    [GeneratedRegex(@"^(?<int>#,##0|#,#0|0)(?:\.(?<dec>0+))?(?<pct>%)?$")]
    private static partial Regex PlainPattern();
}
