namespace AuditEngine.Model;

/// <summary>The direction a sentence states for a change: 增加/增长, 减少/下降, 持平, or none stated.</summary>
public enum ChangeDirection
{
    None = 0,
    Increase,
    Decrease,
    Flat,
}

/// <summary>
/// An amount as the narrative prints it, in 万元, with half its printed step (in 万元) as its rounding: “2,106.66万元”
/// may be anything from 2,106.655 to 2,106.665; “1.2亿元” from 11,500 to 12,500 万元; “6.2万元” ±0.05.
/// </summary>
public sealed record StatedAmount(decimal Value, decimal Rounding, string Text)
{
    public decimal Low => Value - Rounding;
    public decimal High => Value + Rounding;
    public override string ToString() => Text;
}

/// <summary>A percentage as printed (71.73%), with one unit of its last printed decimal (0.01) as its step.</summary>
public sealed record StatedPercent(decimal Value, decimal Step, string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// One statement of the narrative that states figures: what it is about (the subject, “一般公共服务支出（类）”), the
/// amount, what it is compared with (上年, 2023年度, 上年预算), the stated change and its percentage, the share it is
/// said to be of a whole (占…的 X%), the parts it lists (其中：A x万元，B y万元) and the reason the text gives for it.
/// Amounts are in 万元 whatever unit the text used (元, 万元, 亿元). Read by recognition, checked by
/// rules/narrative-arithmetic.json; every check is within the printed precision of the figures it rests on.
/// </summary>
public sealed class NarrativeStatement : IHasProvenance
{
    /// <summary>The sentence the statement was read from, for quoting.</summary>
    public required string Text { get; init; }
    /// <summary>Where it was read; its confidence is lowered when one of its figures looks garbled by OCR.</summary>
    public Provenance Provenance { get; set; } = Provenance.None;
    public int? Page => Provenance.Page;
    /// <summary>The narrative section it stands in (Other before the first heading).</summary>
    public SectionKind Section { get; init; }

    /// <summary>The words naming what the amount is (一般公共服务支出（类）, 人员经费); "" when none.</summary>
    public string Subject { get; set; } = "";
    /// <summary>The subject compared by meaning: without （类）/（款）/（项）, quotes, 年度 prefixes and 决算/预算 suffixes.</summary>
    public string SubjectKey => NarrativeSubjects.KeyOf(Subject);
    /// <summary>The figure key (<see cref="FigureKeys"/>) the subject names, "" when none.</summary>
    public string FigureKey { get; set; } = "";

    public StatedAmount? Stated { get; set; }
    /// <summary>The amount in 万元; reading it puts the statement on the evaluating rule's evidence.</summary>
    public decimal? Amount { get { EvidenceTrail.Record(this); return Stated?.Value; } }

    /// <summary>What the text compares with, as written (上年, 2023年度, 2024年预算执行数); "" when none.</summary>
    public string Comparison { get; set; } = "";
    /// <summary>The year named in the comparison (与2023年度相比 → 2023), null when none.</summary>
    public int? ComparedYear { get; set; }
    /// <summary>The compared figure when stated (上年预算数为X万元).</summary>
    public StatedAmount? PreviousStated { get; set; }
    public decimal? Previous => PreviousStated?.Value;

    public ChangeDirection Direction { get; set; }
    /// <summary>The stated change, unsigned (增加56.95万元 → 56.95).</summary>
    public StatedAmount? ChangeStated { get; set; }
    public decimal? ChangeAmount => ChangeStated?.Value;
    /// <summary>The stated percentage of the change, unsigned (下降1.87% → 1.87).</summary>
    public StatedPercent? ChangePercentStated { get; set; }
    public decimal? ChangePercent => ChangePercentStated?.Value;

    /// <summary>
    /// The direction word of the change's percentage when it differs from the amount's (“减0.30万元，增2.34%”);
    /// None when the two agree or only one is stated.
    /// </summary>
    public ChangeDirection PercentDirection { get; set; }
    public string PercentDirectionWord => PercentDirection switch
    {
        ChangeDirection.Increase => "增",
        ChangeDirection.Decrease => "减",
        _ => "",
    };
    /// <summary>The amount and the percentage of one change name opposite directions.</summary>
    public bool ChangeWordsAgree => Recorded(PercentDirection == ChangeDirection.None || Direction == ChangeDirection.None || PercentDirection == Direction);

    /// <summary>
    /// The stated difference from the budget (“决算数大于预算数30.00万元” → Increase, 30.00), null when none: with the
    /// amount it gives the budget, and so the completion rate the statement may also state.
    /// </summary>
    public StatedAmount? BudgetDifferenceStated { get; set; }
    public ChangeDirection BudgetDifferenceDirection { get; set; }
    public string BudgetDifferenceWord => BudgetDifferenceDirection == ChangeDirection.Increase ? "大于" : "小于";
    /// <summary>The budget the amount and the stated difference give (决算数 ∓ 差额), null without both.</summary>
    public decimal? ImpliedBudget => Stated is { } a && BudgetDifferenceStated is { } d
        ? a.Value + (BudgetDifferenceDirection == ChangeDirection.Increase ? -d.Value : d.Value) : null;
    /// <summary>The completion rate the amount and the implied budget give, to 0.01; null when the budget is not positive.</summary>
    public decimal? ImpliedCompletion => Stated is { } a && ImpliedBudget is { } b && b > 0m ? Math.Round(a.Value / b * 100m, 2) : null;
    /// <summary>
    /// A stated completion rate can follow from the amount and the budget its stated difference gives, each figure
    /// anywhere within its rounding (“完成年初预算100%，决算数大于预算数30.00万元” on 530.00 万元 is 106.00%).
    /// </summary>
    public bool CompletionFitsDifference => Recorded(CompletionStated is not { } r || Stated is not { } a || BudgetDifferenceStated is not { } d
        || ImpliedBudget is not { } b || b <= 0m || Rates.FitsWithin(r.Value, r.Step, a.Value, a.Rounding, b, a.Rounding + d.Rounding));

    /// <summary>
    /// An amount printed in 元 where another statement of the same subject prints the same digits in 万元 (“公务接待费
    /// 2.45元” against “公务接待费为2.45万元”): the unit is a slip. Null when none.
    /// </summary>
    public NarrativeStatement? UnitSlipOf { get; set; }
    /// <summary>The amount is printed in 元 (not 万元 or 亿元).</summary>
    public bool PrintedInYuan => Stated is { } a && a.Text.EndsWith('元') && !a.Text.EndsWith("万元") && !a.Text.EndsWith("亿元");

    /// <summary>The share the amount is of a whole taken from a table (the 三公 table's 合计), to 0.01; null for a 0 whole.</summary>
    public decimal? ShareOfTotal(decimal whole) => Amount is { } a && whole > 0m ? Math.Round(a / whole * 100m, 2) : null;
    /// <summary>The stated share can be the amount over a table's total (printed to 0.01, so ±0.005).</summary>
    public bool ShareFitsTotal(decimal whole) => Recorded(ShareStated is not { } s || Stated is not { } a || whole <= 0m
        || Rates.FitsWithin(s.Value, s.Step, a.Value, a.Rounding, whole, 0.005m));

    /// <summary>The stated share (占71.73%) and what it is a share of when the text says (占本年支出合计的 → 本年支出合计).</summary>
    public StatedPercent? ShareStated { get; set; }
    public decimal? SharePercent => ShareStated?.Value;
    public string ShareOf { get; set; } = "";
    /// <summary>The whole the share is of: the named figure, or the statement the part is listed under; null when unknown.</summary>
    public NarrativeStatement? ShareWhole { get; set; }

    /// <summary>A completion rate (完成预算的0%) the statement gives, as stated.</summary>
    public StatedPercent? CompletionStated { get; set; }
    public decimal? CompletionPercent { get { EvidenceTrail.Record(this); return CompletionStated?.Value; } }

    /// <summary>The statement this one is listed under (其中 / 主要用于以下方面 / 包括), null when none.</summary>
    public NarrativeStatement? Whole { get; set; }
    /// <summary>The parts listed under this statement.</summary>
    public List<NarrativeStatement> Parts { get; } = [];

    /// <summary>The reason clause given for the statement (after 主要原因 / 主要是 / 由于 …), "" when none.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The word that introduces the reason (主要原因, 由于 …).</summary>
    public string ReasonMarker { get; set; } = "";

    // ------------------------------------------------------------------ what rules read

    public bool HasSubject => Subject.Length > 0;
    public bool HasAmount => Stated is not null;
    public bool HasPrevious => PreviousStated is not null;
    public bool HasChange => ChangeStated is not null || Direction == ChangeDirection.Flat;
    public bool HasChangePercent => ChangePercentStated is not null;
    public bool HasShare => ShareStated is not null;
    public bool HasParts => Parts.Count > 0;
    public bool HasReason => Reason.Length > 0;
    public string DirectionWord => Direction switch
    {
        ChangeDirection.Increase => "增加",
        ChangeDirection.Decrease => "减少",
        ChangeDirection.Flat => "持平",
        _ => "",
    };

    /// <summary>The stated change with its sign: + for 增加, − for 减少, 0 for 持平; null when none is stated.</summary>
    public decimal? SignedChange => Direction switch
    {
        ChangeDirection.Flat => 0m,
        ChangeDirection.Increase when ChangeAmount is { } c => c,
        ChangeDirection.Decrease when ChangeAmount is { } c => -c,
        _ => null,
    };

    /// <summary>The rounding of the stated change (0 for 持平, which is exact).</summary>
    public decimal ChangeRounding => ChangeStated?.Rounding ?? 0m;

    /// <summary>The base of the change: the stated previous figure, else the amount less the stated change.</summary>
    public decimal? Base => Previous ?? (Amount is { } a && SignedChange is { } c ? a - c : null);
    /// <summary>The rounding of <see cref="Base"/>.</summary>
    public decimal BaseRounding => PreviousStated?.Rounding ?? (Stated?.Rounding ?? 0m) + ChangeRounding;

    /// <summary>
    /// The stated direction agrees with the two stated figures: 增加 when this year's is larger, 减少 when smaller,
    /// 持平 when they differ by no more than rounding or 1%.
    /// </summary>
    public bool DirectionFits
    {
        get
        {
            EvidenceTrail.Record(this);
            if (Amount is not { } a || Previous is not { } p || Direction == ChangeDirection.None) return true;
            var slack = Stated!.Rounding + PreviousStated!.Rounding;
            return Direction switch
            {
                ChangeDirection.Increase => a + slack > p,
                ChangeDirection.Decrease => a - slack < p,
                _ => Math.Abs(a - p) <= Math.Max(slack, Math.Abs(p) / 100m),
            };
        }
    }

    /// <summary>The change the two stated figures give (this year's less the previous), null unless both are stated.</summary>
    public decimal? ComputedChange => Amount is { } a && Previous is { } p ? a - p : null;

    /// <summary>The stated change amount equals the difference of the two stated figures within their rounding.</summary>
    public bool ChangeAmountFits => Recorded(ComputedChange is not { } d || ChangeAmount is not { } c
                                             || Math.Abs(Math.Abs(d) - c) <= Stated!.Rounding + PreviousStated!.Rounding + ChangeRounding);

    /// <summary>The percentage the figures give for the change: |change| ÷ base × 100, rounded to 0.01; null on a zero base.</summary>
    public decimal? ComputedChangePercent
    {
        get
        {
            var change = ComputedChange is { } d ? Math.Abs(d) : ChangeAmount;
            return change is { } c && Base is { } b && b > 0m ? Math.Round(c / b * 100m, 2) : null;
        }
    }

    /// <summary>The stated percentage of the change can follow from the stated figures, each anywhere within its rounding.</summary>
    public bool ChangePercentFits => ChangePercentWithin(Rates.FitsWithin);

    /// <summary>
    /// The stated percentage is what the figures give, rounded or cut off: not the step above their highest rounding
    /// (“增加4.68万元，增长2.60%” on 180.73 万元 is 2.589…%, so 2.59%; <see cref="ChangePercentFits"/> lets 2.60% pass).
    /// </summary>
    public bool ChangePercentExact => ChangePercentWithin(Rates.RoundedOrCut);

    private bool ChangePercentWithin(Func<decimal, decimal, decimal, decimal, decimal, decimal, bool> fits)
    {
        EvidenceTrail.Record(this);
        if (ChangePercentStated is not { } r || Base is not { } b || b <= 0m) return true;
        decimal change, changeRounding;
        if (ComputedChange is { } d) { change = Math.Abs(d); changeRounding = Stated!.Rounding + PreviousStated!.Rounding; }
        else if (ChangeAmount is { } c) { change = c; changeRounding = ChangeRounding; }
        else return true;
        return fits(r.Value, r.Step, change, changeRounding, b, BaseRounding);
    }

    /// <summary>
    /// A percentage of change from nothing: the base is 0 (上年为0, or an increase as large as the amount itself), so
    /// no percentage follows; “增长100%” is then a wording, not a figure.
    /// </summary>
    public bool PercentOfZeroBase => Recorded(ChangePercentStated is not null && Base is { } b && b == 0m
                                     && (Previous is not null || Direction == ChangeDirection.Increase));

    /// <summary>
    /// An increase larger than the amount itself (“8.00万元，比上年增加10.00万元”): the previous figure would be negative,
    /// which no amount of spending or income can be. Only without a stated previous figure (with one, the difference
    /// is checked by IC-CHANGE-AMOUNT) and beyond the figures' rounding.
    /// </summary>
    public bool BaseNegative => Recorded(Previous is null && Direction == ChangeDirection.Increase && Base is { } b && b < -BaseRounding);

    /// <summary>The share the figures give: amount ÷ whole × 100, rounded to 0.01; null when either is unknown or the whole is 0.</summary>
    public decimal? ComputedShare => Amount is { } a && ShareWhole?.Amount is { } w && w != 0m ? Math.Round(a / w * 100m, 2) : null;
    public decimal? ShareWholeAmount => ShareWhole?.Amount;
    /// <summary>How the whole is named in messages: the share's own words, else the whole's subject.</summary>
    public string ShareWholeName => ShareOf.Length > 0 ? ShareOf : ShareWhole?.Subject ?? "";

    /// <summary>The stated share can be the amount over its whole, each anywhere within its rounding.</summary>
    public bool ShareFits => Recorded(ShareStated is not { } s || Stated is not { } a || ShareWhole?.Stated is not { } w || w.Value <= 0m
                             || Rates.FitsWithin(s.Value, s.Step, a.Value, a.Rounding, w.Value, w.Rounding));

    /// <summary>
    /// An earlier statement whose share, of the same whole left unstated or unfound (“占69%”, “占一般公共预算支出的
    /// 19.62%”), cannot be of the same total as this one's: the totals the two shares imply do not meet within the
    /// figures' rounding, or the shares add up to more than 100%. Set on the later statement of the first such pair.
    /// </summary>
    public NarrativeStatement? ShareSibling { get; set; }

    /// <summary>
    /// The totals the shares imply agree; only the shares add up to more than 100%. That is also what two breakdowns of
    /// one total read as one look like (by kind, 基本支出 95.57% / 项目支出 4.43%, then by function, 78.33% …, when an
    /// excerpt lost the first one's other half): a point to check, not a proven contradiction.
    /// </summary>
    public bool ShareSiblingTotalsAgree { get; set; }

    /// <summary>The whole a share implies: amount ÷ share × 100, to 0.01; null without both or at a 0% share.</summary>
    public decimal? ImpliedWhole => Amount is { } a && SharePercent is { } p && p != 0m ? Math.Round(a / p * 100m, 2) : null;

    /// <summary>The lowest and highest whole this statement's share allows, each figure anywhere within its rounding (the share within a step).</summary>
    public (decimal Lo, decimal Hi)? ImpliedWholeRange => Stated is { } a && ShareStated is { } s && a.Value > 0m && s.Value - s.Step > 0m
        ? ((a.Value - a.Rounding) / (s.Value + s.Step) * 100m, (a.Value + a.Rounding) / (s.Value - s.Step) * 100m)
        : null;

    public decimal PartsSum => Parts.Sum(p => p.Amount ?? 0m);
    /// <summary>The rounding the parts and the whole may add up to (each figure's half step).</summary>
    public decimal PartsTolerance => Parts.Sum(p => p.Stated?.Rounding ?? 0m) + (Stated?.Rounding ?? 0m);

    /// <summary>
    /// The list names the whole of it: the parts' shares add up to 100% (within their rounding), or the parts are
    /// a known complete split of the whole (基本支出 + 项目支出, 人员经费 + 公用经费, the three 三公 items).
    /// </summary>
    public bool PartsComplete
    {
        get
        {
            if (Parts.Count < 2 || Parts.Any(p => p.Amount is null)) return false;
            if (Parts.All(p => p.ShareStated is not null))
            {
                var shares = Parts.Sum(p => p.SharePercent!.Value);
                if (Math.Abs(shares - 100m) <= Parts.Sum(p => p.ShareStated!.Step) / 2m + 0.0001m) return true;
            }
            // “基本支出决算” keys as 基本 (决算 wording stripped): the subject as written names the split too.
            var parts = Parts.Select(p => p.SubjectKey).ToList();
            return NarrativeSubjects.IsCompleteSplit(SubjectKey, parts) || NarrativeSubjects.IsCompleteSplit(Subject, parts);
        }
    }

    /// <summary>The parts add up to no more than the whole (and to the whole when the list is complete), within rounding.</summary>
    public bool PartsFit => Stated?.Value is not { } w || Parts.Count == 0 || Parts.Any(p => p.Amount is null)
                            || (PartsComplete ? Math.Abs(PartsSum - w) : PartsSum - w) <= PartsTolerance;

    /// <summary>The largest part that is larger than the whole beyond rounding, or null.</summary>
    public NarrativeStatement? PartAboveWhole => Stated is not { } w ? null
        : Parts.Where(p => p.Stated is { } s && s.Value - s.Rounding > w.Value + w.Rounding).MaxBy(p => p.Amount);

    /// <summary>
    /// Every part states its change (or 持平) against what the whole is compared with (a gap to the budget is not a change
    /// on last year), and the list is the whole: the parts' changes must add up to the whole's.
    /// </summary>
    public bool PartChangesComparable => SignedChange is not null && PartsComplete && PartsFit && Parts.All(p => p.SignedChange is not null && ComparesAlike(p));
    public decimal PartChangesSum => Parts.Sum(p => p.SignedChange ?? 0m);
    public bool PartChangesFit => Recorded(!PartChangesComparable
                                  || Math.Abs(PartChangesSum - SignedChange!.Value) <= ChangeRounding + Parts.Sum(p => p.ChangeRounding));

    /// <summary>
    /// The changes listed item by item under this statement's own change, as numbered sentences after “主要变动原因如下：”
    /// (“1.工资福利支出较上年增…。2.商品和服务支出较上年增…。”), in order.
    /// </summary>
    public List<NarrativeStatement> ListedChanges { get; } = [];
    /// <summary>The listed items' subjects without their numbers (“1.工资福利支出” → 工资福利支出).</summary>
    public IReadOnlyList<string> ListedChangeSubjects => ListedChanges.Select(p => NarrativeSubjects.WithoutNumber(p.SubjectKey)).ToList();

    /// <summary>
    /// The listed items are a known complete split of this statement (基本支出 + 项目支出, 人员经费 + 公用经费, the three
    /// 三公 items): their changes must add up to its change.
    /// </summary>
    public bool ListedChangesExhaustive => ListedChanges.Count >= 2
        && (NarrativeSubjects.IsCompleteSplit(SubjectKey, ListedChangeSubjects) || NarrativeSubjects.IsCompleteSplit(Subject, ListedChangeSubjects));

    /// <summary>
    /// The listed items' changes can be added up against this statement's: every item states its change (or 持平)
    /// against what this one is compared with, and the items make the whole — a known complete split, or the three
    /// economic classes of 基本支出 (工资福利, 商品和服务, 对个人和家庭的补助; a 资本性支出 left out would be the only
    /// other part, hence <see cref="ListedChangesExhaustive"/> for the severity).
    /// </summary>
    public bool ListedChangesComparable => SignedChange is not null && ListedChanges.Count >= 2
        && ListedChanges.All(p => p.SignedChange is not null && ComparesAlike(p))
        && ListedChangeSubjects.Distinct().Count() == ListedChanges.Count
        && (ListedChangesExhaustive || NarrativeSubjects.IsEconomicSplit(SubjectKey, ListedChangeSubjects));

    public decimal ListedChangesSum => ListedChanges.Sum(p => p.SignedChange ?? 0m);
    /// <summary>The items' changes as listed, with their signs: “工资福利支出 +94.22、商品和服务支出 +1.11”.</summary>
    public string ListedChangesText => string.Join("、", ListedChanges.Select(p =>
        NarrativeSubjects.WithoutNumber(p.Subject) + " " + (p.SignedChange < 0 ? "−" : "+") + Math.Abs(p.SignedChange ?? 0m).ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture)));
    /// <summary>The listed changes add up to this statement's change within the rounding of every figure.</summary>
    public bool ListedChangesFit => Recorded(!ListedChangesComparable
        || Math.Abs(ListedChangesSum - SignedChange!.Value) <= ChangeRounding + ListedChanges.Sum(p => p.ChangeRounding));

    /// <summary>
    /// For a 三公 total whose gap to its budget is stated (“三公经费支出总额为3825万元，比预算数减少1188万元”): each item's gap
    /// to the same budget, stated apart from it (“因公出国（境）费99万元，比预算数减少31万元”, under the item's own heading),
    /// in the order 因公出国（境）费, 公务接待费, 公务用车购置及运行维护费. Empty unless all three state one.
    /// </summary>
    public List<NarrativeStatement> ItemGaps { get; } = [];
    public bool ItemGapsComparable => SignedChange is not null && ItemGaps.Count == 3;
    public decimal ItemGapsSum => ItemGaps.Sum(p => p.SignedChange ?? 0m);
    /// <summary>The items' gaps with their signs, for messages: “因公出国（境）费 −31、公务接待费 −850…”.</summary>
    public string ItemGapsText => string.Join("、", ItemGaps.Select(p =>
        p.FigureKey + " " + (p.SignedChange < 0 ? "−" : "+") + Math.Abs(p.SignedChange ?? 0m).ToString("0.00##", System.Globalization.CultureInfo.InvariantCulture)));
    /// <summary>The items' gaps to the budget add up to the total's, within the rounding of every figure.</summary>
    public bool ItemGapsFit
    {
        get
        {
            EvidenceTrail.Record(this);
            if (!ItemGapsComparable) return true;
            foreach (var p in ItemGaps) EvidenceTrail.Record(p);
            return Math.Abs(ItemGapsSum - SignedChange!.Value) <= ChangeRounding + ItemGaps.Sum(p => p.ChangeRounding);
        }
    }

    /// <summary>An item compared with the same thing as this statement: both with a budget (预算) or both with last year, or the item naming none.</summary>
    private bool ComparesAlike(NarrativeStatement item) =>
        item.Comparison.Length == 0 || Comparison.Length == 0 || item.Comparison.Contains("预算") == Comparison.Contains("预算");

    /// <summary>The reason only restates the fact it should explain (当年度无“三公”经费支出, 支出减少): no reason at all.</summary>
    /// <remarks>
    /// Not for a 持平 whose reason only repeats that nothing changed (“与上年持平，主要原因是预算无变化”: a 持平 needs no
    /// reason, so restating it is no defect; “决算数小于预算数的主要原因：当年度无支出” still is one), nor for a reason that
    /// names which of the statement's own listed parts changed (“主要原因公务用车购置费增加。其中：公务用车购置费…”), nor
    /// for one that leads into parts giving their own reasons (<see cref="ReasonsGivenByParts"/>).
    /// </remarks>
    public bool ReasonIsTautological => Recorded(Reason.Length > 0 && !ReasonMarker.Contains("用于")
        && !(Direction == ChangeDirection.Flat && System.Text.RegularExpressions.Regex.IsMatch(Reason, "无变化|没有变化|未变化|无增减|持平|不变"))
        && !Parts.Any(p => p.SubjectKey.Length >= 3 && p.SubjectKey != SubjectKey && Reason.Contains(p.SubjectKey, StringComparison.Ordinal))
        && !ReasonsGivenByParts
        && NarrativeSubjects.IsTautological(Reason, Subject));

    /// <summary>
    /// “增减变化的主要原因是：合计X万元，比上年减少Y万元。其中：A…，原因：…；B…，原因：…”: the restated total only leads into
    /// its listed parts, each changed one with a reason of its own.
    /// </summary>
    private bool ReasonsGivenByParts => Parts.Any(p => p.HasReason)
        && Parts.Where(p => p.Direction is ChangeDirection.Increase or ChangeDirection.Decrease).All(p => p.HasReason);

    /// <summary>
    /// The direction the words leading into the reason name for the change it explains (“增加的主要原因是…” → Increase);
    /// None when they name none.
    /// </summary>
    public ChangeDirection ReasonDirection { get; set; }
    /// <summary>For a reason sentence of its own (“财政拨款收入支出增加的主要原因是…”): the earlier statement whose change it explains.</summary>
    public NarrativeStatement? Explains { get; set; }
    /// <summary>The statement whose change the reason explains: this one when it states a change, else <see cref="Explains"/>.</summary>
    public NarrativeStatement? Explained => Direction is ChangeDirection.Increase or ChangeDirection.Decrease ? this : Explains;
    public string ReasonDirectionWord => ReasonDirection switch
    {
        ChangeDirection.Increase => "增加",
        ChangeDirection.Decrease => "减少",
        _ => "",
    };

    /// <summary>
    /// The direction of the 决算's difference from its budget that the words leading into the reason name (“决算数小于预算数
    /// 的主要原因是…” → Decrease); None when they name none.
    /// </summary>
    public ChangeDirection ReasonBudgetDirection { get; set; }

    /// <summary>
    /// The reason blames the budget's estimate for the other direction: “决算数小于预算数的主要原因是年初预算估算不足”
    /// (a budget set too low explains spending above it), or “决算数大于预算数…预算编制偏高”.
    /// </summary>
    public bool ReasonContradictsBudgetDirection => Recorded(ReasonBudgetDirection switch
    {
        ChangeDirection.Decrease => System.Text.RegularExpressions.Regex.IsMatch(Reason, "(?:预算|估算|测算|预计|编制|安排)(?:数|金额|资金)?(?:不足|偏低|过低|偏少|过少)"),
        ChangeDirection.Increase => System.Text.RegularExpressions.Regex.IsMatch(Reason, "(?:预算|估算|测算|预计|编制|安排)(?:数|金额|资金)?(?:过高|偏高|过多|偏多|过大|偏大)"),
        _ => false,
    });

    /// <summary>The reason explains an increase where the change stated was a decrease, or the other way round.</summary>
    public bool ReasonDirectionContradicts => Recorded(ReasonDirection is ChangeDirection.Increase or ChangeDirection.Decrease
        && Explained is { Direction: ChangeDirection.Increase or ChangeDirection.Decrease } e && e.Direction != ReasonDirection
        && Record(e));

    private static bool Record(NarrativeStatement s) { EvidenceTrail.Record(s); return true; }

    /// <summary>The reason speaks of a change (减少/增加 …, not 未增加) while the statement says 持平.</summary>
    public bool ReasonContradictsFlat => Recorded(Direction == ChangeDirection.Flat && Reason.Length > 0 && NarrativeSubjects.SpeaksOfChange(Reason));

    private bool Recorded(bool value) { EvidenceTrail.Record(this); return value; }

    public override string ToString() => Text;
}

/// <summary>Subjects of narrative statements compared by meaning, and what a reason needs to say something.</summary>
public static class NarrativeSubjects
{
    private static readonly string[] Decorations = ["（类）", "（款）", "（项）", "“", "”", "‘", "’", "\"", " "];

    /// <summary>The subject without decorations, year prefixes and 预算/决算 wording: 一般公共服务支出（类） → 一般公共服务支出.</summary>
    public static string KeyOf(string subject)
    {
        var s = subject;
        foreach (var d in Decorations) s = s.Replace(d, "");
        foreach (var w in (string[])["本年度", "本年", "当年度", "当年", "今年"])
            if (s.Length > w.Length + 1 && s.StartsWith(w, StringComparison.Ordinal)) { s = s[w.Length..]; break; }
        foreach (var w in (string[])["财政拨款支出决算", "支出决算数", "支出决算", "决算数", "决算", "预算数"])
            if (s.Length > w.Length + 1 && s.EndsWith(w, StringComparison.Ordinal)) { s = s[..^w.Length]; break; }
        return s;
    }

    /// <summary>Known complete splits of a whole (by subject key): 基本支出 + 项目支出 of a 支出, 人员经费 + 公用经费 of 基本支出, the three 三公 items, the three budgets of 财政拨款.</summary>
    public static bool IsCompleteSplit(string whole, IReadOnlyList<string> parts)
    {
        bool Has(params string[] words) => words.All(w => parts.Any(p => p.Contains(w, StringComparison.Ordinal)));
        if (parts.Count == 2 && whole.EndsWith("支出", StringComparison.Ordinal) && !whole.Contains("基本支出") && Has("基本支出", "项目支出")) return true;
        if (parts.Count == 2 && whole.Contains("基本支出") && Has("人员经费", "公用经费")) return true;
        // The vehicle item also as 公车运行费 / 车辆运行费 (Gansu).
        if (parts.Count == 3 && whole.Contains("三公") && Has("出国", "接待") && parts.Any(p => p.Contains("公务用车") || p.Contains("公车") || p.Contains("车辆"))) return true;
        // 财政拨款 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算 (all three named).
        if (parts.Count == 3 && whole.StartsWith("财政拨款", StringComparison.Ordinal) && Has("一般公共预算", "政府性基金", "国有资本经营")) return true;
        return false;
    }

    /// <summary>
    /// The economic classes of 基本支出 as a budget's narrative lists them: 工资福利支出, 商品和服务支出, 对个人和家庭的补助
    /// (and 资本性支出 when listed). Complete as far as the text goes, not by definition.
    /// </summary>
    public static bool IsEconomicSplit(string whole, IReadOnlyList<string> parts)
    {
        if (!whole.Contains("基本支出") || parts.Count is < 3 or > 4) return false;
        string[] classes = ["工资福利", "商品和服务", "对个人和家庭", "资本性"];
        return parts.All(p => classes.Any(c => p.Contains(c, StringComparison.Ordinal)))
               && classes.Take(3).All(c => parts.Any(p => p.Contains(c, StringComparison.Ordinal)));
    }

    /// <summary>A subject without the list number it opens with: “1.工资福利支出”, “（2）商品和服务支出”, “三、…”.</summary>
    public static string WithoutNumber(string subject) =>
        System.Text.RegularExpressions.Regex.Replace(subject, @"^\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)\s*", "");

    /// <summary>
    /// Whether <paramref name="part"/> is one of the parts of a known complete split of <paramref name="whole"/>
    /// (<see cref="IsCompleteSplit"/>): 基本支出/项目支出 of a 支出, 人员经费/公用经费 of 基本支出, the 三公 items.
    /// </summary>
    public static bool IsSplitPart(string whole, string part)
    {
        if (whole.Contains("基本支出")) return part.Contains("人员经费") || part.Contains("公用经费");
        if (whole.Contains("三公")) return part.Contains("出国") || part.Contains("接待") || part.Contains("公务用车") || part.Contains("公车") || part.Contains("车辆");
        if (whole.EndsWith("支出", StringComparison.Ordinal)) return part.Contains("基本支出") || part.Contains("项目支出");
        return false;
    }

    /// <summary>
    /// Words that only state the fact a reason should explain: that spending happened or not, grew or fell. A reason
    /// made of these and the subject's own words (“当年度无‘三公’经费支出”, “支出减少”, “决算数小于预算数”) gives none.
    /// </summary>
    private static readonly string[] FactWords =
    [
        "决算数", "预算数", "决算", "预算", "当年度", "本年度", "上年度", "年度", "当年", "本年", "上年", "全年", "年初",
        "没有", "未发生", "未产生", "无", "未", "发生", "产生", "支出", "经费", "费用", "资金", "相关", "相应", "有关",
        "减少", "增加", "下降", "增长", "降低", "上升", "持平", "变化", "变动", "较少", "较多", "小于", "大于", "等于",
        "低于", "高于", "所致", "导致", "造成", "原因", "主要", "是", "为", "的", "了", "等", "因", "此", "故", "而", "所以",
        "三公", "因公出国（境）费", "因公出国（境）", "公务用车购置及运行维护费", "公务用车", "购置", "运行维护", "公务接待费", "公务接待",
        "实际", "数",
    ];

    /// <summary>Words naming one of the three 三公 items.</summary>
    private static readonly System.Text.RegularExpressions.Regex SanGongItemWords = new("出国|接待|公务用车|公车|车辆");

    /// <summary>
    /// A reason that speaks of an increase or a decrease (减少支付, 调减), not of its absence (未增加, 没有增加, 不再增加,
    /// 无需增加: 梧州's “与上年持平，主要原因是本年度没有增加出国计划”).
    /// </summary>
    public static bool SpeaksOfChange(string reason) =>
        System.Text.RegularExpressions.Regex.IsMatch(reason, "(?<![未无不没]|没有|不再|未再|无需|不需|不必|无明显|未明显)(?:减少|增加|下降|增长|调减|调增|压减|降低)");

    public static bool IsTautological(string reason, string subject) => Residue(reason, subject).Length <= 1;

    /// <summary>
    /// What a reason sentence's opening (“财政拨款收入支出增加的主要原因”) names besides fact words: "" for a generic
    /// one (“决算数小于预算数的”). A named subject that is not the statement's own belongs to another statement.
    /// </summary>
    public static bool ReasonSubjectFits(string opening, string subjectKey)
    {
        // “…因公出国（境）费0.00万元，与上年持平。“三公”经费减少的主要原因是…”: the reason of the 三公 total, not of the item
        // stated last (三公 is a fact word for the total's own reasons).
        if (opening.Contains("三公", StringComparison.Ordinal) && !subjectKey.Contains("三公", StringComparison.Ordinal)
            && SanGongItemWords.IsMatch(subjectKey) && !SanGongItemWords.IsMatch(opening)) return false;
        var residue = Residue(opening, subjectKey);
        return residue.Length <= 1 || subjectKey.Contains(residue, StringComparison.Ordinal) || residue.Contains(KeyOf(subjectKey), StringComparison.Ordinal);
    }

    /// <summary>The Chinese characters of a text left once decorations, the subject's own words and fact words are removed.</summary>
    public static string Residue(string text, string subject)
    {
        var r = text;
        foreach (var d in Decorations) r = r.Replace(d, "");
        var own = KeyOf(subject);
        if (own.Length > 0) r = r.Replace(own, "");
        foreach (var w in FactWords.OrderByDescending(w => w.Length)) r = r.Replace(w, "");
        // Digits (a year, an amount) say nothing more.
        return new string(r.Where(c => c is >= '\u4E00' and <= '\u9FFF').ToArray());
    }
}
