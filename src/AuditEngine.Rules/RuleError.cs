namespace AuditEngine.Rules;

/// <summary>
/// One problem found while loading rules. <see cref="Position"/> is the 0-based character offset inside the
/// offending expression (or message template); <see cref="Field"/> names which part of the rule that is
/// (Expression, LocalParams[parts], Properties.scope, ErrorMessage …).
/// </summary>
public sealed record RuleError(string File, string? Rule, int? Position, string Reason)
{
    public string? Field { get; init; }

    /// <summary>
    /// “rules/x.json: rule UT-1: Expression 第12个字符: 未知成员 'Foo'”. The character count is 1-based, as an
    /// editor shows it; <see cref="Position"/> itself stays 0-based.
    /// </summary>
    public override string ToString()
    {
        var text = File;
        if (Rule is not null) text += $": rule {Rule}";
        var where = Field;
        if (Position is { } p) where = (where is null ? "" : where + " ") + $"第{p + 1}个字符";
        if (where is not null) text += ": " + where;
        return text + ": " + Reason;
    }
}

/// <summary>Thrown by <see cref="RuleSet.Load"/> with every problem in the rule files, not just the first.</summary>
public sealed class RuleLoadException : Exception
{
    public RuleLoadException(IReadOnlyList<RuleError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString()))) => Errors = errors;

    public IReadOnlyList<RuleError> Errors { get; }
}
