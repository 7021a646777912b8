using System.Collections;
using System.Linq.Expressions;
using AuditEngine.Model;
using AuditEngine.Rules.Evaluation;
using AuditEngine.Rules.Language;

namespace AuditEngine.Rules.Loading;

/// <summary>
/// Compiles one workflow's GlobalParams and rules to delegates. All expressions of a workflow share the
/// <c>doc</c> and globals-array parameters, so a GlobalParam is read in a rule as a typed unbox of its slot.
/// </summary>
internal sealed class RuleCompiler
{
    private static readonly HashSet<string> ReservedNames = ["doc", "item", "true", "false", "null"];
    private static readonly string[] BalanceNames = ["expected", "actual", "diff", "terms", "tolerance"];

    private readonly string file;
    private readonly List<RuleError> errors;
    private readonly ParameterExpression doc = Expression.Parameter(typeof(Disclosure), "doc");
    private readonly ParameterExpression globalsArray = Expression.Parameter(typeof(object[]), "globals");
    private readonly Scope workflowScope;
    private readonly List<CompiledGlobal> globals = [];

    public RuleCompiler(string file, List<RuleError> errors)
    {
        this.file = file;
        this.errors = errors;
        workflowScope = new Scope(null);
        workflowScope.Declare("doc", new Symbol(doc));
    }

    public IReadOnlyList<CompiledGlobal> Globals => globals;

    public void AddGlobal(string name, string expression)
    {
        var field = $"GlobalParams[{name}]";
        if (!CheckName(name, null, field, workflowScope)) return;
        var binder = new Binder(doc);
        var index = globals.Count;
        try
        {
            var body = binder.Bind(Parser.Parse(expression), workflowScope);
            if (body.Type == typeof(object) && body is ConstantExpression { Value: null })
                throw new RuleSyntaxException(0, "参数不能只是 null");
            var lambda = Expression.Lambda<Func<Disclosure, object?[], object?>>(
                Expression.Convert(body, typeof(object)), doc, globalsArray);
            var depends = binder.UsedGlobals.SelectMany(g => globals[g].DependsOn).Append(index).Distinct().Order().ToArray();
            globals.Add(new CompiledGlobal(name, lambda.Compile(), depends));
            workflowScope.Declare(name, new Symbol(
                Expression.Convert(Expression.ArrayIndex(globalsArray, Expression.Constant(index)), body.Type), index));
        }
        catch (RuleSyntaxException ex)
        {
            Report(null, field, ex);
            workflowScope.Declare(name, new Symbol(null));
        }
    }

    /// <summary>Compiles a rule; null when it has errors (they are already reported).</summary>
    public CompiledRule? Compile(RuleSpec spec)
    {
        var id = spec.Definition.Id;
        var failed = spec.HasShapeErrors;
        var binder = new Binder(doc);
        var scope = new Scope(workflowScope);
        var variables = new List<ParameterExpression>();
        var body = new List<Expression>();
        var done = Expression.Label(typeof(RuleOutcome), "done");
        var pass = Expression.Return(done, Expression.Constant(null, typeof(RuleOutcome)));
        var skip = Expression.Return(done, Expression.Field(null, typeof(RuleOutcome), nameof(RuleOutcome.Skipped)));
        var itemObject = Expression.Parameter(typeof(object), "itemObject");

        // Runs one compile step; a failure is reported and compilation goes on, to find every error at once.
        T? Step<T>(string field, Func<T> step) where T : class
        {
            try { return step(); }
            catch (RuleSyntaxException ex) { Report(id, field, ex); failed = true; return null; }
        }

        // scope → the item's type
        Func<Disclosure, object?[], IEnumerable?>? scopeDelegate = null;
        if (spec.Properties.TryGetValue("scope", out var scopeText))
        {
            var itemType = Step("Properties.scope", () =>
            {
                var collection = binder.Bind(Parser.Parse(scopeText), scope);
                var element = TypeRules.ElementType(collection.Type)
                              ?? throw new RuleSyntaxException(0, $"scope 必须返回集合，得到的是{TypeRules.Describe(collection.Type)}");
                scopeDelegate = Expression.Lambda<Func<Disclosure, object?[], IEnumerable?>>(
                    Expression.Convert(collection, typeof(IEnumerable)), doc, globalsArray).Compile();
                return element;
            });
            if (itemType is not null)
            {
                var item = Expression.Variable(itemType, "item");
                variables.Add(item);
                body.Add(Expression.Assign(item, Expression.Convert(itemObject, itemType)));
                scope.Declare("item", new Symbol(item));
            }
            else
            {
                scope.Declare("item", new Symbol(null));
            }
        }

        if (spec.Properties.TryGetValue("when", out var whenText))
        {
            var when = Step("Properties.when", () => binder.BindAs(Parser.Parse(whenText), typeof(bool), scope));
            if (when is not null) body.Add(Expression.IfThen(Expression.Not(when), skip));
        }

        foreach (var local in spec.LocalParams)
        {
            var field = $"LocalParams[{local.Name}]";
            if (!CheckName(local.Name, id, field, scope))
            {
                failed = true;
                continue;
            }
            if (spec.IsBalance && BalanceNames.Contains(local.Name))
            {
                ReportClash(id, field, local.Name);
                failed = true;
                continue;
            }
            var value = Step(field, () => binder.Bind(Parser.Parse(local.Expression), scope));
            if (value is ConstantExpression { Value: null } && value.Type == typeof(object))
            {
                // An untyped null gives the parameter no type to be read as.
                Report(id, field, new RuleSyntaxException(0, "参数不能只是 null"));
                failed = true;
                value = null;
            }
            if (value is null)
            {
                scope.Declare(local.Name, new Symbol(null));
                continue;
            }
            var variable = Expression.Variable(value.Type, local.Name);
            variables.Add(variable);
            body.Add(Expression.Assign(variable, value));
            scope.Declare(local.Name, new Symbol(variable));
        }

        Expression expectedValue = Expression.Constant(null, typeof(decimal?));
        Expression actualValue = Expression.Constant(null, typeof(decimal?));
        if (spec.IsBalance)
        {
            var expected = Expression.Variable(typeof(decimal), "expected");
            var actual = Expression.Variable(typeof(decimal), "actual");
            var terms = Expression.Variable(typeof(decimal), "terms");
            var diff = Expression.Variable(typeof(decimal), "diff");
            var tolerance = Expression.Variable(typeof(decimal), "tolerance");
            variables.AddRange([expected, actual, terms, diff, tolerance]);
            var e = Step("Properties.expected", () => BindAmount(binder, spec.Properties.GetValueOrDefault("expected") ?? "0", scope));
            var a = Step("Properties.actual", () => BindAmount(binder, spec.Properties.GetValueOrDefault("actual") ?? "0", scope));
            var t = Step("Properties.terms", () => BindAmount(binder, spec.Properties.GetValueOrDefault("terms") ?? "1", scope));
            if (e is not null) body.Add(Expression.Assign(expected, e));
            if (a is not null) body.Add(Expression.Assign(actual, a));
            if (t is not null) body.Add(Expression.Assign(terms, t));
            // The figures read are compared at the precision they were printed with (Precision): a 元 figure against
            // a 万元 one at 0.01 万元, and the 尾差 allowance is n × half the coarsest printed step (0 for 元 tables).
            var settle = typeof(Precision).GetMethod(nameof(Precision.Settle))!;
            body.Add(Expression.Assign(expected, Expression.Call(settle, expected)));
            body.Add(Expression.Assign(actual, Expression.Call(settle, actual)));
            body.Add(Expression.Assign(diff, Expression.Call(typeof(Math).GetMethod(nameof(Math.Abs), [typeof(decimal)])!,
                Expression.Subtract(actual, expected))));
            body.Add(Expression.Assign(tolerance, Expression.Multiply(terms, Expression.Call(typeof(Precision).GetMethod(nameof(Precision.HalfStep))!))));
            foreach (var v in new[] { expected, actual, terms, diff, tolerance }) scope.Declare(v.Name!, new Symbol(v));
            expectedValue = Expression.Convert(expected, typeof(decimal?));
            actualValue = Expression.Convert(actual, typeof(decimal?));
        }

        var expressionText = string.IsNullOrWhiteSpace(spec.Expression) ? RuleSpec.DefaultBalanceExpression : spec.Expression;
        if (!string.IsNullOrWhiteSpace(spec.Expression) || spec.IsBalance)
        {
            var test = Step("Expression", () => binder.BindAs(Parser.Parse(expressionText), typeof(bool), scope));
            if (test is not null) body.Add(Expression.IfThen(test, pass));
        }

        var severityText = spec.Definition.Severity;
        Expression? severity = severityText.StartsWith('=')
            ? Step("Properties.severity", () =>
            {
                try
                {
                    return binder.BindAs(Parser.Parse(severityText[1..]), typeof(string), scope);
                }
                catch (RuleSyntaxException ex) when (ex is not DependentErrorException)
                {
                    // Offsets count from the start of the property text, '=' included.
                    throw new RuleSyntaxException(ex.Position + 1, ex.Reason);
                }
            })
            : Expression.Constant(severityText.Trim().ToLowerInvariant());

        var message = Step("ErrorMessage", () => TemplateCompiler.Compile(spec.Definition.ErrorMessage, binder, scope));

        if (failed || severity is null || message is null) return null;

        var ctor = typeof(RuleOutcome).GetConstructors()[0];
        body.Add(Expression.Label(done, Expression.New(ctor, severity, message, expectedValue, actualValue)));
        var lambda = Expression.Lambda<Func<Disclosure, object?[], object?, RuleOutcome?>>(
            Expression.Block(typeof(RuleOutcome), variables, body), doc, globalsArray, itemObject);
        var usedGlobals = binder.UsedGlobals.SelectMany(g => globals[g].DependsOn).Distinct().Order().ToArray();
        var reportsEveryItem = !spec.IsBalance && spec.Expression?.Trim() == "false";
        return new CompiledRule(spec.Definition, scopeDelegate, lambda.Compile(), usedGlobals, reportsEveryItem);
    }

    /// <summary>expected / actual / terms: any number; a nullable one counts as 0 when absent.</summary>
    private static Expression BindAmount(Binder binder, string text, Scope scope)
    {
        var value = binder.Bind(Parser.Parse(text), scope);
        if (TypeRules.IsNumeric(value.Type) && TypeRules.IsNullableValue(value.Type))
            return Expression.Coalesce(Binder.ConvertTo(value, typeof(decimal?), 0), Expression.Constant(0m));
        return Binder.ConvertTo(value, typeof(decimal), 0);
    }

    private bool CheckName(string name, string? rule, string field, Scope scope)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsLetterOrDigit(c) || c == '_'))
        {
            errors.Add(new RuleError(file, rule, null, $"参数名 '{name}' 无效（只能用字母、数字和下划线，且不能以数字开头）") { Field = field });
            return false;
        }
        if (ReservedNames.Contains(name))
        {
            errors.Add(new RuleError(file, rule, null, $"参数名 '{name}' 是保留字") { Field = field });
            return false;
        }
        if (scope.IsDeclared(name))
        {
            errors.Add(new RuleError(file, rule, null, $"参数名 '{name}' 重复") { Field = field });
            return false;
        }
        return true;
    }

    private void ReportClash(string rule, string field, string name) =>
        errors.Add(new RuleError(file, rule, null,
            $"参数名 '{name}' 与平衡式的名称冲突（{string.Join(", ", BalanceNames)}）") { Field = field });

    private void Report(string? rule, string field, RuleSyntaxException ex)
    {
        // Uses of a broken parameter are not reported again: the parameter's own error says it all.
        if (ex is DependentErrorException) return;
        errors.Add(new RuleError(file, rule, ex.Position, ex.Reason) { Field = field });
    }
}
