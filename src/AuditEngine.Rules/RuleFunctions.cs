using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Rules.Evaluation;

namespace AuditEngine.Rules;

/// <summary>
/// The free functions rule expressions may call — the only ones. Every public static method here is callable
/// by name from a rule; keep them pure, total where possible, and document them in docs/rules.md.
/// </summary>
public static class RuleFunctions
{
    /// <summary>Half a cent (万元 rounded to 0.01): the most one printed figure can be off by.</summary>
    public const decimal HalfUnit = 0.005m;

    /// <summary>
    /// Regex evaluation is bounded so a careless pattern cannot stall a sweep. The bound is wall-clock time: on a busy
    /// node a thread waits for a CPU for 100 ms and more, so it must be far above a normal match (well under a
    /// millisecond); at 100 ms a loaded machine reported rule errors on documents that have none.
    /// </summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    private const int MaxCachedPatterns = 256;
    private static readonly ConcurrentDictionary<string, Regex> DynamicPatterns = new(StringComparer.Ordinal);

    public static decimal Abs(decimal value) => Math.Abs(value);

    /// <summary>Rounds half away from zero (四舍五入), as printed budget figures are.</summary>
    public static decimal Round(decimal value, int digits) => Math.Round(value, Math.Clamp(digits, 0, 28), MidpointRounding.AwayFromZero);

    public static decimal Min(decimal a, decimal b) => Math.Min(a, b);

    public static decimal Max(decimal a, decimal b) => Math.Max(a, b);

    /// <summary>
    /// The 尾差 allowance of a figure computed from <paramref name="terms"/> rounded figures: terms × half the printed
    /// step of the figures the rule has read (0.005 for 万元 with two decimals; 0 when all were printed in 元, which
    /// are exact).
    /// </summary>
    public static decimal Tolerance(decimal terms) => Math.Abs(terms) * Precision.HalfStep();

    /// <summary>
    /// |a − b| ≤ tolerance: equal up to rounding residue. A figure printed in 元 compared with one printed in 万元 is
    /// compared at 0.01 万元, the coarser figure's precision.
    /// </summary>
    public static bool Within(decimal a, decimal b, decimal terms) =>
        Math.Abs(Precision.Settle(a) - Precision.Settle(b)) <= Tolerance(terms);

    /// <summary>a ≠ b but only by rounding residue (尾差).</summary>
    public static bool IsResidue(decimal a, decimal b, decimal terms) => a != b && Within(a, b, terms);

    /// <summary>
    /// Formats an amount with two decimals, as 万元 figures are printed, and up to four where the amount has them
    /// (a figure printed in 元: 1 元 is 0.0001 万元).
    /// </summary>
    public static string Fmt(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    /// <summary>True when the text contains any of the '|'-separated words; false for null text.</summary>
    public static bool ContainsAny(string? text, string words)
    {
        if (text is null || words is null) return false;
        // Walks the alternatives in place: rules call this per indicator, so no array per call.
        var rest = words.AsSpan();
        while (true)
        {
            var bar = rest.IndexOf('|');
            var word = bar < 0 ? rest : rest[..bar];
            if (word.Length > 0 && text.AsSpan().IndexOf(word, StringComparison.Ordinal) >= 0) return true;
            if (bar < 0) return false;
            rest = rest[(bar + 1)..];
        }
    }

    /// <summary>Regex match bounded by <see cref="RegexTimeout"/>; false for null text. Literal patterns are compiled at load.</summary>
    public static bool Matches(string? text, string pattern)
    {
        if (text is null || pattern is null) return false;
        if (!DynamicPatterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
            // Patterns built from document text could be endless; only a bounded number is kept.
            if (DynamicPatterns.Count < MaxCachedPatterns) DynamicPatterns.TryAdd(pattern, regex);
        }
        return regex.IsMatch(text);
    }

    /// <summary>The value, or the fallback when it is null.</summary>
    public static decimal Coalesce(decimal? value, decimal fallback) => value ?? fallback;

    /// <summary>a / b, or 0 when b is 0: for ratios where a zero base means "nothing to compare".</summary>
    public static decimal SafeDiv(decimal a, decimal b) => b == 0m ? 0m : a / b;

    /// <summary>True for null, empty or whitespace-only text.</summary>
    public static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    /// <summary>True when no value is smaller than the one before it (e.g. cumulative 资金支出计划 percentages).</summary>
    public static bool NonDecreasing(IEnumerable<decimal>? values)
    {
        if (values is null) return true;
        decimal? previous = null;
        foreach (var v in values)
        {
            if (previous is { } p && v < p) return false;
            previous = v;
        }
        return true;
    }

    /// <summary>Regex match against a pattern compiled once at load (the binder's target for literal patterns).</summary>
    internal static bool MatchesCompiled(string? text, Regex regex) => text is not null && regex.IsMatch(text);
}
