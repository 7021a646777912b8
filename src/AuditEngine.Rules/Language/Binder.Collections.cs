using System.Linq.Expressions;

namespace AuditEngine.Rules.Language;

/// <summary>
/// Collection methods, mapped at bind time to System.Linq.Enumerable's generic methods. Lambda parameter types
/// come from the source's element type, so rule authors never write types.
/// </summary>
internal sealed partial class Binder
{
    private Expression BindCollectionCall(CallNode n, Expression source, Scope scope)
    {
        var element = TypeRules.ElementType(source.Type)!;
        var enumerableType = typeof(IEnumerable<>).MakeGenericType(element);
        var args = n.Arguments;

        void Arity(params int[] allowed)
        {
            if (!allowed.Contains(args.Count))
                throw new RuleSyntaxException(n.Position,
                    $"'{n.Name}' 需要 {string.Join(" 或 ", allowed)} 个参数，给了 {args.Count} 个");
        }

        LambdaExpression Lambda(int index, Type? result = null) => BindLambda(args[index], element, result, scope);

        Expression Call(string method, Type[] typeArgs, params Expression[] rest) =>
            NullSafe(source, s => Expression.Call(typeof(Enumerable), method, typeArgs,
                [Expression.Convert(s, enumerableType), .. rest]));

        switch (n.Name)
        {
            case "Where":
                Arity(1);
                return Call("Where", [element], Lambda(0, typeof(bool)));
            case "Select":
            {
                Arity(1);
                var selector = Lambda(0);
                return Call("Select", [element, selector.ReturnType], selector);
            }
            case "SelectMany":
            {
                Arity(1);
                var selector = Lambda(0);
                var inner = TypeRules.ElementType(selector.ReturnType)
                            ?? throw new RuleSyntaxException(args[0] is LambdaNode l ? StartOf(l.Body) : args[0].Position, "SelectMany 的 lambda 必须返回集合");
                // A null inner collection counts as empty rather than failing the whole rule.
                var innerType = typeof(IEnumerable<>).MakeGenericType(inner);
                var safe = Expression.Lambda(
                    Expression.Coalesce(Expression.Convert(selector.Body, innerType),
                        Expression.Call(typeof(Enumerable), "Empty", [inner])),
                    selector.Parameters);
                return Call("SelectMany", [element, inner], safe);
            }
            case "Any":
            case "All":
            case "Count":
                if (n.Name == "All") Arity(1); else Arity(0, 1);
                return args.Count == 0 ? Call(n.Name, [element]) : Call(n.Name, [element], Lambda(0, typeof(bool)));
            case "FirstOrDefault":
            case "LastOrDefault":
                Arity(0, 1);
                return args.Count == 0 ? Call(n.Name, [element]) : Call(n.Name, [element], Lambda(0, typeof(bool)));
            case "Sum":
            {
                Arity(0, 1);
                var selector = args.Count == 1 ? Lambda(0) : Identity(element);
                if (!TypeRules.IsNumeric(selector.ReturnType))
                    throw new RuleSyntaxException(args.Count == 1 && args[0] is LambdaNode l ? StartOf(l.Body) : n.Position,
                        $"Sum 只能对数值求和，得到的是{TypeRules.Describe(selector.ReturnType)}");
                var nullable = TypeRules.IsNullableValue(selector.ReturnType);
                var decimalSelector = Retype(selector, nullable ? typeof(decimal?) : typeof(decimal));
                var sum = Call("Sum", [element], decimalSelector);
                // Sum over decimal? skips nulls and is never null itself; present it as a plain decimal.
                return nullable ? Expression.Coalesce(sum, Expression.Constant(0m)) : sum;
            }
            case "Min":
            case "Max":
            {
                Arity(0, 1);
                var selector = args.Count == 1 ? Lambda(0) : Identity(element);
                if (TypeRules.IsNumeric(selector.ReturnType))
                {
                    // decimal? selector: an empty collection gives null instead of throwing.
                    return Call(n.Name, [element], Retype(selector, typeof(decimal?)));
                }
                if (selector.ReturnType.IsValueType)
                    throw new RuleSyntaxException(n.Position, $"{n.Name} 只支持数值或文本");
                return Call(n.Name, [element, selector.ReturnType], selector);
            }
            case "Distinct":
            case "ToList":
                Arity(0);
                return Call(n.Name, [element]);
            case "Contains":
            {
                Arity(1);
                var value = TryEnumLiteral(args[0], element, out var literal) ? literal : BindAs(args[0], element, scope);
                return Call("Contains", [element], value);
            }
            case "Take":
            case "Skip":
                Arity(1);
                return Call(n.Name, [element], BindAs(args[0], typeof(int), scope));
            case "OrderBy":
            case "OrderByDescending":
            {
                Arity(1);
                var key = Lambda(0);
                return Call(n.Name, [element, key.ReturnType], key);
            }
            default:
                throw new RuleSyntaxException(n.Position, $"集合不支持方法 '{n.Name}'");
        }
    }

    /// <summary>Binds <c>x =&gt; body</c> with x typed as the collection's element type.</summary>
    private LambdaExpression BindLambda(Node node, Type parameterType, Type? resultType, Scope scope)
    {
        if (node is not LambdaNode lambda)
            throw new RuleSyntaxException(node.Position, "这里需要 lambda，例如 r => r.Amount('合计') > 0");
        if (scope.IsDeclared(lambda.Parameter))
            throw new RuleSyntaxException(lambda.Position, $"lambda 参数名 '{lambda.Parameter}' 与已有名称重复");
        var parameter = Expression.Parameter(parameterType, lambda.Parameter);
        var inner = new Scope(scope);
        inner.Declare(lambda.Parameter, new Symbol(parameter));
        var body = Bind(lambda.Body, inner);
        if (resultType is not null) body = ConvertTo(body, resultType, StartOf(lambda.Body));
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(parameterType, body.Type), body, parameter);
    }

    private static LambdaExpression Identity(Type element)
    {
        var x = Expression.Parameter(element, "x");
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(element, element), x, x);
    }

    /// <summary>Same lambda, result converted (int → decimal, decimal → decimal?).</summary>
    private static LambdaExpression Retype(LambdaExpression lambda, Type result)
    {
        if (lambda.ReturnType == result) return lambda;
        var parameter = lambda.Parameters[0];
        return Expression.Lambda(typeof(Func<,>).MakeGenericType(parameter.Type, result),
            Expression.Convert(lambda.Body, result), parameter);
    }
}
