using System.Collections;
using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Rules.Language;

/// <summary>
/// How values become text in messages and in string concatenation. Typed overloads keep the common cases
/// (decimal, int, string) free of boxing; the object overload handles collections and everything else.
/// </summary>
internal static class RuntimeText
{
    public const string NullText = "—";
    public const int MaxListItems = 10;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Format(decimal value, string? format) => value.ToString(format ?? "0.00##", Invariant);
    public static string Format(decimal? value, string? format) => value is { } v ? Format(v, format) : NullText;
    public static string Format(long value, string? format) => value.ToString(format, Invariant);
    public static string Format(long? value, string? format) => value is { } v ? Format(v, format) : NullText;
    public static string Format(double value, string? format) => value.ToString(format, Invariant);
    public static string Format(double? value, string? format) => value is { } v ? Format(v, format) : NullText;
    public static string Format(bool value, string? format) => value ? "是" : "否";
    public static string Format(string? value, string? format) => value ?? NullText;

    public static string Format(object? value, string? format)
    {
        switch (value)
        {
            case null: return NullText;
            case string s: return s;
            case decimal d: return Format(d, format);
            case bool b: return Format(b, format);
            case TableKind k: return k.Chinese();
            case SectionKind k: return k.Chinese();
            case IFormattable f: return f.ToString(format, Invariant);
            case IEnumerable items:
                var parts = new List<string>();
                var count = 0;
                foreach (var item in items)
                {
                    if (count++ < MaxListItems) parts.Add(Format(item, format));
                }
                var joined = string.Join("、", parts);
                return count > MaxListItems ? $"{joined}等{count}项" : joined;
            default: return value.ToString() ?? NullText;
        }
    }

    /// <summary>Numbers inside string concatenation: no trailing zeros (“共3项”, “12.5”).</summary>
    public static string Concat(decimal value) => value.ToString("0.##", Invariant);
    public static string Concat(decimal? value) => value is { } v ? Concat(v) : "";
    public static string Concat(string? value) => value ?? "";
    public static string Concat(object? value) => value switch
    {
        null => "",
        decimal d => Concat(d),
        _ => Format(value, null),
    };
}
