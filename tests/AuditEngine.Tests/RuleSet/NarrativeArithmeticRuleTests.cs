using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/narrative-arithmetic.json on small recognised narratives (real wording of the Shanghai 决算).</summary>
public sealed class NarrativeArithmeticRuleTests : RuleTestBase
{
    private static Disclosure Recognise(params string[] lines)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        layout.Pages.Add(new LayoutPage { Number = 21 });
        layout.Blocks.Add(new Paragraph { Text = "上海市普陀区财政局", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2024年度部门决算", Page = 1 });
        foreach (var t in lines) layout.Blocks.Add(new Paragraph { Text = t, Page = 21 });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentFinalAccount;
        return doc;
    }

    /// <summary>As <see cref="Recognise"/>, the narrative page read by OCR.</summary>
    private static Disclosure RecogniseScanned(params string[] lines)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = true });
        layout.Pages.Add(new LayoutPage { Number = 21, Scanned = true });
        layout.Blocks.Add(new Paragraph { Text = "上海市普陀区财政局", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2024年度部门决算", Page = 1 });
        foreach (var t in lines) layout.Blocks.Add(new Paragraph { Text = t, Page = 21, Confidence = 0.9 });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentFinalAccount;
        return doc;
    }

    private static Disclosure Budget(params string[] lines)
    {
        var doc = Recognise(lines);
        doc.Type = DocumentType.DepartmentBudget;
        return doc;
    }

    [Fact]
    [Covers("NA-BALANCED-CHANGES")]
    public void Income_and_expenditure_of_one_amount_compared_with_two_bases_are_reported()
    {
        // putuo_shangwuwei_2025_yusuan p.7: the same 37,151.47 万元, +24,558.18 against 2024年预算执行数, +24,491.71 against 2024年预算.
        var doc = Budget(
            "2025年，上海市普陀区商务委员会收入预算37,151.47万元，其中：财政拨款收入37,151.47万元，比2024年预算执行数增加",
            "24,558.18万元；事业收入0万元；其他收入0万元。",
            "支出预算37,151.47万元，其中：财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元。");
        Fires(doc, "NA-BALANCED-CHANGES", Severity.Warning, "37151.47", "2024年预算执行数", "24558.18", "12593.29", "24491.71", "12659.76");
    }

    [Theory]
    [InlineData("比2024年预算增加24,491.71万元")]      // the same change: one base
    [InlineData("比2023年预算增加24,558.18万元")]      // another year: not a pair
    public void Income_and_expenditure_that_change_alike_or_compare_other_years_are_silent(string incomeChange)
    {
        var doc = Budget(
            $"2025年财政拨款收入37,151.47万元，{incomeChange}；",
            "财政拨款支出预算37,151.47万元，比2024年预算增加24,491.71万元。");
        Silent(doc, "NA-BALANCED-CHANGES");
    }

    [Fact]
    [Covers("NA-SHARE")]
    public void A_share_that_is_not_the_part_over_its_whole_is_an_error_and_right_ones_pass()
    {
        // putuo_czj_2024_juesuan p.21: 2,106.66 ÷ 2,940.05 = 71.65%, printed 71.73%.
        var doc = Recognise(
            "（二）一般公共预算财政拨款支出决算结构情况",
            "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出",
            "（类）2106.66万元，占71.73%；社会保障和就业支出（类）326.72万元，占11.11%；");
        Fires(doc, "NA-SHARE", Severity.Error, "71.73%", "71.65%", "2940.05");
    }

    [Fact]
    public void A_share_of_a_named_whole_and_a_stray_percentage_are_read_right()
    {
        var doc = Recognise(
            "三、支出决算情况说明",
            "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。",
            "一般公共预算财政拨款支出2940.05万元，占本年支出合计的100.00%。15.16%；");
        var share = doc.Statements.Single(s => s.SharePercent == 100.00m);
        Assert.Equal(2940.05m, share.ShareWholeAmount);
        Assert.True(doc.Statements.Single(s => s.SubjectKey == "支出合计").PartsComplete);
        Silent(doc, "NA-SHARE");
        Silent(doc, "NA-PARTS-SUM");
    }

    [Fact]
    public void Traditional_script_and_amounts_in_yuan_and_yi_yuan_read_the_same_figures()
    {
        var simplified = Recognise("一、收入支出决算总体情况说明", "本年支出合计1.2亿元，其中：基本支出3,456,789.12元，项目支出11654.32万元。");
        var traditional = Recognise("一、收入支出決算總體情況說明", "本年支出合計1.2億元，其中：基本支出3,456,789.12元，項目支出11654.32萬元。");
        var a = simplified.Statements.Select(s => (s.SubjectKey, s.Amount)).ToList();
        var b = traditional.Statements.Select(s => (s.SubjectKey, s.Amount)).ToList();
        Assert.Equal(a, b);
        Assert.Contains(a, x => x.Amount == 12000m);
        Assert.Contains(a, x => x.Amount == 345.678912m);
        // 1.2亿元 is ±500 万元: 345.68 + 11654.32 = 12000 fits, and so would anything within it.
        Silent(traditional, "NA-PARTS-SUM");
    }

    [Fact]
    [Covers("NA-PARTS-SUM", "NA-PART-EXCEEDS")]
    public void Parts_that_do_not_make_their_whole_are_errors()
    {
        var doc = Recognise(
            "三、支出决算情况说明",
            "本年支出合计2940.05万元，其中：基本支出2336.91万元，项目支出613.14万元。",
            "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2452.26万元；公用经费184.65万元。");
        Fires(doc, "NA-PARTS-SUM", Severity.Error, "2950.05", "10.00");
        Fires(doc, "NA-PART-EXCEEDS", Severity.Error, "人员经费", "2452.26");
    }

    [Theory]
    // putuo_czj_2024_juesuan p.23 scanned: “人员经费2152.26” read as “21$ 2.26”; p.19 of its seeded copy: “2940.05” as “294生 5.00”.
    [InlineData("一般公共预算财政拨款基本支出2336.91万元。其中：人员经费21$ 2.26万元；公用经费184.65万元。", "NA-PARTS-SUM")]
    [InlineData("本年收入合计9746| 8.00万元，其中：财政拨款收入9746.50万元。", "NA-PART-EXCEEDS")]
    [InlineData("本年支出合计2940.05万元。一般公共预算财政拨款支出294生 5.00万元，占本年支出合计的100.00%。", "NA-SHARE")]
    // putuo_czj_2024_juesuan p.21 scanned: “占20.51%；” read as “占20.519%0;”.
    [InlineData("本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.519%。", "NA-SHARE")]
    // putuo_guihuaziyuan_2024_juesuan p.21 scanned: “461.10万元” read as “4611058万元”.
    [InlineData("一般公共预算财政拨款支出9746.50万元，主要用于以下方面：社会保障和就业支出（类）754.75万元，占7.74%；住房保障支出（类）4611058万元，占4.73%。", "NA-PART-EXCEEDS")]
    // putuo_wanli_jiedao_2025_yusuan p.30 scanned: “983.05万元。” read as “983. 05为元s”, so the next sentence's 预留 amount joined the list.
    [InlineData("政府采购预算4821.20万元，其中：政府采购货物预算57.43万元、政府采购工程预算3780.72万元、政府采购服务预算983. 05为元s 2025年本部门面向中小企业预留政府采购项目预算金额1928.48万元。", "NA-PARTS-SUM")]
    public void On_a_scan_a_figure_set_off_from_stray_digits_by_a_symbol_is_hedged_not_an_error(string line, string ruleId)
    {
        var scanned = Fires(RecogniseScanned("三、支出决算情况说明", line), ruleId, Severity.Warning);
        Assert.Contains(scanned.Evidence, e => e.Confidence < Provenance.LowConfidence);
        // The same words in a digital file are what the document prints: an error.
        Fires(Recognise("三、支出决算情况说明", line), ruleId, Severity.Error);
    }

    [Theory]
    [InlineData("本年支出合计2940.05万元，其中：基本支出2336.91万元，项目支出613.14万元。")]
    [InlineData("2024年本年支出合计2940.05万元，其中：基本支出2336.91万元，项目支出613.14万元。")]
    [InlineData("截至2024年2940.05万元的本年支出合计，其中：基本支出2336.91万元，项目支出613.14万元。")]
    public void On_a_scan_figures_read_cleanly_are_not_hedged(string line)
    {
        var finding = Fires(RecogniseScanned("三、支出决算情况说明", line), "NA-PARTS-SUM", Severity.Error, "2950.05", "10.00");
        Assert.DoesNotContain(finding.Evidence, e => e.Confidence < Provenance.LowConfidence);
    }

    [Fact]
    public void On_a_scan_a_share_whose_percent_sign_was_misread_hedges_nothing()
    {
        // putuo_czj_2024_juesuan_seeded_defects p.19 scanned: “占2.07%” read as “占2.07风” lost no amount; the seeded
        // 71.73% (2106.66 ÷ 2940.05 is 71.65%) stays an error.
        var doc = RecogniseScanned("（二）一般公共预算财政拨款支出决算结构情况",
            "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；卫生健康支出（类）60.99万元，占2.07风住房保障支出（类）445.69万元，占15.16%。");
        Fires(doc, "NA-SHARE", Severity.Error, "71.73");
        // The same page as OCR read it: 住房保障's “445.69万元，占15.16%。” came out as “445. 69【”, and the next heading ran
        // into the list. The list's sum is in doubt (a part was lost); the share of a part read cleanly is not.
        doc = RecogniseScanned("（二）一般公共预算财政拨款支出决算结构情况",
            "一般公共预算财政拨款支出2940.05万元，主要用于以下方面：一般公共服务支出（类）2106.66万元，占71.73%；卫生健康支出（类）60.99万元，占2.07风住房保障支出（类）445. 69【三）一般公共预算财政拨款支出决算具体情况一般公共预算财政拨款支出年初预算为2903.92万元，支出决算为2940.05万元。");
        Fires(doc, "NA-SHARE", Severity.Error, "71.73");
    }

    [Fact]
    public void Retirees_staff_costs_are_no_figure_of_the_basic_expenditures_staff_costs()
    {
        // putuo_czj_2024_juesuan p.22 scanned, the full stop after 支出 lost: “主要用于：退休人员经费支出年初预算为85.55万元，…”.
        var doc = RecogniseScanned("五、一般公共预算财政拨款支出决算情况说明",
            "主要用于：退休人员经费支出年初预算为85.55万元，支出决算为84.65万元。",
            "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元；公用经费184.65万元。");
        Assert.Equal([2152.26m], doc.Figures.Where(f => f.Key == FigureKeys.人员经费).Select(f => f.Value));
    }

    [Fact]
    public void A_sibling_after_a_finished_list_is_no_part()
    {
        var doc = Recognise("二、预算安排总体情况", "基本支出400.00万元，其中人员经费360.00万元，公用经费40.00万元；项目支出120.00万元。");
        Silent(doc, "NA-PARTS-SUM");
        Assert.Equal(2, doc.Statements.Single(s => s.Subject == "基本支出").Parts.Count);
    }

    [Fact]
    [Covers("NA-PART-CHANGES", "NA-CHANGE-DIRECTION")]
    public void Part_changes_must_add_up_and_a_direction_must_fit_the_figures()
    {
        var doc = Recognise(
            "四、“三公”经费预算情况",
            "“三公”经费预算8.00万元，比上年减少1.00万元，主要原因是压减接待。其中：因公出国（境）费0.00万元，与上年持平；公务用车购置及运行维护费6.00万元，比上年减少0.80万元，主要原因是维修压减；公务接待费2.00万元，比上年减少0.50万元，主要原因是控制标准。",
            "机关运行经费支出184.65万元，上年为190.00万元，增加5.35万元，主要原因是更换照明设施。");
        Fires(doc, "NA-PART-CHANGES", Severity.Error, "1.00", "-1.30");
        Fires(doc, "NA-CHANGE-DIRECTION", Severity.Error, "184.65", "190.00", "增加");
    }

    [Fact]
    [Covers("NA-ZERO-BASE", "NA-REASON-EMPTY", "NA-FLAT-REASON")]
    public void Growth_from_nothing_an_empty_reason_and_a_level_with_a_change_reason_are_warnings()
    {
        var doc = Recognise(
            "一、收入支出决算总体情况说明",
            "收入支出总计307.82万元。与2023年度相比，收入支出总计增加307.82万元，增长100.00%。主要原因：单位于2024年成立。",
            "财政拨款收入支出总计0.3万元。与2023年度相比，财政拨款收入支出总计持平。主要原因：项目支出中合同支付进度等原因减少支付。",
            "“三公”经费支出决算为0.00万元。决算数小于预算数的主要原因：当年度无“三公”经费支出。",
            "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是更换照明设施。");
        Fires(doc, "NA-ZERO-BASE", Severity.Warning, "增长100.00%", "307.82");
        Fires(doc, "NA-REASON-EMPTY", Severity.Warning, "当年度无");
        Fires(doc, "NA-FLAT-REASON", Severity.Warning, "减少支付");
        Silent(doc, "IC-CHANGE-RATE");
    }

    [Fact]
    [Covers("NA-LISTED-CHANGES")]
    public void Numbered_item_changes_must_add_up_to_the_change_they_list()
    {
        // A 云南 预算's shape: the total's change, “主要变动原因如下”, then one numbered sentence per economic class
        // (the third with its direction word in brackets).
        var doc = Budget(
            "二、预算安排总体情况",
            "基本支出比上年增加40.00万元，增幅10%。主要变动原因如下：",
            "1.工资福利支出比上年增加60.00万元，主要原因是新增人员。",
            "2.商品和服务支出比上年增加2.00万元，主要原因是物业费上涨。",
            "3.对个人和家庭的补助较上年（减少）12.00万元，主要原因是退休人员减少。",
            "五、机关运行经费",
            "机关运行经费支出比上年减少10.00万元，具体情况如下：",
            "1.人员经费比上年减少4.00万元，主要原因是人员退休。",
            "2.公用经费比上年减少6.00万元，主要原因是压减会议。");
        var f = Fires(doc, "NA-LISTED-CHANGES", Severity.Warning, "40.00", "50.00", "10.00", "对个人和家庭的补助 −12.00");
        Assert.Equal(3, doc.Statements.Single(s => s.ListedChanges.Count > 0 && s.SubjectKey.StartsWith("基本支出")).ListedChanges.Count);
        Assert.Single(Run(doc), x => x.RuleId == "NA-LISTED-CHANGES");

        var split = Budget(
            "二、预算安排总体情况",
            "2025年部门支出比上年增加50.00万元，具体情况如下：",
            "1.基本支出比上年增加30.00万元，主要原因是新进人员。",
            "2.项目支出比上年增加10.00万元，主要原因是新增项目。");
        Fires(split, "NA-LISTED-CHANGES", Severity.Error, "50.00", "40.00");
    }

    [Fact]
    [Covers("NA-REASON-BUDGET-DIRECTION")]
    public void A_budget_set_too_low_does_not_explain_spending_below_it()
    {
        // A 四川 决算's wording: 决算 below the budget “because” the budget was estimated too low.
        var doc = Recognise(
            "七、一般公共预算财政拨款支出决算情况说明",
            "1.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为60.00万元，完成预算80.00%，决算数小于预算数的主要原因是年初预算估算不足。",
            "2.卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）：支出决算为30.00万元，完成预算120.00%，决算数大于预算数的主要原因是年初预算估算不足。",
            "3.住房保障支出（类）住房改革支出（款）住房公积金（项）：支出决算为20.00万元，完成预算80.00%，决算数小于预算数的主要原因是人员减少。");
        var f = Fires(doc, "NA-REASON-BUDGET-DIRECTION", Severity.Warning, "小于", "年初预算估算不足");
        Assert.Contains("60.00万元", f.Message);
        Assert.Single(Run(doc), x => x.RuleId == "NA-REASON-BUDGET-DIRECTION");
    }

    [Fact]
    [Covers("NA-NEGATIVE-BASE")]
    public void An_increase_larger_than_the_amount_itself_is_an_error_and_one_within_it_is_not()
    {
        var doc = Recognise(
            "一、收入支出决算总体情况说明",
            "机关运行经费支出40.00万元，比2023年度增加45.00万元，主要原因是办公用房维修。",
            "“三公”经费支出决算8.00万元，比2023年度增加8.00万元，主要原因是新增公务接待任务。",
            "政府采购支出60.00万元，比2023年度增加5.00万元，主要原因是新增设备购置。");
        var f = Fires(doc, "NA-NEGATIVE-BASE", Severity.Error, "40.00", "45.00", "-5.00");
        Assert.DoesNotContain("8.00", f.Message);
        Assert.Single(Run(doc), x => x.RuleId == "NA-NEGATIVE-BASE");
    }

    [Fact]
    public void A_reason_that_names_an_amount_and_goes_on_after_it_is_a_reason()
    {
        // A Shanghai 2025 部门决算: the figure is inside the reason, the cause follows it.
        var doc = Recognise(
            "八、政府性基金预算财政拨款收入支出决算情况说明",
            "2、城乡社区支出（类）国有土地使用权出让收入对应专项债务收入安排的支出（款）其他国有土地使用权出让收入对应专项债务收入安排的支出（项）。主要用于：真如海心剧院精装修工程。年初预算为 0 万元，支出决算为 2000.00 万元。决算数大于预算数的主要原因：真如海心剧院精装修",
            "工程 2000.00 万元预算从一般公共预算财政拨款调整至政府性基金预算财政拨款。",
            "3、“三公”经费支出决算为0.00万元。决算数小于预算数的主要原因：“三公”经费支出0.00万元。");
        var f = Fires(doc, "NA-REASON-EMPTY", Severity.Warning, "“三公”经费");
        Assert.DoesNotContain("真如海心", f.Message);
    }

    [Fact]
    [Covers("NA-REASON-DIRECTION")]
    public void A_reason_for_an_increase_after_a_stated_decrease_is_a_warning()
    {
        // A 2026 单位预算 (Shanghai): both 收入 and 支出 fell by 2,163.37 万元, the reason speaks of an increase.
        var doc = Budget(
            "2026年，上海市普陀区人民政府石泉路街道办事处收入预算7,630.61万元，其中：财政拨款收入7,630.61万元，比2025年预算减少2,163.37万元。",
            "支出预算7,630.61万元，其中：财政拨款支出预算7,630.61万元，比2025年预算减少2,163.37万元。",
            "财政拨款收入支出增加的主要原因是“武宁路沿线风貌提升”项目支出减少。");
        var f = Fires(doc, "NA-REASON-DIRECTION", Severity.Warning, "减少", "增加的主要原因");
        Assert.Contains("财政拨款支出", f.Message);
    }

    [Theory]
    [InlineData("财政拨款收入支出减少的主要原因是项目支出减少。", "减少2,163.37万元", "减少2,163.37万元")]   // the same direction
    [InlineData("财政拨款收入支出增加的主要原因是项目支出增加。", "增加2,163.37万元", "减少1.00万元")]       // 收入 up, 支出 down: which one is meant is unknown
    [InlineData("其中公务接待费增加，主要原因是接待任务增加。", "减少2,163.37万元", "减少2,163.37万元")]     // the lead names another subject
    public void A_reason_whose_direction_fits_or_cannot_be_placed_is_silent(string reason, string incomeChange, string spendingChange)
    {
        var doc = Budget(
            $"2026年财政拨款收入7,630.61万元，比2025年预算{incomeChange}。",
            $"财政拨款支出预算7,630.61万元，比2025年预算{spendingChange}。",
            reason);
        Silent(doc, "NA-REASON-DIRECTION");
    }

    [Fact]
    [Covers("NA-ZERO-BUDGET-CLAIM")]
    public void A_completion_rate_of_a_zero_budget_is_a_warning()
    {
        var doc = Recognise(
            "七、财政拨款“三公”经费支出决算情况说明",
            "公务接待费支出年初预算为0.00万元，支出决算为0.00万元，完成年初预算的0%。");
        Fires(doc, "NA-ZERO-BUDGET-CLAIM", Severity.Warning, "0%");
    }

    [Fact]
    [Covers("NA-ZERO-BUDGET-RATE")]
    public void A_completion_rate_of_an_item_without_budget_in_the_sangong_table_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentFinalAccount;
        doc.Statements.Add(new NarrativeStatement
        {
            Text = "公务用车购置费决算为0.00万元，完成预算的0%", Subject = "公务用车购置费决算", FigureKey = FigureKeys.公务用车购置费,
            Stated = new StatedAmount(0m, 0m, "0.00万元"), CompletionStated = new StatedPercent(0m, 1m, "0%"),
        });
        Fires(doc, "NA-ZERO-BUDGET-RATE", Severity.Warning, "公务用车购置费", "完成预算的0");
    }

    [Fact]
    public void Restating_the_fact_is_no_reason_but_a_cause_is()
    {
        Assert.True(NarrativeSubjects.IsTautological("当年度无“三公”经费支出", "“三公”经费"));
        Assert.True(NarrativeSubjects.IsTautological("支出减少", "项目支出"));
        Assert.False(NarrativeSubjects.IsTautological("严格落实中央八项规定，控制“三公”经费支出", "“三公”经费"));
        Assert.False(NarrativeSubjects.IsTautological("人员变动", "人员经费"));
    }

    // ------------------------------------------------------------ wording seen in other provinces (invented figures)

    [Fact]
    [Covers("NA-CHANGE-WORDS")]
    public void A_decrease_whose_percentage_says_increase_is_an_error()
    {
        // Seen in a Yunnan 预算: the amount says 减, the percentage right after it says 增.
        var doc = Budget("2.商品和服务支出12.50万元，较上年减0.30万元，增2.34%。主要原因是：会议费减少。");
        Fires(doc, "NA-CHANGE-WORDS", Severity.Error, "减少 0.30", "增 2.34%");
        Silent(Budget("2.商品和服务支出12.50万元，较上年减0.30万元，降幅2.34%。主要原因是：会议费减少。"), "NA-CHANGE-WORDS");
    }

    [Fact]
    public void A_percentage_of_another_subject_in_the_same_sentence_is_not_a_contradiction()
    {
        // The percentage names its own subject: it is not the decrease's.
        var doc = Budget("一般公共预算支出120.00万元，比上年减少5.00万元，其中项目支出增长3.10%。");
        Silent(doc, "NA-CHANGE-WORDS");
    }

    [Fact]
    [Covers("NA-COMPLETION-DIFFERENCE")]
    public void A_completion_rate_that_the_stated_overrun_contradicts_is_an_error()
    {
        // Seen in a Gansu 决算: 完成年初预算100% next to a stated overrun of the budget.
        var doc = Recognise("本单位一般公共预算财政拨款支出总计530.00万元，完成年初预算100%，决算数大于预算数30.00万元，主要原因是人员增加。");
        Fires(doc, "NA-COMPLETION-DIFFERENCE", Severity.Error, "530.00", "500.00", "106.00%");
        Silent(Recognise("本单位一般公共预算财政拨款支出总计530.00万元，完成年初预算106%，决算数大于预算数30.00万元，主要原因是人员增加。"), "NA-COMPLETION-DIFFERENCE");
        Silent(Recognise("本单位一般公共预算财政拨款支出总计470.00万元，完成年初预算的94%，决算数小于预算数30.00万元，主要原因是压减支出。"), "NA-COMPLETION-DIFFERENCE");
    }

    [Fact]
    [Covers("NA-SANGONG-SHARE")]
    public void A_sangong_item_share_naming_no_whole_is_checked_against_the_table_total()
    {
        // Seen in an Anhui 决算: the only 三公 item, the whole total, said to be a third of it. Fixture 合计 38.42.
        var doc = Fixture.Build();
        doc.Statements.Add(new NarrativeStatement
        {
            Text = "公务接待费8.42万元，占50.00%", Subject = "公务接待费", FigureKey = FigureKeys.公务接待费,
            Stated = new StatedAmount(8.42m, 0.005m, "8.42万元"), ShareStated = new StatedPercent(50.00m, 0.01m, "50.00%"),
        });
        Fires(doc, "NA-SANGONG-SHARE", Severity.Error, "50.00", "38.42", "21.92%");
        doc.Statements[^1].ShareStated = new StatedPercent(21.92m, 0.01m, "21.92%");
        Silent(doc, "NA-SANGONG-SHARE");
    }

    [Fact]
    [Covers("NA-UNIT-SLIP")]
    public void The_same_digits_in_yuan_where_the_subject_is_stated_in_wan_yuan_are_a_unit_slip()
    {
        // Seen in a Gansu 决算: one 三公 item in 元 where the same digits are 万元 elsewhere.
        var doc = Recognise(
            "“三公”经费合计12.30万元，其中：公务接待费2.45万元，公务用车运行维护费9.85万元，因公出国（境）费0万元。",
            "本年公务接待费2.45元，主要用于接待上级检查。");
        Fires(doc, "NA-UNIT-SLIP", Severity.Warning, "2.45元", "2.45万元");
        Silent(Recognise("“三公”经费合计12.30万元，其中：公务接待费2.45万元，公务用车运行维护费9.85万元。本年公务接待人均245元。"), "NA-UNIT-SLIP");
    }

    [Fact]
    public void A_sangong_change_in_the_sentence_after_its_total_is_checked_against_that_total()
    {
        // Seen in a Yunnan 预算: the total in one sentence, its change and a wrong percentage in the next.
        var doc = Budget(
            "四、“三公”经费预算情况说明",
            "2025年财政拨款“三公”经费预算总额为8.00万元，其中，公务接待费支出2.00万元。",
            "2025年“三公”经费预算数比2024年预算数减少1.00万元，减幅0.11%。主要原因是厉行节约。");
        Fires(doc, "IC-CHANGE-RATE", Severity.Error, "8.00", "11.11%");
    }

    [Fact]
    public void A_colon_list_goes_on_in_the_next_sentence_with_the_next_part_of_a_known_split()
    {
        // Seen in a Guangxi 预算: 基本支出 “其中：” 人员经费 in one sentence, 公用经费 in the next, adding up to less.
        var doc = Recognise(
            "2024年本年一般公共预算基本支出920000.00元，其中：",
            "人员经费800000.00元，主要包括：基本工资、津贴补贴。",
            "公用经费70000.00元，主要包括：办公费、工会经费。");
        Fires(doc, "NA-PARTS-SUM", Severity.Error, "92.00", "87.00");
        var other = Recognise("2024年本年收入合计920000.00元，其中：财政拨款收入900000.00元，主要是本级拨款。支出合计910000.00元，主要用于履职。");
        Silent(other, "NA-PARTS-SUM");
    }
}
