using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// The narrative's 政府性基金 and 国有资本经营 spending (“政府性基金拨款支出预算0.00万元”, “国有资本经营预算财政拨款支出
/// 决算为X万元”), as figures the rules check against those tables' totals. The first statement of each is the one read.
/// </summary>
internal static partial class FundFigureReader
{
    public const string GovernmentFund = FigureKeys.政府性基金支出;
    public const string StateCapital = FigureKeys.国有资本经营支出;

    public static void Read(RunningText text, Disclosure doc)
    {
        foreach (var (key, pattern) in (ReadOnlySpan<(string, Regex)>)[(GovernmentFund, GovernmentFundSpending()), (StateCapital, StateCapitalSpending())])
        {
            var m = pattern.Match(text.Text);
            if (!m.Success || doc.HasFigure(key)) continue;
            var p = text.ParagraphAt(m.Groups["num"].Index);
            doc.Figures.Add(new NarrativeFigure
            {
                Key = key, Value = NarrativeReader.ParseNumber(m.Groups["num"].Value), Sentence = text.Quote(m.Index, m.Length),
                Provenance = new Provenance(p.Page, p.Line, Column: key),
            });
        }
    }

    private const string Spending = @"(?:预算)?(?:财政)?(?:拨款)?(?:安排的)?(?:支出|收支)(?:预算|决算)?数?(?:为|是)?\s*(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*万元";

    [GeneratedRegex("政府性基金" + Spending)]
    private static partial Regex GovernmentFundSpending();

    [GeneratedRegex("国有资本经营" + Spending)]
    private static partial Regex StateCapitalSpending();
}
