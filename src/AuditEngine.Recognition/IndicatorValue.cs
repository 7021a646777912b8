using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>Parses a 指标值: an operator, number(s) and unit (“≥90%”, “≤30天”, “50-70%”, “400元/人”), or qualitative text.</summary>
public static partial class IndicatorValue
{
    public sealed record Parsed(string Operator, decimal? Number, decimal? Number2, string Unit);

    private static readonly string[] QualitativeWords =
        ["普遍知晓", "有效保障", "显著提升", "有效提升", "全面开展", "有所提升", "逐步提高", "稳步提升", "及时", "达标", "明显改善", "持续提升", "全覆盖", "合格", "良好", "优秀"];

    public static Parsed Parse(string text)
    {
        var t = ChineseText.Compact(text).Replace(">=", "≥").Replace("<=", "≤").Replace("≧", "≥").Replace("≦", "≤")
            .Replace("＞", ">").Replace("＜", "<").Replace("＝", "=").Replace("％", "%");
        var m = Pattern().Match(t);
        if (m.Success)
        {
            var op = m.Groups["op"].Value;
            var n1 = decimal.Parse(m.Groups["n1"].Value, System.Globalization.CultureInfo.InvariantCulture);
            decimal? n2 = m.Groups["n2"].Success ? decimal.Parse(m.Groups["n2"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
            var unit = m.Groups["unit"].Value;
            var suffix = m.Groups["suffix"].Value;
            if (op.Length == 0) op = n2 is not null ? "range" : suffix.Contains("以上") ? "≥" : suffix.Contains("以下") || suffix.Contains("以内") ? "≤" : "=";
            op = op switch { "大于等于" or "不低于" or "不少于" or "达" or "达到" => "≥", "小于等于" or "不高于" or "不超过" or "不多于" => "≤", _ => op };
            return new Parsed(op, n1, n2, unit);
        }
        return new Parsed("", null, null, "");
    }

    /// <summary>True when the text reads as an indicator value rather than an amount or a label (used where tables are flattened).</summary>
    public static bool LooksLikeValue(string text)
    {
        var t = ChineseText.Compact(text);
        if (t.Length == 0 || t.Length > 16) return false;
        if (QualitativeWords.Any(w => t == w)) return true;
        var p = Parse(t);
        return p.Number is not null && (p.Unit.Length > 0 || "≥≤<>".Contains(p.Operator.FirstOrDefault()));
    }

    [GeneratedRegex(@"^(?<op>≥|≤|=|<|>|大于等于|小于等于|不低于|不少于|不高于|不超过|不多于|达到|达)?(?<n1>\d+(?:\.\d+)?)(?:[-~—至](?<n2>\d+(?:\.\d+)?))?(?<unit>%|‰|[\u4E00-\u9FFF/（）a-zA-Z]{0,8}?)(?<suffix>以上|以下|以内)?$")]
    private static partial Regex Pattern();
}
