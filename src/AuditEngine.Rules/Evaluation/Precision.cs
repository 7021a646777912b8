using AuditEngine.Model;

namespace AuditEngine.Rules.Evaluation;

/// <summary>
/// The precision of the figures a rule has read (the evidence trail of the evaluation under way). A balance is
/// checked at the precision its figures were printed with: figures in 万元 with two decimals were rounded from 元 and
/// may each be off by 0.005 万元; figures printed in 元 are exact, so nothing is tolerated beyond their representation.
/// </summary>
internal static class Precision
{
    /// <summary>
    /// Half the coarsest printed step among the figures read so far, in 万元: 0.005 unless every figure read is a
    /// table cell printed in 元. Narrative figures, and reads outside an evaluation, count as 万元 with two decimals.
    /// </summary>
    public static decimal HalfStep()
    {
        var trail = EvidenceTrail.Current;
        if (trail is null || trail.Count == 0) return RuleFunctions.HalfUnit;
        var half = 0m;
        foreach (var source in trail)
            half = Math.Max(half, source is AmountCell cell ? cell.Rounding : RuleFunctions.HalfUnit);
        return half;
    }

    /// <summary>
    /// The value at the coarsest printed precision when the figures read mix exact (元) and rounded (万元) ones: a 元
    /// amount and the 万元 figure printed for it differ by their conversion residue (9,465 元 = 0.9465 万元, printed
    /// 0.95), which is no difference at all. Unchanged otherwise.
    /// </summary>
    public static decimal Settle(decimal value)
    {
        var trail = EvidenceTrail.Current;
        if (trail is null || trail.Count == 0) return value;
        var half = HalfStep();
        if (half == 0m || !trail.Any(s => s is AmountCell { Rounding: 0m })) return value;
        var step = half * 2m;
        return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
    }
}
