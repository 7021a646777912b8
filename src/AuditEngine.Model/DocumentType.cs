namespace AuditEngine.Model;

/// <summary>
/// What kind of document recognition found: a 预算 or a 决算, published by a 部门 (consolidated) or by one 单位,
/// a blank template with placeholders, or something that is not a disclosure at all. Rules and required-table
/// profiles follow the type (rules/profiles/*.json).
/// </summary>
public enum DocumentType
{
    /// <summary>Nothing decided it (no title, no tables): audited as a 部门预算, the commonest kind.</summary>
    Unknown = 0,
    /// <summary>部门预算.</summary>
    DepartmentBudget,
    /// <summary>单位预算.</summary>
    UnitBudget,
    /// <summary>部门决算.</summary>
    DepartmentFinalAccount,
    /// <summary>单位决算.</summary>
    UnitFinalAccount,
    /// <summary>A blank template: placeholders (XX局) and no figures.</summary>
    Template,
    /// <summary>Not a budget or final-account disclosure at all.</summary>
    NotDisclosure,
}

/// <summary>Names and codes of <see cref="DocumentType"/> as reports and rules print them.</summary>
public static class DocumentTypes
{
    public static string Chinese(this DocumentType type) => type switch
    {
        DocumentType.DepartmentBudget => "部门预算",
        DocumentType.UnitBudget => "单位预算",
        DocumentType.DepartmentFinalAccount => "部门决算",
        DocumentType.UnitFinalAccount => "单位决算",
        DocumentType.Template => "空白模板",
        DocumentType.NotDisclosure => "非预决算公开文件",
        _ => "未识别",
    };

    /// <summary>The stable code of the JSON contract (documentType): kebab-case of the member name.</summary>
    public static string Code(this DocumentType type) => type switch
    {
        DocumentType.DepartmentBudget => "department-budget",
        DocumentType.UnitBudget => "unit-budget",
        DocumentType.DepartmentFinalAccount => "department-final-account",
        DocumentType.UnitFinalAccount => "unit-final-account",
        DocumentType.Template => "template",
        DocumentType.NotDisclosure => "not-disclosure",
        _ => "unknown",
    };

    /// <summary>Parses a code, an English member name or a Chinese name.</summary>
    public static bool TryParse(string? text, out DocumentType type)
    {
        type = DocumentType.Unknown;
        return !string.IsNullOrWhiteSpace(text) && ByText.TryGetValue(text, out type);
    }

    // Every code, Chinese name and member name of each type, looked up once: stores parse the type of every row they
    // list (10,000 for the departments × years overview), and a member's ToString on each try cost more than reading
    // the row. Member names match in any case, as before; so now do codes (lower case as stored).
    private static readonly System.Collections.Frozen.FrozenDictionary<string, DocumentType> ByText = BuildByText();

    private static System.Collections.Frozen.FrozenDictionary<string, DocumentType> BuildByText()
    {
        var all = new Dictionary<string, DocumentType>(StringComparer.OrdinalIgnoreCase);
        // The first type claiming a text wins, as the loop over the members in order did.
        foreach (var t in Enum.GetValues<DocumentType>())
        {
            all.TryAdd(t.Code(), t);
            all.TryAdd(t.Chinese(), t);
            all.TryAdd(t.ToString(), t);
        }
        return System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(all, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A 决算 (final account) rather than a 预算.</summary>
    public static bool IsFinalAccount(this DocumentType type) =>
        type is DocumentType.DepartmentFinalAccount or DocumentType.UnitFinalAccount;

    /// <summary>Published by one 单位 rather than the consolidated 部门.</summary>
    public static bool IsUnit(this DocumentType type) =>
        type is DocumentType.UnitBudget or DocumentType.UnitFinalAccount;
}
