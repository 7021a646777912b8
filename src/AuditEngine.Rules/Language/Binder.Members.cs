using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using AuditEngine.Model;

namespace AuditEngine.Rules.Language;

/// <summary>Member access, method calls and free functions: the allow-list.</summary>
internal sealed partial class Binder
{
    /// <summary>Members a model record or class has but that say nothing about the document.</summary>
    private static readonly HashSet<string> HiddenModelMethods =
        ["Equals", "GetHashCode", "GetType", "Deconstruct", "PrintMembers", "ToString", "<Clone>$"];

    /// <summary>Names that read like C# escape hatches; they get the "not allowed" message rather than "unknown".</summary>
    private static readonly HashSet<string> ForbiddenFunctions =
        ["typeof", "nameof", "sizeof", "default", "new", "GetType", "Activator", "Invoke", "DynamicInvoke", "eval"];

    private static readonly HashSet<string> CollectionMethods =
    [
        "Where", "Select", "SelectMany", "Any", "All", "Count", "Sum", "Min", "Max", "FirstOrDefault", "LastOrDefault",
        "Distinct", "Contains", "Take", "Skip", "OrderBy", "OrderByDescending", "ToList",
    ];

    private static RuleSyntaxException NotAllowed(int position, string what) =>
        new(position, $"不允许访问成员 '{what}'（规则只能读取披露模型的公开属性和方法、文本/数值的少数方法、集合方法和内置函数）");

    // ---------------------------------------------------------------- a.B

    private Expression BindMember(MemberNode n, Scope scope)
    {
        if (StaticPath(n, scope) is { } path) throw NotAllowed(StartOf(n), path);
        var target = Bind(n.Target, scope);
        if (IsNullLiteral(target)) throw new RuleSyntaxException(n.Position, "null 没有成员");
        var type = target.Type;

        if (TypeRules.IsNullableValue(type))
        {
            return n.Name switch
            {
                "HasValue" => Expression.Property(target, "HasValue"),
                // Null-safe: the value of a null is default(T), never an exception.
                "Value" => Expression.Call(target, type.GetMethod("GetValueOrDefault", Type.EmptyTypes)!),
                _ => throw Unknown(n.Position, type, n.Name),
            };
        }
        if (type == typeof(string))
        {
            if (n.Name == "Length") return NullSafe(target, t => Expression.Property(t, "Length"));
            throw Unknown(n.Position, type, n.Name);
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) && n.Name is "Key" or "Value")
            return Expression.Property(target, n.Name);
        if (TypeRules.IsModelType(type))
        {
            var property = type.GetProperty(n.Name, BindingFlags.Public | BindingFlags.Instance);
            if (property is { GetMethod.IsPublic: true } && property.GetIndexParameters().Length == 0
                && property.DeclaringType?.Assembly == TypeRules.ModelAssembly)
                return NullSafe(target, t => Expression.Property(t, property));
            throw Unknown(n.Position, type, n.Name);
        }
        if (TypeRules.ElementType(type) is not null && n.Name == "Count")
            return BindCollectionCall(new CallNode(n.Position, n.Target, "Count", []), target, scope);
        throw Unknown(n.Position, type, n.Name);
    }

    /// <summary>"Not allowed" when the member exists but is off the list, "unknown" when it does not exist at all.</summary>
    private static RuleSyntaxException Unknown(int position, Type type, string name)
    {
        var exists = type.GetMember(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Length > 0
                     || typeof(object).GetMember(name).Length > 0;
        if (exists) return NotAllowed(position, $"{type.Name}.{name}");
        var known = TypeRules.IsModelType(type)
            ? "；可用：" + string.Join(", ", ModelMemberNames(type))
            : "";
        return new RuleSyntaxException(position, $"未知成员 '{name}'（{TypeRules.Describe(type)} 没有这个成员{known}）");
    }

    private static IEnumerable<string> ModelMemberNames(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType?.Assembly == TypeRules.ModelAssembly && p.GetIndexParameters().Length == 0)
            .Select(p => p.Name)
            .Concat(ModelMethods(type).Select(m => m.Name + "()"))
            .Distinct();

    private static IEnumerable<MethodInfo> ModelMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && m.ReturnType != typeof(void)
                        && m.DeclaringType?.Assembly == TypeRules.ModelAssembly && !HiddenModelMethods.Contains(m.Name));

    // ---------------------------------------------------------------- a.M(...) and F(...)

    private Expression BindCall(CallNode n, Scope scope)
    {
        if (n.Target is null)
            return n.Name == nameof(RuleFunctions.Matches) ? BindMatches(n, scope) : BindFunction(n, scope);
        if (StaticPath(n.Target, scope) is { } path) throw NotAllowed(StartOf(n), path + "." + n.Name);

        var target = Bind(n.Target, scope);
        if (IsNullLiteral(target)) throw new RuleSyntaxException(n.Position, "null 没有方法");
        var type = target.Type;

        if (n.Name == "ToString") return BindToString(n, target, scope);
        if (type == typeof(string)) return BindStringMethod(n, target, scope);
        if (TypeRules.ElementType(type) is not null && CollectionMethods.Contains(n.Name))
            return BindCollectionCall(n, target, scope);
        if (TypeRules.IsModelType(type) && !TypeRules.IsNullableValue(type))
        {
            var candidates = ModelMethods(type).Where(m => m.Name == n.Name).ToList();
            if (candidates.Count > 0) return BindModelMethod(n, target, candidates, scope);
        }
        if (TypeRules.ElementType(type) is not null && type.GetMember(n.Name).Length == 0 && typeof(object).GetMember(n.Name).Length == 0)
            throw new RuleSyntaxException(n.Position,
                $"集合不支持方法 '{n.Name}'（可用：{string.Join(", ", CollectionMethods)}）");
        throw Unknown(n.Position, type, n.Name);
    }

    private Expression BindModelMethod(CallNode n, Expression target, List<MethodInfo> candidates, Scope scope)
    {
        RuleSyntaxException? firstError = null;
        foreach (var method in candidates.Where(m => m.GetParameters().Length == n.Arguments.Count))
        {
            try
            {
                var parameters = method.GetParameters();
                var args = new Expression[parameters.Length];
                for (var i = 0; i < args.Length; i++)
                {
                    CheckKnownName(n.Arguments[i], parameters[i]);
                    args[i] = BindArgument(n.Arguments[i], parameters[i].ParameterType, scope);
                }
                return NullSafe(target, t => Expression.Call(t, method, args));
            }
            catch (DependentErrorException) { throw; }
            catch (RuleSyntaxException ex) { firstError ??= ex; }
        }
        if (firstError is not null) throw firstError;
        var signatures = candidates.Select(m => $"{m.Name}({string.Join(", ", m.GetParameters().Select(p => TypeRules.Describe(p.ParameterType)))})");
        throw new RuleSyntaxException(n.Position, $"'{n.Name}' 的参数个数不对（可用：{string.Join("；", signatures)}）");
    }

    /// <summary>
    /// A literal passed for a column name or figure key (a parameter marked [KnownNames]) must be one recognition
    /// produces: a misspelt '基本支处' would read 0 on every document. Both literal branches of a conditional count.
    /// </summary>
    private static void CheckKnownName(Node argument, ParameterInfo parameter)
    {
        if (parameter.GetCustomAttribute<KnownNamesAttribute>() is not { } known) return;
        switch (argument)
        {
            case LiteralNode { Value: string text } when !known.Names.Contains(text):
                throw new RuleSyntaxException(argument.Position,
                    $"未知的{known.What} '{text}'（可用：{string.Join("、", known.Names)}）");
            case ConditionalNode c:
                CheckKnownName(c.IfTrue, parameter);
                CheckKnownName(c.IfFalse, parameter);
                break;
        }
    }

    private Expression BindToString(CallNode n, Expression target, Scope scope)
    {
        var type = target.Type;
        if (n.Arguments.Count == 1 && TypeRules.Underlying(type) == typeof(decimal))
        {
            var format = BindAs(n.Arguments[0], typeof(string), scope);
            if (TypeRules.IsNullableValue(type))
                return Expression.Call(typeof(RuntimeText).GetMethod(nameof(RuntimeText.Format), [typeof(decimal?), typeof(string)])!, target, format);
            return Expression.Call(target, typeof(decimal).GetMethod("ToString", [typeof(string), typeof(IFormatProvider)])!,
                format, Expression.Constant(CultureInfo.InvariantCulture, typeof(IFormatProvider)));
        }
        if (n.Arguments.Count != 0) throw new RuleSyntaxException(n.Position, "ToString 只接受数值的格式参数，例如 x.ToString('0.00')");
        if (type == typeof(string)) return target;
        // Enums render as their Chinese names; everything else through the same path messages use.
        var value = type.IsValueType ? Expression.Convert(target, typeof(object)) : target;
        return Expression.Call(typeof(RuntimeText).GetMethod(nameof(RuntimeText.Concat), [typeof(object)])!,
            value.Type == typeof(object) ? value : Expression.Convert(value, typeof(object)));
    }

    private Expression BindStringMethod(CallNode n, Expression target, Scope scope)
    {
        Expression Arg(int i, Type t) => BindAs(n.Arguments[i], t, scope);
        var ordinal = Expression.Constant(StringComparison.Ordinal);
        var s = typeof(string);
        Func<Expression, Expression>? call = (n.Name, n.Arguments.Count) switch
        {
            // Ordinal everywhere: culture-sensitive matching has no place in comparing Chinese table text.
            ("Contains", 1) => WithArgs(a => t => Expression.Call(t, s.GetMethod("Contains", [s, typeof(StringComparison)])!, a[0], ordinal), Arg(0, s)),
            ("StartsWith", 1) => WithArgs(a => t => Expression.Call(t, s.GetMethod("StartsWith", [s, typeof(StringComparison)])!, a[0], ordinal), Arg(0, s)),
            ("EndsWith", 1) => WithArgs(a => t => Expression.Call(t, s.GetMethod("EndsWith", [s, typeof(StringComparison)])!, a[0], ordinal), Arg(0, s)),
            ("IndexOf", 1) => WithArgs(a => t => Expression.Call(t, s.GetMethod("IndexOf", [s, typeof(StringComparison)])!, a[0], ordinal), Arg(0, s)),
            ("Trim", 0) => t => Expression.Call(t, s.GetMethod("Trim", Type.EmptyTypes)!),
            ("Replace", 2) => WithArgs(a => t => Expression.Call(t, s.GetMethod("Replace", [s, s])!, a[0], a[1]), Arg(0, s), Arg(1, s)),
            ("Substring", 1) => WithArgs(a => t => Expression.Call(t, s.GetMethod("Substring", [typeof(int)])!, a[0]), Arg(0, typeof(int))),
            ("Substring", 2) => WithArgs(a => t => Expression.Call(t, s.GetMethod("Substring", [typeof(int), typeof(int)])!, a[0], a[1]),
                Arg(0, typeof(int)), Arg(1, typeof(int))),
            _ => null,
        };
        if (call is null)
        {
            var allowed = "Length, Contains(s), StartsWith(s), EndsWith(s), IndexOf(s), Trim(), Replace(a, b), Substring(i[, n]), ToString()";
            if (typeof(string).GetMember(n.Name).Length > 0 || typeof(object).GetMember(n.Name).Length > 0)
                throw NotAllowed(n.Position, "String." + n.Name);
            throw new RuleSyntaxException(n.Position, $"文本没有方法 '{n.Name}'（可用：{allowed}）");
        }
        return NullSafe(target, call);
    }

    private static Func<Expression, Expression> WithArgs(Func<Expression[], Func<Expression, Expression>> make, params Expression[] args) => make(args);

    // ---------------------------------------------------------------- free functions

    private static readonly ILookup<string, MethodInfo> Functions =
        typeof(RuleFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static).ToLookup(m => m.Name, StringComparer.Ordinal);

    public static IEnumerable<string> FunctionNames => Functions.Select(g => g.Key).Order(StringComparer.Ordinal);

    private Expression BindFunction(CallNode n, Scope scope)
    {
        if (!Functions.Contains(n.Name))
        {
            if (ForbiddenFunctions.Contains(n.Name) || scope.IsDeclared(n.Name)) throw NotAllowed(n.Position, n.Name);
            throw new RuleSyntaxException(n.Position, $"未知函数 '{n.Name}'（可用函数：{string.Join(", ", FunctionNames)}）");
        }
        RuleSyntaxException? firstError = null;
        foreach (var method in Functions[n.Name].Where(m => m.GetParameters().Length == n.Arguments.Count))
        {
            try
            {
                var parameters = method.GetParameters();
                var args = new Expression[parameters.Length];
                for (var i = 0; i < args.Length; i++) args[i] = BindArgument(n.Arguments[i], parameters[i].ParameterType, scope);
                return Expression.Call(method, args);
            }
            catch (DependentErrorException) { throw; }
            catch (RuleSyntaxException ex) { firstError ??= ex; }
        }
        if (firstError is not null) throw firstError;
        var counts = string.Join(" 或 ", Functions[n.Name].Select(m => m.GetParameters().Length).Distinct());
        throw new RuleSyntaxException(n.Position, $"函数 '{n.Name}' 需要 {counts} 个参数，给了 {n.Arguments.Count} 个");
    }
}
