using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Rules.Language;

/// <summary>
/// Turns a syntax tree into a typed System.Linq.Expressions tree. This is where the language's safety lives:
/// every member, method and function is resolved here against an allow-list, once, at load time; the compiled
/// delegate never reflects. It also applies the numeric rules (everything numeric meets as decimal), the
/// enum-literal conversions and null-safe navigation.
/// </summary>
internal sealed partial class Binder(ParameterExpression doc)
{
    /// <summary>Indexes of GlobalParams the bound expressions referenced.</summary>
    public HashSet<int> UsedGlobals { get; } = [];

    public Expression Bind(Node node, Scope scope) => node switch
    {
        LiteralNode n => BindLiteral(n),
        IdentifierNode n => BindIdentifier(n, scope),
        MemberNode n => BindMember(n, scope),
        CallNode n => BindCall(n, scope),
        LambdaNode n => throw new RuleSyntaxException(n.Position, "lambda（x => …）只能作为集合方法的参数，例如 Where(x => …)"),
        UnaryNode n => BindUnary(n, scope),
        BinaryNode n => BindBinary(n, scope),
        ConditionalNode n => BindConditional(n, scope),
        _ => throw new RuleSyntaxException(node.Position, "无法识别的表达式"),
    };

    /// <summary>Binds and converts to <paramref name="target"/>, with the language's implicit conversions.</summary>
    public Expression BindAs(Node node, Type target, Scope scope) => ConvertTo(Bind(node, scope), target, StartOf(node));

    /// <summary>Where a whole sub-expression starts: type errors about it point there, not at its last operator.</summary>
    public static int StartOf(Node node) => node switch
    {
        BinaryNode b => StartOf(b.Left),
        MemberNode m => StartOf(m.Target),
        CallNode { Target: { } t } => StartOf(t),
        ConditionalNode c => StartOf(c.Test),
        _ => node.Position,
    };

    // ---------------------------------------------------------------- literals and names

    private static Expression BindLiteral(LiteralNode n) => n.Value switch
    {
        null => NullLiteral(),
        _ => Expression.Constant(n.Value, n.Value.GetType()),
    };

    /// <summary>The null literal is typed object until it meets something that gives it a type.</summary>
    private static ConstantExpression NullLiteral() => Expression.Constant(null, typeof(object));

    private static bool IsNullLiteral(Expression e) => e is ConstantExpression { Value: null } && e.Type == typeof(object);

    private Expression BindIdentifier(IdentifierNode n, Scope scope)
    {
        if (!scope.TryLookup(n.Name, out var symbol))
        {
            var hint = n.Name == "item" ? "（规则没有 scope 时不能使用 item）" : $"（可用名称：{string.Join(", ", scope.Names)}）";
            throw new RuleSyntaxException(n.Position, $"未知标识符 '{n.Name}'{hint}");
        }
        if (symbol.Expression is null) throw new DependentErrorException(n.Position, n.Name);
        if (symbol.GlobalIndex >= 0) UsedGlobals.Add(symbol.GlobalIndex);
        return symbol.Expression;
    }

    /// <summary>
    /// "System.IO.File" style paths: a chain of names whose root is not a variable. Such a chain can only mean
    /// a static member of some type, which the language never allows.
    /// </summary>
    private static string? StaticPath(Node node, Scope scope) => node switch
    {
        // Type names are capitalised (System, Environment, Math); a lower-case unknown name is a typo of a variable.
        IdentifierNode i when !scope.IsDeclared(i.Name) && char.IsAsciiLetterUpper(i.Name[0]) => i.Name,
        MemberNode m when StaticPath(m.Target, scope) is { } p => p + "." + m.Name,
        _ => null,
    };

    // ---------------------------------------------------------------- conversions

    public static Expression ConvertTo(Expression e, Type target, int position)
    {
        if (e.Type == target) return e;
        if (IsNullLiteral(e))
        {
            if (TypeRules.CanBeNull(target)) return Expression.Constant(null, target);
            throw new RuleSyntaxException(position, $"这里需要{TypeRules.Describe(target)}，不能是 null");
        }
        if (target == typeof(object)) return Expression.Convert(e, typeof(object));
        if (TypeRules.IsNumeric(e.Type) && TypeRules.IsNumeric(target))
        {
            if (TypeRules.IsNullableValue(e.Type) && !TypeRules.IsNullableValue(target))
                throw new RuleSyntaxException(position,
                    $"这里需要{TypeRules.Describe(target)}，得到的是{TypeRules.Describe(e.Type)}（可能为 null，可写 (…) ?? 0 给出缺省值）");
            return Expression.Convert(e, target);
        }
        if (Nullable.GetUnderlyingType(target) == e.Type) return Expression.Convert(e, target);
        if (target.IsAssignableFrom(e.Type)) return Expression.Convert(e, target);
        throw new RuleSyntaxException(position, $"类型不匹配：这里需要{TypeRules.Describe(target)}，得到的是{TypeRules.Describe(e.Type)}");
    }

    /// <summary>Every number meets others as decimal; int / long / double members are widened here.</summary>
    private static Expression ToDecimal(Expression e, bool nullable)
    {
        var target = nullable ? typeof(decimal?) : typeof(decimal);
        return e.Type == target ? e : Expression.Convert(e, target);
    }

    /// <summary>
    /// Enum-typed operands compared with, or passed, a string literal: the literal is converted now, so a
    /// misspelt table name is a load error instead of a rule that silently never matches.
    /// </summary>
    private static bool TryEnumLiteral(Node node, Type enumType, out Expression result)
    {
        result = null!;
        if (node is not LiteralNode { Value: string text }) return false;
        var type = TypeRules.Underlying(enumType);
        if (type == typeof(TableKind))
        {
            if (!TableKinds.TryParse(text, out var kind))
                throw new RuleSyntaxException(node.Position,
                    $"未知的表名 '{text}'（可用：{string.Join("、", TableKinds.ChineseNames.Values)}）");
            result = Expression.Constant(kind, enumType == type ? type : enumType);
            return true;
        }
        if (type == typeof(SectionKind))
        {
            if (!SectionKinds.TryParse(text, out var kind))
                throw new RuleSyntaxException(node.Position,
                    $"未知的说明部分 '{text}'（可用：{string.Join("、", SectionKinds.ChineseNames.Values)}）");
            result = Expression.Constant(kind, enumType == type ? type : enumType);
            return true;
        }
        if (type.IsEnum && type.Assembly == TypeRules.ModelAssembly)
        {
            // Other model enums (Classification: 功能分类 / 经济分类) are named by their members.
            if (!Enum.TryParse(type, text, ignoreCase: false, out var value) || !Enum.IsDefined(type, value!))
                throw new RuleSyntaxException(node.Position,
                    $"'{text}' 不是 {type.Name} 的值（可用：{string.Join("、", Enum.GetNames(type))}）");
            result = Expression.Constant(value, enumType == type ? type : enumType);
            return true;
        }
        return false;
    }

    private Expression BindArgument(Node node, Type parameterType, Scope scope)
    {
        if (TryEnumLiteral(node, parameterType, out var literal)) return literal;
        if (node is LambdaNode)
            throw new RuleSyntaxException(node.Position, "这个方法不接受 lambda 参数");
        return BindAs(node, parameterType, scope);
    }

    // ---------------------------------------------------------------- null-safe navigation

    /// <summary>
    /// <c>target.Member</c> that yields default(T) instead of throwing when the target is null: disclosures are
    /// often incomplete, and "the table is missing" is a separate rule's business. doc itself is never null.
    /// </summary>
    private Expression NullSafe(Expression target, Func<Expression, Expression> access)
    {
        if (target.Type.IsValueType || target == doc || target is ConstantExpression { Value: not null })
            return access(target);
        var temp = Expression.Variable(target.Type, "t");
        var body = access(temp);
        return Expression.Block(body.Type, [temp],
            Expression.Assign(temp, target),
            Expression.Condition(
                Expression.ReferenceEqual(temp, Expression.Constant(null, typeof(object))),
                Expression.Default(body.Type),
                body,
                body.Type));
    }

    // ---------------------------------------------------------------- operators

    private Expression BindUnary(UnaryNode n, Scope scope)
    {
        var operand = Bind(n.Operand, scope);
        if (n.Operator == TokenKind.Bang)
        {
            if (operand.Type != typeof(bool))
                throw new RuleSyntaxException(n.Position, $"'!' 需要布尔值，得到的是{TypeRules.Describe(operand.Type)}");
            return Expression.Not(operand);
        }
        if (!TypeRules.IsNumeric(operand.Type))
            throw new RuleSyntaxException(n.Position, $"'-' 需要数值，得到的是{TypeRules.Describe(operand.Type)}");
        return Expression.Negate(ToDecimal(operand, TypeRules.IsNullableValue(operand.Type)));
    }

    private Expression BindBinary(BinaryNode n, Scope scope)
    {
        switch (n.Operator)
        {
            case TokenKind.AndAnd:
            case TokenKind.OrOr:
            {
                var l = RequireBool(Bind(n.Left, scope), StartOf(n.Left), n.Operator == TokenKind.AndAnd ? "&&" : "||");
                var r = RequireBool(Bind(n.Right, scope), StartOf(n.Right), n.Operator == TokenKind.AndAnd ? "&&" : "||");
                return n.Operator == TokenKind.AndAnd ? Expression.AndAlso(l, r) : Expression.OrElse(l, r);
            }
            case TokenKind.Coalesce:
                return BindCoalesce(n, scope);
            case TokenKind.EqEq:
            case TokenKind.NotEq:
                return BindEquality(n, scope);
        }

        var left = Bind(n.Left, scope);
        var right = Bind(n.Right, scope);
        if (n.Operator == TokenKind.Plus && (left.Type == typeof(string) || right.Type == typeof(string)))
            return Expression.Call(ConcatMethod, ToText(left), ToText(right));

        var op = OperatorText(n.Operator);
        if (!TypeRules.IsNumeric(left.Type) || !TypeRules.IsNumeric(right.Type))
            throw new RuleSyntaxException(n.Position,
                $"'{op}' 需要两个数值，得到的是{TypeRules.Describe(left.Type)}和{TypeRules.Describe(right.Type)}");
        var nullable = TypeRules.IsNullableValue(left.Type) || TypeRules.IsNullableValue(right.Type);
        left = ToDecimal(left, nullable);
        right = ToDecimal(right, nullable);
        return n.Operator switch
        {
            TokenKind.Plus => Expression.Add(left, right),
            TokenKind.Minus => Expression.Subtract(left, right),
            TokenKind.Star => Expression.Multiply(left, right),
            TokenKind.Slash => Expression.Divide(left, right),
            TokenKind.Percent => Expression.Modulo(left, right),
            // Lifted comparisons answer false when either side is null (liftToNull: false), like C#.
            TokenKind.Less => Expression.LessThan(left, right, false, null),
            TokenKind.LessEq => Expression.LessThanOrEqual(left, right, false, null),
            TokenKind.Greater => Expression.GreaterThan(left, right, false, null),
            TokenKind.GreaterEq => Expression.GreaterThanOrEqual(left, right, false, null),
            _ => throw new RuleSyntaxException(n.Position, $"不支持的运算符 '{op}'"),
        };
    }

    private static readonly MethodInfo ConcatMethod = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;

    private static Expression ToText(Expression e)
    {
        if (e.Type == typeof(string)) return Expression.Call(typeof(RuntimeText).GetMethod(nameof(RuntimeText.Concat), [typeof(string)])!, e);
        if (TypeRules.IsNumeric(e.Type))
        {
            var nullable = TypeRules.IsNullableValue(e.Type);
            var d = ToDecimal(e, nullable);
            return Expression.Call(typeof(RuntimeText).GetMethod(nameof(RuntimeText.Concat), [d.Type])!, d);
        }
        return Expression.Call(typeof(RuntimeText).GetMethod(nameof(RuntimeText.Concat), [typeof(object)])!,
            Expression.Convert(e, typeof(object)));
    }

    private static Expression RequireBool(Expression e, int position, string op) =>
        e.Type == typeof(bool)
            ? e
            : throw new RuleSyntaxException(position, $"'{op}' 两边需要布尔值，得到的是{TypeRules.Describe(e.Type)}");

    private static string OperatorText(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "+", TokenKind.Minus => "-", TokenKind.Star => "*", TokenKind.Slash => "/",
        TokenKind.Percent => "%", TokenKind.Less => "<", TokenKind.LessEq => "<=", TokenKind.Greater => ">",
        TokenKind.GreaterEq => ">=", TokenKind.EqEq => "==", TokenKind.NotEq => "!=", _ => kind.ToString(),
    };

    private Expression BindEquality(BinaryNode n, Scope scope)
    {
        var equal = n.Operator == TokenKind.EqEq;
        var left = Bind(n.Left, scope);
        var right = Bind(n.Right, scope);

        // Enum compared with a string literal: convert the literal (and reject unknown names).
        if (TypeRules.Underlying(left.Type).IsEnum && TryEnumLiteral(n.Right, left.Type, out var lit)) right = lit;
        else if (TypeRules.Underlying(right.Type).IsEnum && TryEnumLiteral(n.Left, right.Type, out lit)) left = lit;

        if (IsNullLiteral(left) && IsNullLiteral(right)) return Expression.Constant(equal);
        if (IsNullLiteral(left) || IsNullLiteral(right))
        {
            var other = IsNullLiteral(left) ? right : left;
            // A non-nullable value is never null.
            if (!TypeRules.CanBeNull(other.Type)) return Expression.Constant(!equal);
            var test = other.Type.IsValueType
                ? (Expression)Expression.Not(Expression.Property(other, "HasValue"))
                : Expression.ReferenceEqual(other, Expression.Constant(null, typeof(object)));
            return equal ? test : Expression.Not(test);
        }

        if (TypeRules.IsNumeric(left.Type) && TypeRules.IsNumeric(right.Type))
        {
            var nullable = TypeRules.IsNullableValue(left.Type) || TypeRules.IsNullableValue(right.Type);
            left = ToDecimal(left, nullable);
            right = ToDecimal(right, nullable);
        }
        else if (left.Type != right.Type)
        {
            if (Nullable.GetUnderlyingType(left.Type) == right.Type) right = Expression.Convert(right, left.Type);
            else if (Nullable.GetUnderlyingType(right.Type) == left.Type) left = Expression.Convert(left, right.Type);
            else if (!left.Type.IsValueType && !right.Type.IsValueType
                     && (left.Type.IsAssignableFrom(right.Type) || right.Type.IsAssignableFrom(left.Type)))
            {
                // Reference types of one hierarchy: compared as the common base below.
            }
            else
            {
                throw new RuleSyntaxException(n.Position,
                    $"无法比较{TypeRules.Describe(left.Type)}和{TypeRules.Describe(right.Type)}");
            }
        }
        return equal
            ? Expression.Equal(left, right, false, null)
            : Expression.NotEqual(left, right, false, null);
    }

    private Expression BindCoalesce(BinaryNode n, Scope scope)
    {
        var left = Bind(n.Left, scope);
        var right = Bind(n.Right, scope);
        if (IsNullLiteral(left)) return right;
        if (!TypeRules.CanBeNull(left.Type))
            throw new RuleSyntaxException(n.Position, $"'??' 左边不会是 null（{TypeRules.Describe(left.Type)}）");
        if (TypeRules.IsNumeric(left.Type) && TypeRules.IsNumeric(right.Type))
        {
            left = ToDecimal(left, true);
            right = ToDecimal(right, TypeRules.IsNullableValue(right.Type));
            return Expression.Coalesce(left, right);
        }
        if (IsNullLiteral(right)) return left;
        var leftCore = TypeRules.Underlying(left.Type);
        if (right.Type == leftCore || right.Type == left.Type) return Expression.Coalesce(left, right);
        if (!left.Type.IsValueType && !right.Type.IsValueType)
        {
            if (left.Type.IsAssignableFrom(right.Type)) return Expression.Coalesce(left, Expression.Convert(right, left.Type));
            if (right.Type.IsAssignableFrom(left.Type)) return Expression.Coalesce(Expression.Convert(left, right.Type), right);
        }
        throw new RuleSyntaxException(n.Position,
            $"'??' 两边类型不一致：{TypeRules.Describe(left.Type)}和{TypeRules.Describe(right.Type)}");
    }

    private Expression BindConditional(ConditionalNode n, Scope scope)
    {
        var test = Bind(n.Test, scope);
        if (test.Type != typeof(bool))
            throw new RuleSyntaxException(StartOf(n.Test), $"'?' 前面需要布尔条件，得到的是{TypeRules.Describe(test.Type)}");
        var a = Bind(n.IfTrue, scope);
        var b = Bind(n.IfFalse, scope);
        var type = CommonType(a, b, n.Position);
        return Expression.Condition(test, ConvertTo(a, type, StartOf(n.IfTrue)), ConvertTo(b, type, StartOf(n.IfFalse)), type);
    }

    private static Type CommonType(Expression a, Expression b, int position)
    {
        if (a.Type == b.Type) return a.Type;
        if (IsNullLiteral(a)) return TypeRules.MakeNullable(b.Type);
        if (IsNullLiteral(b)) return TypeRules.MakeNullable(a.Type);
        if (TypeRules.IsNumeric(a.Type) && TypeRules.IsNumeric(b.Type))
            return TypeRules.IsNullableValue(a.Type) || TypeRules.IsNullableValue(b.Type) ? typeof(decimal?) : typeof(decimal);
        if (Nullable.GetUnderlyingType(a.Type) == b.Type) return a.Type;
        if (Nullable.GetUnderlyingType(b.Type) == a.Type) return b.Type;
        if (!a.Type.IsValueType && !b.Type.IsValueType)
        {
            if (a.Type.IsAssignableFrom(b.Type)) return a.Type;
            if (b.Type.IsAssignableFrom(a.Type)) return b.Type;
        }
        throw new RuleSyntaxException(position,
            $"条件表达式两个分支类型不一致：{TypeRules.Describe(a.Type)}和{TypeRules.Describe(b.Type)}");
    }

    // ---------------------------------------------------------------- regex literals

    /// <summary>Matches(text, 'literal') compiles its pattern now: a bad pattern is a load error, and no cache lookup per call.</summary>
    private Expression BindMatches(CallNode n, Scope scope)
    {
        if (n.Arguments.Count != 2 || n.Arguments[1] is not LiteralNode { Value: string pattern }) return BindFunction(n, scope);
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, RuleFunctions.RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            throw new RuleSyntaxException(n.Arguments[1].Position, $"正则表达式无效：{ex.Message}");
        }
        var text = BindAs(n.Arguments[0], typeof(string), scope);
        var method = typeof(RuleFunctions).GetMethod(nameof(RuleFunctions.MatchesCompiled), BindingFlags.NonPublic | BindingFlags.Static)!;
        return Expression.Call(method, text, Expression.Constant(regex));
    }
}
