using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Statements of the narrative that its own figures check: each 决算数 with the 预算数 stated before it, the
/// completion rate stated after it (完成年初预算的95.89%) and the comparison that explains it (决算数小于预算数的
/// 主要原因); dates (截至2024年12月31日); and the year a title-shaped line gives the document (2023年度部门决算情况说明).
/// </summary>
internal static partial class NarrativeClaims
{
    private const string Num = @"\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?";

    public static void Read(RunningText body, Disclosure doc)
    {
        var text = body.Text;
        var actuals = Actual().Matches(text);
        for (var k = 0; k < actuals.Count; k++)
        {
            var a = actuals[k];
            var backFrom = k > 0 ? actuals[k - 1].Index + actuals[k - 1].Length : 0;
            backFrom = Math.Max(backFrom, a.Index - 80);
            decimal? initial = null, full = null, plain = null;
            var firstBudget = -1;
            foreach (Match b in Budget().Matches(text[backFrom..a.Index]))
            {
                var v = NarrativeReader.ParseNumber(b.Groups["num"].Value) * ChineseText.ToWanFactor(b.Groups["unit"].Value);
                switch (b.Groups["basis"].Value)
                {
                    case "年初": initial = v; break;
                    case "": plain = v; break;
                    default: full = v; break;
                }
                if (firstBudget < 0) firstBudget = backFrom + b.Index;
            }
            if (firstBudget < 0) continue;
            // “预算数为X万元” without a basis: the 年初 one unless the text names none at all.
            initial ??= plain;

            var next = k + 1 < actuals.Count ? actuals[k + 1].Index : text.Length;
            var after = text[(a.Index + a.Length)..next];
            var sentenceEnd = after.IndexOfAny(['。', '；', ';', '\n']);
            var sameSentence = sentenceEnd < 0 ? after : after[..sentenceEnd];
            var rate = Rate().Match(sameSentence);
            var cmp = Comparison().Match(after.Length > 200 ? after[..200] : after);
            if (!rate.Success && !cmp.Success) continue;

            var end = a.Index + a.Length + (cmp.Success ? cmp.Index + cmp.Length : rate.Index + rate.Length);
            var quote = text[firstBudget..Math.Min(end, text.Length)];
            doc.Claims.Add(new NarrativeClaim
            {
                Kind = "执行",
                Text = quote.Length > 160 ? quote[..160] + "…" : quote,
                Provenance = body.ProvenanceAt(a.Index),
                InitialBudget = initial,
                FullYearBudget = full,
                Actual = NarrativeReader.ParseNumber(a.Groups["num"].Value) * ChineseText.ToWanFactor(a.Groups["unit"].Value),
                Rate = rate.Success ? NarrativeReader.ParseNumber(rate.Groups["num"].Value) : null,
                RateBasis = rate.Success ? Basis(rate.Groups["basis"].Value) : "",
                Comparison = cmp.Success ? Word(cmp.Groups["cmp"].Value) : "",
                ComparisonBasis = cmp.Success ? Basis(cmp.Groups["basis"].Value) : "",
            });
        }

        foreach (Match i in ItemDescription().Matches(text))
            doc.Claims.Add(new NarrativeClaim
            {
                Kind = "科目说明", Text = i.Value, Provenance = body.ProvenanceAt(i.Groups["desc"].Index),
                Item = i.Groups["item"].Value, Description = i.Groups["desc"].Value,
            });

        foreach (Match d in AsOfDate().Matches(text))
            doc.Claims.Add(new NarrativeClaim
            {
                Kind = "截至日期", Text = body.Quote(d.Index, d.Length, 16), Provenance = body.ProvenanceAt(d.Index),
                Year = int.Parse(d.Groups["y"].Value),
            });

        ReadTotalsPairs(body, doc);
    }

    /// <summary>
    /// The 收入总计 and 支出总计 of one 收支总表 stated together: “收、支总计各是4125.49,4143.91万元” (四川), “收入、支出总计
    /// 分别为A万元、B万元”, “收入总计A万元，支出总计B万元”. The two sides of the table balance by definition, so the pair must
    /// be equal. Only totals of the whole table or of its 财政拨款 part: a fund's own totals (一般公共预算收入总计, the
    /// government's accounts) differ by their 结余, and a total after a comparison word is another year's.
    /// </summary>
    private static void ReadTotalsPairs(RunningText body, Disclosure doc)
    {
        var text = body.Text;
        foreach (var m in TotalsPairTogether().Matches(text).Concat(TotalsPairApart().Matches(text)))
        {
            var before = text[Math.Max(0, m.Index - 12)..m.Index];
            if (FundBefore().IsMatch(before) || ComparedBefore().IsMatch(LastClauseOf(before))) continue;
            var apart = m.Groups["gap"].Success;
            if (apart)
            {
                // “…收入总计A万元，比上年减少…，上年支出总计B万元”: the second total must be this one's other side.
                var gap = m.Groups["gap"].Value;
                // Nor a fund's own spending total (“财政拨款收入总计A万元，一般公共预算支出总计B万元”).
                if (gap.Contains("总计") || ComparedBefore().IsMatch(LastClauseOf(gap)) || FundBefore().IsMatch(gap)) continue;
                if (m.Groups["pre2"].Success && m.Groups["pre2"].Value != m.Groups["pre"].Value) continue;
            }
            var unitB = m.Groups["ub"].Value;
            var unitA = m.Groups["ua"].Success && m.Groups["ua"].Value.Length > 0 ? m.Groups["ua"].Value : unitB;
            if (AmountReader.ReadNarrative(m.Groups["a"].Value, unitA) is not { } income
                || AmountReader.ReadNarrative(m.Groups["b"].Value, unitB) is not { } spending) continue;
            doc.Claims.Add(new NarrativeClaim
            {
                Kind = "收支总计", Text = body.Quote(m.Index, m.Length, 8), Provenance = body.ProvenanceAt(m.Groups["a"].Index),
                IncomeTotal = income.Value, ExpenditureTotal = spending.Value, TotalsOf = m.Groups["pre"].Value,
                TotalsTolerance = income.Rounding + spending.Rounding,
            });
        }
    }

    private static string LastClauseOf(string text)
    {
        var at = text.LastIndexOfAny(['，', ',', '；', ';', '：', ':', '、', '。', '\n']);
        return at < 0 ? text : text[(at + 1)..];
    }

    /// <summary>“收、支总计各是A,B万元”, “收入支出决算总计分别为A万元和B万元”, “收入总计、支出总计分别为…”: both sides named at once, then the two figures.</summary>
    [GeneratedRegex(@"(?<pre>财政拨款)?收(?:入(?:决算)?(?:总计)?)?(?:[、和与及])?支(?:出)?(?:决算)?总计数?(?:分别|各)(?:为|是)[：:]?\s*(?<a>" + Num + @")\s*(?<ua>亿元|万元|元)?\s*(?:[、，,和与及]|以及)\s*(?<b>" + Num + @")\s*(?<ub>亿元|万元|元)(?![/／每])")]
    private static partial Regex TotalsPairTogether();

    /// <summary>“收入总计A万元，支出总计B万元”: each side with its figure, in one sentence.</summary>
    [GeneratedRegex(@"(?<pre>财政拨款)?收入(?:决算)?总计数?(?:为|是|达)?[：:]?\s*(?<a>" + Num + @")\s*(?<ua>亿元|万元|元)(?![/／每])(?<gap>[^。！？\n]{0,60}?)(?<pre2>财政拨款)?支出(?:决算)?总计数?(?:为|是|达)?[：:]?\s*(?<b>" + Num + @")\s*(?<ub>亿元|万元|元)(?![/／每])")]
    private static partial Regex TotalsPairApart();

    /// <summary>A fund named right before the totals: its own accounts, not the 收支总表's.</summary>
    [GeneratedRegex(@"(?:一般公共预算|政府性基金(?:预算)?|国有资本经营(?:预算)?|社会保险基金|社保基金|财政专户(?:管理资金)?|专户|债务)(?:财政拨款)?$")]
    private static partial Regex FundBefore();

    /// <summary>A clause comparing with another year: the total after it is that year's.</summary>
    [GeneratedRegex(@"上年|上一年|去年|同期|比|较")]
    private static partial Regex ComparedBefore();

    /// <summary>
    /// A line shaped like the document's title (上海市普陀区财政局2023年度部门决算情况说明, 第二部分 …2024年度部门决算表)
    /// names the document's year: a year mention. A year in a sentence (与2023年度相比) is no such thing. A year cut
    /// short (“…生态环境局 202 年度部门决算情况说明”) is a mention too, one that cannot agree with the document's.
    /// </summary>
    public static void ReadTitleYear(string line, Paragraph p, Disclosure doc)
    {
        var t = ChineseText.Compact(line);
        if (t.Length > 60) return;
        var m = TitleYear().Match(t);
        if (!m.Success) return;
        var year = m.Groups["y"].Value;
        if (doc.YearMentions.Any(x => x.Text == year)) return;
        doc.YearMentions.Add(new Mention(year, new Provenance(p.Page, p.Line)));
    }

    private static string Basis(string word) => word switch
    {
        "年初" => "年初",
        "" => "",
        _ => "全年",
    };

    private static string Word(string word) => word switch
    {
        "高于" or "超过" or "多于" => "大于",
        "低于" or "少于" => "小于",
        "相等" or "一致" => "等于",
        _ => word,
    };

    [GeneratedRegex(@"(?:支出)?决算数?(?:金额)?(?:为|是)?\s*(?<num>" + Num + @")\s*(?<unit>亿元|万元|元(?![/／每]))")]
    private static partial Regex Actual();

    [GeneratedRegex(@"(?<basis>年初|全年|调整后的?|调整)?预算数?(?:为|是)?\s*(?<num>" + Num + @")\s*(?<unit>亿元|万元|元(?![/／每]))")]
    private static partial Regex Budget();

    [GeneratedRegex(@"(?:完成|达到|为|占)(?<basis>年初|全年|调整后的?)?预算数?的\s*(?<num>\d+(?:\.\d+)?)\s*[%％]")]
    private static partial Regex Rate();

    [GeneratedRegex(@"决算数?(?<cmp>大于|小于|等于|高于|低于|超过|少于|多于)(?<basis>年初|全年|调整后的?)?预算数?|决算数?与(?<basis>年初|全年|调整后的?)?预算数?(?<cmp>基本持平|持平|相等|一致)")]
    private static partial Regex Comparison();

    /// <summary>“住房改革支出（款）住房公积金（项）。主要用于：缴纳在职人员住房公积金”.</summary>
    [GeneratedRegex(@"(?<item>[\u4E00-\u9FFF]{2,30})（项）[。，,]?\s*主要用于[：:]?(?<desc>[^。；;\n]{2,80})")]
    private static partial Regex ItemDescription();

    [GeneratedRegex(@"截至到?\s*(?<y>20\d\d)\s*年\s*12\s*月\s*31\s*日")]
    private static partial Regex AsOfDate();

    [GeneratedRegex(@"^(?:第[一二三四五六七八九十]+部分)?[^，。；：、,]{0,40}?(?<!\d)(?<y>20\d{1,2})年度?(?:区级|市级|县级|省级|旗级)?(?:部门|单位)(?:预算|决算)(?:表|情况说明|情况|说明|编制说明|公开)?$")]
    private static partial Regex TitleYear();
}
