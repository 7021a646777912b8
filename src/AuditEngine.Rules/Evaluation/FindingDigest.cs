using AuditEngine.Model;

namespace AuditEngine.Rules.Evaluation;

/// <summary>
/// A digest rule (Properties.digest): when one table draws at least <see cref="MinFindings"/> warnings or errors of
/// the digested categories, they become one finding about that table. One defect — a table printed out of line with
/// its codes, a page read badly — otherwise fails every row and every comparison with the other tables, and the
/// reviewer gets fifty cards for one thing to fix. Nothing is lost: the digest names every rule and how often it
/// fired, quotes the first findings and carries all their evidence.
/// Grouped <see cref="DigestKey.DoubtfulCell"/>, the findings are those that rest on one figure OCR read with low
/// confidence: a misread total fails its row, its column, its parent code and every table that repeats it.
/// </summary>
internal sealed class FindingDigest(RuleDefinition definition, int minFindings, IReadOnlySet<string> categories, DigestKey key = DigestKey.Table)
{
    /// <summary>How many findings of the first rules the message quotes.</summary>
    private const int Quoted = 3;

    public RuleDefinition Definition { get; } = definition;
    public int MinFindings { get; } = minFindings;
    public IReadOnlySet<string> Categories { get; } = categories;
    public DigestKey Key { get; } = key;

    /// <summary>The placeholders a digest's ErrorMessage may use ({page}, {column} and {value}: the doubtful cell's).</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["table", "count", "rules", "details", "page", "column", "value"];

    public void Apply(List<Finding> findings)
    {
        while (LargestGroup(findings) is { } group)
        {
            var members = new HashSet<Finding>(group.Members, ReferenceEqualityComparer.Instance);
            var at = findings.FindIndex(members.Contains);
            findings.RemoveAll(members.Contains);
            findings.Insert(at, Digest(group.Key, group.Members));
        }
    }

    private (Evidence Key, List<Finding> Members)? LargestGroup(List<Finding> findings)
    {
        var groups = new Dictionary<string, (Evidence Key, List<Finding> Members)>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (f.Severity < Severity.Warning || !Categories.Contains(f.Category) || f.RuleId == Definition.Id) continue;
            foreach (var (name, evidence) in Keys(f))
            {
                if (!groups.TryGetValue(name, out var group)) groups[name] = group = (evidence, []);
                group.Members.Add(f);
            }
        }
        var largest = groups.OrderByDescending(g => g.Value.Members.Count).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return largest.Value.Members is { } members && members.Count >= MinFindings ? largest.Value : null;
    }

    /// <summary>The groups a finding belongs to, each named and represented by one of its evidence items.</summary>
    private IEnumerable<(string Name, Evidence Evidence)> Keys(Finding f)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in f.Evidence)
        {
            if (string.IsNullOrWhiteSpace(e.Table)) continue;
            var name = Key switch
            {
                // A cell's place, not its value: the same misread figure is one cell wherever a rule reached it from.
                DigestKey.DoubtfulCell when e.Column is not null && e.Row is not null && e.Confidence < Provenance.LowConfidence
                    => $"{e.Page}|{e.Table}|{e.Row}|{e.Column}",
                DigestKey.DoubtfulCell => null,
                _ => e.Table,
            };
            if (name is not null && seen.Add(name)) yield return (name, e);
        }
    }

    private Finding Digest(Evidence key, List<Finding> members)
    {
        var rules = members.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}");
        var details = string.Join("；", members.Take(Quoted).Select(f => f.Message.Replace(CompiledRule.LowConfidenceNote, "").TrimEnd('。')));
        var message = Definition.ErrorMessage
            .Replace("{table}", key.Table).Replace("{count}", members.Count.ToString())
            .Replace("{rules}", string.Join("、", rules)).Replace("{details}", details)
            .Replace("{page}", key.Page?.ToString() ?? "?").Replace("{column}", key.Column).Replace("{value}", key.Value);
        return new Finding
        {
            RuleId = Definition.Id,
            RuleName = Definition.Title,
            Category = Definition.Category,
            Severity = members.Max(f => f.Severity),
            Message = message,
            Evidence = members.SelectMany(f => f.Evidence).Distinct().ToList(),
        };
    }
}

/// <summary>What a digest groups by: the table its findings name, or the one doubtful cell they all rest on.</summary>
public enum DigestKey { Table, DoubtfulCell }
