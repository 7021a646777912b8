namespace AuditEngine.Rules.Language;

/// <summary>
/// A problem found while lexing, parsing or binding one expression. Carries the 0-based offset inside the
/// expression text so the loader can report exactly where the rule author has to look.
/// </summary>
internal class RuleSyntaxException(int position, string reason) : Exception(reason)
{
    public int Position { get; } = position;
    public string Reason { get; } = reason;
}

/// <summary>
/// Raised when an expression refers to a parameter that itself failed to compile. That parameter's error is
/// already reported, so this one is swallowed to avoid a cascade of follow-up errors.
/// </summary>
internal sealed class DependentErrorException(int position, string name)
    : RuleSyntaxException(position, $"引用了有错误的参数 '{name}'");
