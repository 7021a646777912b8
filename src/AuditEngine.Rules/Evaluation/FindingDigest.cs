using AuditEngine.Model;

namespace AuditEngine.Rules.Evaluation;

/// <summary>
/// A digest rule (Properties.digest): when one table draws at least <see cref="MinFindings"/> warnings or errors of
/// the digested categories, they become one finding about that table. One defect — a table printed out of line with
/// its codes, a page read badly — otherwise fails every row and every comparison with the other tables, and the
/// reviewer gets fifty cards for one thing to fix. Nothing is lost: the digest names every rule and how often it
/// fired, quotes the first findings and carries all their evidence.
/// </summary>
internal sealed class FindingDigest(RuleDefinition definition, int minFindings, IReadOnlySet<string> categories)
{
    /// <summary>How many findings of the first rules the message quotes.</summary>
    private const int Quoted = 3;

    public RuleDefinition Definition { get; } = definition;
    public int MinFindings { get; } = minFindings;
    public IReadOnlySet<string> Categories { get; } = categories;

    /// <summary>The placeholders a digest's ErrorMessage may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["table", "count", "rules", "details"];

    public void Apply(List<Finding> findings)
    {
        while (LargestGroup(findings) is { } group)
        {
            var members = new HashSet<Finding>(group.Members, ReferenceEqualityComparer.Instance);
            var at = findings.FindIndex(members.Contains);
            findings.RemoveAll(members.Contains);
            findings.Insert(at, Digest(group.Table, group.Members));
        }
    }

    private (string Table, List<Finding> Members)? LargestGroup(List<Finding> findings)
    {
        var byTable = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        foreach (var f in findings)
        {
            if (f.Severity < Severity.Warning || !Categories.Contains(f.Category) || f.RuleId == Definition.Id) continue;
            foreach (var table in f.Evidence.Select(e => e.Table).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct())
            {
                if (!byTable.TryGetValue(table!, out var list)) byTable[table!] = list = [];
                list.Add(f);
            }
        }
        var largest = byTable.OrderByDescending(g => g.Value.Count).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        return largest.Value is { } members && members.Count >= MinFindings ? (largest.Key, members) : null;
    }

    private Finding Digest(string table, List<Finding> members)
    {
        var rules = members.GroupBy(f => f.RuleId).OrderByDescending(g => g.Count()).Select(g => $"{g.Key}×{g.Count()}");
        var details = string.Join("；", members.Take(Quoted).Select(f => f.Message.TrimEnd('。')));
        var message = Definition.ErrorMessage
            .Replace("{table}", table).Replace("{count}", members.Count.ToString())
            .Replace("{rules}", string.Join("、", rules)).Replace("{details}", details);
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
