using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Tests.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// Narrative items against the 一般公共预算支出表 (rules/narrative-tables.json) and text hygiene (rules/text-hygiene.json),
/// end to end on PDF-like layouts: one paragraph per printed line, wording and figures of the real Shanghai documents.
/// </summary>
public sealed class TextCheckRuleTests : RuleTestBase
{
    private const string Department = "上海市普陀区规划和自然资源局";

    private static readonly string[][] GeneralBudgetRows =
    [
        ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "1316.79", "1271.79", "45.00"],
        ["208", "社会保障和就业支出", "754.75", "754.75", "0.00"],
        ["20805", "行政事业单位养老支出", "754.75", "754.75", "0.00"],
        ["2080501", "行政单位离退休", "54.53", "54.53", "0.00"],
        ["2080502", "事业单位离退休", "28.11", "28.11", "0.00"],
        ["2080505", "机关事业单位基本养老保险缴", "446.11", "446.11", "0.00"],
        ["2080506", "机关事业单位职业年金缴费支", "225.12", "225.12", "0.00"],
        ["2080599", "其他行政事业单位养老支出", "0.88", "0.88", "0.00"],
        ["220", "自然资源海洋气象等支出", "45.00", "0.00", "45.00"],
        ["22001", "自然资源事务", "45.00", "0.00", "45.00"],
        ["2200199", "其他自然资源事务支出", "45.00", "0.00", "45.00"],
        ["221", "住房保障支出", "517.04", "517.04", "0.00"],
        ["22102", "住房改革支出", "517.04", "517.04", "0.00"],
        ["2210201", "住房公积金", "289.59", "289.59", "0.00"],
        ["2210203", "购房补贴", "227.45", "227.45", "0.00"],
    ];

    /// <summary>A 2024 部门决算 with its 一般公共预算财政拨款支出决算表 on page 10, then the given narrative lines.</summary>
    private static Disclosure Recognise(DocumentType type, params (int Page, string Text)[] lines) => Recognise(type, [], lines);

    /// <param name="scannedPages">Narrative pages read by OCR.</param>
    private static Disclosure Recognise(DocumentType type, int[] scannedPages, params (int Page, string Text)[] lines)
    {
        var layout = new Layout { Source = "t.pdf" };
        foreach (var n in lines.Select(l => l.Page).Append(1).Append(10).Distinct().Order())
            layout.Pages.Add(new LayoutPage { Number = n, Scanned = scannedPages.Contains(n) });
        var final = type.IsFinalAccount();
        layout.Blocks.Add(new Paragraph { Text = Department, Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = final ? "2024年度部门决算" : "2025年部门预算", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = final ? "一般公共预算财政拨款支出决算表" : "一般公共预算支出表", Page = 10 });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = 10 });
        layout.Blocks.Add(LayoutTables.Table(10, GeneralBudgetRows));
        foreach (var (page, text) in lines)
            layout.Blocks.Add(new Paragraph { Text = text, Page = page, Confidence = scannedPages.Contains(page) ? 0.9 : 1.0 });
        var doc = Recognizer.Recognise(layout);
        doc.Type = type;
        return doc;
    }

    private static Disclosure Final(params (int Page, string Text)[] lines)
    {
        var doc = Recognise(DocumentType.DepartmentFinalAccount, lines);
        // The reader ran with the recognised type; the tests fix it as the document's own.
        return doc;
    }

    private static void OnPage(Finding f, int page) =>
        Assert.True(f.Evidence.Any(e => e.Page == page), $"no evidence on page {page}: {f}");

    // ---------------------------------------------------------------- 功能分类 items: names

    [Fact]
    [Covers("NT-ITEM-SPENDING-KIND")]
    public void An_item_said_to_be_basic_spending_whose_row_is_all_project_spending_is_reported()
    {
        var doc = Final(
            (24, "11、自然资源海洋气象等支出（类）自然资源事务（款）其他自然资源事务支出（项）。主要用于："),
            (24, "45.00局机关日常运转等基本支出。年初预算为 45.00 万元，支出决算为 45.00 万元。"));
        var f = Fires(doc, "NT-ITEM-SPENDING-KIND", Severity.Warning, "其他自然资源事务支出（项）", "“局机关日常运转等基本支出”", "基本支出 0.00 万元、项目支出 45.00 万元");
        Assert.Equal(24, f.Evidence[0].Page);
        OnPage(f, 10);
    }

    [Theory]
    [InlineData("主要用于：事业单位项目支出。")]
    [InlineData("主要用于：基本支出和信息化项目。")]     // both kinds named: no claim
    [InlineData("主要用于：自然资源日常管理。")]         // neither named
    public void An_item_whose_purpose_fits_its_row_or_names_no_single_kind_is_silent(string purpose)
    {
        var doc = Final(
            (24, "11、自然资源海洋气象等支出（类）自然资源事务（款）其他自然资源事务支出（项）。"),
            (24, purpose + "年初预算为 45.00 万元，支出决算为 45.00 万元。"));
        Silent(doc, "NT-ITEM-SPENDING-KIND");
    }

    [Fact]
    public void An_item_said_to_be_project_spending_whose_row_is_all_basic_spending_is_reported()
    {
        var doc = Final(
            (24, "12、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：住房公积金项目支出。"),
            (24, "年初预算为289.59 万元，支出决算为 289.59 万元。"));
        Fires(doc, "NT-ITEM-SPENDING-KIND", Severity.Warning, "住房公积金（项）", "（项目支出）", "基本支出 289.59 万元、项目支出 0.00 万元");
    }

    [Fact]
    public void An_item_whose_stated_amount_is_not_its_rows_total_says_nothing_of_the_rows_split()
    {
        // A 决算 whose 一般公共预算 table printed its figures out of line with the codes: the row is not this item's.
        var doc = Final(
            (24, "12、住房保障支出（类）住房改革支出（款）住房公积金（项）。主要用于：住房公积金项目支出。"),
            (24, "年初预算为100.00 万元，支出决算为 100.00 万元。"));
        Silent(doc, "NT-ITEM-SPENDING-KIND");
    }

    [Fact]
    [Covers("NT-ITEM-NAME")]
    public void An_item_named_other_than_its_code_is_found_by_its_unique_amount()
    {
        // putuo_guihuaziyuan_2024_juesuan p.22: 2080599 explained as 机关事业单位退休人员活动费支出（项）.
        var doc = Final(
            (22, "（三）一般公共预算财政拨款支出决算具体情况"),
            (22, "5、社会保障和就业支出（类）行政事业单位养老支出（款）"),
            (22, "机关事业单位退休人员活动费支出（项）。主要用于：退休人员"),
            (22, "开展活动支出。年初预算为 0.88 万元，支出决算为 0.88 万元。"));
        OnPage(Fires(doc, "NT-ITEM-NAME", Severity.Warning, "机关事业单位退休人员活动费支出（项）", "2080599", "其他行政事业单位养老支出"), 22);
        Silent(doc, "NT-ITEM-AMOUNT");
    }

    [Theory]
    [InlineData("社会保障和就业支出（类）行政事业单位养者支出（款）其他行政事业单位养老支出（项）", false, false)]
    [InlineData("社会保障和就业支出（类）行政事业单位养者支出（款）其他行政事业单位养老支出（项）", true, true)]
    [InlineData("社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位退休人员活动费支出（项）", true, false)]
    public void A_name_one_glyph_off_on_a_scanned_page_is_OCR_not_a_misnamed_item(string path, bool scanned, bool silent)
    {
        // “养老” read as “养者” by OCR; a wholly other name is still the document's own.
        var doc = Recognise(DocumentType.DepartmentFinalAccount, scanned ? [22] : [],
            (22, "（三）一般公共预算财政拨款支出决算具体情况"),
            (22, "5、" + path + "。主要用于：退休人员开展活动支出。年初预算为 0.88 万元，支出决算为 0.88 万元。"));
        if (silent) Silent(doc, "NT-ITEM-NAME");
        else Fires(doc, "NT-ITEM-NAME", Severity.Warning, "20805", "行政事业单位养老支出");
    }

    [Fact]
    public void A_misnamed_section_shared_by_two_items_is_one_finding()
    {
        // p.24: items 12 and 13 both under “住房保障支出（款）”, which is 22102 住房改革支出.
        var doc = Final(
            (24, "12、住房保障支出（类）住房保障支出（款）住房公积金（项）。"),
            (24, "主要用于：行政单位、事业单位住房公积金支出。年初预算为289.59 万元，支出决算为 289.59 万元。"),
            (24, "13、住房保障支出（类）住房保障支出（款）购房补贴（项）。"),
            (24, "主要用于：行政单位购房补贴支出。年初预算为 227.45 万元，支出决算为 227.45 万元。"));
        var f = Assert.Single(FiresEach(doc, "NT-ITEM-NAME", 1, Severity.Warning));
        Assert.Contains("“住房保障支出（款）”，表中 22102 为“住房改革支出”", f.Message);
    }

    [Fact]
    [Covers("NT-ITEM-OLD-NAME")]
    public void A_renamed_item_under_its_old_name_is_a_warning_naming_the_current_one()
    {
        var doc = Final(
            (24, "11、自然资源海洋气象等支出（类）自然资源事务（款）其"),
            (24, "他国土资源事务支出（项）。主要用于：事业单位项目支出。年初预算为 45.00 万元，支出决算为 45.00 万元。"));
        Fires(doc, "NT-ITEM-OLD-NAME", Severity.Warning, "其他国土资源事务支出（项）", "2200199", "其他自然资源事务支出");
        Silent(doc, "NT-ITEM-NAME");
    }

    [Fact]
    public void Items_named_as_the_table_names_them_are_silent_even_where_a_cell_is_cut_short()
    {
        var doc = Final(
            (21, "3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）。"),
            (21, "主要用于：行政事业单位养老保险支出。年初预算为 452.40 万元，支出决算为 446.11 万元。"),
            (21, "4、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。"),
            (21, "主要用于：行政事业单位职业年金支出。年初预算为 226.25 万元，支出决算为 225.12 万元。"));
        Assert.Equal(2, doc.ClassificationMentions.Count(m => m.IsMatched));
        Silent(doc, "NT-ITEM-NAME");
        Silent(doc, "NT-ITEM-AMOUNT");
    }

    [Fact]
    public void A_path_cut_short_by_the_page_order_and_an_unknown_class_are_left_alone()
    {
        var doc = Final(
            (22, "缴费支出（项）。主要用于：在职人员的职业年金缴费支出。"),
            (22, "7、教育支出（类）普通教育（款）小学教育（项）。主要用于：小学。年初预算为 3.00 万元，支出决算为 3.00 万元。"));
        Assert.DoesNotContain(doc.ClassificationMentions, m => m.IsMatched);
        Silent(doc, "NT-ITEM-NAME");
    }

    // ---------------------------------------------------------------- 功能分类 items: amounts

    [Fact]
    [Covers("NT-ITEM-AMOUNT")]
    public void An_item_amount_that_differs_from_its_row_is_an_error()
    {
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "财政拨款支出主要内容如下："),
            (7, "1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”科目298.59万元，主要用于住房公积金。"));
        Fires(doc, "NT-ITEM-AMOUNT", Severity.Error, "298.59", "2210201 住房公积金", "289.59");
    }

    [Fact]
    [Covers("NT-ITEM-FINAL-RESTATED")]
    public void An_item_stating_its_final_figure_twice_differently_is_a_warning()
    {
        // An unseen Shanghai 2025 决算, item 15: “…（项）269.85 万元 … 支出决算为 269.86 万元”, the table 269.86.
        var doc = Final(
            (30, "15、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）225.11 万元，主要用于:"),
            (30, "机关事业单位职业年金缴费支出。年初预算为 285.33 万元，支出决算为 225.12 万元。决算数小于预算数的主要原因：按实缴费。"),
            (30, "16、住房保障支出（类）住房改革支出（款）住房公积金（项）289.59 万元，主要用于住房公积金。年初预算为 300.00 万元，支出决算为 289.59 万元。"));
        var f = Fires(doc, "NT-ITEM-FINAL-RESTATED", Severity.Warning, "225.11", "225.12", "职业年金缴费支出（项）");
        OnPage(f, 30);
        // The table comparison stays what it was: a cent, at info.
        Fires(doc, "NT-ITEM-AMOUNT", Severity.Info, "225.11", "225.12");
    }

    [Fact]
    public void A_final_figure_of_another_item_or_section_is_not_a_restatement()
    {
        // A scan of the same 决算: OCR broke a class name (“城乡社区支出（区”) and ran the sections together, so the text
        // after a class of the structure list, and after a 项 whose successor lost its names, reaches other figures.
        var doc = Final(
            (27, "一般公共预算财政拨款支出 1316.79 万元，主要用于以下方面：住房保障支出（类）517.04 万元，占 39.27%；城乡社区支出（区 45.00 万元，占 3.42%。"
                 + "（三）一般公共预算财政拨款支出决算具体情况 一般公共预算财政拨款支出年初预算为 1400.00 万元，支出决算为 1316.79 万元。"
                 + "1、住房保障支出（类）住房改革支出（款）住房公积金（项）289.59 万元，主要用于住房公积金。年初预算为 300.00 万元。"
                 + "2、住房保障支出（区住房改革支出（区购房补贴（顶）227.45 万元，年初预算为 230.00 万元，支出决算为 227.45 万元。"));
        Silent(doc, "NT-ITEM-FINAL-RESTATED");
    }

    [Fact]
    public void A_budget_item_stating_its_figure_and_budget_is_not_a_restatement()
    {
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "1. “住房保障支出（类）住房改革支出（款）住房公积金（项）”科目289.59万元，上年决算为280.00万元。"));
        Silent(doc, "NT-ITEM-FINAL-RESTATED");
    }

    [Fact]
    public void A_class_amount_a_cent_off_is_an_info_residue()
    {
        var doc = Final(
            (21, "一般公共预算财政拨款支出 1316.79 万元，主要用于以下方面：社会保障和就业支出（类）754.74 万元，占 57.32%。"));
        Fires(doc, "NT-ITEM-AMOUNT", Severity.Info, "754.74", "754.75");
    }

    // ---------------------------------------------------------------- parts of a whole

    [Fact]
    [Covers("NT-PARTS-EXCEED")]
    public void Parts_of_an_area_adding_up_to_more_than_the_area_are_a_warning()
    {
        // putuo_wanli_jiedao_2025_yusuan p.31.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (31, "一、项目概况"),
            (31, "本工程规划建筑面积约为13459平方米，其中地上建筑面积为8013平方米（其中计容面积7998平方米，不计容面积105平方米），地下建筑面积为5356平方米。"));
        Fires(doc, "NT-PARTS-EXCEED", Severity.Warning, "8103", "8013");
    }

    [Fact]
    public void Procurement_won_by_small_suppliers_counted_in_both_kinds_of_project_is_a_warning()
    {
        // putuo_shehuigongzuobu_2024_juesuan p.22.
        var doc = Final(
            (22, "（二）政府采购支出情况说明"),
            (22, "2024 年度政府采购金额（以合同签订为准）为 21.07 万元，其中：货物采购金额 21.07 万元、工程采购金额 0 万元、服务采购金额 0 万元。"),
            (22, "在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额 21.07 万元；在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额 21.07 万元。"));
        var f = Assert.Single(FiresEach(doc, "NT-PARTS-EXCEED", 1, Severity.Warning));
        Assert.Contains("42.14", f.Message);
    }

    [Fact]
    public void Parts_within_their_whole_and_changes_after_it_are_silent()
    {
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "2025年，本部门收入预算18,976.76万元，其中：财政拨款收入18,976.76万元，比2024年预算增加3,355.65万元；事业收入0.00万元。"),
            (7, "2025年本部门政府采购预算4821.20万元，其中：政府采购货物预算57.43万元、政府采购工程预算3780.72万元、政府采购服务预算983.05万元。"),
            (7, "截至2024年8月31日，本部门共有车辆8辆，其中：部级领导干部用车0辆、其他用车8辆；单价100万元（含）以上设备（不含车辆）0台（套）。"));
        Silent(doc, "NT-PARTS-EXCEED");
    }

    // ---------------------------------------------------------------- text hygiene

    [Fact]
    [Covers("TH-MISSING-PERCENT")]
    public void A_change_rate_without_its_percent_sign_is_a_warning()
    {
        // putuo_guihuaziyuan_2024_juesuan p.21.
        var doc = Final(
            (21, "（一）一般公共预算财政拨款支出决算总体情况"),
            (21, "一般公共预算财政拨款支出 9746.50 万元，占本年支出合计"),
            (21, "的 99.86%。与 2023 年度相比，一般公共预算财政拨款支出增加"),
            (21, "1193.20 万元，增长 13.95。主要原因：项目支出增加。"));
        OnPage(Fires(doc, "TH-MISSING-PERCENT", Severity.Warning, "增长13.95"), 21);
        Silent(doc, "TH-COMPARISON-YEAR");
    }

    [Fact]
    [Covers("TH-DOUBLED-PUNCTUATION")]
    public void Two_full_stops_are_a_warning_but_a_leader_line_is_not()
    {
        var doc = Final(
            (25, "八、政府性基金预算财政拨款收入支出决算情况说明"),
            (25, "本部门2024年度无政府性基金预算财政拨款和国有资本经营预算财政拨款。。"),
            (2, "目录。。。。。。。。。。。。1"));
        Assert.Single(FiresEach(doc, "TH-DOUBLED-PUNCTUATION", 1, Severity.Warning));
    }

    [Fact]
    [Covers("TH-DOUBLED-WORD")]
    public void A_doubled_word_is_a_warning_but_reduplications_and_repeats_straddling_words_are_not()
    {
        var doc = Final(
            (21, "一、收入支出决算总体情况说明"),
            (21, "本年收入合计9759.38万元，本年支出合计9759.38万元万元，主要用于规划的的编制。"),
            (21, "等等各项工作常常需要人人参与。"),
            // 上访|接访|接待: “访接” is no word, so “访接访接” is no slip.
            (21, "公务接待费支出1.20万元，主要用于接待移民上访接访接待。"));
        var found = FiresEach(doc, "TH-DOUBLED-WORD", 2, Severity.Warning);
        Assert.Contains(found, f => f.Message.Contains("“万元万元”"));
        Assert.Contains(found, f => f.Message.Contains("“的的”"));
    }

    [Fact]
    [Covers("TH-CHANGE-AND-FLAT")]
    public void A_change_written_with_flat_is_a_warning_but_balanced_changes_and_plain_flat_are_not()
    {
        // The pattern of a Shanghai 2026 部门预算: the template's 增加/减少/持平 with two kept, the words broken over lines.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (6, "2026年部门预算编制说明"),
            (6, "政府性基金拨款支出预算0万元，与2025年预算增加"),
            (6, "持平；国有资本经营预算拨款支出预算0万元，与2025年预算持平。"),
            (6, "各项支出增减持平，总额与上年基本持平。"));
        var f = Assert.Single(FiresEach(doc, "TH-CHANGE-AND-FLAT", 1, Severity.Warning));
        Assert.Contains("“增加持平”", f.Message);
        Assert.Equal(6, f.Evidence[0].Page);
    }

    [Fact]
    public void A_change_with_its_amount_then_flat_in_the_same_clause_is_a_warning_but_a_zero_change_or_one_against_the_budget_is_not()
    {
        // A Shanghai 2025 部门决算 (p.24): 公务接待费 “减少为 0.00 万元，与 2024 年持平”, broken over lines.
        var doc = Final(
            (24, "5.07 万元，增长 42.68%，其中：因公出国（境）费支出决算为"),
            (24, "0.00 万元，与 2024 年持平；公务用车购置及运行维护费支出决"),
            (24, "算增加 5.07 万元，增长 42.68%；公务接待费支出决算减少为 0.00"),
            (24, "万元，与 2024 年持平。会议费比上年增加0万元，与上年持平。"),
            (24, "培训费决算比年初预算减少1.20万元，与上年持平。"));
        var f = Assert.Single(FiresEach(doc, "TH-CHANGE-AND-FLAT", 1, Severity.Warning));
        Assert.Contains("减少为0.00万元，与2024年持平", f.Message);
        Assert.Equal(24, f.Evidence[0].Page);
    }

    [Fact]
    [Covers("TH-UNPAIRED-QUOTES")]
    public void A_sentence_whose_quotes_do_not_pair_is_a_warning_but_straight_quotes_and_a_quoted_sentence_are_not()
    {
        // A Shanghai 2025 部门决算 (p.23): an opening quote missing before 百合之约, the sentence broken over lines.
        var doc = Final(
            (23, "11、其他文化和旅游支出（项）。决算数大于预算数的主要原因：根据工作需要，年中新增“艺起 TOP 周周有戏”"),
            (23, "活动经费、百合之约 情定苏河”2025 年普陀区“苏河婚典”百位新人集体婚礼经费等。"),
            (23, "12、主要原因是\"三公\"经费压减，落实“厉行节约。”要求。"));
        var f = Assert.Single(FiresEach(doc, "TH-UNPAIRED-QUOTES", 1, Severity.Warning));
        Assert.Contains("前引号2个、后引号3个", f.Message);
        Assert.Equal(23, f.Evidence[0].Page);
    }

    [Fact]
    [Covers("TH-NAME-TEMPLATE-SUFFIX")]
    public void A_template_suffix_on_the_department_name_is_one_warning_however_often()
    {
        // putuo_wanli_jiedao_2025_yusuan p.3, p.4, p.30.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (3, "上海市普陀区人民政府万里街道办事处（部门）主要职能"),
            (4, "上海市普陀区人民政府万里街道办事处（部门）单位构成"),
            (30, "2025年上海市普陀区人民政府万里街道办事处（部门）下属1家机关的机关运行经费预算为464.64万元。"),
            (30, "各部门（单位）应按规定公开。"));
        OnPage(Assert.Single(FiresEach(doc, "TH-NAME-TEMPLATE-SUFFIX", 1, Severity.Warning)), 3);
    }

    [Fact]
    [Covers("TH-COMPARISON-YEAR")]
    public void A_comparison_with_two_years_before_is_a_warning()
    {
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "2025年部门预算编制说明"),
            (7, "支出预算18,976.76万元，比2023年预算增加3,355.65万元；比2024年预算执行数增加100.00万元。"));
        Assert.Equal(2025, doc.Year);
        var f = Assert.Single(FiresEach(doc, "TH-COMPARISON-YEAR", 1, Severity.Warning));
        Assert.Contains("比2023年", f.Message);
    }

    [Fact]
    public void A_figure_of_the_year_beside_the_same_words_for_two_years_before_is_a_comparison_year_warning()
    {
        // Shanghai's item wording (a 2026 单位预算, here moved to 2025): “2025年度预算X万元，2024年度预算Y万元”, once with 2023 for 2024.
        var doc = Recognise(DocumentType.UnitBudget,
            (7, "2025年单位预算编制说明"),
            (7, "“城乡社区支出(类）-城乡社区管理事务（款）-行政运行（项）”2025年度预算1,687.92万元，2023年度预算1,676.41万元，主要用于：机关运营费用。"),
            (7, "“城乡社区支出(类）-城乡社区环境卫生（款）-城乡社区环境卫生（项）”2025年度预算794.84万元，2024年度预算1,024.01万元，主要用于：社区环境整治经费。"),
            (7, "“教育支出(类）-其他教育支出（款）-其他教育支出（项）”2023年度预算18万元，2021年度预算20万元，主要用于：社区内教育工作。"));
        Assert.Equal(2025, doc.Year);
        var f = Assert.Single(FiresEach(doc, "TH-COMPARISON-YEAR", 1, Severity.Warning));
        Assert.Contains("2023年度预算1,676.41万元", f.Message);
        Assert.Contains("上年应为 2024 年", f.Message);
    }

    [Fact]
    [Covers("TH-OWN-YEAR")]
    public void A_sentence_stating_the_years_own_figures_under_another_year_is_a_warning()
    {
        // A PDF's lines: the heading has no full stop, so the sentence starts where the line does.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "2025年部门预算编制说明"),
            (7, "2015年，本部门收入预算37,151.47万元，其中：财政拨款收入37,151.47万元。"),
            (7, "2015年，经区编委批准，本部门增挂区粮食和物资储备局牌子。单位于2015年成立，编制8人。"),
            (7, "2024年本部门预算执行数为36,000.00万元。支出预算37,151.47万元，比2015年预算增加24,491.71万元。"));
        Assert.Equal(2025, doc.Year);
        var f = Assert.Single(FiresEach(doc, "TH-OWN-YEAR", 1, Severity.Warning));
        Assert.Contains("“2015年”", f.Message);
        Assert.Contains("收入预算37,151.47万元", f.Message);
        OnPage(f, 7);
    }

    [Fact]
    [Covers("TH-SAME-YEAR-COMPARISON")]
    public void A_figure_compared_with_its_own_year_is_a_warning_and_last_years_execution_is_not()
    {
        var doc = Recognise(DocumentType.UnitBudget,
            (9, "2025年单位预算编制说明"),
            (9, "2024年当年预算执行数为7.11万元，2024年预算安排8.61万元，比2024年预算执行数增加21.10%。主要原因是：预算数以社区人数为基数编制。"),
            (9, "2024年当年预算执行数为238.70万元，2025年预算安排230.14万元，比2024年预算执行数减少3.59%。主要原因是：离退休人员自然减员。"));
        var f = Assert.Single(FiresEach(doc, "TH-SAME-YEAR-COMPARISON", 1, Severity.Warning));
        Assert.Contains("2024年预算安排8.61万元", f.Message);
        Silent(doc, "TH-COMPARISON-YEAR");
    }

    [Fact]
    [Covers("TH-PERIOD-YEAR")]
    public void A_period_of_another_year_in_a_final_account_is_a_warning()
    {
        var doc = Final(
            (18, "一、收入支出决算总体情况说明"),
            (18, "本决算反映 2023 年 1 月 1 日至 12 月 31 日的收支情况。本决算同时反映2024年1月1日至2024年12月31日的情况。"));
        var f = Assert.Single(FiresEach(doc, "TH-PERIOD-YEAR", 1, Severity.Warning));
        Assert.Contains("2023", f.Message);
    }

    [Fact]
    [Covers("TH-BUDGET-FINAL-WORDING")]
    public void A_final_account_stating_its_own_budget_plan_is_a_warning_but_its_initial_budget_is_not()
    {
        var doc = Final(
            (18, "一、收入支出决算总体情况说明"),
            (18, "2024年预算安排基本支出390.00万元。一般公共预算财政拨款支出年初预算为10210.34万元，支出决算为9746.50万元。"));
        Assert.Single(FiresEach(doc, "TH-BUDGET-FINAL-WORDING", 1, Severity.Warning));
    }

    [Fact]
    public void A_budget_quoting_last_years_final_account_is_silent()
    {
        var doc = Recognise(DocumentType.DepartmentBudget,
            (7, "2025年部门预算编制说明"),
            (7, "与2024年决算数相比，支出预算增加100.00万元。"));
        Silent(doc, "TH-BUDGET-FINAL-WORDING");
    }

    [Fact]
    [Covers("NA-FLAT-REASON")]
    public void A_flat_total_followed_by_a_reason_for_a_decrease_is_a_warning()
    {
        // putuo_czj_2024_juesuan p.21.
        var doc = Final(
            (21, "四、财政拨款收入支出决算总体情况说明"),
            (21, "上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。与2023年度相比，"),
            (21, "财政拨款收入支出总计持平。主要原因："),
            (21, "基本支出中人员进出及退休变化，以及项目支出中合同支付进度条款等原因减少支"),
            (21, "付。"));
        OnPage(Fires(doc, "NA-FLAT-REASON", Severity.Warning, "财政拨款收入支出总计", "持平", "减少"), 21);
    }

    [Fact]
    public void A_flat_figure_whose_reason_weighs_both_directions_or_is_only_roughly_flat_is_silent()
    {
        var doc = Final(
            (21, "“三公”经费支出决算持平。主要原因是公务接待费增加，公务用车运行维护费减少。"),
            (21, "决算数与预算数基本持平。主要原因：项目支出减少。"));
        Silent(doc, "NA-FLAT-REASON");
    }

    /// <summary>A 2025 部门预算 whose 政府性基金 and 国有资本经营 tables are empty, with the given narrative lines.</summary>
    private static Disclosure BudgetWithFundTables(params string[] lines)
    {
        var layout = new Layout { Source = "t.pdf" };
        foreach (var n in (int[])[1, 12, 13, 20]) layout.Pages.Add(new LayoutPage { Number = n });
        layout.Blocks.Add(new Paragraph { Text = "上海市普陀区人民政府办公室", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2025年部门预算", Page = 1 });
        string[][] empty = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "", "", ""]];
        layout.Blocks.Add(new Paragraph { Text = "政府性基金预算支出表", Page = 12 });
        layout.Blocks.Add(LayoutTables.Table(12, empty));
        layout.Blocks.Add(new Paragraph { Text = "国有资本经营预算支出表", Page = 13 });
        layout.Blocks.Add(LayoutTables.Table(13, empty));
        foreach (var line in lines) layout.Blocks.Add(new Paragraph { Text = line, Page = 20 });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentBudget;
        return doc;
    }

    [Fact]
    [Covers("NT-GOVFUND-TOTAL", "NT-STATECAPITAL-TOTAL")]
    public void Fund_spending_stated_against_an_empty_fund_table_is_an_error()
    {
        var doc = BudgetWithFundTables(
            "2025年部门预算编制说明",
            "财政拨款支出预算中，一般公共预算拨款支出预算18,976.76万元；政府性基金拨款支出预算120.00万元，比2024年预算持平；国有资本经营预算拨款支出预算5.00万元。");
        Fires(doc, "NT-GOVFUND-TOTAL", Severity.Error, "120.00", "0.00");
        Fires(doc, "NT-STATECAPITAL-TOTAL", Severity.Error, "5.00");
    }

    [Fact]
    public void Zero_fund_spending_against_empty_fund_tables_is_silent()
    {
        // The Shanghai 预算 wording: “政府性基金拨款支出预算0.00万元，比2024年预算持平”.
        var doc = BudgetWithFundTables(
            "2025年部门预算编制说明",
            "政府性基金拨款支出预算0.00万元，比2024年预算持平；国有资本经营预算拨款支出预算0.00万元，比2024年预算持平。");
        Assert.True(doc.HasFigure("政府性基金支出"));
        Silent(doc, "NT-GOVFUND-TOTAL");
        Silent(doc, "NT-STATECAPITAL-TOTAL");
    }

    [Fact]
    [Covers("TH-UNCLOSED-QUOTE")]
    public void A_quote_never_closed_before_the_next_opens_is_a_warning_but_ascii_quotes_are_not()
    {
        // Seen in a Shanghai 2026 部门预算: the 科目 name quoted without its closing quote, in a numbered list.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (20, "14.“城乡社区支出（类）建设市场管理与监督（款）建设市场管理与监督（项）351.85万元，主要用于人员工资等支出。"),
            (20, "15.“农林水支出（类）水利（款）水利工程运行与维护（项）”159.50万元，主要用于河道设施养护。"),
            (21, "\"三公\"经费预算数为8.00万元，\"公务接待费\"为0万元。"));
        var f = Assert.Single(FiresEach(doc, "TH-UNCLOSED-QUOTE", 1, Severity.Warning));
        Assert.Contains("建设市场管理与监督（项）351.85万元", f.Message);
        OnPage(f, 20);
    }

    [Fact]
    [Covers("TH-REPEATED-PARAGRAPHS")]
    public void Paragraphs_printed_twice_in_a_row_are_a_warning_but_a_title_repeated_around_a_table_is_not()
    {
        // Seen in a Shanghai 2026 部门预算: the last three 职能 items of a page again at the top of the next.
        const string a = "（十八）负责区域防台防汛抗旱工作，制定应急预案，督促、检查防台防汛各项措施的落实。";
        const string b = "（十九）配合协调区有关城市建设、城市管理、交通和水务社会稳定问题的处置。";
        var doc = Recognise(DocumentType.DepartmentBudget, (2, a), (2, b), (3, "- 3 -"), (3, a), (3, b), (3, "（二十）承办区政府交办的其他事项。"));
        OnPage(Fires(doc, "TH-REPEATED-PARAGRAPHS", Severity.Warning, "（十八）负责区域防台防汛抗旱工作"), 3);

        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        const string title = "2025年部门一般公共预算支出功能分类预算表编制部门：上海市普陀区规划和自然资源局单位：元";
        layout.Blocks.Add(new Paragraph { Text = title, Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1, GeneralBudgetRows));
        layout.Blocks.Add(new Paragraph { Text = title, Page = 1 });
        layout.Blocks.Add(LayoutTables.Table(1, GeneralBudgetRows));
        Silent(Recognizer.Recognise(layout), "TH-REPEATED-PARAGRAPHS");
    }

    [Fact]
    public void A_share_without_its_percent_sign_is_a_warning()
    {
        // An unseen Shanghai 2025 决算: nine shares with “%” and one without, before a half-width “;”.
        var doc = Final(
            (27, "一般公共预算财政拨款支出 20218.21 万元，主要用于以下方面：节能环保支出(类)125.00 万元，占 0.62%;城乡社区支"),
            (27, "出(类)15411.43 万元，占 76.23;住房保障支出(类)1076.78 万元，占 5.33%。"));
        var f = Fires(doc, "TH-MISSING-PERCENT", Severity.Warning, "占比", "占76.23");
        OnPage(f, 27);
    }

    [Fact]
    public void Shares_and_rates_with_their_percent_sign_are_silent()
    {
        var doc = Final(
            (21, "一般公共预算财政拨款支出 9746.50 万元，占本年支出合计"),
            (21, "的 99.86%。与 2023 年度相比增长 13.95%。平均得分95.55分，占地 12.50 亩。"));
        Silent(doc, "TH-MISSING-PERCENT");
        Silent(doc, "TH-AMOUNT-NO-UNIT");
    }

    [Fact]
    [Covers("TH-AMOUNT-NO-UNIT")]
    public void An_amount_without_its_unit_is_a_warning()
    {
        // An unseen Shanghai 2025 决算, item 6 of 35: every other 年初预算 / 支出决算 figure carries its 万元.
        var doc = Final(
            (28, "6、一般公共服务支出（类）市场监督管理事务（款）其他市场监督管理事务（项）4.19 万元。年初预算为 0.00 万元，支出决算为"),
            (28, "4.19。决算数大于预算数的主要原因：上级转移支付经费。"),
            (28, "7、公共安全支出（类）其他公共安全支出（款）其他公共安全支出（项）556.78 万元。年初预算为 557.49 万元，支出决算为 556.78 万元。"));
        var f = Fires(doc, "TH-AMOUNT-NO-UNIT", Severity.Warning, "决算为4.19");
        OnPage(f, 28);
        Assert.DoesNotContain("556.78", f.Message);
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(0.9, false)]
    public void An_amount_without_its_unit_is_judged_on_printed_text_only(double confidence, bool reported)
    {
        // OCR can lose a “万元” under a stamp or a fold.
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = confidence < 1.0 });
        layout.Blocks.Add(new Paragraph { Text = "2024年度部门决算", Page = 1, Confidence = confidence });
        layout.Blocks.Add(new Paragraph { Text = "年初预算为 0.00 万元，支出决算为 4.19。决算数大于预算数的主要原因：上级转移支付。", Page = 1, Confidence = confidence });
        var doc = Recognizer.Recognise(layout);
        doc.Type = DocumentType.DepartmentFinalAccount;
        if (reported) Fires(doc, "TH-AMOUNT-NO-UNIT", Severity.Warning, "决算为4.19");
        else Silent(doc, "TH-AMOUNT-NO-UNIT");
    }

    [Fact]
    [Covers("TH-FULLWIDTH-COMMA-AMOUNT")]
    public void An_amount_with_a_full_width_thousands_comma_is_a_warning()
    {
        // Seen in a Shanghai 2026 部门预算: “…（项）3，518.85万元”, which reads as 3 and 518.85.
        var doc = Recognise(DocumentType.DepartmentBudget,
            (20, "14.“城乡社区支出（类）建设市场管理与监督（款）建设市场管理与监督（项）”3，518.85万元，主要用于人员工资等支出。"),
            (20, "15.“农林水支出（类）水利（款）水利工程运行与维护（项）”1,595.00万元，主要用于河道设施养护，共3，4个点位。"));
        var f = Assert.Single(FiresEach(doc, "TH-FULLWIDTH-COMMA-AMOUNT", 1, Severity.Warning));
        Assert.Contains("3，518.85", f.Message);
        OnPage(f, 20);
    }
}
