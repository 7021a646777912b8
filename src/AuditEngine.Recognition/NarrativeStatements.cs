using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads every sentence of the narrative that states figures into <see cref="NarrativeStatement"/>s, by the words
/// each figure follows rather than by a list of known keys:
/// <list type="bullet">
/// <item>an amount after a direction word (增加/减少/增长/下降/压减…) is a change; after 上年/2023年度…(为) a compared
/// figure; otherwise the amount of a new statement whose subject is the clause before it;</item>
/// <item>a percentage after 占 is a share (占本年支出合计的 names its whole); after a direction word the change's
/// percentage; after 完成…预算的 a completion rate; any other percentage is left alone;</item>
/// <item>amounts after 其中 / 包括 / 主要用于以下方面 / 分别为 are parts of the statement before; a list opened with a
/// colon runs on over “；”, one without ends there, and every list ends with its sentence;</item>
/// <item>a change whose clause names a subject (收入支出总计减少56.95万元) belongs to the latest statement of that
/// subject, in this sentence or an earlier one; 持平 likewise;</item>
/// <item>the reason is the clause after a reason word in the statement's own sentence, else the next sentence when
/// that is a reason sentence.</item>
/// </list>
/// </summary>
internal static partial class NarrativeStatements
{
    private const string Num = @"\d{1,3}(?:,\s?\d{3})+(?:\.\s?\d+)?|\d+(?:\.\s?\d+)?";

    private sealed class SentenceState
    {
        public NarrativeStatement? Current;
        public NarrativeStatement? ListParent;
        public bool ListByColon;
        public NarrativeStatement? LastMain;
        /// <summary>
        /// The clause set the current figure against its budget (“完成全年预算84.82万元的73.2%”, “相比年初预算数的1.5亿元”):
        /// a change or rate that follows without naming another year is the gap to the budget, not the change on last year.
        /// </summary>
        public bool AgainstBudget;
        /// <summary>The budget that clause named (全年预算, 年初预算数, 预算), for the comparison of a change read after it.</summary>
        public string BudgetName = "";
        /// <summary>
        /// Inside a parenthesis opened after a figure: “公务用车购置及运行费500.00万元（公务用车购置费100.00万元…；公务用车
        /// 运行维护费400.00万元…）”. Its figures detail that figure; they are no siblings of it in the list it belongs to.
        /// </summary>
        public bool InParenthesis;
        /// <summary>
        /// The figure a parenthesis still open follows (“公务用车购置及运行维护费2712万元（其中：购置费0万元，运行维护费2712万元）”):
        /// what comes after the parenthesis closes (“，比预算数减少107万元”) is that figure's again, not its last part's.
        /// </summary>
        public NarrativeStatement? ParenthesisOwner;
        /// <summary>
        /// Inside a list opened by a colon after a part of a colon list, up to the next “；”: “其中：财力安排支出68.4亿元，
        /// …，主要支出事项：一般公共服务支出7.1亿元、教育支出7.5亿元…等；上级专项…安排支出13.2亿元” (辽宁). Its figures
        /// detail that part, as a parenthesis would; the list of the whole goes on after the “；”.
        /// </summary>
        public bool InNestedList;
        /// <summary>The last amount read was a change (“较上年减少1.5万元”): a bare “（42.86%）” after it is its rate.</summary>
        public bool LastWasChange;
        /// <summary>The year this sentence speaks of (“2022年度…预算…”), else the document's; null when neither is known.</summary>
        public int? Year;
        /// <summary>The year each statement's own sentence spoke of, where it named one.</summary>
        public required Dictionary<NarrativeStatement, int> Years;
    }

    public static void Read(RunningText body, SectionKind section, Disclosure doc)
    {
        var text = body.Text;
        var sentences = Sentence().Matches(text);
        var recent = new List<NarrativeStatement>();
        NarrativeStatement? lastOfPrevious = null;
        var consumedReason = -1;
        var years = new Dictionary<NarrativeStatement, int>(ReferenceEqualityComparer.Instance);
        // “基本支出920000.00元，其中：人员经费800000.00元，主要包括…。公用经费70000.00元，…”: a list opened with a colon
        // goes on in the next sentence when that opens with the next part of a known split of the whole.
        NarrativeStatement? carriedList = null;
        int? spokenYear = null;
        // “基本支出较上年增59.11万元。主要变动原因如下：1.工资福利支出较上年增…。2.…”: the numbered items' changes are
        // listed under that change (NarrativeStatement.ListedChanges) while the numbers run on from 1.
        NarrativeStatement? changeList = null, lastChanged = null;
        var nextItem = 0;
        for (var si = 0; si < sentences.Count; si++)
        {
            var s = sentences[si];
            var sentence = s.Value;
            var ownYear = OwnYear(sentence);
            // Without the document's year (an excerpt without its cover), a sentence naming no year goes on speaking of
            // the year the last sentence that named one spoke of: “2022年度…预算较2021年度增加1.68万元…。公务用车运行
            // 费用较上年同期增加2.27万元” compares 2022's figure, not 2021's 7.73万元 read before.
            var state = new SentenceState { Years = years, Year = ownYear ?? doc.Year ?? spokenYear };
            spokenYear = ownYear ?? spokenYear;
            var mentions = Mention().Matches(sentence);
            var made = new List<NarrativeStatement>();
            // Where each statement's figures end in this sentence, and where new statements start: its reason lies between.
            var touched = new List<(NarrativeStatement Statement, int End)>();
            var starts = new List<int>();
            // “…基本支出5377.64万元。其中：人员经费…”: a sentence opening with 其中 lists the parts of the statement before.
            if (lastOfPrevious?.Amount is not null && ListIntroStart().Match(sentence) is { Success: true } intro)
            {
                state.ListParent = lastOfPrevious;
                state.ListByColon = intro.Value.EndsWith('：') || intro.Value.EndsWith(':');
            }
            // “财政拨款支出预算中，一般公共预算…；政府性基金…”: a sentence opening with a recent figure's subject and 中
            // lists that figure's parts, over “；” as after a colon.
            else if (WholeIntroStart().Match(sentence) is { Success: true } whole
                     && FindRecent(recent, whole.Groups["subject"].Value, x => x.HasAmount) is { } named)
            {
                state.ListParent = named;
                state.ListByColon = true;
            }
            if (carriedList is not null && state.ListParent is null && PartStart().Match(sentence) is { Success: true } opening
                && NarrativeSubjects.KeyOf(opening.Groups["subject"].Value) is var partKey
                && NarrativeSubjects.IsSplitPart(carriedList.Subject, partKey) && carriedList.Parts.All(p => p.SubjectKey != partKey))
            {
                state.ListParent = carriedList;
                state.ListByColon = true;
            }
            var prevEnd = 0;
            foreach (Match m in mentions)
            {
                var lead = sentence[prevEnd..m.Index];
                prevEnd = m.Index + m.Length;
                var provenance = body.ProvenanceAt(s.Index + m.Index);
                var count = made.Count;
                var previous = state.Current;
                if (m.Groups["pct"].Success) ReadPercent(m, lead, state, recent);
                else ReadAmount(m, lead, sentence, state, recent, made, provenance, section, doc);
                if (body.IsScannedAt(s.Index + m.Index) && state.Current is { } read)
                {
                    if (made.Count > count || !ReferenceEquals(previous, read))
                    {
                        if (GarbledLead(sentence.AsSpan(0, m.Index))) Hedge(read);
                        // The figure itself was read; what is in doubt is the list it joined: a sum over the parts, not
                        // a share of the whole.
                        else if (UnitLost().IsMatch(lead)) Hedge(read, whole: false);
                        // A part ten times its whole on a scan is a decimal point OCR dropped (“住房保障支出4611058万元”
                        // for 461.10 of 9746.50), not a part the document overstates.
                        else if (read.Whole is { Stated: { } whole } && read.Stated is { } part && whole.Value > 0 && part.Value > 10 * whole.Value)
                            Hedge(read, whole: false);
                    }
                    // “占20.519%”: disclosures print shares to two decimals; a third on a scan is OCR's.
                    if (m.Groups["pct"].Success && ChineseText.Decimals(m.Groups["num"].Value.Replace(" ", "")) >= 3) Hedge(read);
                }
                if (made.Count > count) starts.Add(m.Index);
                if (state.Current is { } current)
                {
                    touched.RemoveAll(t => ReferenceEquals(t.Statement, current));
                    touched.Add((current, prevEnd));
                }
            }
            // 持平 without an amount: “财政拨款收入支出总计持平”, “因公出国（境）费支出与上一年度持平”.
            foreach (Match f in Flat().Matches(sentence))
            {
                var clause = LastClause(sentence[..f.Index]);
                var subject = Subject(ComparisonPhrase().Replace(clause, ""), doc);
                var target = subject.Length > 0 ? FindRecent(recent, subject, x => !x.HasChange || IsBudgetGap(x))
                    : touched.Where(t => t.End <= f.Index).OrderBy(t => t.End).Select(t => t.Statement).LastOrDefault();
                if (target is null || target.HasChange && !IsBudgetGap(target)) continue;
                ClearBudgetGap(target);
                target.Direction = ChangeDirection.Flat;
                ReadComparison(sentence[..f.Index], target, doc);
                touched.RemoveAll(t => ReferenceEquals(t.Statement, target));
                touched.Add((target, f.Index + f.Length));
            }
            touched.Sort((a, b) => a.End.CompareTo(b.End));
            // Reasons: after the statement's figures up to the next statement, else in the next sentence when it gives one.
            for (var k = 0; k < touched.Count; k++)
            {
                var (st, from) = touched[k];
                if (st.HasReason) continue;
                var to = starts.Where(x => x >= from).DefaultIfEmpty(sentence.Length).Min();
                var region = sentence[from..to];
                if (NarrativeReasons.Find(region) is { } own) SetReason(st, region, own);
                else if (k == touched.Count - 1 && si + 1 < sentences.Count && !EndsItem(text, s)
                         && NarrativeReasons.FindCause(sentences[si + 1].Value) is { } next
                         && !Mention().IsMatch(sentences[si + 1].Value[..next.Index])
                         && NarrativeSubjects.ReasonSubjectFits(sentences[si + 1].Value[..next.Index], st.SubjectKey))
                {
                    // “公务接待费0.46万元。与上年持平，主要原因是…”: the 持平 of that next sentence is this figure's.
                    if (st.Direction == ChangeDirection.None && Flat().IsMatch(sentences[si + 1].Value[..next.Index])) st.Direction = ChangeDirection.Flat;
                    SetReason(st, sentences[si + 1].Value, next);
                    consumedReason = si + 1;
                }
            }
            if (made.Count == 1 && !made[0].HasReason && NarrativeReasons.Find(sentence[..starts[0]]) is { } before)
            {
                // “主要原因：真如海心剧院精装修工程2000.00万元预算从一般公共预算调整至政府性基金预算”: the figure sits inside
                // the reason, which goes on after it; cut at the figure it would only name the figure's own subject.
                var end = touched.FirstOrDefault(t => ReferenceEquals(t.Statement, made[0])).End;
                var goesOn = end > starts[0]
                             && NarrativeSubjects.IsTautological(NarrativeReasons.ClauseAfter(sentence[..starts[0]], before), made[0].Subject)
                             && NarrativeSubjects.Residue(sentence[end..], made[0].Subject).Length > 1;
                SetReason(made[0], goesOn ? sentence : sentence[..starts[0]], before);
            }
            if (touched.Count == 0 && si != consumedReason && NarrativeReasons.FindCause(sentence) is { } cause)
            {
                // A reason sentence of its own (“2024年度“三公”经费支出决算数小于预算数的主要原因：当年度无“三公”经费支出”).
                var statement = new NarrativeStatement
                {
                    Text = Quote(sentence), Provenance = body.ProvenanceAt(s.Index + cause.Index), Section = section,
                    Subject = Subject(LastClause(sentence[..cause.Index]).TrimEnd('的'), doc),
                };
                // “与2025年预算持平，主要原因是…”: the reason of a 持平 stated in this very sentence.
                // Not a 持平 the sentence set against something else before a change it then explains (梧州: “…比预算无增减变化，
                // 比去年增加1.05万元，增长35.8%，增加原因主要是…”): nothing but the 持平 may stand between it and the reason.
                if (Flat().Matches(sentence[..cause.Index]).LastOrDefault() is { } flat
                    && !ChangeWords().IsMatch(sentence[(flat.Index + flat.Length)..cause.Index])) statement.Direction = ChangeDirection.Flat;
                SetReason(statement, sentence, cause);
                if (statement.ReasonDirection != ChangeDirection.None)
                    statement.Explains = Explained(doc, LeadSubject(LastClause(sentence[..cause.Index])));
                if (statement.Reason.Length > 0) doc.Statements.Add(statement);
            }
            var itemNumber = ItemNumber().Match(sentence) is { Success: true } num ? int.Parse(num.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
            if (changeList is not null)
            {
                var listed = itemNumber == nextItem
                    ? made.FirstOrDefault(x => x.Direction != ChangeDirection.None && !ReferenceEquals(x, changeList)) : null;
                if (listed is not null) { changeList.ListedChanges.Add(listed); nextItem++; }
                // Another number, or a figure outside the numbered items, ends the list; a reason sentence goes on with it.
                else if (itemNumber is not null || mentions.Count > 0) changeList = null;
            }
            var changedHere = touched.Select(t => t.Statement).LastOrDefault(x => x.Direction is ChangeDirection.Increase or ChangeDirection.Decrease);
            if (ListFollows().IsMatch(sentence) && (changedHere ?? (mentions.Count == 0 ? lastChanged : null)) is { } listWhole && itemNumber is null)
            {
                changeList = listWhole;
                nextItem = 1;
            }
            lastChanged = changedHere;
            carriedList = state.ListParent is { Parts.Count: > 0 } open && state.ListByColon ? open
                // “…基本支出920000.00元，其中：” ending its line: the list is in the lines after.
                : ListIntroEnd().IsMatch(sentence) && state.LastMain is { HasAmount: true } last ? last
                // “…三公经费预算20万元。其中：” and the numbered items on the lines after (“1.因公出国（境）费0万元；”): the
                // 其中 alone opened the list of the figure before it.
                : ListIntroEnd().IsMatch(sentence) && mentions.Count == 0 && state.ListParent is { HasAmount: true } opened && state.ListByColon ? opened
                : null;
            if (made.Count > 0) lastOfPrevious = state.LastMain ?? made[^1];
            // “…上年结转结余资金安排0元。按政府采购项目类型，分为货物类、工程类和服务类三种类型。其中：货物类…”: a
            // sentence of its own between a figure and 其中 is what the list details, unless it only explains the figure.
            else if (mentions.Count == 0 && NarrativeReasons.FindCause(sentence) is null && !PurposeStart().IsMatch(sentence)) lastOfPrevious = null;
            if (EndsItem(text, s)) lastOfPrevious = null;
        }
    }

    /// <summary>After the whole narrative is read: each share's whole (the figure it names, else the statement it is listed under) and each statement's figure key.</summary>
    public static void Resolve(Disclosure doc)
    {
        for (var i = 0; i < doc.Statements.Count; i++)
        {
            var st = doc.Statements[i];
            // “2.公务接待费支出” is the 公务接待费 of a numbered list.
            st.FigureKey = NarrativeReader.KeyOfSubject(NarrativeSubjects.WithoutNumber(st.SubjectKey));
            if (st.ShareStated is null) continue;
            if (st.ShareOf.Length > 0)
            {
                var key = NarrativeSubjects.KeyOf(st.ShareOf);
                // The nearest statement of that subject before it, else after it.
                st.ShareWhole = doc.Statements.Take(i).LastOrDefault(o => o.HasAmount && o.SubjectKey == key && o.Whole is null)
                                ?? doc.Statements.Skip(i + 1).FirstOrDefault(o => o.HasAmount && o.SubjectKey == key && o.Whole is null);
            }
            else if (st.Whole?.HasAmount == true) st.ShareWhole = st.Whole;
        }
        FindShareSiblings(doc);
        FindUnitSlips(doc);
        FindItemGaps(doc);
    }

    /// <summary>
    /// A 三公 total's gap to its budget and each item's gap to the same budget stated apart from it, each item under its
    /// own heading (宜宾: “…“三公”经费支出总额为3825万元，比预算数减少1188万元…。一、因公出国（境）经费 2017年因公出国（境）
    /// 费99万元，比预算数减少31万元…”): the three items make the total, so their gaps must add up to its gap
    /// (<see cref="NarrativeStatement.ItemGaps"/>). Only where each item states one gap against the budget the total
    /// names (年初, 全年, or 预算 alone), and not where the items are listed under the total (NA-PART-CHANGES checks those).
    /// </summary>
    private static void FindItemGaps(Disclosure doc)
    {
        foreach (var total in doc.Statements)
        {
            if (!IsSanGongTotal(total) || BudgetBasis(total) is not { } basis || total.Parts.Count > 0) continue;
            var items = new List<NarrativeStatement>();
            foreach (var key in (string[])[FigureKeys.因公出国费, FigureKeys.公务接待费, FigureKeys.公务用车费])
            {
                var gaps = doc.Statements.Where(s => !ReferenceEquals(s, total) && s.FigureKey == key && BudgetBasis(s) == basis).ToList();
                // One fact told twice is one gap; two different gaps of an item (two years, two bodies) leave the sum open.
                if (gaps.Count == 0 || gaps.Select(s => s.SignedChange).Distinct().Count() != 1) break;
                items.Add(gaps[0]);
            }
            if (items.Count == 3) total.ItemGaps.AddRange(items);
        }
    }

    /// <summary>
    /// A statement of the “三公”经费 total, however its subject is worded around the name: “…使用财政拨款安排“三公”经费支出
    /// 总额”, ““三公”经费财政拨款支出决算”, “三公经费预算合计”.
    /// </summary>
    private static bool IsSanGongTotal(NarrativeStatement s)
    {
        if (s.FigureKey == FigureKeys.三公经费) return true;
        var key = s.SubjectKey;
        var at = key.IndexOf("三公经费", StringComparison.Ordinal);
        if (at < 0) return false;
        var rest = key[(at + 4)..];
        for (var changed = true; changed && rest.Length > 0;)
        {
            changed = false;
            foreach (var w in (string[])["财政拨款", "支出", "决算", "预算", "总额", "合计", "总计", "数", "为"])
                if (rest.StartsWith(w, StringComparison.Ordinal)) { rest = rest[w.Length..]; changed = true; }
        }
        return rest.Length == 0;
    }

    /// <summary>Which budget a statement's stated change is the gap to (年初, 全年, or "" for 预算 alone); null when it is no gap to a budget.</summary>
    private static string? BudgetBasis(NarrativeStatement s) =>
        s.ChangeStated is null || !IsBudgetGap(s) || s.Direction is not (ChangeDirection.Increase or ChangeDirection.Decrease) ? null
        : s.Comparison.Contains("年初") ? "年初" : s.Comparison.Contains("全年") || s.Comparison.Contains("调整") ? "全年" : "";

    /// <summary>
    /// A figure printed in 元 whose digits another statement of the same subject prints in 万元 (“公务接待费2.45元” and
    /// “公务接待费为2.45万元”): the same figure with its unit slipped.
    /// </summary>
    private static void FindUnitSlips(Disclosure doc)
    {
        static string Digits(StatedAmount a) => a.Text.Replace(",", "").Replace(" ", "").TrimEnd('元', '万', '亿');
        foreach (var st in doc.Statements)
        {
            if (st.Stated is not { } a || !st.PrintedInYuan || a.Value == 0m) continue;
            st.UnitSlipOf = doc.Statements.FirstOrDefault(o => o.Stated is { } b && b.Text.EndsWith("万元") && Digits(b) == Digits(a)
                && (o.FigureKey.Length > 0 && o.FigureKey == st.FigureKey || o.SubjectKey.Length > 1 && o.SubjectKey == st.SubjectKey));
        }
    }

    /// <summary>
    /// Shares whose whole is not found (“其中：公务接待费0.53万元，占69%；公务用车…1.18万元，占31%”, or two figures
    /// “占一般公共预算支出的” a total never stated) are still shares of one total: those of one sentence naming no whole,
    /// or of one section naming the same one. Two that imply different totals, or add up to more than 100%, contradict
    /// each other; the first such pair of each group is marked.
    /// </summary>
    private static void FindShareSiblings(Disclosure doc)
    {
        var groups = doc.Statements
            .Where(s => s.ShareWhole is null && s.Whole is null && s.ImpliedWholeRange is not null)
            .GroupBy(s => s.ShareOf.Length > 0 ? $"{s.Section}|{NarrativeSubjects.KeyOf(s.ShareOf)}" : "|" + s.Text);
        foreach (var group in groups)
        {
            decimal lo = 0m, hi = decimal.MaxValue, sharesLow = 0m;
            NarrativeStatement? previous = null;
            foreach (var s in group)
            {
                var (l, h) = s.ImpliedWholeRange!.Value;
                lo = Math.Max(lo, l);
                hi = Math.Min(hi, h);
                var share = s.ShareStated!;
                // “从征收部门来看…占48.51%…占51.49%；从收入分类来看…占38.96%…占61.04%”: a breakdown that already made up the
                // whole is followed by another of the same total; the shares add up anew (the total must still agree).
                if (sharesLow >= 99.9m) sharesLow = 0m;
                sharesLow += share.Value - share.Step;
                if (previous is not null && (lo > hi || sharesLow > 100m))
                {
                    s.ShareSibling = previous;
                    s.ShareSiblingTotalsAgree = lo <= hi;
                    break;
                }
                previous = s;
            }
        }
    }

    private static void ReadAmount(Match m, string lead, string sentence, SentenceState state, List<NarrativeStatement> recent,
                                   List<NarrativeStatement> made, Provenance provenance, SectionKind section, Disclosure doc)
    {
        CloseParenthesis(lead, state);
        var amount = AmountReader.ReadNarrative(m.Groups["num"].Value, m.Groups["unit"].Value);
        state.LastWasChange = false;
        if (amount is null) return;
        var clause = LastClause(lead);
        var before = sentence[..m.Index];

        if (BudgetDifferenceLead().Match(clause) is { Success: true } diff && state.Current is { HasAmount: true, BudgetDifferenceStated: null } actual)
        {
            actual.BudgetDifferenceStated = amount;
            actual.BudgetDifferenceDirection = BudgetSide(diff.Groups["cmp"].Value);
            return;
        }

        // “62.07万元，完成全年预算84.82万元的73.2%”, “1.2亿元，相比年初预算数的1.5亿元减少0.3亿元”: the budget the current
        // figure is measured against, neither a figure of its own nor the base of a change on last year.
        if (BudgetReference().IsMatch(clause) && state.Current is { HasAmount: true } or { HasPrevious: true })
        {
            state.AgainstBudget = true;
            state.BudgetName = BudgetWords().Match(clause).Value;
            return;
        }

        var change = ChangeLead().Match(clause);
        if (change.Success)
        {
            if (AgainstBudget(clause[..change.Index], state))
            {
                ReadBudgetGap(clause[..change.Index], change, amount, state, recent, doc);
                return;
            }
            var subject = Subject(ComparisonPhrase().Replace(clause[..change.Index], ""), doc);
            // “2015年预算12.5万元；对比减少4.35万元” (广东): a bare comparison word names no subject; the change is the current one's.
            if (BareComparison().IsMatch(subject)) subject = "";
            // “2021年度…公务接待12.39万元。2022年度…预算较2021年度增加1.68万元，其中公务接待较上年同期减少0.58万元”: a
            // figure of an earlier year than this sentence's is the base of the change, not the figure that changed.
            var target = subject.Length > 0 && (state.Current is null || NarrativeSubjects.KeyOf(subject) != state.Current.SubjectKey)
                ? FindRecent(recent, subject, s => (s.ChangeStated is null && s.Direction == ChangeDirection.None || IsBudgetGap(s)) && !OfEarlierYear(s, state))
                // “…总预算4,471.22万元,含…250万元,…537.31万元;比2012年预算增加755.18万元”: a list without a colon ends at
                // “；”, so a change after it that names no subject is the whole's, not its last part's.
                : subject.Length == 0 && LastSeparator(lead) is '；' or ';' && !state.ListByColon
                  && state.ListParent is { ChangeStated: null, Direction: ChangeDirection.None } listWhole
                  && ReferenceEquals(state.Current?.Whole, listWhole) ? listWhole
                : state.Current is { ChangeStated: null } c && c.Direction == ChangeDirection.None || state.Current is { } g && IsBudgetGap(g) ? state.Current : null;
            // The change on last year is the one the rules check: it takes the place of a gap to the budget read before.
            if (target is not null) ClearBudgetGap(target);
            if (target is null)
            {
                if (subject.Length == 0) return;
                target = New(sentence, provenance, section, subject);
                Add(target, state, recent, made, doc);
            }
            target.ChangeStated = amount;
            target.Direction = Direction(change.Groups["dir"].Value);
            ReadComparison(before, target, doc);
            state.Current = target;
            state.LastWasChange = true;
            return;
        }

        if (PreviousLead().Match(clause) is { Success: true } prev && IsEarlierYear(prev.Groups["y"].Value, doc, before))
        {
            var target = state.Current is { PreviousStated: null } c ? c : null;
            if (target is null)
            {
                var subject = Subject(clause[(prev.Index + prev.Length)..], doc);
                target = New(sentence, provenance, section, subject);
                Add(target, state, recent, made, doc);
            }
            target.PreviousStated = amount;
            ReadComparison(before, target, doc);
            state.Current = target;
            return;
        }

        // “因公出国（境）费186.42万元比23.45万元增加162.97万元”: a figure led by a comparison word alone is the one the
        // current figure is compared with, not a figure of its own (nor a part of a list).
        if (ComparedFigureLead().IsMatch(clause) && state.Current is { HasAmount: true, PreviousStated: null } compared)
        {
            compared.PreviousStated = GluedYear(m.Groups["num"].Value, m.Groups["unit"].Value, compared, out var year) ?? amount;
            if (year is not null) compared.ComparedYear = year;
            state.Current = compared;
            return;
        }

        // A new figure. Does it open or continue a list, or end one?
        state.AgainstBudget = false;
        var opened = lead.LastIndexOfAny(['（', '(']);
        var closed = lead.LastIndexOfAny(['）', ')']);
        // “（其中：…）” opens a list of the figure's parts, read as any 其中 list is.
        if (opened > closed && state.Current is { HasAmount: true }) state.InParenthesis = !ListIntroLead().IsMatch(lead[opened..]);
        else if (closed > opened) state.InParenthesis = false;
        var separatorBefore = LastSeparator(lead);
        var semicolon = lead.LastIndexOfAny(['；', ';']);
        if (state.InNestedList && semicolon >= 0) state.InNestedList = state.InParenthesis = false;
        // Only a colon after the last “；”: “公务接待费12.50万元,其中:国内公务接待60批次;公务用车…25.00万元” is the list going on.
        // A 其中：/包括： opens a list of the part's own parts, read as such below.
        var clauseLead = lead[(semicolon + 1)..];
        if (state.ListParent is { } listed && state.ListByColon && !state.InParenthesis && state.Current?.Whole == listed
            && (clauseLead.Contains('：') || clauseLead.Contains(':')) && !ListIntroLead().IsMatch(clauseLead))
            state.InNestedList = state.InParenthesis = true;
        var leadIntro = ListIntroLead().Match(lead);
        if (state.ListParent is not null && separatorBefore is '；' or ';' && !state.ListByColon) state.ListParent = null;
        if (leadIntro.Success && state.LastMain is { HasAmount: true } parentCandidate && !ReferenceEquals(parentCandidate, state.ListParent))
        {
            state.ListParent = parentCandidate;
            state.ListByColon = leadIntro.Value.Contains('：') || leadIntro.Value.Contains(':');
        }
        if (state.ListParent is { Stated: { } whole } parent)
        {
            // A sibling after a finished list (“其中：人员经费…，公用经费…；项目支出…”): the parts already make the whole.
            var sum = parent.PartsSum;
            if (parent.Parts.Count > 0 && Math.Abs(sum - whole.Value) <= parent.PartsTolerance && sum + amount.Value - amount.Rounding > whole.Value + parent.PartsTolerance)
                state.ListParent = null;
        }
        var subjectText = Subject(ListIntroLead().Replace(clause, ""), doc);
        // “上年预算数为X万元，本年预算数为Y万元”: the year's figure of the statement the compared one opened.
        if (state.Current is { Stated: null, PreviousStated: not null } open && (subjectText.Length == 0 || subjectText.StartsWith("本年") || subjectText.StartsWith("今年")))
        {
            open.Stated = amount;
            state.Current = open;
            return;
        }
        var statement = New(sentence, provenance, section, subjectText);
        statement.Stated = amount;
        var asPart = state.ListParent is not null && !state.InParenthesis;
        if (asPart)
        {
            statement.Whole = state.ListParent;
            state.ListParent!.Parts.Add(statement);
        }
        Add(statement, state, recent, made, doc);
        ReadComparison(before, statement, doc, ownClauseOnly: true);
    }

    /// <summary>
    /// “决算8.00万元，比全年预算减少1.00万元”, “较年初预算增加X”, “完成全年预算X的Y%，减少Z”: the gap between a figure and
    /// its budget, read as that figure's change compared with the budget the words name (so SG-NARRATIVE-CHANGE can set
    /// the budget it gives against the 三公 table's). Never a change on last year, never a statement of its own: the
    /// figure must be stated and have no change yet, and a subject named before the words must be a recent figure's.
    /// </summary>
    private static void ReadBudgetGap(string changeLead, Match change, StatedAmount amount, SentenceState state, List<NarrativeStatement> recent, Disclosure doc)
    {
        var named = BudgetComparison().Match(changeLead);
        var budget = named.Success ? BudgetWords().Match(named.Value).Value : state.BudgetName;
        if (budget.Length == 0) return;
        var subject = Subject(named.Success ? changeLead[..named.Index] : changeLead, doc);
        if (BareComparison().IsMatch(subject)) subject = "";
        static bool Open(NarrativeStatement s) => s.HasAmount && s.ChangeStated is null && s.Direction == ChangeDirection.None && s.Comparison.Length == 0;
        var target = subject.Length > 0 && (state.Current is null || NarrativeSubjects.KeyOf(subject) != state.Current.SubjectKey)
            ? FindRecent(recent, subject, s => Open(s) && !OfEarlierYear(s, state))
            : state.Current is { } c && Open(c) ? c : null;
        if (target is null) return;
        target.ChangeStated = amount;
        target.Direction = Direction(change.Groups["dir"].Value);
        target.Comparison = budget;
        state.Current = target;
        state.LastWasChange = true;
    }

    /// <summary>The statement's change is a gap to its budget (<see cref="ReadBudgetGap"/>): its comparison names a budget and no year.</summary>
    private static bool IsBudgetGap(NarrativeStatement s) =>
        s.ChangeStated is not null && s.ComparedYear is null && BudgetWordsOnlyName().IsMatch(s.Comparison);

    /// <summary>Takes a gap to the budget off its statement, for the change on last year the sentence goes on to state.</summary>
    private static void ClearBudgetGap(NarrativeStatement s)
    {
        if (!IsBudgetGap(s)) return;
        s.ChangeStated = null;
        s.ChangePercentStated = null;
        s.PercentDirection = ChangeDirection.None;
        s.Direction = ChangeDirection.None;
        s.Comparison = "";
    }

    /// <summary>
    /// A compared figure whose year lost its 年 and ran into it: “比201423.45万元” for 2014年的23.45万元 (内蒙古). Taken so
    /// only when the figure as printed is over a thousand times the one compared and the digits after the year are of
    /// its order; else the figure stands as printed.
    /// </summary>
    private static StatedAmount? GluedYear(string number, string unit, NarrativeStatement current, out int? year)
    {
        year = null;
        if (GluedYearDigits().Match(number.Replace(" ", "")) is not { Success: true } g || current.Stated is not { } now || now.Value <= 0m) return null;
        if (AmountReader.ReadNarrative(number, unit) is not { } printed || printed.Value < now.Value * 1000m) return null;
        if (AmountReader.ReadNarrative(g.Groups["rest"].Value, unit) is not { } rest || rest.Value * 100m < now.Value || rest.Value > now.Value * 100m) return null;
        year = int.Parse(g.Groups["y"].Value, CultureInfo.InvariantCulture);
        return rest;
    }

    [GeneratedRegex(@"^(?<y>(?:19|20)\d\d)(?<rest>[1-9]\d{0,5}(?:\.\d{1,2})?|0\.\d{1,2})$")]
    private static partial Regex GluedYearDigits();

    /// <summary>
    /// Keeps track of a parenthesis after a figure (<see cref="SentenceState.ParenthesisOwner"/>): opened in this lead, it
    /// follows the current figure; closed in it, the figure before it is current again and a list opened inside it ends.
    /// </summary>
    private static void CloseParenthesis(string lead, SentenceState state)
    {
        var opened = lead.LastIndexOfAny(['（', '(']);
        var closed = lead.LastIndexOfAny(['）', ')']);
        if (opened > closed)
        {
            if (state.ParenthesisOwner is null && state.Current is { HasAmount: true } owner) state.ParenthesisOwner = owner;
        }
        else if (closed >= 0 && state.ParenthesisOwner is { } o)
        {
            if (ReferenceEquals(state.ListParent, o)) state.ListParent = null;
            state.Current = o;
            state.ParenthesisOwner = null;
        }
    }

    private static void ReadPercent(Match m, string lead, SentenceState state, List<NarrativeStatement> recent)
    {
        CloseParenthesis(lead, state);
        var value = decimal.Parse(m.Groups["num"].Value.Replace(" ", "").Replace(",", ""), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var text = m.Groups["num"].Value.Replace(" ", "");
        var step = 1m;
        for (var i = 0; i < ChineseText.Decimals(text); i++) step /= 10m;
        var percent = new StatedPercent(value, step, text + "%");
        var clause = LastClause(lead);
        var target = state.Current;
        // “较上年减少1.5万元（42.86%）”: the rate of the change just read, in brackets.
        if (lead.Trim() is "（" or "(" && state.LastWasChange && target is { ChangeStated: not null, ChangePercentStated: null })
        {
            target.ChangePercentStated = percent;
            return;
        }
        if (Completion().IsMatch(clause))
        {
            if (target is not null) target.CompletionStated ??= percent;
            return;
        }
        if (ShareLead().Match(clause) is { Success: true } share)
        {
            if (target is null || target.ShareStated is not null || !target.HasAmount) return;
            target.ShareStated = percent;
            target.ShareOf = share.Groups["of"].Value.Trim().TrimEnd('的');
            return;
        }
        if (ChangeLead().Match(clause) is { Success: true } change)
        {
            var subject = clause[..change.Index];
            if (AgainstBudget(subject, state)) return;
            if (subject.Length > 1 && target?.ChangeStated is not null && NarrativeSubjects.KeyOf(subject) is var k && k != target.SubjectKey)
                target = FindRecent(recent, subject, _ => true) ?? target;
            if (target is null || target.ChangePercentStated is not null) return;
            target.ChangePercentStated = percent;
            var direction = Direction(change.Groups["dir"].Value);
            if (target.Direction == ChangeDirection.None) target.Direction = direction;
            // “减0.30万元，增2.34%”: the percentage's own clause, right after the amount, names the other direction.
            else if (target.ChangeStated is not null && subject.Trim().Length <= 1 && target.Direction is ChangeDirection.Increase or ChangeDirection.Decrease
                     && direction != target.Direction)
                target.PercentDirection = direction;
        }
    }

    /// <summary>Confidence of a statement one of whose figures looks garbled by OCR (<see cref="GarbledLead"/>).</summary>
    internal const double GarbledFigure = 0.5;

    /// <summary>
    /// On a scanned page, digits just before a figure, set off from it by a stray symbol, a space or one stray character
    /// rather than by words or punctuation, are OCR's debris of that figure (“经费21$ 2.26”, “支出294生5.00”,
    /// “合计9746| 8.00”):
    /// the figure read may not be the one printed.
    /// </summary>
    internal static bool GarbledLead(ReadOnlySpan<char> lead)
    {
        for (var gap = 1; gap <= 2; gap++)
        {
            if (lead.Length <= gap || !char.IsAsciiDigit(lead[^(gap + 1)])) continue;
            var between = lead[^gap..];
            if (between.IndexOfAny(LeadSeparators) >= 0) return false;
            foreach (var c in between)
                if (!ChineseText.IsCjk(c)) return true;
            // One character between digits, not a word that joins a count or a date to a figure (“2024年5.00万元”).
            return gap == 1 && JoiningCharacters.IndexOf(between[0]) < 0;
        }
        return false;
    }

    /// <summary>
    /// On a scanned page, a decimal amount between two figures whose unit OCR misread (“服务预算983. 05为元s”): that
    /// figure was not read, so a list it belonged to lacks a part, and its sentence may run into the next one. A share or
    /// a rate whose % was misread (“占2.07风”) lost no amount.
    /// </summary>
    [GeneratedRegex(@"(?<!(?:占|增长|下降|上升|降低|提高)\s?\d{0,4})\d\.\s?\d{1,4}(?!\s?[\d万元亿%％个倍])")]
    private static partial Regex UnitLost();

    private const string JoiningCharacters = "年月日号项个次人辆台套类款级元万亿第至和及或为是共计达";

    private static readonly System.Buffers.SearchValues<char> LeadSeparators = System.Buffers.SearchValues.Create("，,。；;：:、（）()“”\"%％.．-—~～至");

    /// <summary>Findings that rest on this statement (and, unless told otherwise, on the whole it is a part of) are
    /// hedged, as for a low-confidence cell.</summary>
    private static void Hedge(NarrativeStatement statement, bool whole = true)
    {
        for (var s = statement; s is not null; s = whole ? s.Whole : null)
            if (s.Provenance.Confidence > GarbledFigure) s.Provenance = s.Provenance with { Confidence = GarbledFigure };
    }

    private static NarrativeStatement New(string sentence, Provenance provenance, SectionKind section, string subject) =>
        new() { Text = Quote(sentence), Provenance = provenance, Section = section, Subject = subject };

    private static void Add(NarrativeStatement s, SentenceState state, List<NarrativeStatement> recent, List<NarrativeStatement> made, Disclosure doc)
    {
        if (state.Year is { } year) state.Years[s] = year;
        doc.Statements.Add(s);
        recent.Add(s);
        if (recent.Count > 40) recent.RemoveAt(0);
        made.Add(s);
        state.Current = s;
        if (s.HasAmount) state.LastMain = s;
    }

    private static NarrativeStatement? FindRecent(List<NarrativeStatement> recent, string subject, Func<NarrativeStatement, bool> ok)
    {
        var key = NarrativeSubjects.KeyOf(subject);
        if (key.Length == 0) return null;
        for (var i = recent.Count - 1; i >= 0 && i >= recent.Count - 12; i--)
            if (recent[i].SubjectKey == key && ok(recent[i])) return recent[i];
        // “收入支出总计” against “财政拨款收入支出总计”: only an exact key counts, but a subject that ends the other's may.
        for (var i = recent.Count - 1; i >= 0 && i >= recent.Count - 6; i--)
            if (recent[i].SubjectKey.Length > key.Length && recent[i].SubjectKey.EndsWith(key, StringComparison.Ordinal)
                && !recent[i].SubjectKey.EndsWith("财政拨款" + key, StringComparison.Ordinal) && ok(recent[i])) return recent[i];
        // “三公”经费 is 财政拨款 only: “财政拨款“三公”经费预算总额为8.00万元。“三公”经费预算数比2024年预算数减少…” is one figure.
        if (SangongTotal(key))
            for (var i = recent.Count - 1; i >= 0 && i >= recent.Count - 6; i--)
                if (SangongTotal(recent[i].SubjectKey) && recent[i].HasAmount && ok(recent[i])) return recent[i];
        return null;
    }

    /// <summary>A subject key naming the “三公”经费 total, however decorated (财政拨款…预算总额, 支出决算合计).</summary>
    private static bool SangongTotal(string key)
    {
        var k = key;
        foreach (var p in (string[])["一般公共预算财政拨款", "财政拨款", "一般公共预算"])
            if (k.StartsWith(p, StringComparison.Ordinal)) { k = k[p.Length..]; break; }
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var w in (string[])["总额", "合计", "总计", "支出", "预算", "决算", "数"])
                if (k.Length > w.Length && k.EndsWith(w, StringComparison.Ordinal)) { k = k[..^w.Length]; changed = true; }
        }
        return k == "三公经费";
    }

    private static void SetReason(NarrativeStatement s, string text, Match marker)
    {
        var clause = NarrativeReasons.ClauseAfter(text, marker);
        if (clause.Length == 0) return;
        s.Reason = clause;
        s.ReasonMarker = marker.Value.TrimEnd('：', ':');
        // “增加的主要原因是…”: the lead names the direction it explains. Only where the lead is that word alone, or
        // the statement's own subject before it — “其中A增加，主要原因是…” explains A, not the statement.
        var lead = LastClause(text[..marker.Index]);
        if (ReasonBudgetLead().Match(lead) is { Success: true } b)
            s.ReasonBudgetDirection = BudgetSide(b.Groups["cmp"].Value);
        if (LeadDirection().Match(lead) is not { Success: true } d) return;
        var subject = NarrativeSubjects.KeyOf(lead[..d.Index]);
        if (s.HasChange && subject.Length > 0 && !SubjectNames(subject).Contains(StripBudget(s.SubjectKey))) return;
        s.ReasonDirection = d.Groups["dir"].Value is "增加" or "增长" or "上升" or "提高" ? ChangeDirection.Increase : ChangeDirection.Decrease;
    }

    /// <summary>The subject a reason's lead names before its direction word (“财政拨款收入支出增加的” → 财政拨款收入支出).</summary>
    private static string LeadSubject(string lead) =>
        LeadDirection().Match(lead) is { Success: true } d ? NarrativeSubjects.KeyOf(lead[..d.Index]) : "";

    /// <summary>
    /// The latest of the recent statements stating a change of what the reason's lead names, when all of them that
    /// name it agree on the direction; null when none does or they disagree (收入 up, 支出 down).
    /// </summary>
    private static NarrativeStatement? Explained(Disclosure doc, string subject)
    {
        if (subject.Length == 0) return null;
        var names = SubjectNames(subject);
        var found = doc.Statements.TakeLast(12)
            .Where(s => s.Direction is ChangeDirection.Increase or ChangeDirection.Decrease && names.Contains(StripBudget(s.SubjectKey)))
            .ToList();
        // “收入支出” names two figures: both must have been stated, else the one not read may be the one meant.
        var stated = found.Select(s => StripBudget(s.SubjectKey)).ToHashSet();
        if (names.Count > 1 && !stated.Contains(StripBudget(subject)) && stated.Count < 2) return null;
        return found.Count > 0 && found.All(s => s.Direction == found[0].Direction) ? found[^1] : null;
    }

    /// <summary>What a subject names: itself, and for “…收入支出”/“…收支” its income and its spending.</summary>
    private static HashSet<string> SubjectNames(string subject)
    {
        var key = StripBudget(subject);
        var names = new HashSet<string> { key };
        foreach (var both in (string[])["收入支出", "收支"])
            if (key.EndsWith(both, StringComparison.Ordinal))
            {
                names.Add(key[..^both.Length] + "收入");
                names.Add(key[..^both.Length] + "支出");
            }
        return names;
    }

    private static string StripBudget(string key) =>
        key.EndsWith("预算", StringComparison.Ordinal) && key.Length > 4 ? key[..^2] : key;

    /// <summary>What the sentence compares with before this point: 比上年, 与2023年度相比, 比2024年预算执行数.</summary>
    /// <summary>
    /// Whether a change's own words (“减少”, “比年初预算减少”) compare with a budget rather than with last year: they name a
    /// budget, or follow a budget figure or a change on the budget (<see cref="SentenceState.AgainstBudget"/>) without
    /// naming a year of their own.
    /// </summary>
    private static bool AgainstBudget(string changeLead, SentenceState state)
    {
        if (ComparisonPhrase().IsMatch(changeLead)) return state.AgainstBudget = false;
        // “较年初预算数减少10.93万元,下降54.65%,较上年支出数减少0.71万元,下降7.83%” (重庆 镇): the rate after a gap to the
        // budget is that gap's, until a comparison with a year follows.
        return state.AgainstBudget = state.AgainstBudget || BudgetComparison().IsMatch(changeLead);
    }

    private static void ReadComparison(string before, NarrativeStatement s, Disclosure doc, bool ownClauseOnly = false)
    {
        if (s.Comparison.Length > 0) return;
        var scope = ownClauseOnly ? LastClause(before) : before;
        var m = ComparisonPhrase().Matches(scope).LastOrDefault();
        if (m is null) return;
        s.Comparison = m.Groups["what"].Value.Trim();
        if (YearIn().Match(s.Comparison) is { Success: true } y) s.ComparedYear = int.Parse(y.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Whether “较2024年的2190万元” names an earlier year: earlier than the document's, or, when the document's year is not
    /// known, than a year the sentence speaks of before it (“2025年全市…预算总额为1969万元，较2024年的…”).
    /// </summary>
    private static bool IsEarlierYear(string yearText, Disclosure doc, string before)
    {
        if (yearText.Length == 0) return true;
        var year = int.Parse(yearText, CultureInfo.InvariantCulture);
        if (doc.Year is { } y) return year < y;
        return OwnYears().Matches(before).Any(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) > year);
    }

    /// <summary>A statement read in a sentence about an earlier year than the current sentence's.</summary>
    private static bool OfEarlierYear(NarrativeStatement s, SentenceState state) =>
        state.Year is { } now && state.Years.TryGetValue(s, out var then) && then < now;

    /// <summary>The year a sentence opens with (“2021年度“三公”经费合计支出…”), not one it compares with.</summary>
    private static int? OwnYear(string sentence) =>
        LeadingYear().Match(sentence) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^[^，,；;：:比较与同]{0,20}?(20\d\d)\s*年")]
    private static partial Regex LeadingYear();

    /// <summary>Years a sentence speaks of as its own: not after 比/较/与/同, not a document's number 〔2022〕.</summary>
    [GeneratedRegex(@"(?<![比较与同〔\[（(\d])(20\d\d)\s*年")]
    private static partial Regex OwnYears();

    private static ChangeDirection Direction(string word) =>
        word.Contains('减') || word.Contains('降') || word.Contains("节约") || word.Contains('少') ? ChangeDirection.Decrease : ChangeDirection.Increase;

    /// <summary>The clause a figure follows: the text after the last “，；：、” before it.</summary>
    /// <summary>A lead that ends in a direction word (“…增加的”, “减少”) before a reason marker.</summary>
    [GeneratedRegex(@"(?<dir>增加|增长|上升|提高|减少|下降|降低)的?$")]
    private static partial Regex LeadDirection();

    private static string LastClause(string lead)
    {
        var at = lead.LastIndexOfAny(Separators);
        return (at < 0 ? lead : lead[(at + 1)..]).Trim();
    }

    private static char? LastSeparator(string lead)
    {
        var at = lead.LastIndexOfAny(Separators);
        return at < 0 ? null : lead[at];
    }

    private static readonly char[] Separators = ['，', ',', '；', ';', '：', ':', '、'];

    /// <summary>The subject words of a clause: without year and department prefixes, list words and a trailing 为/是.</summary>
    private static string Subject(string clause, Disclosure doc)
    {
        var s = clause.Trim();
        if (YearPrefix().Match(s) is { Success: true } y)
        {
            var before = LeadingFiller().Replace(s[..y.Groups["year"].Index].Trim(), "");
            s = s[(y.Index + y.Length)..];
            // “3.公务接待费2016年预算8万元” (广东): an item named before its year, only budget words after it, is the
            // subject; a body named so (“示例局2024年预算”) is not.
            if (BudgetWordsOnly().IsMatch(s) && NarrativeSubjects.WithoutNumber(before) is { Length: >= 2 } item
                && item.All(c => ChineseText.IsCjk(c) || "（）()“”".Contains(c)) && item.Count(ChineseText.IsCjk) >= 2 && !BodyName().IsMatch(item)
                && !(doc.Department is { Length: > 0 } dept && (dept.EndsWith(item, StringComparison.Ordinal) || item.EndsWith(dept, StringComparison.Ordinal))))
                return before;
        }
        if (doc.Department is { Length: > 0 } d && s.StartsWith(d, StringComparison.Ordinal)) s = s[d.Length..];
        s = LeadingFiller().Replace(s, "");
        s = TrailingFiller().Replace(s, "");
        return s.Trim();
    }

    private static bool EndsItem(string text, Match sentence)
    {
        var end = sentence.Index + sentence.Length;
        return end >= text.Length || text[end] == '\n';
    }

    private static string Quote(string sentence)
    {
        var t = sentence.Trim();
        return t.Length > 160 ? t[..160] + "…" : t;
    }

    [GeneratedRegex(@"[^。！？!?\n]+")]
    private static partial Regex Sentence();

    /// <summary>
    /// An amount with its unit (not “元/人”), or a percentage. Not the tail of a figure broken by a space: OCR that
    /// drops a decimal point leaves “2940 05万元”, whose “05万元” is no figure of its own.
    /// </summary>
    [GeneratedRegex(@"(?<![\d.]|[\d.]\s)(?<num>" + Num + @")\s*(?:(?<unit>亿元|万元|元)(?![/／每])|(?<pct>[%％]))")]
    private static partial Regex Mention();

    /// <summary>A direction word before a change's amount or percentage; 增幅/减幅/降幅 (Yunnan, Guangxi) before its percentage.</summary>
    /// The word may stand in brackets (云南: “较上年（减少）16.23万元，（减）幅23%”). 减少率/增长率/下降率 (广东 英德: “对比减少4.35万元，
    /// 减少率35.22%”) name the change's rate as 幅度 does.
    [GeneratedRegex(@"[（(]?(?<dir>增加|减少|增长|下降|压减|降低|上升|节约|减支|增支|调减|调增|增|减|降(?=幅))[)）]?了?(?:额度|金额|幅度|幅|率)?(?:为|是|达)?$")]
    private static partial Regex ChangeLead();

    /// <summary>The lead of an earlier year's figure: “上年为”, “比2023年度的”, “同比去年” (广东: “同比去年1.05万元增加2.95万元”).</summary>
    [GeneratedRegex(@"^(?:同比|相比|对比|比|较|与)?(?:上年度?|上一年度?|去年|同期|(?<y>20\d\d)\s*年度?)(?!结转|结余)[^，。；结]{0,14}?(?:为|是)?$")]
    private static partial Regex PreviousLead();

    [GeneratedRegex(@"(?:比|较|与|同)(?<what>(?:上年|上一年度?|去年|上年同期|(?:20\d\d)\s*年度?)[^，。；增减下降上持]{0,12}?)(?:相比|相较|比较|同期)?(?=[，,]|增|减|下降|上升|压减|降低|持平|$)")]
    private static partial Regex ComparisonPhrase();

    [GeneratedRegex(@"^(?:对比|相比|比较|相较|同比)$")]
    private static partial Regex BareComparison();

    /// <summary>A comparison word alone before a figure (“186.42万元比23.45万元”): the figure compared with.</summary>
    [GeneratedRegex(@"^(?:比|较|与|同比|相比|对比)$")]
    private static partial Regex ComparedFigureLead();

    [GeneratedRegex(@"(20\d\d)")]
    private static partial Regex YearIn();

    [GeneratedRegex(@"占(?!用|有)(?<of>[^，。；%]{0,30}?)(?:的)?(?:比重|比例|比)?(?:为|是|达)?$")]
    private static partial Regex ShareLead();

    [GeneratedRegex(@"(?:完成|达到|为|占)(?:了)?(?:年初|全年|调整后?的?)?预算数?的?$")]
    private static partial Regex Completion();

    /// <summary>The budget a comparison names: 年初预算, 全年预算数, 调整后预算, 预算. The patterns below share it.</summary>
    private const string BudgetName = @"(?:年初|全年|调整后?的?)?预算数?";

    /// <summary>A clause naming the budget a figure is set against: 完成全年预算, 相比年初预算数的, 比预算.</summary>
    [GeneratedRegex(@"^(?:完成|相比|相较|较|比|与)了?" + BudgetName + @"的?(?:为|是)?$")]
    private static partial Regex BudgetReference();

    /// <summary>The budget a comparison names (<see cref="BudgetName"/>), found in a clause.</summary>
    [GeneratedRegex(BudgetName)]
    private static partial Regex BudgetWords();

    /// <summary>A comparison that is a budget's name and nothing else.</summary>
    [GeneratedRegex("^" + BudgetName + "$")]
    private static partial Regex BudgetWordsOnlyName();

    /// <summary>A change's words comparing with a budget, not a year: 比年初预算, 较预算数, 与全年预算相比.</summary>
    [GeneratedRegex(@"(?:相比|相较|较|比|与)" + BudgetName)]
    private static partial Regex BudgetComparison();

    [GeneratedRegex(@"(?:持平|无增减|没有变化|无变化)")]
    private static partial Regex Flat();

    /// <summary>A change stated in words: what follows a 持平 in the same sentence when the sentence goes on to another comparison.</summary>
    [GeneratedRegex(@"(?<![未无不没])(?:增加|减少|增长|下降|上升|降低|压减)")]
    private static partial Regex ChangeWords();

    /// <summary>
    /// Words that open a list of parts, right before a part's own clause: the clause runs to the end (ASCII “,” and “;”
    /// end it too: a 其中 before “国内公务接待4032批次,33409人次;” opens no list of the figure after). “含” opens one at a
    /// clause's start (“总预算4,471.22万元,含…经费250万元,…经费537.31万元”).
    /// </summary>
    [GeneratedRegex(@"(?:其中|主要用于以下方面|主要包括|包括|分别为|分别是|具体为|具体包括|(?<=^|[，,；;：、（])(?:其中)?含)[：:，,]?(?=[^，,；;：、]*$)")]
    private static partial Regex ListIntroLead();

    /// <summary>A sentence saying what the figure before it is for (“主要用于保障机构正常运转”).</summary>
    [GeneratedRegex(@"^\s*(?:主要)?用于")]
    private static partial Regex PurposeStart();

    /// <summary>A sentence opening a numbered item (“1.工资福利支出…”, “3. 对个人…”), not a figure (“1.5万元”).</summary>
    [GeneratedRegex(@"^\s*(\d{1,2})\s*[.、．](?!\s*\d)")]
    private static partial Regex ItemNumber();

    /// <summary>A sentence announcing the items that follow (“主要变动原因如下：”, “具体情况如下：”).</summary>
    [GeneratedRegex(@"如下[：:]?\s*$")]
    private static partial Regex ListFollows();

    [GeneratedRegex(@"^\s*(?:其中|具体为|分别为)[：:]?")]
    private static partial Regex ListIntroStart();

    [GeneratedRegex(@"(?:其中|具体为|分别为|主要包括|包括)[：:]\s*$")]
    private static partial Regex ListIntroEnd();

    /// <summary>A sentence that opens with a subject and its figure (“人员经费 800000.00 元”, “2.公用经费70000.00元”).</summary>
    [GeneratedRegex(@"^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*(?<subject>[\u4E00-\u9FFF（）()“”]{2,24}?)\s*(?:为|是|共计|合计)?\s*\d")]
    private static partial Regex PartStart();

    /// <summary>
    /// The side of its budget a 决算 stands on by the comparison word of <see cref="BudgetDifferenceLead"/> or
    /// <see cref="ReasonBudgetLead"/>: 大于/高于/超过/超出/多于 above it, 小于/低于/少于 below.
    /// </summary>
    private static ChangeDirection BudgetSide(string comparison) =>
        comparison is "大于" or "高于" or "超过" or "超出" or "多于" ? ChangeDirection.Increase : ChangeDirection.Decrease;

    /// <summary>The difference of a 决算数 from its 预算数 (“决算数大于预算数30.00万元”).</summary>
    [GeneratedRegex(@"决算数?(?<cmp>大于|小于|高于|低于|超过|超出|少于|多于)(?:年初|全年|调整后的?)?预算数?(?:为|是|了)?$")]
    private static partial Regex BudgetDifferenceLead();

    /// <summary>The words leading into a reason that name the 决算's difference from its budget (“决算数小于预算数的”).</summary>
    [GeneratedRegex(@"决算数?(?<cmp>大于|小于|高于|低于|超过|超出|少于|多于)(?:年初|全年|调整后的?)?预算数?的?$")]
    private static partial Regex ReasonBudgetLead();

    /// <summary>A sentence opening “X中，” (财政拨款支出预算中，): X is the whole the sentence's figures are parts of.</summary>

    [GeneratedRegex(@"^\s*(?<subject>[^，,；;：:、\d]{2,20}?)中[，,：:]")]
    private static partial Regex WholeIntroStart();

    [GeneratedRegex(@"^.*?(?<year>20\d\d)\s*年度?(?:的)?")]
    private static partial Regex YearPrefix();

    /// <summary>Nothing after a year but budget words: “预算”, “决算数”, “预算安排”, “” (“公务接待费2016年8万元”).</summary>
    [GeneratedRegex(@"^(?:预算|决算|实际)?(?:数|安排|支出|执行数)?(?:为|是)?$")]
    private static partial Regex BudgetWordsOnly();

    /// <summary>Words naming a body or a place rather than an item (局, 委员会, 本部门, 全县 …), at their end or in full.</summary>
    [GeneratedRegex(@"(?:局|委|办|院|厅|部|中心|政府|单位|部门|街道|镇|乡|所|站|馆|队|会|县|市|区|省|州|旗|本级|全年|本年|当年|今年|上年|其中)$")]
    private static partial Regex BodyName();

    [GeneratedRegex(@"^(?:其中|本年度|本年|当年|今年|共计|合计为)[：:]?")]
    private static partial Regex LeadingFiller();

    [GeneratedRegex(@"(?:为|是|达到|达|约|共计)$")]
    private static partial Regex TrailingFiller();
}
