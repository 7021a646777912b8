using System.Collections;
using AuditEngine.Model;

namespace AuditEngine.Rules.Language;

/// <summary>Type questions the binder asks, and the names it uses for types in Chinese error messages.</summary>
internal static class TypeRules
{
    public static readonly System.Reflection.Assembly ModelAssembly = typeof(Disclosure).Assembly;

    private static readonly HashSet<Type> NumericTypes =
    [
        typeof(decimal), typeof(int), typeof(long), typeof(short), typeof(byte),
        typeof(uint), typeof(ulong), typeof(ushort), typeof(sbyte), typeof(double), typeof(float),
    ];

    public static bool IsNullableValue(Type t) => Nullable.GetUnderlyingType(t) is not null;

    public static Type Underlying(Type t) => Nullable.GetUnderlyingType(t) ?? t;

    public static bool IsNumeric(Type t) => NumericTypes.Contains(Underlying(t));

    public static bool CanBeNull(Type t) => !t.IsValueType || IsNullableValue(t);

    public static Type MakeNullable(Type t) => t.IsValueType && !IsNullableValue(t) ? typeof(Nullable<>).MakeGenericType(t) : t;

    public static bool IsModelType(Type t) => Underlying(t).Assembly == ModelAssembly;

    /// <summary>T for IEnumerable&lt;T&gt; (strings excluded: they are text, not collections here).</summary>
    public static Type? ElementType(Type t)
    {
        if (t == typeof(string)) return null;
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return t.GetGenericArguments()[0];
        foreach (var i in t.GetInterfaces())
            if (i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) return i.GetGenericArguments()[0];
        return null;
    }

    public static bool IsCollection(Type t) => t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t);

    public static string Describe(Type t)
    {
        if (t == typeof(decimal)) return "数值";
        if (t == typeof(decimal?)) return "可空数值";
        if (IsNumeric(t)) return IsNullableValue(t) ? "可空整数" : "整数";
        if (t == typeof(string)) return "文本";
        if (t == typeof(bool)) return "布尔值";
        if (t == typeof(object)) return "null";
        if (IsNullableValue(t)) return Describe(Underlying(t)) + "?";
        if (ElementType(t) is { } e) return $"{Describe(e)} 的集合";
        return t.Name;
    }
}
