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
        if (string.IsNullOrWhiteSpace(text)) return false;
        foreach (var t in Enum.GetValues<DocumentType>())
            if (t.Code() == text || t.Chinese() == text || string.Equals(t.ToString(), text, StringComparison.OrdinalIgnoreCase))
            { type = t; return true; }
        return false;
    }

    /// <summary>A 决算 (final account) rather than a 预算.</summary>
    public static bool IsFinalAccount(this DocumentType type) =>
        type is DocumentType.DepartmentFinalAccount or DocumentType.UnitFinalAccount;

    /// <summary>Published by one 单位 rather than the consolidated 部门.</summary>
    public static bool IsUnit(this DocumentType type) =>
        type is DocumentType.UnitBudget or DocumentType.UnitFinalAccount;
}
