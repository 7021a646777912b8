using AuditEngine.Model;

namespace AuditEngine.Rules;

// Minimal stand-in so the hosts compile before the real rule engine is merged; this file is replaced at merge.

public sealed record RuleDefinition(string Id, string Workflow, string Category, string Severity, string Title, string Description, string File, string Json, bool Enabled);

public sealed record RuleError(string File, string? Rule, int? Position, string Reason);

public sealed class RuleLoadException(IReadOnlyList<RuleError> errors) : Exception(Format(errors))
{
    public IReadOnlyList<RuleError> Errors { get; } = errors;

    private static string Format(IReadOnlyList<RuleError> errors) =>
        string.Join(Environment.NewLine, errors.Select(e =>
            $"{e.File}{(e.Rule is null ? "" : $" [{e.Rule}]")}{(e.Position is null ? "" : $" @{e.Position}")}: {e.Reason}"));
}

public sealed class RuleSet
{
    private RuleSet(IReadOnlyList<RuleDefinition> rules, string version)
    {
        Rules = rules;
        Version = version;
    }

    public IReadOnlyList<RuleDefinition> Rules { get; }
    public string Version { get; }

    public static RuleSet Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new RuleLoadException([new RuleError(directory, null, null, "规则目录不存在")]);
        var errors = new List<RuleError>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
        {
            try { using var _ = System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)); }
            catch (System.Text.Json.JsonException e) { errors.Add(new RuleError(file, null, (int?)e.BytePositionInLine, e.Message)); }
        }
        if (errors.Count > 0) throw new RuleLoadException(errors);
        return new RuleSet([], "0");
    }

    public IReadOnlyList<Finding> Run(Disclosure doc) => [];
}
