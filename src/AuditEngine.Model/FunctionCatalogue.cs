namespace AuditEngine.Model;

/// <summary>A 功能分类 code (类 3 digits, 款 5, 项 7) with its current name and the names it had before a rename.</summary>
public sealed record FunctionCode(string Code, string Name, IReadOnlyList<string> OldNames)
{
    /// <summary>1 类, 2 款, 3 项.</summary>
    public int Level => Code.Length switch { 3 => 1, 5 => 2, _ => 3 };
    public bool IsOldName(string name) => OldNames.Any(o => ClassificationNames.Same(o, name));
}

/// <summary>
/// The 功能分类 codes the rules know by name (rules/profiles/function-classification.json). Only codes listed here
/// are checked for their current name: a code the catalogue does not hold is never guessed at.
/// </summary>
public sealed class FunctionCatalogue(IReadOnlyList<FunctionCode> codes)
{
    private readonly Dictionary<string, FunctionCode> byCode = codes.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static readonly FunctionCatalogue Empty = new([]);

    public IReadOnlyList<FunctionCode> Codes { get; } = codes;
    public int Count => Codes.Count;

    public FunctionCode? Find(string? code) => code is not null && byCode.TryGetValue(code, out var c) ? c : null;

    /// <summary>The current name of a code, or null when the catalogue does not know it.</summary>
    public string? CurrentName(string? code) => Find(code)?.Name;

    /// <summary>The name is a name the catalogue gives (now or before a rename) to some code of that level.</summary>
    public bool KnowsName(string name, int level) =>
        Codes.Any(c => c.Level == level && (ClassificationNames.Same(c.Name, name) || c.IsOldName(name)));
}

/// <summary>How printed classification names are compared: spaces, brackets and a trailing 支出 do not count, and a
/// table cell cut short by its column width (机关事业单位基本养老保险缴) still names the full item.</summary>
public static class ClassificationNames
{
    public static string Key(string name)
    {
        var t = new string(name.Where(c => !char.IsWhiteSpace(c) && c is not ('“' or '”' or '"')).ToArray()).Replace('(', '（').Replace(')', '）');
        return t.EndsWith("支出", StringComparison.Ordinal) && t.Length > 3 ? t[..^2] : t;
    }

    public static bool Same(string a, string b) => Key(a) == Key(b);

    /// <summary>A stated name fits a printed one: the same, or the printed one cut short (six characters or more).</summary>
    public static bool Fits(string stated, string printed)
    {
        var (s, p) = (Key(stated), Key(printed));
        return s == p || p.Length >= 6 && s.StartsWith(p, StringComparison.Ordinal);
    }
}
