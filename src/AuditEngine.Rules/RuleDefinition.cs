using AuditEngine.Model;

namespace AuditEngine.Rules;

/// <summary>
/// A rule as the catalogue shows it: identity, classification and the raw JSON it was loaded from.
/// <see cref="Severity"/> is the default severity as written: error, warning, info, or "=expr" when computed.
/// </summary>
public sealed class RuleDefinition
{
    public required string Id { get; init; }
    public required string Workflow { get; init; }
    public required string Category { get; init; }
    public required string Severity { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The rule file, relative, with forward slashes (rules/unbalanced-total.json).</summary>
    public required string File { get; init; }
    /// <summary>The rule's own JSON object, exactly as written in the file.</summary>
    public required string Json { get; init; }
    public bool Enabled { get; init; } = true;
    /// <summary>RulesEngine's SuccessEvent text, kept for the catalogue; findings are only raised on failure.</summary>
    public string? SuccessEvent { get; init; }
    /// <summary>The ErrorMessage template as written; without one, the title (braces escaped).</summary>
    public string ErrorMessage { get; init; } = "";

    /// <summary>
    /// The document types the rule audits (Properties.documentTypes); by default every disclosure, and neither a
    /// blank template nor a file that is no disclosure: those get their own one finding instead of a page of errors.
    /// </summary>
    public IReadOnlySet<DocumentType> DocumentTypes { get; init; } = DisclosureTypes;

    public static readonly IReadOnlySet<DocumentType> DisclosureTypes = new HashSet<DocumentType>
    {
        DocumentType.Unknown, DocumentType.DepartmentBudget, DocumentType.UnitBudget,
        DocumentType.DepartmentFinalAccount, DocumentType.UnitFinalAccount,
    };

    public bool AppliesTo(DocumentType type) => DocumentTypes.Contains(type);

    public override string ToString() => $"{Id} [{Category}/{Severity}] {Title}";
}
