using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditEngine.Model;

/// <summary>
/// Per-type and per-province knowledge kept as data in rules/profiles/*.json: how printed table titles map onto
/// table kinds, and what each document type (部门预算, 单位预算, 部门决算, 单位决算) must publish. Recognition reads
/// it to classify tables and decide the type; rules read a disclosure's own profile (doc.Profile) to know which
/// tables and sections to demand and which column holds the year's figures.
/// </summary>
public sealed class ProfileCatalog
{
    public ProfileCatalog(IReadOnlyList<TableTitleRule> titles, IReadOnlyList<DocumentProfile> documents, IReadOnlyList<string> placeholders,
        FunctionCatalogue? functionCodes = null)
    {
        Titles = titles;
        Documents = documents;
        Placeholders = placeholders;
        FunctionCodes = functionCodes ?? FunctionCatalogue.Empty;
    }

    /// <summary>功能分类 codes with their current names and the names they had before a rename (function-classification.json).</summary>
    public FunctionCatalogue FunctionCodes { get; }

    /// <summary>Title rules in order: the first whose pattern matches a title decides its kind.</summary>
    public IReadOnlyList<TableTitleRule> Titles { get; }
    public IReadOnlyList<DocumentProfile> Documents { get; }
    /// <summary>Placeholder marks of blank templates (XX, ××): a name holding one is not a real department.</summary>
    public IReadOnlyList<string> Placeholders { get; }

    /// <summary>The profile of a type; a template or an undecided document is held to the 部门预算 profile.</summary>
    public DocumentProfile For(DocumentType type) =>
        Documents.FirstOrDefault(d => d.Type == type)
        ?? Documents.FirstOrDefault(d => d.Type == DocumentType.DepartmentBudget)
        ?? DocumentProfile.None;

    public static readonly ProfileCatalog Empty = new([], [], []);

    /// <summary>
    /// The catalogue of the nearest rules/profiles folder above the working directory or the application (as
    /// the rules themselves are found); empty when there is none. Used where no rule set names its own.
    /// </summary>
    public static ProfileCatalog Default => DefaultCatalog.Value;

    private static readonly Lazy<ProfileCatalog> DefaultCatalog = new(() =>
    {
        foreach (var start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "rules", "profiles");
                if (Directory.Exists(candidate))
                    return FromFiles(Directory.EnumerateFiles(candidate, "*.json").Order(StringComparer.Ordinal)
                        .Select(f => ($"rules/profiles/{Path.GetFileName(f)}", File.ReadAllText(f))));
            }
        return Empty;
    });

    /// <summary>
    /// Builds the catalogue from profile files (path, JSON). Throws <see cref="ProfileException"/> listing every
    /// problem: unreadable JSON, an unknown table kind, section or document type, a variant title that its own
    /// rules classify as another kind.
    /// </summary>
    public static ProfileCatalog FromFiles(IEnumerable<(string Path, string Json)> files)
    {
        var errors = new List<string>();
        var titles = new List<TableTitleRule>();
        var documents = new List<DocumentProfile>();
        var placeholders = new List<string>();
        var functionCodes = new List<FunctionCode>();
        foreach (var (path, json) in files)
        {
            ProfileFile? file;
            try { file = JsonSerializer.Deserialize<ProfileFile>(json, Json); }
            catch (JsonException e) { errors.Add($"{path}: JSON 格式错误：{e.Message}"); continue; }
            if (file is null) { errors.Add($"{path}: 文件为空"); continue; }
            foreach (var t in file.Tables ?? [])
            {
                if (!TableKinds.TryParse(t.Kind ?? "", out var kind) && t.Kind != nameof(TableKind.Unknown))
                    errors.Add($"{path}: 未知的表格类型“{t.Kind}”");
                else if ((t.Match ?? []).Count == 0)
                    errors.Add($"{path}: 表格类型“{t.Kind}”没有 Match 表名关键词");
                else
                    titles.Add(new TableTitleRule(kind, t.Match!.Select(m => m.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList(),
                        t.Variants ?? []));
            }
            placeholders.AddRange(file.Placeholders ?? []);
            foreach (var c in file.FunctionClassification ?? [])
            {
                if (c.Code is not { Length: 3 or 5 or 7 } code || !code.All(char.IsAsciiDigit) || string.IsNullOrWhiteSpace(c.Name))
                    errors.Add($"{path}: 功能分类科目“{c.Code} {c.Name}”无效（代码须为 3、5 或 7 位数字，且须有名称）");
                else if (functionCodes.Any(f => f.Code == code))
                    errors.Add($"{path}: 功能分类科目 {code} 重复");
                else
                    functionCodes.Add(new FunctionCode(code, c.Name!.Trim(), c.Old ?? []));
            }
            if (file.DocumentType is null) continue;
            if (!DocumentTypes.TryParse(file.DocumentType, out var type)) { errors.Add($"{path}: 未知的文件类型“{file.DocumentType}”"); continue; }
            var required = new List<RequiredTable>();
            foreach (var r in file.RequiredTables ?? [])
            {
                if (TableKinds.TryParse(r.Kind ?? "", out var kind) && kind != TableKind.Unknown) required.Add(new RequiredTable(kind, r.Name ?? kind.Chinese()));
                else errors.Add($"{path}: 必备表格中有未知的表格类型“{r.Kind}”");
            }
            var sections = new List<RequiredSection>();
            foreach (var s in file.RequiredSections ?? [])
            {
                if (SectionKinds.TryParse(s.Section ?? "", out var kind) && kind != SectionKind.Other) sections.Add(new RequiredSection(kind, s.Name ?? kind.Chinese()));
                else errors.Add($"{path}: 必备说明部分中有未知的部分“{s.Section}”");
            }
            documents.Add(new DocumentProfile(type, file.Name ?? type.Chinese(), file.TitleWords ?? [], required, sections,
                file.AmountColumn ?? "预算数", file.BudgetColumns ?? [], file.RequiresPerformanceTargets ?? true));
        }
        var catalog = new ProfileCatalog(titles, documents, placeholders, new FunctionCatalogue(functionCodes));
        // A variant that its own catalogue files under another kind is a profile bug, caught at load time.
        foreach (var rule in titles)
            foreach (var v in rule.Variants)
                if (catalog.Classify(v) is var got && got != rule.Kind)
                    errors.Add($"表名“{v}”列为{rule.Kind.Chinese()}的写法，但按规则顺序被识别为{got.Chinese()}");
        if (errors.Count > 0) throw new ProfileException(errors);
        return catalog;
    }

    /// <summary>The kind a compacted title names: the first rule with an alternative whose every part it contains.</summary>
    public TableKind Classify(string compactTitle) => Match(compactTitle)?.Kind ?? TableKind.Unknown;

    /// <summary>
    /// The first rule whose alternative the title holds, or null; with <paramref name="misreadsLikely"/> (an OCR'd
    /// title) a part of <see cref="TableTitleRule.MinMisreadPart"/> characters or more may hold one wrong character.
    /// </summary>
    public TableTitleRule? Match(string compactTitle, bool misreadsLikely = false)
    {
        var t = TitleKey(compactTitle);
        return t.Length == 0 ? null : Titles.FirstOrDefault(rule => rule.Matches(t) || misreadsLikely && rule.MatchesWithOneMisread(t));
    }

    /// <summary>A compacted title without any white space, as the title rules compare it.</summary>
    public static string TitleKey(string compactTitle) => new(compactTitle.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true,
    };

    private sealed record ProfileFile(
        string? Description, string? DocumentType, string? Name, List<string>? TitleWords,
        List<RequiredTableDto>? RequiredTables, List<RequiredSectionDto>? RequiredSections,
        string? AmountColumn, List<string>? BudgetColumns, bool? RequiresPerformanceTargets,
        List<TitleRuleDto>? Tables, List<string>? Placeholders, List<FunctionCodeDto>? FunctionClassification);

    private sealed record FunctionCodeDto(string? Code, string? Name, List<string>? Old);

    private sealed record RequiredTableDto(string? Kind, string? Name);
    private sealed record RequiredSectionDto(string? Section, string? Name);
    private sealed record TitleRuleDto(string? Kind, List<string>? Match, List<string>? Variants);
}

/// <summary>How titles of one table kind are printed: any alternative whose parts all occur in the title.</summary>
public sealed record TableTitleRule(TableKind Kind, IReadOnlyList<string[]> Alternatives, IReadOnlyList<string> Variants)
{
    public bool Matches(string compactTitle) =>
        Alternatives.Any(parts => parts.All(p => compactTitle.Contains(p, StringComparison.Ordinal)));

    /// <summary>Parts shorter than this must be read exactly: one wrong character of 收支 or 三公 leaves nothing to go by.</summary>
    public const int MinMisreadPart = 4;

    /// <summary>As <see cref="Matches"/>, a part of <see cref="MinMisreadPart"/> characters or more allowed one wrong character.</summary>
    public bool MatchesWithOneMisread(string compactTitle) =>
        Alternatives.Any(parts => parts.All(p => p.Length >= MinMisreadPart ? ContainsWithOneMisread(compactTitle, p) : compactTitle.Contains(p, StringComparison.Ordinal)));

    /// <summary>Whether <paramref name="text"/> holds <paramref name="part"/> with at most one character replaced.</summary>
    public static bool ContainsWithOneMisread(string text, string part)
    {
        for (var start = 0; start + part.Length <= text.Length; start++)
        {
            var wrong = 0;
            for (var i = 0; i < part.Length && wrong <= 1; i++)
                if (text[start + i] != part[i]) wrong++;
            if (wrong <= 1) return true;
        }
        return false;
    }
}

/// <summary>A table a document type must publish, under the name its own template gives it.</summary>
public sealed record RequiredTable(TableKind Kind, string Name);

/// <summary>A narrative section a document type must contain, under the name its template gives it.</summary>
public sealed record RequiredSection(SectionKind Section, string Name);

/// <summary>What one document type must publish and how its figures are named.</summary>
/// <param name="TitleWords">Words on a cover or in a title that mark this type (部门决算, 单位预算 …).</param>
/// <param name="AmountColumn">The column holding the year's own figures: 预算数 in a 预算, 决算数 in a 决算.</param>
/// <param name="BudgetColumns">Columns a 决算 compares its figures with (年初预算数, 全年预算数).</param>
public sealed record DocumentProfile(
    DocumentType Type, string Name, IReadOnlyList<string> TitleWords, IReadOnlyList<RequiredTable> RequiredTables,
    IReadOnlyList<RequiredSection> RequiredSections, string AmountColumn, IReadOnlyList<string> BudgetColumns,
    bool RequiresPerformanceTargets)
{
    public static readonly DocumentProfile None = new(DocumentType.Unknown, "未识别", [], [], [], "预算数", [], false);

    public bool Requires(TableKind kind) => RequiredTables.Any(t => t.Kind == kind);
    public bool RequiresSection(SectionKind kind) => RequiredSections.Any(s => s.Section == kind);

    /// <summary>The name this type's template gives a table kind (收入支出决算总表 for a 决算's 收支总表).</summary>
    public string TableName(TableKind kind) => RequiredTables.FirstOrDefault(t => t.Kind == kind)?.Name ?? kind.Chinese();
    public string SectionName(SectionKind kind) => RequiredSections.FirstOrDefault(s => s.Section == kind)?.Name ?? kind.Chinese();
}

/// <summary>Profiles that cannot be used: every problem, each naming its file.</summary>
public sealed class ProfileException(IReadOnlyList<string> errors) : Exception("文件类型配置无效：" + string.Join("；", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
