using System.Security.Cryptography;
using System.Text;
using AuditEngine.Model;
using AuditEngine.Rules.Evaluation;
using AuditEngine.Rules.Loading;

namespace AuditEngine.Rules;

/// <summary>
/// The loaded, validated and compiled rule set. Loading does all the work — parsing, binding against the
/// allow-list, compiling to delegates — so <see cref="Run"/> only calls delegates. Immutable after load,
/// hence safe to share between threads.
/// </summary>
public sealed class RuleSet
{
    private readonly CompiledWorkflow[] workflows;
    private readonly FindingDigest[] digests;

    private RuleSet(IReadOnlyList<RuleDefinition> rules, CompiledWorkflow[] workflows, FindingDigest[] digests, string version, ProfileCatalog profiles)
    {
        this.digests = digests;
        Rules = rules;
        Profiles = profiles;
        this.workflows = workflows;
        Version = version;
    }

    /// <summary>Every rule, enabled or not, in file order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>
    /// The document-type profiles and table-title rules of the set's profiles/ folder; the nearest rules/profiles
    /// (<see cref="ProfileCatalog.Default"/>) when the set has none of its own, as in-memory test sets.
    /// </summary>
    public ProfileCatalog Profiles { get; }

    /// <summary>Short hex SHA-256 over the sorted relative file names and contents: which rules produced a result.</summary>
    public string Version { get; }

    /// <summary>
    /// Loads every *.json under <paramref name="directory"/> (recursively). Files are named in errors and in the
    /// catalogue relative to the directory's parent, e.g. "rules/unbalanced-total.json".
    /// </summary>
    public static RuleSet Load(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new RuleLoadException([new RuleError(directory, null, null, "规则目录不存在")]);
        var prefix = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var files = new List<(string path, string json)>();
        var unreadable = new List<RuleError>();
        foreach (var path in Directory.EnumerateFiles(full, "*.json", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(full, path).Replace('\\', '/');
            if (relative.StartsWith(FixtureFolder + "/", StringComparison.Ordinal)) continue;
            var name = string.IsNullOrEmpty(prefix) ? relative : prefix + "/" + relative;
            try
            {
                files.Add((name, File.ReadAllText(path)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                unreadable.Add(new RuleError(name, null, null, $"无法读取文件：{ex.Message}"));
            }
        }
        // Fixtures were left out by their place under the directory; the folder's own name may be anything.
        if (unreadable.Count == 0) return Build(files, skipFixtures: false);
        try
        {
            Build(files, skipFixtures: false);
        }
        catch (RuleLoadException ex)
        {
            unreadable.AddRange(ex.Errors);
        }
        throw new RuleLoadException(unreadable);
    }

    /// <summary>Same as <see cref="Load"/> for in-memory files; paths are used as given (files in a tests/ folder are skipped).</summary>
    public static RuleSet FromFiles(IEnumerable<(string path, string json)> files) => Build(files, skipFixtures: true);

    private static RuleSet Build(IEnumerable<(string path, string json)> files, bool skipFixtures)
    {
        var sorted = files.Select(f => (path: f.path.Replace('\\', '/'), f.json))
            .Where(f => !skipFixtures || !IsFixture(f.path))
            .OrderBy(f => f.path, StringComparer.Ordinal)
            .ToList();
        var loader = new RuleLoader();
        var profileFiles = sorted.Where(f => IsProfile(f.path)).Select(f => (f.path, f.json ?? "")).ToList();
        foreach (var (path, json) in sorted.Where(f => !IsProfile(f.path))) loader.LoadFile(path, json ?? "");
        ProfileCatalog? profiles = null;
        var errors = loader.Errors.ToList();
        try { profiles = profileFiles.Count > 0 ? ProfileCatalog.FromFiles(profileFiles) : ProfileCatalog.Default; }
        catch (ProfileException e) { errors.AddRange(e.Errors.Select(m => new RuleError("profiles", null, null, m))); }
        if (errors.Count > 0) throw new RuleLoadException(errors);
        return new RuleSet(loader.Definitions, loader.Workflows.ToArray(), loader.Digests.ToArray(), ComputeVersion(sorted), profiles!);
    }

    /// <summary>The folder under a rules directory holding rule fixtures (tests/): neither rules nor part of the version.</summary>
    public const string FixtureFolder = "tests";

    private static bool IsFixture(string path) =>
        path.StartsWith(FixtureFolder + "/", StringComparison.Ordinal) || path.Contains("/" + FixtureFolder + "/", StringComparison.Ordinal);

    /// <summary>Files in a profiles/ folder are data for recognition and rules, not workflows.</summary>
    private static bool IsProfile(string path) => path.StartsWith("profiles/", StringComparison.Ordinal) || path.Contains("/profiles/", StringComparison.Ordinal);

    private static string ComputeVersion(IEnumerable<(string path, string json)> sorted)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, json) in sorted)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(json ?? ""));
            hash.AppendData([0]);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..12];
    }

    /// <summary>
    /// Evaluates every enabled rule on the document. Never throws: a rule that fails at run time yields a
    /// warning finding naming itself and the others still run.
    /// </summary>
    public IReadOnlyList<Finding> Run(Disclosure doc) => Run(doc, null);

    /// <summary>
    /// <see cref="Run(Disclosure)"/>, noting in <paramref name="trace"/> (when given) every rule that was evaluated:
    /// it applies to the document's type, its `when` held and an item of its scope (or the document) reached its
    /// expression — or, for a rule whose Expression is <c>false</c>, it was run against the document at all. Rule
    /// fixtures use it to tell "silent" from "never looked".
    /// </summary>
    public IReadOnlyList<Finding> Run(Disclosure doc, RuleTrace? trace)
    {
        var findings = new List<Finding>();
        if (doc is null) return findings;
        // A disclosure built without recognition (tests, other tools) is held to its type's profile in this set.
        if (doc.Profile == DocumentProfile.None) doc.Profile = Profiles.For(doc.Type);
        foreach (var workflow in workflows)
        {
            if (workflow.EnabledRules.Length == 0) continue;
            var globals = workflow.EvaluateGlobals(doc);
            foreach (var rule in workflow.EnabledRules)
            {
                // A rule reporting every item it is given has its condition in documentTypes/when/scope: being run
                // against the document is its evaluation, and nothing found there is its silence.
                if (trace is not null && rule.ReportsEveryItem) trace.MarkEvaluated(rule.Definition.Id);
                if (!rule.Definition.AppliesTo(doc.Type)) continue;
                try
                {
                    rule.Run(doc, globals, findings, trace);
                }
                catch (Exception ex)
                {
                    // CompiledRule.Run already contains rule failures; this guards the engine's own code.
                    findings.Add(new Finding
                    {
                        RuleId = rule.Definition.Id,
                        RuleName = rule.Definition.Title,
                        Category = rule.Definition.Category,
                        Severity = Severity.Warning,
                        Message = $"规则 {rule.Definition.Id} 执行出错：{ex.Message}",
                    });
                }
            }
        }
        findings = MergeRepeats(findings);
        // Digests run last, over every workflow's findings, in file order.
        foreach (var digest in digests)
        {
            if (!digest.Definition.Enabled || !digest.Definition.AppliesTo(doc.Type)) continue;
            trace?.MarkEvaluated(digest.Definition.Id);
            digest.Apply(findings);
        }
        return findings;
    }

    /// <summary>
    /// One statement printed twice (a 三公 item told in the overview and again under its own heading) fails a rule twice
    /// with the same message: the reviewer gets one finding that shows both places, not two identical cards. Notes on
    /// the reading (extraction) stay one per place: each is about its own row or page.
    /// </summary>
    private static List<Finding> MergeRepeats(List<Finding> findings)
    {
        var merged = new List<Finding>(findings.Count);
        var at = new Dictionary<(string Rule, string Message), int>();
        foreach (var f in findings)
        {
            if (f.Category == Categories.Extraction) { merged.Add(f); continue; }
            if (!at.TryGetValue((f.RuleId, f.Message), out var i))
            {
                at[(f.RuleId, f.Message)] = merged.Count;
                merged.Add(f);
                continue;
            }
            var first = merged[i];
            merged[i] = first with
            {
                Severity = f.Severity > first.Severity ? f.Severity : first.Severity,
                Evidence = [.. first.Evidence, .. f.Evidence.Where(e => !first.Evidence.Contains(e))],
            };
        }
        return merged;
    }
}
