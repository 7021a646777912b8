using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>功能分类 and 经济分类 codes.</summary>
public static partial class Codes
{
    /// <summary>功能分类 类 codes (DOMAIN.md), used to tell a real code from OCR debris or a unit code.</summary>
    public static readonly IReadOnlySet<string> FunctionClasses = new HashSet<string>
    {
        "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "214", "215",
        "216", "217", "219", "220", "221", "222", "224", "227", "229", "230", "231", "232", "233", "234",
    };

    public static bool IsCodeShaped(string s) => CodePattern().IsMatch(s);

    /// <summary>A 功能分类 (2xx…) or 经济分类 (3xx / 5xx…) code whose 类 part is known.</summary>
    public static bool IsValid(string code) =>
        IsCodeShaped(code) && (FunctionClasses.Contains(code[..3]) || code[0] is '3' or '5');

    public static bool IsEconomic(string code) => code[0] is '3' or '5';

    [GeneratedRegex(@"^(\d{3}|\d{5}|\d{7})$")]
    private static partial Regex CodePattern();
}
