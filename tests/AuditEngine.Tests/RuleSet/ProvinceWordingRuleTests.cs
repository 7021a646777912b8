using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// Narrative wordings of provinces other than Shanghai (Anhui, Guangxi, Inner Mongolia, Sichuan, Yunnan, Guangdong
/// 三公 and 预算 statements), reproduced with invented figures and names: each read as its words mean, neither a false
/// finding nor a lost one.
/// </summary>
public sealed class ProvinceWordingRuleTests : RuleTestBase
{
    /// <summary>A narrative page under a cover naming the department and, when given, the year.</summary>
    private static Disclosure Recognise(DocumentType type, string cover, params string[] lines) => Read(type, cover, scanned: false, lines);

    /// <param name="scanned">The pages read by OCR (confidence below 1), else printed.</param>
    private static Disclosure Read(DocumentType type, string cover, bool scanned, string[] lines) =>
        NarrativePages.Recognise(type, [cover], lines, scanned);

    [Fact]
    public void A_change_stated_after_an_earlier_years_figure_is_not_that_figures_change()
    {
        // Inner Mongolia 部门预算: last year's 决算 items, then this year's 预算 compared with them item by item.
        var doc = Recognise(DocumentType.DepartmentBudget, "示例旗档案馆2026年部门预算",
            "一、2026年“三公”经费预算安排情况",
            "2026年度“三公”经费预算总计30.00万元，其中：因公出国（境）经费0万元，公务接待14.00万元，公务用车运行费用16.00万元。",
            "二、2025年“三公”经费决算情况",
            "2025年度“三公”经费合计支出29.00万元，其中：因公出国（境）经费0万元，公务接待15.00万元，公务用车运行费用14.00万元。",
            "2026年度“三公”经费预算较2025年度增加1.00万元，其中公务接待较上年同期减少1.00万元，减少6.67%。公务用车运行费用较上年同期增加2.00万元，增长14.29%。主要原因是车辆使用年限增加，维修保养费用增加。");
        Silent(doc, "IC-CHANGE-RATE");
    }

    [Theory]
    [InlineData("下降10.00%", false)]
    [InlineData("下降12.00%", true)]
    public void A_base_named_with_its_year_is_the_base_even_when_the_documents_year_is_not_known(string rate, bool wrong)
    {
        // Sichuan: “2026年…预算总额为1800万元，较2025年的2000万元减少200万元，下降10%” under a cover with no year.
        var doc = Recognise(DocumentType.DepartmentBudget, "示例市“三公”经费预算",
            $"经示例市财政局汇总，2026年全市各单位使用财政拨款安排“三公”经费预算总额为1800万元，较2025年的2000万元减少200万元，{rate}。2026年“三公”经费预算下降的原因主要是继续严格落实过紧日子要求。");
        Assert.Null(doc.Year);
        if (wrong) Fires(doc, "IC-CHANGE-RATE", Severity.Error, "10.00%");
        else Silent(doc, "IC-CHANGE-RATE");
        Silent(doc, "SG-ITEM-CHANGE-REASON");
    }

    [Fact]
    public void A_list_opened_after_a_sentence_without_figures_is_not_the_parts_of_the_figure_before_it()
    {
        // Guangxi 单位预算: the fund-type split ends on 0元, then the project-type split is introduced on its own.
        var doc = Recognise(DocumentType.UnitBudget, "示例市科学技术协会2026年单位预算",
            "（二）政府采购预算安排情况说明。",
            "2026年政府采购预算20000元。按政府采购资金类型划分，一般公共预算拨款20000元，上年结转结余资金安排0元。",
            "按政府采购项目类型，分为货物类采购、工程类采购和服务类采购三种类型。其中：货物类采购12000元，占政府采购预算60%；工程类采购0元，占政府采购预算0%；服务类采购8000元，占政府采购预算40%。");
        Silent(doc, "NA-PART-EXCEEDS");
    }

    [Fact]
    public void An_economic_class_budget_is_not_the_expenditure_total()
    {
        // Guangxi 单位预算 in 元: 工资福利支出预算 and 商品和服务支出预算 are parts of 基本支出, not 支出合计.
        var doc = Recognise(DocumentType.UnitBudget, "示例市档案馆2026年单位预算",
            "五、一般公共预算支出情况说明",
            "1. 基本支出预算900000元，占一般公共预算支出的90%。其中：",
            "工资福利支出预算700000元，占基本支出预算77.78%。",
            "商品和服务支出预算200000元，占基本支出预算22.22%。",
            "2. 项目支出100000元，占一般公共预算支出的10%。");
        Silent(doc, "UT-N-BASIC-PROJECT");
    }

    [Fact]
    public void A_sangong_change_against_a_named_year_is_a_comparison_with_last_year()
    {
        // Shanghai 2017 style: “…支出决算数比2016年度减少0.30万元”, under a heading closed with 。 (read as text).
        var doc = Recognise(DocumentType.DepartmentFinalAccount, "示例区档案局2017年度部门决算",
            "（一）“三公”经费财政拨款支出决算总体情况说明。",
            "示例区档案局2017年度“三公”经费财政拨款支出年初预算为20.00万元，支出决算为9.00万元，完成预算的45.00%，其中：因公出国（境）费支出决算为0万元；公务用车购置及运行维护费支出决算为7.00万元；公务接待费支出决算为2.00万元。",
            "2017年度“三公”经费财政拨款支出决算数比2016年度减少0.30万元，降低3.23%，其中：因公出国（境）费支出决算减少0万元；公务用车购置及运行维护费支出决算减少0.40万元；公务接待费支出决算增加0.10万元。公务用车购置及运行维护费支出减少的主要原因是严格执行八项规定。公务接待费支出增加的主要原因是接待批次略有增加。");
        Silent(doc, "SG-NO-COMPARISON");
        // Every item that changed says why: the total needs no reason of its own.
        Silent(doc, "SG-ITEM-CHANGE-REASON");
    }

    [Fact]
    [Covers("SG-ITEM-CHANGE-REASON")]
    public void Item_changes_explained_by_the_totals_reason_or_by_a_short_name_pass_and_an_unexplained_one_is_reported()
    {
        // Yunnan: one reason for the total that names each item it covers.
        var named = Recognise(DocumentType.DepartmentFinalAccount, "示例市科技局2018年度部门决算",
            "一、“三公”经费财政拨款支出决算总体情况",
            "2018年度“三公”经费支出决算为50,000.00元。其中：因公出国（境）费支出决算为10,000.00元；公务用车购置及运行费支出决算为40,000.00元。",
            "2018年度“三公”经费支出决算数比2017年减少50,000.00元，下降50.00%。其中：因公出国（境）费支出决算减少40,000.00元，下降80.00%；公务用车购置及运行费支出决算减少10,000.00元，下降20.00%。2018年度“三公”经费支出决算减少的主要原因是因公出国（境）团组减少，以及公车运行维护费压减。");
        Silent(named, "SG-ITEM-CHANGE-REASON");

        // Guangdong: “接待费减少的原因主要是…” for 公务接待费.
        var shortName = Recognise(DocumentType.DepartmentBudget, "示例市委宣传部2026年部门预算",
            "四、“三公”经费预算情况",
            "2026年“三公”经费预算30.00万元，比上年减少2.00万元。其中：公务接待费25.00万元，比上年减少2.00万元。接待费减少的原因主要是严控公务接待开支。");
        Silent(shortName, "SG-ITEM-CHANGE-REASON");

        // Only 因公出国 says why: the vehicle item's increase is unexplained.
        var unexplained = Recognise(DocumentType.DepartmentFinalAccount, "示例市科技局2018年度部门决算",
            "一、“三公”经费财政拨款支出决算总体情况",
            "2018年度“三公”经费支出决算为70,000.00元。其中：因公出国（境）费支出决算为10,000.00元；公务用车购置及运行费支出决算为60,000.00元。",
            "2018年度“三公”经费支出决算数比2017年减少30,000.00元，下降30.00%。其中：因公出国（境）费支出决算减少40,000.00元，下降80.00%，主要原因是因公出国（境）团组减少；公务用车购置及运行费支出决算增加10,000.00元，增长20.00%。");
        Fires(unexplained, "SG-ITEM-CHANGE-REASON", Severity.Error, "公务用车购置及运行维护费", "增加");
    }

    [Theory]
    [InlineData("占31.00%", "占69.00%", false)]
    [InlineData("占69.00%", "占31.00%", true)]   // Anhui 决算: the two shares swapped
    [Covers("NA-SHARES-DISAGREE")]
    public void Shares_of_a_whole_the_sentence_does_not_name_must_imply_one_total(string reception, string vehicles, bool swapped)
    {
        var doc = Recognise(DocumentType.DepartmentFinalAccount, "示例县文物保护中心2025年度部门决算",
            "（二）一般公共预算财政拨款“三公”经费支出决算具体情况说明",
            $"示例县文物保护中心2025年度一般公共预算财政拨款“三公”经费支出决算中，公务接待费支出决算0.62万元，{reception}；公务用车购置及运行维护费支出决算1.38万元，{vehicles}。");
        if (swapped) Fires(doc, "NA-SHARES-DISAGREE", Severity.Error, "0.62", "69.00%", "1.38", "31.00%", "0.9", "4.45");
        else Silent(doc, "NA-SHARES-DISAGREE");
    }

    [Fact]
    public void Shares_of_a_named_total_never_stated_may_not_add_up_to_more_than_the_whole()
    {
        // Guangxi 单位预算 in 元: 基本支出 84.06% and 项目支出 19.62% “占一般公共预算支出的”, which is never given.
        var doc = Recognise(DocumentType.UnitBudget, "示例市档案馆2026年单位预算",
            "五、一般公共预算支出情况说明",
            "1. 基本支出预算850000元，占一般公共预算支出的85.00%。",
            "2. 项目支出150000元，占一般公共预算支出的19.00%。");
        Fires(doc, "NA-SHARES-DISAGREE", Severity.Error, "85.00%", "19.00%", "一般公共预算支出");
        var right = Recognise(DocumentType.UnitBudget, "示例市档案馆2026年单位预算",
            "五、一般公共预算支出情况说明",
            "1. 基本支出预算850000元，占一般公共预算支出的85.00%。",
            "2. 项目支出150000元，占一般公共预算支出的15.00%。");
        Silent(right, "NA-SHARES-DISAGREE");
    }

    [Fact]
    public void A_completion_rate_right_for_one_unit_says_the_unit_is_wrong()
    {
        // Yunnan 决算 in 元 whose budget was printed as 万元.
        var doc = Recognise(DocumentType.DepartmentFinalAccount, "示例市科技局2025年度部门决算",
            "一、一般公共预算财政拨款“三公”经费支出决算总体情况",
            "示例市科技局2025年度一般公共预算财政拨款“三公”经费支出预算为400,000.00万元，支出决算为100,000.00元，完成预算的25.00%。");
        Fires(doc, "IC-COMPLETION-RATE", Severity.Error, "25.00%", "单位（元/万元）写错");
    }

    [Fact]
    public void A_figure_left_blank_is_a_placeholder_on_a_printed_page_only()
    {
        // Guangdong: “因公出国（境）费0万元，占 %，比上年减少 万元”.
        string[] lines = ["四、“三公”经费预算情况", "2026年“三公”经费预算30.00万元，比上年减少2.00万元。其中：因公出国（境）费0万元，占 %，比上年减少 万元；公务接待费30.00万元，占100%，比上年减少2.00万元，主要原因是严控公务接待开支。"];
        var printed = Recognise(DocumentType.DepartmentBudget, "示例市委宣传部2026年部门预算", lines);
        Fires(printed, "IC-PLACEHOLDER", Severity.Warning, "占 %");

        Silent(Read(DocumentType.DepartmentBudget, "示例市委宣传部2026年部门预算", scanned: true, lines), "IC-PLACEHOLDER");
    }

    [Fact]
    public void Sangong_unchanged_in_other_words_is_a_comparison_with_last_year()
    {
        // Guangxi 单位预算: “…“三公”经费支出预算0元，同比无变化。”
        var doc = Recognise(DocumentType.UnitBudget, "示例市档案馆2026年单位预算",
            "（一）2026年单位预算全口径安排的“三公”经费预算情况。",
            "2026年单位预算全口径安排“三公”经费支出预算0元，同比无变化。");
        Silent(doc, "SG-NO-COMPARISON");
    }

    [Fact]
    public void Stars_for_a_classification_name_are_a_placeholder_but_markdown_emphasis_is_not()
    {
        var doc = Recognise(DocumentType.DepartmentFinalAccount, "示例局2025年度部门决算",
            "（二）一般公共预算支出决算情况说明",
            "2025年度一般公共预算财政拨款支出120.00万元。其中：按功能分类科目，********支出100.00万元，**社会保障和就业支出**20.00万元。");
        Fires(doc, "IC-PLACEHOLDER", Severity.Warning, "********");
    }

    [Theory]
    [InlineData("增幅10.00%", false)]
    [InlineData("增幅12.00%", true)]
    public void A_rate_after_zengfu_is_the_changes_rate(string rate, bool wrong)
    {
        // Yunnan 部门预算: “基本支出预算110.00万元，较上年增10.00万元，增幅10.00%”.
        var doc = Recognise(DocumentType.DepartmentBudget, "示例市档案馆2026年部门预算",
            "一、预算收支增减变化情况说明",
            $"2026年基本支出预算110.00万元，较上年增10.00万元，{rate}。主要原因是在职人员工资增加。");
        if (wrong) Fires(doc, "IC-CHANGE-RATE", Severity.Error, "10.00%");
        else Silent(doc, "IC-CHANGE-RATE");
    }

    [Fact]
    public void Sangong_items_under_other_names_are_the_complete_split_of_the_total()
    {
        // Gansu 决算: 车辆运行费 for the vehicle item; the three items do not make the total.
        var doc = Recognise(DocumentType.DepartmentFinalAccount, "示例州交通局2025年度部门决算",
            "一、“三公”经费增减变化情况说明",
            "2025年“三公”经费合计32.00万元，其中：公务接待费2.00万元，车辆运行费29.00万元，因公出国（境）费0万元。");
        Fires(doc, "NA-PARTS-SUM", Severity.Error, "32.00", "31.00");
    }

    [Fact]
    public void A_sangong_change_is_explained_by_the_items_moving_the_same_way_or_by_the_total_it_makes_up()
    {
        // Gansu: the total rose with the vehicle item, whose reason is given; reception fell without one.
        var rose = Recognise(DocumentType.DepartmentFinalAccount, "示例州交通局2025年度部门决算",
            "一、“三公”经费增减变化情况说明",
            "2025年“三公”经费合计30.00万元，较2024年度“三公”经费合计16.00万元增加14.00万元。其中：公务接待费2.00万元，较上年减少1.00万元；公务用车运行维护费28.00万元，较上年增加15.00万元，原因为油价上涨、车辆老旧维修增加。");
        var findings = Run(rose).Where(f => f.RuleId == "SG-ITEM-CHANGE-REASON").ToList();
        var only = Assert.Single(findings);
        Assert.Contains("公务接待费", only.Message);

        // Yunnan: the total's reason covers the one item that makes all of its change.
        var single = Recognise(DocumentType.DepartmentBudget, "示例市档案馆2026年部门预算",
            "二、“三公”经费预算收支增减情况",
            "2026年“三公”经费预算2.70万元，比上年减少0.06万元，主要原因是认真执行中央八项规定，厉行节约开支。其中：公务用车运行维护费1.50万元，与上年持平；公务接待费1.20万元，比上年减少0.06万元。");
        Silent(single, "SG-ITEM-CHANGE-REASON");
    }

    [Fact]
    public void A_word_closed_with_an_opening_quote_is_one_unclosed_quote()
    {
        // Guangdong and Guangxi: “三公“经费, “八项规定“ — one slip each, not two.
        var doc = Recognise(DocumentType.DepartmentBudget, "示例市统计局2026年部门预算",
            "四、“三公”经费预算情况",
            "公务接待费减少的原因主要是严格执行中央“八项规定“，严控公务接待开支。");
        Fires(doc, "TH-UNCLOSED-QUOTE", Severity.Warning, "八项规定");
    }
}
