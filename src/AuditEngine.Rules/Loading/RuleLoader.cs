using System.Text.Json;
using AuditEngine.Model;
using AuditEngine.Rules.Evaluation;

namespace AuditEngine.Rules.Loading;

/// <summary>
/// Reads workflow JSON files, checks their shape and hands each expression to the <see cref="RuleCompiler"/>.
/// Every problem is collected; the caller throws once with all of them, so an author fixes a file in one pass.
/// </summary>
internal sealed class RuleLoader
{
    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> WorkflowKeys = ["WorkflowName", "Description", "GlobalParams", "Rules", "$schema"];
    private static readonly HashSet<string> RuleKeys =
        ["RuleName", "Enabled", "Expression", "ErrorMessage", "SuccessEvent", "LocalParams", "Properties", "RuleExpressionType", "Description"];
    private static readonly HashSet<string> ParamKeys = ["Name", "Expression"];

    public List<RuleError> Errors { get; } = [];
    public List<CompiledWorkflow> Workflows { get; } = [];
    public List<RuleDefinition> Definitions { get; } = [];
    public List<FindingDigest> Digests { get; } = [];
    private readonly Dictionary<string, string> ruleFiles = new(StringComparer.Ordinal);

    public void LoadFile(string file, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"（第{line + 1}行第{(ex.BytePositionInLine ?? 0) + 1}列）" : "";
            Errors.Add(new RuleError(file, null, null, $"JSON 格式错误{where}：{FirstLine(ex.Message)}"));
            return;
        }
        using (document)
        {
            CheckDuplicateKeys(file, document.RootElement, "");
            LoadWorkflow(file, document.RootElement);
        }
    }

    /// <summary>
    /// JSON lets a key appear twice in one object and the parser keeps the last: an author who pastes a second
    /// "Description" or "Expression" would see the first silently ignored. Every such key is an error, with its path.
    /// </summary>
    private void CheckDuplicateKeys(string file, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray()) CheckDuplicateKeys(file, item, $"{path}[{i++}]");
            return;
        }
        if (element.ValueKind != JsonValueKind.Object) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var here = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
            if (!seen.Add(property.Name)) Errors.Add(new RuleError(file, null, null, $"键 '{here}' 出现了不止一次（JSON 只保留最后一个）"));
            CheckDuplicateKeys(file, property.Value, here);
        }
    }

    /// <summary>System.Text.Json appends its own 0-based "LineNumber: … | BytePositionInLine: …"; ours is 1-based and in Chinese.</summary>
    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0];
        var cut = line.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut >= 0 ? line[..cut] : line).Trim();
    }

    private void LoadWorkflow(string file, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(new RuleError(file, null, null, "文件顶层必须是一个 workflow 对象 { \"WorkflowName\": …, \"Rules\": [ … ] }"));
            return;
        }
        CheckKeys(file, null, root, WorkflowKeys, "workflow");
        var name = GetString(file, null, root, "WorkflowName");
        if (string.IsNullOrWhiteSpace(name))
        {
            Errors.Add(new RuleError(file, null, null, "缺少 WorkflowName"));
            name = Path.GetFileNameWithoutExtension(file);
        }

        var compiler = new RuleCompiler(file, Errors);
        if (root.TryGetProperty("GlobalParams", out var globals))
        {
            if (globals.ValueKind != JsonValueKind.Array)
                Errors.Add(new RuleError(file, null, null, "GlobalParams 必须是数组"));
            else
                foreach (var p in globals.EnumerateArray())
                    if (ReadParam(file, null, p, "GlobalParams") is { } param) compiler.AddGlobal(param.Name, param.Expression);
        }

        if (!root.TryGetProperty("Rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
        {
            Errors.Add(new RuleError(file, null, null, "缺少 Rules 数组"));
            return;
        }
        var compiled = new List<CompiledRule>();
        foreach (var element in rules.EnumerateArray())
        {
            if (ReadRule(file, name, element) is not { } spec) continue;
            Definitions.Add(spec.Definition);
            if (spec.Digest is { } digest)
            {
                if (!spec.HasShapeErrors) Digests.Add(digest);
                continue;
            }
            var rule = compiler.Compile(spec);
            if (rule is not null) compiled.Add(rule);
        }
        Workflows.Add(new CompiledWorkflow(name, file, compiler.Globals, compiled));
    }

    private RuleSpec? ReadRule(string file, string workflow, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(new RuleError(file, null, null, "Rules 的每一项必须是对象"));
            return null;
        }
        var id = GetString(file, null, element, "RuleName");
        if (string.IsNullOrWhiteSpace(id))
        {
            Errors.Add(new RuleError(file, null, null, $"有一条规则缺少 RuleName：{Shorten(element.GetRawText())}"));
            return null;
        }
        var errorsBefore = Errors.Count;
        CheckKeys(file, id, element, RuleKeys, "规则");
        if (ruleFiles.TryGetValue(id, out var otherFile))
            Errors.Add(new RuleError(file, id, null, $"规则编号重复：'{id}' 已在 {otherFile} 中定义"));
        else
            ruleFiles[id] = file;

        var enabled = true;
        if (element.TryGetProperty("Enabled", out var en))
        {
            if (en.ValueKind is JsonValueKind.True or JsonValueKind.False) enabled = en.GetBoolean();
            else Errors.Add(new RuleError(file, id, null, "Enabled 必须是 true 或 false"));
        }
        if (element.TryGetProperty("RuleExpressionType", out var ret) && ret.GetString() != "LambdaExpression")
            Errors.Add(new RuleError(file, id, null, "RuleExpressionType 只能是 LambdaExpression"));

        var expression = GetString(file, id, element, "Expression");
        var message = GetString(file, id, element, "ErrorMessage");
        var success = GetString(file, id, element, "SuccessEvent");

        var locals = new List<ParamSpec>();
        if (element.TryGetProperty("LocalParams", out var lp))
        {
            if (lp.ValueKind != JsonValueKind.Array) Errors.Add(new RuleError(file, id, null, "LocalParams 必须是数组"));
            else
                foreach (var p in lp.EnumerateArray())
                    if (ReadParam(file, id, p, "LocalParams") is { } param) locals.Add(param);
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (element.TryGetProperty("Properties", out var props))
        {
            if (props.ValueKind != JsonValueKind.Object) Errors.Add(new RuleError(file, id, null, "Properties 必须是对象"));
            else
                foreach (var p in props.EnumerateObject())
                {
                    if (!RuleSpec.PropertyKeys.Contains(p.Name))
                    {
                        Errors.Add(new RuleError(file, id, null,
                            $"未知的 Properties 项 '{p.Name}'（可用：{string.Join(", ", RuleSpec.PropertyKeys)}）") { Field = "Properties" });
                        continue;
                    }
                    switch (p.Value.ValueKind)
                    {
                        case JsonValueKind.String: properties[p.Name] = p.Value.GetString()!; break;
                        case JsonValueKind.Number when p.Name == "terms": properties[p.Name] = p.Value.GetRawText(); break;
                        default:
                            Errors.Add(new RuleError(file, id, null, $"Properties.{p.Name} 必须是字符串") { Field = "Properties" });
                            break;
                    }
                }
        }

        var isDigest = properties.ContainsKey("digest");
        var isBalance = properties.ContainsKey("expected") || properties.ContainsKey("actual");
        if (isDigest && (isBalance || expression is not null || properties.ContainsKey("scope") || properties.ContainsKey("when")))
            Errors.Add(new RuleError(file, id, null, "汇总规则（digest）只汇总其他规则的结果，不能有 Expression、scope、when、expected 或 actual") { Field = "Properties.digest" });
        if (isDigest && message is null)
            Errors.Add(new RuleError(file, id, null, $"汇总规则（digest）须给出 ErrorMessage（可用占位：{string.Join("、", FindingDigest.Placeholders.Select(p => "{" + p + "}"))}）"));
        if (isBalance && !(properties.ContainsKey("expected") && properties.ContainsKey("actual")))
            Errors.Add(new RuleError(file, id, null, "平衡式规则的 expected 和 actual 必须同时给出") { Field = "Properties" });
        if (!isBalance && properties.ContainsKey("terms"))
            Errors.Add(new RuleError(file, id, null, "terms 只用于平衡式规则（需要同时给出 expected 和 actual）") { Field = "Properties" });
        if (string.IsNullOrWhiteSpace(expression) && !isBalance && !isDigest)
            Errors.Add(new RuleError(file, id, null, "缺少 Expression（只有平衡式规则可以省略）"));

        var category = properties.GetValueOrDefault("category");
        if (category is null)
        {
            if (Categories.All.Contains(workflow)) category = workflow;
            else
                Errors.Add(new RuleError(file, id, null,
                    $"缺少 category（WorkflowName '{workflow}' 不是类别；可用：{string.Join(", ", Categories.All)}）") { Field = "Properties.category" });
        }
        else if (!Categories.All.Contains(category))
        {
            Errors.Add(new RuleError(file, id, null,
                $"未知类别 '{category}'（可用：{string.Join(", ", Categories.All)}）") { Field = "Properties.category" });
        }

        var severity = properties.GetValueOrDefault("severity")
                       ?? (isBalance ? RuleSpec.DefaultBalanceSeverity : "error");
        if (!severity.StartsWith('=') && !CompiledRule.TryParseSeverity(severity, out _))
            Errors.Add(new RuleError(file, id, null,
                $"未知严重程度 '{severity}'（可用：error、warning、info，或以 = 开头的表达式）") { Field = "Properties.severity" });

        var types = RuleDefinition.DisclosureTypes;
        if (properties.GetValueOrDefault("documentTypes") is { } typeList)
        {
            var parsed = new HashSet<DocumentType>();
            foreach (var word in ListWords(typeList))
                if (DocumentTypes.TryParse(word, out var t)) parsed.Add(t);
                else Errors.Add(new RuleError(file, id, null,
                    $"未知的文件类型 '{word}'（可用：{string.Join(", ", Enum.GetValues<DocumentType>().Select(x => x.Code()))}）") { Field = "Properties.documentTypes" });
            types = parsed;
        }

        var title = properties.GetValueOrDefault("title") ?? id;
        var definition = new RuleDefinition
        {
            DocumentTypes = types,
            Id = id,
            Workflow = workflow,
            Category = category ?? "",
            Severity = severity,
            Title = title,
            Description = properties.GetValueOrDefault("description") ?? GetString(file, id, element, "Description") ?? "",
            File = file,
            Json = element.GetRawText(),
            Enabled = enabled,
            SuccessEvent = success,
            // Without an ErrorMessage the title is the message, taken literally (its braces are not holes).
            ErrorMessage = message ?? title.Replace("{", "{{").Replace("}", "}}"),
        };
        var digestOf = isDigest ? ReadDigest(file, id, properties, definition) : null;
        return new RuleSpec(definition, expression, locals, properties, isBalance, Errors.Count > errorsBefore) { Digest = digestOf };
    }

    /// <summary>Properties.digest: at least how many findings of one table are digested (≥ 2); digestOf: of which
    /// categories (comma-separated; the rule's own category when absent).</summary>
    private FindingDigest? ReadDigest(string file, string id, IReadOnlyDictionary<string, string> properties, RuleDefinition definition)
    {
        if (!int.TryParse(properties["digest"], out var min) || min < 2)
        {
            Errors.Add(new RuleError(file, id, null, $"Properties.digest 须是不小于 2 的整数（同一张表至少几条结果时汇总），实为 '{properties["digest"]}'") { Field = "Properties.digest" });
            return null;
        }
        var categories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in ListWords(properties.GetValueOrDefault("digestOf") ?? definition.Category))
            if (Categories.All.Contains(word)) categories.Add(word);
            else Errors.Add(new RuleError(file, id, null, $"Properties.digestOf 中有未知类别 '{word}'（可用：{string.Join(", ", Categories.All)}）") { Field = "Properties.digestOf" });
        var key = DigestKey.Table;
        switch (properties.GetValueOrDefault("digestBy"))
        {
            case null or "table": break;
            case "doubtfulCell": key = DigestKey.DoubtfulCell; break;
            case var other:
                Errors.Add(new RuleError(file, id, null, $"Properties.digestBy 须是 table 或 doubtfulCell，实为 '{other}'") { Field = "Properties.digestBy" });
                break;
        }
        return new FindingDigest(definition, min, categories, key);
    }

    private ParamSpec? ReadParam(string file, string? rule, JsonElement p, string list)
    {
        if (p.ValueKind != JsonValueKind.Object)
        {
            Errors.Add(new RuleError(file, rule, null, $"{list} 的每一项必须是 {{ \"Name\": …, \"Expression\": … }}"));
            return null;
        }
        CheckKeys(file, rule, p, ParamKeys, list);
        var name = GetString(file, rule, p, "Name");
        var expression = GetString(file, rule, p, "Expression");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(expression))
        {
            Errors.Add(new RuleError(file, rule, null, $"{list} 的每一项都需要 Name 和 Expression"));
            return null;
        }
        return new ParamSpec(name, expression);
    }

    private void CheckKeys(string file, string? rule, JsonElement element, HashSet<string> allowed, string what)
    {
        foreach (var p in element.EnumerateObject())
            if (!allowed.Contains(p.Name))
                Errors.Add(new RuleError(file, rule, null, $"{what}中有未知的键 '{p.Name}'（可用：{string.Join(", ", allowed)}）"));
    }

    private string? GetString(string file, string? rule, JsonElement element, string key)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String) return value.GetString();
        Errors.Add(new RuleError(file, rule, null, $"{key} 必须是字符串"));
        return null;
    }

    /// <summary>The words of a list property (documentTypes, digestOf), separated by commas, spaces or 、.</summary>
    private static string[] ListWords(string list) => list.Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}

internal sealed record ParamSpec(string Name, string Expression);

/// <summary>A rule's JSON, checked for shape and ready for the compiler.</summary>
internal sealed record RuleSpec(
    RuleDefinition Definition,
    string? Expression,
    IReadOnlyList<ParamSpec> LocalParams,
    IReadOnlyDictionary<string, string> Properties,
    bool IsBalance,
    bool HasShapeErrors)
{
    /// <summary>Set for a digest rule (Properties.digest), which is not compiled but applied to the other rules' findings.</summary>
    public FindingDigest? Digest { get; init; }

    public static readonly IReadOnlyList<string> PropertyKeys =
        ["title", "description", "category", "severity", "scope", "when", "expected", "actual", "terms", "documentTypes", "digest", "digestOf", "digestBy"];

    public const string DefaultBalanceExpression = "diff == 0";
    public const string DefaultBalanceSeverity = "=diff <= tolerance ? 'info' : 'error'";
}
