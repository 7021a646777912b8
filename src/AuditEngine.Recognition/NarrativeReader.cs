using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Splits the narrative (情况说明) into sections by their headings and extracts the figures it quotes,
/// with the change against last year and whether a reason is given.
/// </summary>
internal static partial class NarrativeReader
{
    private static readonly (string Word, SectionKind Kind)[] SectionWords =
    [
        ("名词解释", SectionKind.Glossary), ("三公", SectionKind.SanGong), ("机关运行经费", SectionKind.OperatingCost),
        ("机关（机构）运行经费", SectionKind.OperatingCost), ("机关（单位）运行经费", SectionKind.OperatingCost),
        ("机构运行经费", SectionKind.OperatingCost), ("政府采购", SectionKind.Procurement), ("国有资产", SectionKind.Assets),
        ("资产占用", SectionKind.Assets), ("绩效", SectionKind.Performance), ("职责", SectionKind.Responsibilities),
        ("机构设置", SectionKind.Responsibilities), ("总体情况", SectionKind.BudgetOverview), ("收支预算", SectionKind.BudgetOverview),
        ("收入支出预算", SectionKind.BudgetOverview), ("其他需要说明", SectionKind.OtherMatters), ("其他重要事项", SectionKind.OtherMatters),
        ("其他事项", SectionKind.OtherMatters), ("其他相关情况", SectionKind.OtherMatters), ("职能", SectionKind.Responsibilities), ("单位构成", SectionKind.Responsibilities),
        ("预算编制说明", SectionKind.BudgetOverview),
        // 决算 overviews headed otherwise: “收入支出决算总体及增减变动情况” (湖北), “一、收入决算情况说明 / 二、支出决算情况说明” (云南).
        ("决算总体", SectionKind.BudgetOverview), ("收入决算情况", SectionKind.BudgetOverview),
    ];

    /// <summary>
    /// The first part of many disclosures, “第一部分 单位概况”, “一、部门基本情况”, “第一部分：某某中心概况”, holds the duties
    /// and the organisation, sometimes with no sub-heading of its own (新疆: the duties follow at once).
    /// </summary>
    private static readonly string[] OverviewEndings = ["概况", "基本情况"];

    /// <summary>Words that make a heading ending in 概况 about money, not about the department (“预算收支概况”).</summary>
    private static readonly string[] MoneyWords = ["预算", "决算", "经费", "收入", "支出", "收支", "资金", "资产", "采购"];

    /// <summary>Words a heading ends with even when it is long and unnumbered (“上海市…办事处（部门）主要职能”).</summary>
    private static readonly string[] HeadingEndings = ["主要职能", "机构设置", "预算编制说明", "名词解释", "单位构成"];

    /// <summary>Figure keys and the words that introduce them; the most specific first.</summary>
    private static readonly (string Key, string Pattern)[] FigurePatterns =
    [
        (FigureKeys.公务用车运行维护费, @"公务用车运(?:行维护|行|维)费"),
        (FigureKeys.公务用车购置费, @"公务用车购置费"),
        (FigureKeys.公务用车费, @"公务用车购置及运(?:行维护|行|维)费"),
        (FigureKeys.因公出国费, @"因公出国（境）(?:费|经费)"),
        (FigureKeys.公务接待费, @"公务接待费"),
        (FigureKeys.三公经费, @"“?三公”?经费(?:预算|支出)?"),
        // 事业单位 and some provinces say 机构运行经费 or 机关（单位）运行经费 for the same figure.
        (FigureKeys.机关运行经费, @"(?:机关(?:（(?:机构|单位)）)?|机构)运行经费"),
        (FigureKeys.财政拨款收支总计, @"财政拨款收(?:入支出|支)(?:决算)?总计"),
        (FigureKeys.收支总计, @"收(?:入支出|支)(?:决算)?总计"),
        (FigureKeys.财政拨款基本支出, @"一般公共预算财政拨款基本支出(?:决算)?"),
        (FigureKeys.收入总计, @"收入总计"),
        (FigureKeys.支出总计, @"支出总计"),
        (FigureKeys.一般公共预算收入, @"一般公共预算收入"),
        (FigureKeys.收入合计, @"(?:收入合计|(?<![金本营户拨位共])预算收入|(?<![金本营户拨位共])收入预算)"),
        // 退休人员经费 (an item: retirees' allowances) is not the 人员经费 of the basic expenditure.
        (FigureKeys.人员经费, @"(?<!退休)人员经费"),
        (FigureKeys.公用经费, @"(?:日常)?公用经费"),
        (FigureKeys.基本支出, @"基本支出"),
        (FigureKeys.项目支出, @"项目支出"),
        // Not an economic class's budget (工资福利支出预算, 商品和服务支出预算, 对个人和家庭补助支出预算, 资本性支出预算).
        (FigureKeys.支出合计, @"(?:支出合计|(?<![金本营户拨位共目利务助性他])支出预算|(?<![金本营户拨位共利务助性他])预算支出)"),
        (FigureKeys.政府采购, @"政府采购预算"),
    ];

    private static readonly Regex Figure = new(
        "(?<key>" + string.Join("|", FigurePatterns.Select((p, i) => $"(?<k{i}>{p.Pattern})")) + ")" +
        // The gap may hold the year a change compares with (“…支出决算数比2016年度减少0.28万元”).
        @"(?<gap>[^0-9。；;，,：:]{0,14}?|[^0-9。；;，,：:]{0,12}?20\d\d(?=\s*年)[^0-9。；;，,：:]{0,6}?)(?<num>\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?)\s*(?<unit>亿元|万元|元(?![/／每]))",
        RegexOptions.Compiled);

    /// <param name="scannedPages">Pages read by OCR, whose figures may be garbled.</param>
    public static void Read(IReadOnlyList<Paragraph> paragraphs, Disclosure doc, IReadOnlySet<int>? scannedPages = null)
    {
        scannedPages ??= new HashSet<int>();
        NarrativeSection? current = null;
        // The section's body as running text: a PDF prints one line per paragraph and breaks sentences (and
        // figures, “2336.91万 / 元”) at the line's end, so figures are read from the joined text. Text before the
        // first recognised heading (an excerpt, a narrative whose headings are styled in no way we know) is read too.
        var body = new RunningText { ScannedPages = scannedPages };
        void Flush()
        {
            if (body.Length > 0 && current?.Kind != SectionKind.Glossary)
            {
                ReadFigures(body, doc);
                NarrativeStatements.Read(body, current?.Kind ?? SectionKind.Other, doc);
            }
            if (body.Length > 0) NarrativeClaims.Read(body, doc);
            if (current is null) doc.LeadText = body.Text;
            body = new RunningText { ScannedPages = scannedPages };
        }
        // The contents (目录) run from their title to the first entry printed again as the heading of its part.
        var inContents = false;
        var contentsEntries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paragraphs)
        {
            var text = ChineseText.Normalize(p.Text);
            NarrativeClaims.ReadTitleYear(text, p, doc);
            var entry = ContentsPageNumber().Replace(ChineseText.Compact(text), "");
            if (IsContentsTitle(entry)) inContents = true;
            else if (inContents && entry.Length > 0 && (!contentsEntries.Add(entry) || IsProse(entry))) inContents = false;
            var heading = IsHeading(text, out var kind) || scannedPages.Contains(p.Page) && IsHeadingWithLostNumber(text, out kind);
            if (heading && !(kind == SectionKind.Other && current is { Kind: not SectionKind.Other }))
            {
                Flush();
                current = new NarrativeSection { Kind = kind, Title = text, Provenance = new Provenance(p.Page, p.Line), InContents = inContents };
                doc.Sections.Add(current);
                continue;
            }
            if (current is null)
            {
                // Before any heading: table titles, units and notes are no narrative; sentences are.
                if (IsPreambleText(text)) body.Add(text, p);
                continue;
            }
            current.Text = current.Text.Length == 0 ? text : current.Text + "\n" + text;
            body.Add(text, p);
            // A sub-heading kept in the section's text (二、收入决算情况说明) is no part of the sentence after it.
            if (heading) body.Break();
            ReadVehicles(text, p, doc);
        }
        Flush();
        NarrativeStatements.Resolve(doc);
    }

    /// <summary>
    /// The contents' own title: 目录, 目次, or a short title ending in 目录 (“决算公开目录”, 湖北; “部门预算公开目录”).
    /// </summary>
    private static bool IsContentsTitle(string entry) =>
        entry is "目录" or "目次" || entry.Length <= 10 && entry.EndsWith("目录", StringComparison.Ordinal) && !entry.Contains('。');

    /// <summary>
    /// A line of running prose, which no contents entry is: the contents end at it even when the body's first heading is
    /// worded otherwise than its entry (目录 “一、部门（单位）职责”, then “前言” and “一、部门职责”, 甘肃).
    /// </summary>
    private static bool IsProse(string entry) => entry.Contains('。') || entry.Length > 60;

    /// <summary>A line before the first heading that belongs to running text: not a table's title, unit line or note.</summary>
    private static bool IsPreambleText(string text)
    {
        var t = text.Replace(" ", "");
        return t.Length > 0 && !TableTitles.IsTableTitle(t) && !t.StartsWith("单位：") && !t.StartsWith("注") && !t.StartsWith("说明：")
               && !(t.EndsWith("表") && t.Length <= 40);
    }

    /// <summary>
    /// Each figure pattern anchored at the end, built once: made per call through Regex.IsMatch they were 20 patterns
    /// cycling through Regex's cache of 15, so every statement parsed all 20 afresh (a fifth of recognition's time).
    /// </summary>
    private static readonly Regex[] SubjectEndings = FigurePatterns.Select(p => new Regex("(?:" + p.Pattern + ")$")).ToArray();

    /// <summary>The figure key a statement's subject names (its last words: 因公出国（境）费, 人员经费), "" when none.</summary>
    internal static string KeyOfSubject(string subject)
    {
        if (subject.Length == 0) return "";
        for (var i = 0; i < FigurePatterns.Length; i++)
            if (SubjectEndings[i].IsMatch(subject)) return FigurePatterns[i].Key;
        // “公务接待费支出5.21万元”: the item's spending is the item.
        return subject.EndsWith("费支出", StringComparison.Ordinal) ? KeyOfSubject(subject[..^2]) : "";
    }

    private static bool IsHeading(string text, out SectionKind kind)
    {
        kind = SectionKind.Other;
        var t = text.Replace(" ", "");
        // 甘肃, 重庆 end a numbered heading with a full stop: “（一）收入决算情况。”. A numbered sentence (“（三）负责政府采购
        // 监督管理。”) does not end in 情况 or 说明.
        if (t.EndsWith('。') && HeadingNumber().IsMatch(t) && t.Length <= 30 && !t.Contains('，') && (t.EndsWith("情况。") || t.EndsWith("说明。")))
            t = t[..^1];
        if (t.Length > 40 || t.EndsWith('。') || t.Contains("：") && t.IndexOf('：') < t.Length - 1 && !t.StartsWith("第")) return false;
        // “1.因公出国（境）费0万元；” on a line of its own: an item of a list that goes on, not a heading.
        if (t.EndsWith('；') || t.EndsWith(';')) return false;
        if (!HeadingNumber().IsMatch(t) && !t.StartsWith("第") && t.Length > 16 && !HeadingEndings.Any(t.EndsWith) && !IsPartTitle(t)) return false;
        // A sentence pointing elsewhere (“详见单位的项目绩效目标表”) is text, not a heading.
        if (t.StartsWith("详见") || t.StartsWith("见")) return false;
        foreach (var (word, k) in SectionWords)
            if (t.Contains(word)) { kind = k; return true; }
        if ((HeadingNumber().IsMatch(t) || t.StartsWith("第")) && OverviewEndings.Any(t.EndsWith) && !MoneyWords.Any(t.Contains))
        {
            kind = SectionKind.Responsibilities;
            return true;
        }
        return HeadingNumber().IsMatch(t) && t.Length <= 24 && !t.Contains("表");
    }

    /// <summary>
    /// A long unnumbered line that titles one part of a disclosure published on its own page: “海南省交通运输部门2022年
    /// “三公”经费预算情况说明”, “英德市经信局2016年“三公经费”预算对比增减说明”: it names the year and opens with the
    /// body's name, not with debris (an OCR'd heading's lost number is read only on scans). The part may also follow
    /// the title after a dash, and the year may open it: “2015年内蒙古自治区文化厅部门决算公示说明—三公经费”.
    /// </summary>
    private static bool IsPartTitle(string t) =>
        (t.EndsWith("说明") || PartAfterDash().IsMatch(t)) && PartTitleWords.Any(t.Contains)
        && (ChineseText.IsCjk(t[0]) || LeadingTitleYear().IsMatch(t)) && PartTitleYear().IsMatch(t);

    [GeneratedRegex(@"20\d\d年")]
    private static partial Regex PartTitleYear();

    /// <summary>A contents entry's page reference: leader dots and the page number (“一、主要职责……3”, “PAGEREF _Toc25831 h 3”).</summary>
    [GeneratedRegex(@"(?:PAGEREF_?Toc\d+h)?[.．…·]*\d*$")]
    private static partial Regex ContentsPageNumber();

    [GeneratedRegex(@"^20\d\d年度?\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex LeadingTitleYear();

    [GeneratedRegex(@"说明\s*[—－–-]{1,2}\s*[^，。；：:,]{2,12}$")]
    private static partial Regex PartAfterDash();

    /// <summary>The parts a disclosure's page may be titled after when published on its own.</summary>
    private static readonly string[] PartTitleWords = ["三公", "政府采购", "机关运行经费", "国有资产"];

    /// <summary>
    /// An OCR'd heading whose number came out as debris (“RS 2025年“三公”经费预算情况说明”, “、机关运行经费预算”): the rest,
    /// read as if numbered, must name a section, be short and be neither a sentence, a figure nor a table's title.
    /// </summary>
    private static bool IsHeadingWithLostNumber(string text, out SectionKind kind)
    {
        kind = SectionKind.Other;
        var debris = LostHeadingNumber().Match(text);
        if (!debris.Success) return false;
        var rest = text[debris.Length..].Replace(" ", "");
        if (rest.Length is < 4 or > 30 || rest.EndsWith('。') || rest.EndsWith('表') || rest.Contains("万元")) return false;
        return IsHeading("一、" + rest, out kind) && kind != SectionKind.Other;
    }

    private static void ReadFigures(RunningText body, Disclosure doc)
    {
        var text = body.Text;
        var sentences = SentenceText().Matches(text);
        for (var si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            var sentence = s.Value;
            var matches = Figure.Matches(sentence);
            for (var m = 0; m < matches.Count; m++)
            {
                var match = matches[m];
                var p = body.ParagraphAt(s.Index + match.Groups["num"].Index);
                var key = KeyOf(match);
                if (AmountReader.FinerThanFen(match.Groups["num"].Value, match.Groups["unit"].Value)) continue;
                var value = ParseNumber(match.Groups["num"].Value) * ChineseText.ToWanFactor(match.Groups["unit"].Value);
                var gap = match.Groups["gap"].Value;
                var rest = sentence[(match.Index + match.Length)..(m + 1 < matches.Count ? matches[m + 1].Index : sentence.Length)];
                if (ChangeWord().IsMatch(gap))
                {
                    // “项目支出增加395.35万元”: a change, not the figure itself.
                    var existing = doc.Figures.LastOrDefault(f => f.Key == key && f.Change is null);
                    if (existing is not null)
                    {
                        existing.Change = Signed(gap, value);
                        ReadChangeRate(rest, existing);
                        // “公务接待费支出决算减少0.15万元，下降27.78%。公务接待费支出减少的主要原因是…”
                        existing.HasReason |= NarrativeReasons.Has(rest)
                                              || si + 1 < sentences.Count && NarrativeReasons.Has(sentences[si + 1].Value)
                                              || ReasonNamedLater(sentences, si, key) || ReasonNamedEarlier(sentences, si, key)
                                              || existing.Change is { } c && ReasonAfterList(text, sentences, si, c);
                    }
                    continue;
                }
                // “三公经费比2023年度…X万元” with no change word: a compared year's figure, not this year's.
                if (YearInGap().IsMatch(gap)) continue;
                // A 决算 states the budget first: “三公经费财政拨款支出年初预算为2.85万元，支出决算为0.39万元” —
                // the figure is the 决算数.
                if (BudgetGap().IsMatch(gap) && FinalAfterBudget().Match(rest) is { Success: true } final)
                    value = ParseNumber(final.Groups["num"].Value) * ChineseText.ToWanFactor(final.Groups["unit"].Value);
                var figure = new NarrativeFigure
                {
                    Key = key, Value = value, Sentence = sentence.Trim(),
                    Provenance = new Provenance(p.Page, p.Line, Column: key),
                };
                ReadChange(rest, figure);
                figure.HasReason = NarrativeReasons.Has(rest) || NarrativeReasons.Has(sentence)
                                   // “较2024年的2190万元减少221万元；其中：…。“三公”经费预算下降的原因主要是…”
                                   || figure.Change is not null and not 0m && (ReasonNamedLater(sentences, si, key)
                                       || ReasonInNextSentence(sentences, si, key) || ReasonNamedEarlier(sentences, si, key)
                                       || ReasonAfterList(text, sentences, si, figure.Change.Value));
                // The same figure and change told again under the item's own heading (“1、公务接待费…较2014年减少0.26万元”):
                // one fact, whose reason may be given at either place.
                if (figure.Change is not null && doc.Figures.FirstOrDefault(f => f.Key == key && f.Value == value && f.Change == figure.Change) is { } told)
                {
                    told.HasReason |= figure.HasReason;
                    continue;
                }
                if (key == FigureKeys.机关运行经费) ReadComponents(sentence[(match.Index + match.Length)..], figure, p);
                doc.Figures.Add(figure);
            }
        }
    }

    /// <summary>
    /// Changes listed first and their reasons after them, each naming its item: “…公务用车购置及运行维护费支出决算减少
    /// 20.06万元；公务接待费支出决算增加0.40万元。…公务用车购置及运行维护费支出减少的主要原因是…”. A later sentence
    /// of the section whose cause is given for <paramref name="key"/> is that change's reason.
    /// </summary>
    private static bool ReasonNamedLater(MatchCollection sentences, int from, string key)
    {
        for (var j = from + 1; j < sentences.Count && j <= from + 8; j++)
        {
            var sentence = sentences[j].Value;
            if (NarrativeReasons.FindCause(sentence) is not { } marker) continue;
            var subject = ChangeBeforeReason().Replace(ChineseText.Compact(sentence[..marker.Index]), "");
            // “接待费减少的原因主要是…”: the item by its short name.
            if (subject.EndsWith("接待费", StringComparison.Ordinal) && !subject.EndsWith("公务接待费", StringComparison.Ordinal)) subject = "公务" + subject;
            var named = KeyOfSubject(subject);
            if (named == key) return true;
            // The 三公 total's reason naming the item: “…决算减少的主要原因是因公出国（境）计划批复团组减少，以及…公车运行
            // 维护费及接待费都少于预算”.
            if (named == FigureKeys.三公经费 && ItemWords(key) is { } words && words.IsMatch(sentence[marker.Index..])) return true;
        }
        return false;
    }

    /// <summary>
    /// “…增加11.99万元，增幅63.84%。主要用于2个团组10人次的出国（境）费用，增长的主要原因是…”: the next sentence gives a
    /// cause and names no other figure before it, so the cause is this change's.
    /// </summary>
    private static bool ReasonInNextSentence(MatchCollection sentences, int from, string key)
    {
        if (from + 1 >= sentences.Count) return false;
        var next = sentences[from + 1].Value;
        if (NarrativeReasons.FindCause(next) is not { } marker) return false;
        var before = ChineseText.Compact(next[..marker.Index]);
        return !ItemAnywhere.Any(i => i.Key != key && i.Pattern.IsMatch(before)) && !Figure.IsMatch(before);
    }

    /// <summary>
    /// Changes listed in clauses separated by “；”, then after the list's “。” one reason with no subject of its own:
    /// “其中：因公出国（境）费0.00万元，与上年持平；公务用车购置及运行维护费6.00万元，比上年减少0.50万元；公务接待费2.00万元，
    /// 比上年减少0.50万元。减少的主要原因是压减公务用车运行维护和公务接待支出。” The reason is the list's: every change in
    /// it, and the whole the list details (told just before a list opening with 其中), has it, unless the reason names a
    /// direction (“增加的原因”) the change does not go.
    /// </summary>
    private static bool ReasonAfterList(string text, MatchCollection sentences, int from, decimal change)
    {
        var j = from;
        // The whole: its sentence ends with “。”, and the list opens the next one with 其中.
        if (Delimiter(text, sentences[j]) == '。' && j + 1 < sentences.Count
            && ChineseText.Compact(sentences[j + 1].Value).StartsWith("其中", StringComparison.Ordinal)) j++;
        var clauses = 1;
        while (j + 1 < sentences.Count && Delimiter(text, sentences[j]) is '；' or ';')
        {
            j++;
            clauses++;
        }
        if (clauses < 2 || Delimiter(text, sentences[j]) != '。' || j + 1 >= sentences.Count) return false;
        var next = sentences[j + 1].Value;
        if (NarrativeReasons.FindCause(next) is not { } marker) return false;
        var subject = ListReasonSubject().Match(ChineseText.Compact(next[..marker.Index]));
        if (!subject.Success) return false;
        var direction = subject.Groups["dir"].Value;
        return direction.Length == 0 || (direction is "增加" or "增长" or "上升" or "上涨") == change > 0;
    }

    /// <summary>The character that ends a sentence of <see cref="SentenceText"/>: 。, ；, ; or a line's end.</summary>
    private static char Delimiter(string text, Match sentence)
    {
        var end = sentence.Index + sentence.Length;
        return end < text.Length ? text[end] : '\n';
    }

    /// <summary>What may stand before a list's reason: nothing of its own, or only the direction (“减少的”, “上述经费下降”).</summary>
    [GeneratedRegex(@"^(?:以上|上述)?(?:各项|三项)?(?:经费|支出)?(?<dir>增加|减少|增长|下降|上升|降低|上涨)?(?:的)?$")]
    private static partial Regex ListReasonSubject();

    /// <summary>
    /// A summary before the details: “…其中，公务接待费、因公出国（境）费用降幅均超过25%，下降的主要原因是…；公务用车运行维护费
    /// 上升20.1%，上涨的主要原因是…。从明细看，公务接待费1239.67万元，比2025年减少413.17万元…”. A cause in one of the
    /// six clauses before, whose clause names this item and a change, is this change's reason.
    /// </summary>
    private static bool ReasonNamedEarlier(MatchCollection sentences, int from, string key)
    {
        var item = ItemAnywhere.FirstOrDefault(i => i.Key == key).Pattern;
        if (item is null) return false;
        for (var j = from - 1; j >= 0 && j >= from - 6; j--)
        {
            var sentence = sentences[j].Value;
            foreach (Match marker in ExplicitReason().Matches(sentence))
            {
                var clause = ChineseText.Compact(sentence[..marker.Index]);
                if (item.IsMatch(clause) && SummaryChange().IsMatch(clause)) return true;
            }
        }
        return false;
    }

    /// <summary>Each figure's words, found anywhere in a text (the subject patterns are anchored at its end).</summary>
    private static readonly (string Key, Regex Pattern)[] ItemAnywhere =
        FigurePatterns.Select(p => (p.Key, new Regex(p.Pattern))).ToArray();

    /// <summary>
    /// The 原因 forms of <see cref="NarrativeReasons"/>' markers only: a summary clause several sentences back is tied to a
    /// change by a reason it names outright, not by a 由于 or 因 inside its text.
    /// </summary>
    [GeneratedRegex(@"主要原因(?:是|为|系|在于)?[：:]?|原因(?:主要)?(?:是|为|系|在于)[：:]?|原因[：:]")]
    private static partial Regex ExplicitReason();

    [GeneratedRegex(@"增加|减少|增长|下降|上升|降低|上涨|降幅|增幅")]
    private static partial Regex SummaryChange();

    /// <summary>Words a reason uses for one 三公 item; null for any other figure.</summary>
    private static Regex? ItemWords(string key) => key switch
    {
        FigureKeys.因公出国费 => AbroadWords(),
        FigureKeys.公务接待费 => ReceptionWords(),
        FigureKeys.公务用车费 or FigureKeys.公务用车购置费 or FigureKeys.公务用车运行维护费 => VehicleWords(),
        _ => null,
    };

    [GeneratedRegex("出国")]
    private static partial Regex AbroadWords();

    [GeneratedRegex("接待")]
    private static partial Regex ReceptionWords();

    [GeneratedRegex("公车|公务车|用车|车辆")]
    private static partial Regex VehicleWords();

    /// <summary>
    /// “支出减少的” / “决算数增加的” / “持平的” / “降幅较大的” / “决算大于上年决算数的” between an item's name and 主要原因.
    /// </summary>
    [GeneratedRegex(@"(?:支出)?(?:决算数?)?(?:(?:大于|小于|高于|低于|多于|少于)(?:上年度?|年初|全年)?(?:决算|预算)?数?|(?:增加|减少|增长|下降|上升|降低|变动|变化|降幅|增幅|减幅)(?:较大|较多|明显)?|持平)?的?$")]
    private static partial Regex ChangeBeforeReason();

    /// <summary>“车辆共有2辆” in the assets section: vehicles held, for the 运行维护费 check.</summary>
    private static void ReadVehicles(string text, Paragraph p, Disclosure doc)
    {
        var m = Vehicles().Match(text.Replace(" ", ""));
        if (m.Success && !doc.HasFigure(FigureKeys.车辆数))
            doc.Figures.Add(new NarrativeFigure
            {
                Key = FigureKeys.车辆数, Value = decimal.Parse(m.Groups[1].Value), Sentence = m.Value,
                Provenance = new Provenance(p.Page, p.Line, Column: FigureKeys.车辆数),
            });
    }

    private static void ReadChange(string rest, NarrativeFigure figure)
    {
        var c = Change().Match(rest);
        // “820.00万元，比年初预算增加120.00万元”, “和年初预算持平”: set against the budget, not the year before.
        var compared = c.Success ? rest[..c.Index] : rest;
        if (BudgetComparison().IsMatch(compared) && !PriorYear().IsMatch(compared)) return;
        if (c.Success)
        {
            figure.Change = Signed(c.Groups["dir"].Value, ParseNumber(c.Groups["num"].Value) * ChineseText.ToWanFactor(c.Groups["unit"].Value));
            ReadChangeRate(rest[(c.Index + c.Length)..], figure);
        }
        // “同比无变化”, “较上年无变化” (Guangxi, Anhui): 持平 in other words.
        else if (rest.Contains("持平") || rest.Contains("无增减") || rest.Contains("无变化") || rest.Contains("没有变化")) figure.Change = 0m;
        var prev = PreviousValue().Match(rest);
        if (prev.Success) figure.PreviousValue = ParseNumber(prev.Groups["num"].Value) * ChineseText.ToWanFactor(prev.Groups["unit"].Value);
    }

    /// <summary>“减少56.95万元，下降1.87%”: the rate right after the change, before the next figure.</summary>
    private static void ReadChangeRate(string after, NarrativeFigure figure)
    {
        var r = ChangeRate().Match(after);
        if (r.Success && r.Index <= 4) figure.ChangeRate = ParseNumber(r.Groups["num"].Value);
    }

    /// <summary>“其中办公费45.35万元，邮电费3.68万元 …”: the parts of 机关运行经费.</summary>
    private static void ReadComponents(string rest, NarrativeFigure figure, Paragraph p)
    {
        var at = rest.IndexOf("其中", StringComparison.Ordinal);
        if (at < 0) return;
        foreach (Match m in Component().Matches(rest[at..]))
        {
            var name = m.Groups["name"].Value.Trim('，', '、', '：', ' ');
            if (name.StartsWith("其中")) name = name[2..].TrimStart('：');
            if (name.Length == 0) continue;
            figure.Components.Add(new NarrativeFigure
            {
                Key = name, Value = ParseNumber(m.Groups["num"].Value), Sentence = m.Value,
                Provenance = new Provenance(p.Page, p.Line, Column: name),
            });
        }
    }

    private static string KeyOf(Match m)
    {
        for (var i = 0; i < FigurePatterns.Length; i++)
            if (m.Groups["k" + i].Success) return FigurePatterns[i].Key;
        return "";
    }

    private static decimal Signed(string direction, decimal value) =>
        direction.Contains("减") || direction.Contains("下降") || direction.Contains("压减") ? -value : value;

    internal static decimal ParseNumber(string s) =>
        decimal.Parse(s.Replace(" ", "").Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    // OCR reads the stroke of 一 as a dash: “-、2025年“三公”经费预算情况说明” is the first heading.
    /// <summary>What OCR leaves of a heading's number: one to three Latin letters, or stray punctuation.</summary>
    [GeneratedRegex(@"^(?:[A-Za-z]{1,3}\s*|[、，,.．:：;；|_]{1,2}\s*)(?=[\d“""\p{IsCJKUnifiedIdeographs}])")]
    private static partial Regex LostHeadingNumber();

    // The bracket around a sub-heading's number may be 【】 or 〔〕, or OCR's reading of （ (“【三）一般公共预算…”).
    [GeneratedRegex(@"^(?:(?:[一二三四五六七八九十]+|[-－—–])、|[（【〔［][一二三四五六七八九十]+[）】〕］]|第[一二三四五六七八九十]+部分|\d+[、.．](?!\s?\d))")]
    private static partial Regex HeadingNumber();

    [GeneratedRegex(@"(?:车辆|公务用车|机动车)(?:共有|共计|共|总数为|总计)?(\d+)(?:辆|台)")]
    private static partial Regex Vehicles();

    // The national template words it “支出预算为20.00万元，支出决算为15.00万元”: a budget figure followed by the 决算.
    [GeneratedRegex(@"(?:年初|全年|调整后的?)?预算数?(?:为|是)?$")]
    private static partial Regex BudgetGap();

    [GeneratedRegex(@"^\s*[，,、]\s*(?:支出)?决算数?(?:为|是)?\s*(?<num>\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?)\s*(?<unit>亿元|万元|元)")]
    private static partial Regex FinalAfterBudget();

    [GeneratedRegex(@"[^。；;\n]+")]
    private static partial Regex SentenceText();

    [GeneratedRegex(@"^[，,、]?\s*(?:同比|比上年|较上年)?(?:增长|下降|增加|减少|上升|降低|压减)(?<num>\d+(?:\.\d+)?)\s*[%％]")]
    private static partial Regex ChangeRate();

    [GeneratedRegex(@"增加|减少|增长|下降|压减|持平")]
    private static partial Regex ChangeWord();


    [GeneratedRegex(@"20\d\d")]
    private static partial Regex YearInGap();

    /// <summary>A comparison with a budget (比年初预算, 较预算数, 和全年预算).</summary>
    [GeneratedRegex(@"(?:比|较|与|和|同)(?:年初|全年|调整(?:后的?)?)?预算数?")]
    private static partial Regex BudgetComparison();

    /// <summary>A comparison that names the year before (上年预算, 2023年预算) is still year on year.</summary>
    [GeneratedRegex(@"上年|上一年|去年|20\d\d")]
    private static partial Regex PriorYear();

    [GeneratedRegex(@"(?<dir>增加|减少|增长|下降|压减)(?<num>\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?)\s*(?<unit>亿元|万元|元(?![/／每]))")]
    private static partial Regex Change();

    [GeneratedRegex(@"(?:上年度?|上一年度?)(?:预算数?|决算数?)?(?:为|是)?(?<num>\d+(?:\.\d+)?)\s*(?<unit>亿元|万元|元(?![/／每]))")]
    private static partial Regex PreviousValue();

    [GeneratedRegex(@"(?<name>[\u4E00-\u9FFF、（）]{2,20}?)(?:为|是)?(?<num>\d+(?:\.\d+)?)\s*万元")]
    private static partial Regex Component();
}
