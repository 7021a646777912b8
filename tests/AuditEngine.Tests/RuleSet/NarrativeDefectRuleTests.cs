using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// The narrative defects reviewers flag (rules/inconsistency.json, rules/narrative-totals.json), end to end: a small
/// PDF-like layout (one paragraph per printed line, sentences and figures broken at the line's end, as the Shanghai
/// 决算 print them) is recognised and audited by the shipped rules. Wording is the real documents'.
/// </summary>
public sealed class NarrativeDefectRuleTests : RuleTestBase
{
    private const string Department = "上海市普陀区规划和自然资源局";

    /// <summary>The finding's evidence points at the page (the message does not: it reads alike in every form).</summary>
    private static void OnPage(Finding f, int page) =>
        Assert.True(f.Evidence.Any(e => e.Page == page), $"no evidence on page {page}: {f}");

    /// <summary>A 2024 部门决算: cover, then the given lines, each (page, text).</summary>
    private static Disclosure Recognise(params (int Page, string Text)[] lines) => Recognise(1.0, lines);

    /// <param name="confidence">Of the given lines: below 1 they were read by OCR (the cover stays printed).</param>
    private static Disclosure Recognise(double confidence, params (int Page, string Text)[] lines)
    {
        var layout = new Layout { Source = "t.pdf" };
        var pages = lines.Select(l => l.Page).Append(1).Distinct().Order();
        foreach (var n in pages) layout.Pages.Add(new LayoutPage { Number = n, Scanned = n != 1 && confidence < 1.0 });
        layout.Blocks.Add(new Paragraph { Text = Department, Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2024年度部门决算", Page = 1 });
        foreach (var (page, text) in lines) layout.Blocks.Add(new Paragraph { Text = text, Page = page, Confidence = confidence });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentFinalAccount;
        return doc;
    }

    // ---------------------------------------------------------------- placeholders and template text

    [Fact]
    [Covers("IC-PLACEHOLDER")]
    public void A_placeholder_department_is_one_warning_quoting_it_with_its_page()
    {
        var doc = Recognise(
            (7, "第二部分 上海市普陀区XX局 2024 年度部门决算表"),
            (18, "一、收入支出决算总体情况说明"),
            (18, "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。"));
        var f = Fires(doc, "IC-PLACEHOLDER", Severity.Warning, "上海市普陀区XX局", "“XX”");
        Assert.Contains(f.Evidence, e => e.Page == 7);
    }

    [Fact]
    public void Several_placeholders_in_one_sentence_are_one_finding()
    {
        var doc = Recognise(
            (15, "一、收入支出决算总体情况说明"),
            (15, "上海市普陀区规划和自然资源局2024年度收入支出总计XXX万元，主要原因：XXXXXXXX。"),
            (16, "本年收入合计XXX万元。"));
        FiresEach(doc, "IC-PLACEHOLDER", 2, Severity.Warning);
    }

    [Fact]
    public void Latin_words_and_a_single_x_are_no_placeholders()
    {
        var doc = Recognise(
            (15, "一、收入支出决算总体情况说明"),
            (15, "采购XXL型号服务器1台，系统部署在Linux平台，共x台。"));
        Silent(doc, "IC-PLACEHOLDER");
    }

    [Fact]
    [Covers("IC-TEMPLATE-INSTRUCTION")]
    public void A_template_instruction_left_under_an_empty_table_is_one_warning_per_place()
    {
        // putuo_shehuigongzuobu_2024_juesuan p.15: the instruction is printed above the statement it asks for.
        var doc = Recognise(
            (15, "注：本表反映部门本年度政府性基金预算财政拨款收入支出及结转和结余情况。"),
            (15, "无政府性基金预算财政拨款收入支出的，仍保留该表格式，并在本表下方作下述说明："),
            (15, "说明：中共上海市普陀区委社会工作部本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。"));
        OnPage(Fires(doc, "IC-TEMPLATE-INSTRUCTION", Severity.Warning, "仍保留该表格式"), 15);
    }

    [Fact]
    public void A_bracketed_instruction_is_template_text_but_an_ordinary_note_is_not()
    {
        var doc = Recognise(
            (15, "一、收入支出决算总体情况说明"),
            (15, "主要原因：人员变动。（如持平作持平表述）"),
            (16, "注：本表反映部门本年度的总收支和年末结转结余情况。单价100万元（含）以上设备（不含车辆）2台（套）。"));
        var f = Fires(doc, "IC-TEMPLATE-INSTRUCTION", Severity.Warning, "如持平作持平表述");
        Assert.Contains(f.Evidence, e => e.Page == 15);
    }

    [Fact]
    public void The_templates_list_of_contents_left_after_a_paragraph_is_an_instruction()
    {
        // Seen in a Shanghai 2026 部门预算: the bracket lists what the paragraph was to state.
        var doc = Recognise(
            (21, "四、绩效目标设置情况"),
            (21, "本部门5个预算单位开展了2026年项目预算绩效目标编报工作，编报绩效目标的项目24个，涉及项目预算资金314.90万元。（绩效目标管理工作情况，以及编报绩效目标的项目数量、单位数量、预算金额等）"));
        OnPage(Fires(doc, "IC-TEMPLATE-INSTRUCTION", Severity.Warning, "项目数量、单位数量、预算金额等"), 21);
    }

    [Fact]
    public void The_templates_conditional_note_on_a_heading_is_an_instruction()
    {
        // A Shanghai 2025 部门决算 (p.5) keeps the 决算 template's note to departments of a single unit.
        var doc = Recognise(
            (5, "二、部门决算单位构成（仅有一个单位的部门，本部分内容为“机"),
            (5, "构设置”）"),
            (5, "从预算单位构成看，上海市普陀区规划和自然资源局部门决算包括：上"));
        var f = Fires(doc, "IC-TEMPLATE-INSTRUCTION", Severity.Warning, "仅有一个单位的部门", "本部分内容为");
        OnPage(f, 5);
    }

    [Fact]
    public void A_bracketed_list_of_what_was_bought_is_no_instruction()
    {
        var doc = Recognise(
            (15, "一、收入支出决算总体情况说明"),
            (15, "公用经费主要用于日常办公。（含办公费、印刷费、邮电费等）主要原因：人员增加（项目名称、金额另附）。"));
        Silent(doc, "IC-TEMPLATE-INSTRUCTION");
    }

    [Fact]
    [Covers("IC-UNRESOLVED-WORDING")]
    public void Alternatives_left_unresolved_are_a_warning()
    {
        // putuo_guihuaziyuan_2024_juesuan p.25.
        var doc = Recognise(
            (25, "七、财政拨款“三公”经费支出决算情况说明"),
            (25, "2024 年度“三公”经费财政拨款支出决算数比 2023 年度减"),
            (25, "少 0.15 万元，下降（增长）27.78%，其中：因公出国（境）费"));
        OnPage(Fires(doc, "IC-UNRESOLVED-WORDING", Severity.Warning, "下降（增长）"), 25);
    }

    // ---------------------------------------------------------------- years

    [Fact]
    public void A_wrong_year_in_the_narrative_title_is_a_year_mention()
    {
        // putuo_czj_2024_juesuan_seeded_defects p.18: the 情况说明 of a 2024 决算 titled 2023年度.
        var doc = Recognise(
            (2, "第三部分 上海市普陀区规划和自然资源局 2024 年度部门决算情况说明"),
            (18, "第三部分上海市普陀区规划和自然资源局 2023年度部门决算情况说明"),
            (18, "一、收入支出决算总体情况说明"),
            (18, "上海市普陀区规划和自然资源局 2024 年度收入支出总计 9859.38 万元。与"),
            (18, "2023 年度相比，收入支出总计增加 1062.85 万元，增长 12.08%。"));
        var f = Fires(doc, "IC-YEAR", Severity.Error, "“2023”", "决算年度", "2024");
        Assert.Contains(f.Evidence, e => e.Page == 18);
    }

    [Fact]
    public void A_title_year_cut_short_is_a_warning()
    {
        // A Shanghai 2025 部门决算's table of contents (p.2): “202 年度” for 2025 (here 2024).
        var doc = Recognise(
            (2, "第二部分 上海市普陀区规划和自然资源局 2024 年度部门决算表"),
            (2, "第三部分 上海市普陀区规划和自然资源局 202 年度部门决算情况说明"),
            (20, "第三部分 上海市普陀区规划和自然资源局 2024 年度部门决算情况说明"),
            (20, "一、收入支出决算总体情况说明"),
            (20, "上海市普陀区规划和自然资源局 2024 年度收入支出总计 4733.14 万元。"));
        OnPage(Fires(doc, "IC-YEAR", Severity.Warning, "“202”", "年份缺位", "2024"), 2);
    }

    [Fact]
    public void The_comparison_year_in_a_sentence_is_no_wrong_year()
    {
        var doc = Recognise(
            (18, "第三部分上海市普陀区规划和自然资源局 2024年度部门决算情况"),
            (18, "说明"),
            (18, "一、收入支出决算总体情况说明"),
            (18, "上海市普陀区规划和自然资源局2024年度收入支出总计9859.38万元。与2023年度部门决算相比，收入"),
            (18, "支出总计增加1062.85万元，增长12.08%。上年2023年度决算为8796.53万元。"));
        Silent(doc, "IC-YEAR");
    }

    [Fact]
    [Covers("IC-ASOF-YEAR")]
    public void A_year_end_of_another_year_in_a_final_account_is_a_warning()
    {
        var doc = Recognise(
            (24, "（三）国有资产占有使用情况说明"),
            (24, "截至 2023年 12 月 31 日，上海市普陀区规划和自然资源局共有车辆 0"),
            (24, "辆。"));
        OnPage(Fires(doc, "IC-ASOF-YEAR", Severity.Warning, "截至2023年12月31日", "2024 年 12 月 31 日"), 24);
    }

    [Fact]
    public void A_budget_may_state_assets_at_the_end_of_the_year_before()
    {
        var doc = Recognise(
            (30, "五、国有资产占有使用情况"),
            (30, "截至2024年12月31日，共有车辆8辆。"));
        doc.Type = DocumentType.DepartmentBudget;
        doc.Year = 2025;
        Silent(doc, "IC-ASOF-YEAR");
    }

    // ---------------------------------------------------------------- narrative totals against the tables

    [Fact]
    [Covers("UT-N-FISCAL-TOTAL")]
    public void A_fiscal_total_stated_against_a_different_table_total_is_an_error()
    {
        // putuo_czj_2024_juesuan p.21: 0.3 万元 “持平” against 2,961.68 in the table.
        var doc = Fixture.Build();
        var figure = Fixture.NewFigure(FigureKeys.财政拨款收支总计, 0.30m);
        doc.Figures.Add(figure);
        Fires(doc, "UT-N-FISCAL-TOTAL", Severity.Error, "0.30", "3908.42", "财政拨款收支总表", "财政拨款收入支出总计");
    }

    [Fact]
    [Covers("UT-N-GRAND-TOTAL")]
    public void A_grand_total_stated_as_zero_is_an_error()
    {
        var doc = Fixture.Build();
        doc.Figures.Add(Fixture.NewFigure(FigureKeys.收支总计, 0m));
        Fires(doc, "UT-N-GRAND-TOTAL", Severity.Error, "0.00", "4058.42", "部门收支总表");
    }

    [Fact]
    [Covers("UT-N-FISCAL-BASIC")]
    public void A_fiscal_basic_expenditure_off_the_basic_table_is_an_error()
    {
        var doc = Fixture.Build();
        doc.Figures.Add(Fixture.NewFigure(FigureKeys.财政拨款基本支出, 2021.31m));
        Fires(doc, "UT-N-FISCAL-BASIC", Severity.Error, "2021.31", "2008.42", "12.89");
    }

    [Fact]
    public void The_final_account_totals_are_read_across_line_breaks()
    {
        // putuo_guihuaziyuan_2024_juesuan pp.20, 24 as a PDF prints them.
        var doc = Recognise(
            (20, "四、财政拨款收入支出决算总体情况说明"),
            (20, "上海市普陀区规划和自然资源局 2024 年度财政拨款收入支"),
            (20, "出总计 9746.50 万元。与 2023 年度相比，财政拨款收入支出总"),
            (20, "计增加 1193.20 万元，增长 13.95%。"),
            (24, "六、一般公共预算财政拨款基本支出决算情况说明"),
            (24, "一般公共预算财政拨款基本支出 5377.64 万元。其中：人员"),
            (24, "经费 4896.98 万元，主要包括：基本工资、津贴补贴、奖金；"),
            (24, "公用经费 480.66 万元，主要包括：办公费、手续费。"));
        Assert.Equal(9746.50m, doc.Figure(FigureKeys.财政拨款收支总计)?.Value);
        Assert.Equal(1193.20m, doc.Figure(FigureKeys.财政拨款收支总计)?.Change);
        Assert.Equal(5377.64m, doc.Figure(FigureKeys.财政拨款基本支出)?.Value);
        Assert.Equal(24, doc.Figure(FigureKeys.财政拨款基本支出)?.Provenance.Page);
        Assert.Equal(4896.98m, doc.Figure(FigureKeys.人员经费)?.Value);
        Assert.Equal(480.66m, doc.Figure(FigureKeys.公用经费)?.Value);
    }

    [Fact]
    public void A_final_account_figure_stated_after_its_budget_is_the_final_figure()
    {
        var doc = Recognise(
            (25, "七、财政拨款“三公”经费支出决算情况说明"),
            (25, "“三公”经费财政拨款支出年初预算为 2.85 万元，支出决"),
            (25, "算为 0.39 万元，完成预算的 13.68%。"));
        Assert.Equal(0.39m, doc.Figure(FigureKeys.三公经费)?.Value);
    }

    // ---------------------------------------------------------------- percentages against their figures

    [Fact]
    [Covers("IC-COMPLETION-RATE")]
    public void A_completion_rate_of_a_zero_budget_is_an_error()
    {
        // putuo_shehuigongzuobu_2024_juesuan p.18.
        var doc = Recognise(
            (18, "（三）一般公共预算财政拨款支出决算具体情况"),
            (18, "一般公共预算财政拨款支出年初预算为 0 万元，全年预算为"),
            (18, "321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%。"),
            (18, "决算数小于预算数的主要原因：人员经费支出数小于预算数。"));
        OnPage(Fires(doc, "IC-COMPLETION-RATE", Severity.Error, "95.89%", "0.00", "307.82"), 18);
    }

    [Fact]
    public void Completion_rates_that_follow_from_their_figures_pass_even_when_cut_off()
    {
        var doc = Recognise(
            (21, "（三）一般公共预算财政拨款支出决算具体情况"),
            (21, "一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元，完"),
            (21, "成年初预算的95.45%。决算数小于预算数的主要原因：项目调减。"),
            (21, "1、主要用于：在职人员基本医疗保险费。全年预算为 2.23 万元，支出决算为 2.22 万元，完成全年预算数的 99.55%。"),
            (22, "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%，其中：因公出国（境）费决算为0.00万元，完成预算的0%。"));
        Assert.Equal(3, doc.Claims.Count(c => c.HasRate));
        Silent(doc, "IC-COMPLETION-RATE");
    }

    [Fact]
    public void A_completion_rate_off_its_figures_is_an_error()
    {
        var doc = Recognise(
            (21, "（三）一般公共预算财政拨款支出决算具体情况"),
            (21, "年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的92.80%。"));
        Fires(doc, "IC-COMPLETION-RATE", Severity.Error, "92.80%", "98.20%");
    }

    [Fact]
    [Covers("IC-EXECUTION-WORDING")]
    public void Reversed_greater_and_equal_wording_is_a_warning_per_item()
    {
        // putuo_czj_2024_juesuan_seeded_defects pp.19–21.
        var doc = Recognise(
            (19, "（三）一般公共预算财政拨款支出决算具体情况"),
            (19, "1、一般公共服务支出（类）财政事务（款）行政运行"),
            (19, "（项）。主要用于：局本部人员经费及公用经费等的基本支出。"),
            (19, "年初预算为1560.05万元，支出决算为1511.89万元。决算"),
            (19, "数大于预算数的主要原因：人员进出及退休变化，减少人员经"),
            (19, "费开支。"),
            (19, "2、一般公共服务支出（类）财政事务（款）一般行政管理"),
            (19, "事务（项）。年初预算为10.00万元，支出决算为10.00万元。决算数与预"),
            (19, "算数基本持平。"),
            (21, "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。主要用于："),
            (21, "在职人员基本医疗保险费。年初预算为62.29 万元，支出决算为60.99万元。 决"),
            (21, "算数等于预算数的主要原因：预算按周全保障测算，实际执行基本贴合预期。"),
            (21, "10、住房保障支出（类）住房改革支出（款）住房公积金（项）。年初预算为 187.75 万元，支出决算为187.19万元。决算数小于预算数的主要原因：按实际。"));
        var findings = FiresEach(doc, "IC-EXECUTION-WORDING", 2, Severity.Warning);
        OnPage(Check(findings[0], Severity.Warning, "“大于”", "1560.05", "1511.89", "决算数小于预算数"), 19);
        OnPage(Check(findings[1], Severity.Warning, "“等于”", "62.29", "60.99"), 21);
    }

    [Fact]
    public void A_comparison_with_the_full_year_budget_uses_that_budget()
    {
        var doc = Recognise(
            (19, "（三）一般公共预算财政拨款支出决算具体情况"),
            (19, "1、主要用于：事业单位人员支出。年初预算为 0 万元，全年预算为 17.68 万元，支出决算"),
            (19, "为 11.31 万元。决算数小于全年预算数的主要原因：单位新成立。"),
            (19, "2、全年预算为 202.24 万元，支出决算为 202.24 万元。决算数与全年预算数持平。"));
        Silent(doc, "IC-EXECUTION-WORDING");
    }

    [Fact]
    [Covers("IC-CHANGE-RATE")]
    public void A_change_rate_that_does_not_follow_from_the_figures_is_an_error()
    {
        // putuo_czj_2024_juesuan_seeded_defects p.18: the total printed as 0 keeps its 下降1.87%.
        var doc = Recognise(
            (18, "一、收入支出决算总体情况说明"),
            (18, "上海市普陀区财政局 2024 年度收入支出总计 0 万元。与"),
            (18, "2023 年度相比，收入支出总计减少 56.95 万元，下降 1.87%。主"),
            (18, "要原因：基本支出中人员进出及退休变化。"));
        OnPage(Fires(doc, "IC-CHANGE-RATE", Severity.Error, "1.87%", "56.95", "100.00%"), 18);
    }

    [Fact]
    public void Change_rates_that_follow_from_the_figures_pass_and_growth_from_nothing_is_not_checked()
    {
        var doc = Recognise(
            (24, "（一）机关运行经费支出情况"),
            (24, "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。主要原因是更换照明设施。"),
            (25, "一、收入支出决算总体情况说明"),
            (25, "中共上海市普陀区委社会工作部 2024 年度收入支出总计 307.82"),
            (25, "万元。与 2023 年度相比，收入支出总计增加 307.82 万元，增长"),
            (25, "100.00%。主要原因：单位于 2024 年成立。"));
        Assert.Equal(2, doc.Figures.Count(f => f.HasChangeRate));
        Silent(doc, "IC-CHANGE-RATE");
    }

    [Fact]
    public void A_change_rate_one_step_above_the_figures_rounding_is_a_note_but_one_cut_off_is_not()
    {
        // A Shanghai 2025 部门决算 (p.27): 4.68 on 180.73 is 2.589…%, printed 2.60%; 2.58% would be the rate cut off.
        var doc = Recognise(
            (27, "（一）机关运行经费支出情况"),
            (27, "机关运行经费支出185.41万元，比2024年度增加4.68 万元，"),
            (27, "增长 2.60%。主要原因是人员变动，导致福利费、其他交通费等"),
            (27, "增加；公务用车运行维护费支出增加。"),
            (28, "（二）政府采购支出情况"),
            (28, "政府采购支出185.41万元，比2024年度增加4.68万元，增长2.58%。主要原因是采购项目增加。"));
        var f = Assert.Single(FiresEach(doc, "IC-CHANGE-RATE", 1, Severity.Info));
        Assert.Contains("应为 2.59%", f.Message);
        OnPage(f, 27);
    }

    [Fact]
    [Covers("IC-CHANGE-AMOUNT")]
    public void A_change_that_is_not_the_difference_of_the_two_stated_figures_is_an_error()
    {
        var doc = Recognise(
            (24, "（一）机关运行经费支出情况"),
            (24, "机关运行经费支出184.65万元，上年为182.10万元，增加3.55万元，主要原因是更换照明设施。"));
        OnPage(Fires(doc, "IC-CHANGE-AMOUNT", Severity.Error, "184.65", "182.10", "2.55", "3.55"), 24);
    }

    // ---------------------------------------------------------------- the department named several ways

    [Fact]
    public void A_misspelt_own_name_and_another_body_in_a_title_are_department_variants()
    {
        // putuo_guihuaziyuan_2024_juesuan pp.7 and 26.
        var doc = Recognise(
            (7, "上海市规划和自然资源局 2024 年度部门决算表"),
            (26, "七、财政拨款“三公”经费支出决算情况说明"),
            (26, "2024 年，上海市普陀区规划与自然资源局所属各预算单位"),
            (26, "开支财政拨款的公务用车保有量为 0 辆。"));
        var findings = FiresEach(doc, "IC-DEPARTMENT", 2, Severity.Warning);
        Assert.Contains(findings, f => f.Message.Contains("“规划与自然资源局”", StringComparison.Ordinal) && f.Evidence.Any(e => e.Page == 26));
        Assert.Contains(findings, f => f.Message.Contains("“上海市规划和自然资源局”", StringComparison.Ordinal) && f.Evidence.Any(e => e.Page == 7));
    }

    [Fact]
    public void A_name_one_character_off_on_a_page_read_by_OCR_is_the_misreading()
    {
        // The simulated scan of a real 决算: 普陀 read as 普院 and 普取, 和 as 与.
        var doc = Recognise(0.9,
            (7, "第二部分 上海市普院区规划和自然资源局 2024 年度部门决算表"),
            (20, "普取区规划和自然资源局 2024 年度部门决算表"),
            (26, "七、财政拨款“三公”经费支出决算情况说明"),
            (26, "2024 年，上海市普陀区规划与自然资源局所属各预算单位"),
            (26, "开支财政拨款的公务用车保有量为 0 辆。"));
        Silent(doc, "IC-DEPARTMENT");
        // Another body in a title is no misreading, scan or not.
        Fires(Recognise(0.9, (7, "上海市规划和自然资源局 2024 年度部门决算表")), "IC-DEPARTMENT", Severity.Warning, "“上海市规划和自然资源局”");
    }

    [Fact]
    public void A_city_body_cited_in_a_sentence_and_the_name_without_its_region_are_no_variants()
    {
        var doc = Recognise(
            (4, "一、主要职能"),
            (4, "贯彻执行上海市规划和自然资源局的工作部署；普陀区规划和自然资源局负责本区规划管理。"),
            (4, "二、部门决算单位构成"),
            (4, "纳入决算编制范围的单位包括：上海市普陀区规划和自然资源局（本级）、上海市普陀区自然资源确权登记事务中心。"),
            (18, "第三部分 普陀区规划和自然资源局 2024 年度部门决算情况说明"));
        Silent(doc, "IC-DEPARTMENT");
    }

    // ---------------------------------------------------------------- a classification described as another

    [Fact]
    [Covers("IC-ITEM-DESCRIPTION")]
    public void A_housing_fund_item_described_as_medical_insurance_is_a_warning()
    {
        // putuo_shehuigongzuobu_2024_juesuan p.20.
        var doc = Recognise(
            (20, "（三）一般公共预算财政拨款支出决算具体情况"),
            (20, "7、卫生健康支出（类）行政事业单位医疗（款）事业单位医疗"),
            (20, "（项）。主要用于：事业单位医疗保险支出。全年预算为 2.29 万元，"),
            (20, "支出决算为 0.49 万元。决算数小于全年预算数的主要原因：单位新成立。"),
            (20, "8、住房保障支出（类）住房改革支出（款）住房公积金（项）。"),
            (20, "主要用于：事业单位医疗保险支出。全年预算为 18.12 万元，支出"),
            (20, "决算为 17.70 万元，完成全年预算数的 97.68%。"),
            (20, "9、住房保障支出（类）住房改革支出（款）购房补贴（项）。主要用于：行政单位购房补贴支出。"));
        OnPage(Fires(doc, "IC-ITEM-DESCRIPTION", Severity.Warning, "住房公积金（项）", "事业单位医疗保险支出", "医疗"), 20);
    }
}
