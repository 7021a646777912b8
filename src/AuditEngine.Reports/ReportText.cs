using System.Globalization;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>Shared wording and formatting so every format says the same thing the same way.</summary>
public static class ReportText
{
    public static string SeverityCode(Severity s) => s switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "info",
    };

    public static bool TryParseSeverity(string? code, out Severity severity)
    {
        switch (code?.ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "info": severity = Severity.Info; return true;
            default: severity = Severity.Info; return false;
        }
    }

    public static string SeverityChinese(Severity s) => s switch
    {
        Severity.Error => "错误",
        Severity.Warning => "警告",
        _ => "提示",
    };

    public static string CategoryChinese(string category) =>
        Categories.ChineseNames.TryGetValue(category, out var name) ? name : category;

    public static string StatusChinese(DocumentResult r) => r.Status == ResultStatus.Ok ? "已审核" : "无法读取";

    /// <summary>Amounts keep two decimals (万元); other figures print as they are, without float noise.</summary>
    public static string Number(decimal? value)
    {
        if (value is not { } v) return "";
        return v == Math.Round(v, 2)
            ? v.ToString("0.00", CultureInfo.InvariantCulture)
            : v.ToString("0.##########", CultureInfo.InvariantCulture);
    }

    /// <summary>A review's time to the second with its offset (2026-03-01 09:30:00 +08:00), empty when there is none.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture) : "";

    /// <summary>“第3页” for paged inputs, “第120行” for text inputs, both when both are known.</summary>
    public static string Place(Evidence e)
    {
        var parts = new List<string>(2);
        if (e.Page is { } p) parts.Add($"第{p}页");
        if (e.Line is { } l and > 0) parts.Add($"第{l}行");
        return string.Join(" ", parts);
    }

    /// <summary>One evidence item as a single line, for the flat formats.</summary>
    public static string Describe(Evidence e) => AppendDescription(new StringBuilder(), e).ToString();

    /// <summary>Every evidence item described, separated by “; ”, in one builder (the exports describe thousands).</summary>
    public static string DescribeAll(IEnumerable<Evidence> evidence)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var e in evidence)
        {
            if (!first) sb.Append("; ");
            first = false;
            AppendDescription(sb, e);
        }
        return sb.ToString();
    }

    /// <summary>Place, table, row, column and value, each present part after a space; “= value” after any other part.</summary>
    private static StringBuilder AppendDescription(StringBuilder sb, Evidence e)
    {
        var start = sb.Length;
        StringBuilder Part()
        {
            if (sb.Length > start) sb.Append(' ');
            return sb;
        }
        if (e.Page is { } p) Part().Append('第').Append(p).Append('页');
        if (e.Line is { } l and > 0) Part().Append('第').Append(l).Append('行');
        if (!string.IsNullOrEmpty(e.Table)) Part().Append(e.Table);
        if (e.Row is { } row) Part().Append("表行").Append(row);
        if (!string.IsNullOrEmpty(e.Column)) Part().Append("列“").Append(e.Column).Append('”');
        if (!string.IsNullOrEmpty(e.Value)) (sb.Length > start ? Part().Append("= ") : sb).Append(e.Value);
        return sb;
    }

    /// <summary>The file name a reviewer recognises, without the folders it was found in.</summary>
    public static string FileName(string source)
    {
        var name = Path.GetFileName(source);
        return string.IsNullOrEmpty(name) ? source : name;
    }

    /// <summary>Findings ordered for reading: worst severity first, then by category order, keeping rule order within.</summary>
    public static IEnumerable<Finding> Ordered(IEnumerable<Finding> findings) =>
        findings.OrderByDescending(f => f.Severity).ThenBy(f => CategoryOrder(f.Category));

    public static int CategoryOrder(string category)
    {
        for (var i = 0; i < Categories.All.Count; i++)
            if (Categories.All[i] == category) return i;
        return Categories.All.Count;
    }
}
