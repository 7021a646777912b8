using System.Security.Cryptography;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// Identifies a finding across re-audits of the same document: its rule and where its evidence sits (page, line,
/// table, row, column), not its message (figures in a message may change with the rule while the reviewer's judgement
/// still applies).
/// </summary>
public static class FindingFingerprint
{
    public static string Of(Finding finding)
    {
        var text = new StringBuilder(finding.RuleId);
        foreach (var e in finding.Evidence)
            text.Append('|').Append(e.Page).Append(':').Append(e.Line).Append(':').Append(e.Table).Append(':').Append(e.Row)
                .Append(':').Append(e.Column);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>
    /// The fingerprints of one audit's findings, in order, all distinct: a rule may report several findings at one
    /// evidence location (two notes on one table header line), and each keeps its own review. The second and later
    /// of a location get "#2", "#3", … in the order the rule reported them, which a re-audit of the same content repeats.
    /// </summary>
    public static IReadOnlyList<string> Of(IReadOnlyList<Finding> findings)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<string>(findings.Count);
        foreach (var finding in findings)
        {
            var fingerprint = Of(finding);
            var n = seen[fingerprint] = seen.GetValueOrDefault(fingerprint) + 1;
            result.Add(n == 1 ? fingerprint : $"{fingerprint}#{n}");
        }
        return result;
    }
}
