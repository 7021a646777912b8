using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Rules.Language;

/// <summary>
/// Message templates: literal text with "{expr}" or "{expr:format}" holes and "{{" / "}}" escapes. Each hole
/// is parsed and bound like any expression; the whole template becomes one string.Concat call.
/// </summary>
internal static class TemplateCompiler
{
    /// <summary>Parses a template into literal parts and holes (expression text, its offset, format).</summary>
    public static List<TemplatePart> Split(string template)
    {
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { literal.Append('{'); i += 2; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { literal.Append('}'); i += 2; continue; }
            if (c == '}') throw new RuleSyntaxException(i, "单独的 '}'（字面的花括号请写成 '}}'）");
            if (c != '{') { literal.Append(c); i++; continue; }

            if (literal.Length > 0) { parts.Add(new TemplatePart(literal.ToString(), null, 0, null)); literal.Clear(); }
            var (end, colon) = FindHoleEnd(template, i + 1);
            var exprEnd = colon >= 0 ? colon : end;
            var expression = template[(i + 1)..exprEnd];
            if (string.IsNullOrWhiteSpace(expression)) throw new RuleSyntaxException(i, "空的 {}（字面的花括号请写成 '{{'）");
            var format = colon >= 0 ? template[(colon + 1)..end] : null;
            parts.Add(new TemplatePart(null, expression, i + 1, format));
            i = end + 1;
        }
        if (literal.Length > 0) parts.Add(new TemplatePart(literal.ToString(), null, 0, null));
        return parts;
    }

    /// <summary>
    /// Finds the '}' closing a hole, skipping quoted strings and parentheses, and the ':' that starts a format.
    /// A ':' that answers a pending '?' belongs to a conditional expression, not to the format.
    /// </summary>
    private static (int End, int Colon) FindHoleEnd(string t, int start)
    {
        int depth = 0, pendingQuestions = 0, colon = -1;
        for (var i = start; i < t.Length; i++)
        {
            var c = t[i];
            if (colon >= 0)
            {
                if (c == '}') return (i, colon);
                continue;
            }
            switch (c)
            {
                case '\'' or '"':
                    var quote = c;
                    for (i++; i < t.Length && t[i] != quote; i++)
                        if (t[i] == '\\') i++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case '?':
                    if (i + 1 < t.Length && t[i + 1] == '?') i++;
                    else pendingQuestions++;
                    break;
                case ':' when depth == 0:
                    if (pendingQuestions > 0) pendingQuestions--;
                    else colon = i;
                    break;
                case '}' when depth <= 0:
                    return (i, -1);
            }
        }
        throw new RuleSyntaxException(start - 1, "'{' 没有对应的 '}'");
    }

    /// <summary>Compiles a template to a string-valued expression in the given scope.</summary>
    public static Expression Compile(string template, Binder binder, Scope scope)
    {
        var parts = Split(template);
        // A hole written between “ and ” is a quoted name: ChineseQuotes puts the marks, so that a value that carries
        // its own (“三公”经费…) is not printed with doubled ones.
        bool Quoted(int i) => parts[i].Literal is null
            && i > 0 && parts[i - 1].Literal is { } before && before.EndsWith(ChineseQuotes.Open)
            && i + 1 < parts.Count && parts[i + 1].Literal is { } after && after.StartsWith(ChineseQuotes.Close);
        var pieces = new List<Expression>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Literal is { } literal)
            {
                if (i > 0 && Quoted(i - 1)) literal = literal[1..];
                if (i + 1 < parts.Count && Quoted(i + 1)) literal = literal[..^1];
                if (literal.Length > 0) pieces.Add(Expression.Constant(literal));
                continue;
            }
            Node node;
            Expression value;
            try
            {
                node = Parser.Parse(part.Expression!);
                value = binder.Bind(node, scope);
            }
            catch (RuleSyntaxException ex) when (ex is not DependentErrorException)
            {
                throw new RuleSyntaxException(part.Offset + ex.Position, ex.Reason);
            }
            if (part.Format is { } format) ValidateFormat(format, part.Offset + part.Expression!.Length + 1);
            var text = Render(value, part.Format);
            pieces.Add(Quoted(i) ? Expression.Call(typeof(ChineseQuotes).GetMethod(nameof(ChineseQuotes.Quote))!, text) : text);
        }
        if (pieces.Count == 0) return Expression.Constant("");
        if (pieces.Count == 1) return pieces[0];
        return Expression.Call(typeof(string).GetMethod(nameof(string.Concat), [typeof(string[])])!,
            Expression.NewArrayInit(typeof(string), pieces));
    }

    private static void ValidateFormat(string format, int position)
    {
        try
        {
            _ = 1234.5m.ToString(format, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            throw new RuleSyntaxException(position, $"无效的数字格式 '{format}'（例如 0.00、N2、P1）");
        }
    }

    /// <summary>Picks the typed RuntimeText.Format overload so common values render without boxing.</summary>
    private static Expression Render(Expression value, string? format)
    {
        var type = value.Type;
        var formatArg = Expression.Constant(format, typeof(string));
        Type target;
        if (type == typeof(decimal) || type == typeof(decimal?) || type == typeof(string) || type == typeof(bool)
            || type == typeof(double) || type == typeof(double?) || type == typeof(long) || type == typeof(long?))
            target = type;
        else if (TypeRules.IsNumeric(type) && TypeRules.Underlying(type) != typeof(float))
            target = TypeRules.IsNullableValue(type) ? typeof(long?) : typeof(long);
        else
            target = typeof(object);
        var method = typeof(RuntimeText).GetMethod(nameof(RuntimeText.Format), [target, typeof(string)])!;
        return Expression.Call(method, target == type ? value : Expression.Convert(value, target), formatArg);
    }
}

internal sealed record TemplatePart(string? Literal, string? Expression, int Offset, string? Format);
