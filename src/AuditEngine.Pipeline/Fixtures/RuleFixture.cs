using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Pipeline.Fixtures;

/// <summary>One edit of a base document: <see cref="Find"/> must occur exactly once in the text.</summary>
public sealed record TextEdit(string Find, string With);

/// <summary>A document of a fixture: a text disclosure (relative to the tests folder) and the edits applied to it, in order.</summary>
public sealed record FixtureDocument(string Path, IReadOnlyList<TextEdit> Replace);

/// <summary>
/// One rule fixture (rules/tests/*.json): a small document and the exact set of rules that must give at least one
/// finding on it; every other rule must stay silent. <see cref="Severities"/> pins, for some of those rules, the
/// severity of their most severe finding: a rule whose severity depends on the document (an error in a 预算, a
/// warning in a 决算) is tested on both sides, since a false error is what a reviewer minds most.
/// </summary>
public sealed record RuleFixture(
    string File,
    string Description,
    FixtureDocument Document,
    FixtureDocument? Previous,
    IReadOnlyList<string> Fires,
    IReadOnlyDictionary<string, Severity>? Severities = null)
{
    /// <summary>The name tables and messages use: the file's path under the tests folder without ".json".</summary>
    public string Name => File.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? File[..^5] : File;

    private static readonly JsonDocumentOptions JsonOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly HashSet<string> Keys = ["description", "document", "replace", "previous", "fires", "severity", "$schema"];
    private static readonly HashSet<string> PreviousKeys = ["document", "replace"];
    private static readonly HashSet<string> EditKeys = ["find", "with"];

    /// <summary>Reads a fixture's JSON; a malformed one throws <see cref="FixtureException"/> saying what is wrong.</summary>
    public static RuleFixture Parse(string file, string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"（第{line + 1}行）" : "";
            throw new FixtureException($"JSON 格式错误{where}：{e.Message.Split('\n')[0]}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new FixtureException("夹具必须是一个对象 { \"document\": …, \"fires\": [ … ] }");
            CheckKeys(root, Keys, "夹具");
            var description = OptionalString(root, "description") ?? "";
            var path = OptionalString(root, "document") ?? throw new FixtureException("缺少 document（基础文档的路径，相对于 tests 文件夹）");
            var main = new FixtureDocument(path, Edits(root));
            FixtureDocument? previous = null;
            if (root.TryGetProperty("previous", out var prev) && prev.ValueKind != JsonValueKind.Null)
            {
                if (prev.ValueKind != JsonValueKind.Object) throw new FixtureException("previous 必须是对象 { \"document\": …, \"replace\": [ … ] }");
                CheckKeys(prev, PreviousKeys, "previous");
                previous = new FixtureDocument(
                    OptionalString(prev, "document") ?? throw new FixtureException("previous 缺少 document"), Edits(prev));
            }
            if (!root.TryGetProperty("fires", out var fires) || fires.ValueKind != JsonValueKind.Array)
                throw new FixtureException("缺少 fires 数组（必须触发的规则编号；一条都不触发写 []）");
            var ids = new List<string>();
            foreach (var f in fires.EnumerateArray())
            {
                if (f.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(f.GetString()))
                    throw new FixtureException("fires 的每一项必须是规则编号字符串");
                var id = f.GetString()!.Trim();
                if (ids.Contains(id)) throw new FixtureException($"fires 中 '{id}' 重复");
                ids.Add(id);
            }
            return new RuleFixture(file, description, main, previous, ids, SeveritiesOf(root, ids));
        }
    }

    /// <summary>"severity": { "RULE": "warning" }: each rule named must be in "fires".</summary>
    private static Dictionary<string, Severity>? SeveritiesOf(JsonElement root, List<string> fires)
    {
        if (!root.TryGetProperty("severity", out var element) || element.ValueKind == JsonValueKind.Null) return null;
        if (element.ValueKind != JsonValueKind.Object) throw new FixtureException("severity 必须是对象 { \"规则编号\": \"error|warning|info\" }");
        var severities = new Dictionary<string, Severity>(StringComparer.Ordinal);
        foreach (var p in element.EnumerateObject())
        {
            if (!fires.Contains(p.Name)) throw new FixtureException($"severity 中的 '{p.Name}' 不在 fires 中");
            severities[p.Name] = (p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()?.ToLowerInvariant() : null) switch
            {
                "error" => Severity.Error,
                "warning" => Severity.Warning,
                "info" => Severity.Info,
                _ => throw new FixtureException($"severity 中 '{p.Name}' 的值必须是 error、warning 或 info"),
            };
        }
        return severities;
    }

    private static List<TextEdit> Edits(JsonElement element)
    {
        var edits = new List<TextEdit>();
        if (!element.TryGetProperty("replace", out var replace) || replace.ValueKind == JsonValueKind.Null) return edits;
        if (replace.ValueKind != JsonValueKind.Array) throw new FixtureException("replace 必须是数组 [ { \"find\": …, \"with\": … } ]");
        foreach (var e in replace.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Object) throw new FixtureException("replace 的每一项必须是 { \"find\": …, \"with\": … }");
            CheckKeys(e, EditKeys, "replace");
            var find = OptionalString(e, "find");
            if (string.IsNullOrEmpty(find)) throw new FixtureException("replace 的每一项都需要非空的 find");
            var with = OptionalString(e, "with") ?? throw new FixtureException($"replace 中 find “{find}” 缺少 with（删除请写 \"with\": \"\"）");
            edits.Add(new TextEdit(find, with));
        }
        return edits;
    }

    private static void CheckKeys(JsonElement element, HashSet<string> allowed, string what)
    {
        foreach (var p in element.EnumerateObject())
            if (!allowed.Contains(p.Name))
                throw new FixtureException($"{what}中有未知的键 '{p.Name}'（可用：{string.Join(", ", allowed.Where(k => k != "$schema"))}）");
    }

    private static string? OptionalString(JsonElement element, string key)
    {
        if (!element.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new FixtureException($"{key} 必须是字符串");
        return value.GetString();
    }

    /// <summary>
    /// Applies the edits in order. Each find must occur exactly once in the text as it stands at that edit, so an
    /// edit can never silently hit a second place or nothing after the base document changes.
    /// </summary>
    public static string ApplyEdits(string text, IReadOnlyList<TextEdit> edits)
    {
        foreach (var edit in edits)
        {
            var first = text.IndexOf(edit.Find, StringComparison.Ordinal);
            if (first < 0) throw new FixtureException($"replace 的 find 文本在文档中不存在：“{edit.Find}”");
            if (text.IndexOf(edit.Find, first + 1, StringComparison.Ordinal) >= 0)
                throw new FixtureException($"replace 的 find 文本在文档中出现不止一次（须恰好一次，请写长一些）：“{edit.Find}”");
            text = string.Concat(text.AsSpan(0, first), edit.With, text.AsSpan(first + edit.Find.Length));
        }
        return text;
    }
}

/// <summary>A fixture that cannot be run: bad JSON, a missing document, a find that is not there exactly once.</summary>
public sealed class FixtureException(string message) : Exception(message);
