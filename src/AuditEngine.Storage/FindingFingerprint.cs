using System.Security.Cryptography;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// Identifies a finding across re-audits of the same document: its rule and where its evidence sits, not its
/// message (figures in a message may change with the rule while the reviewer's judgement still applies).
/// </summary>
public static class FindingFingerprint
{
    public static string Of(Finding finding)
    {
        var text = new StringBuilder(finding.RuleId);
        foreach (var e in finding.Evidence)
            text.Append('|').Append(e.Page).Append(':').Append(e.Table).Append(':').Append(e.Row).Append(':').Append(e.Column);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }
}
