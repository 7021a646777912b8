using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The structure of disclosures from provinces other than Shanghai, Hebei and Henan: table titles, section headings and
/// covers as they are printed in Sichuan, Hubei, Shaanxi, Guangdong, Xinjiang, Yunnan, Hunan, Chongqing, Inner Mongolia
/// and Zhejiang (names invented, patterns as printed). A required table or section printed in another wording must be
/// found; an extra table must not stand in for a required one.
/// </summary>
public sealed class ProvincialStructureTests
{
    private static Disclosure Recognise(string text) => Recognizer.Recognise(TextLayoutReader.Read(text, "t.txt"));

    [Theory]
    // 陕西: the income and expenditure tables called 总表.
    [InlineData("二、收入决算总表", TableKind.IncomeSummary)]
    [InlineData("三、支出决算总表", TableKind.ExpenditureSummary)]
    [InlineData("七、一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表", TableKind.SanGong)]
    // 广东, 湖南, 内蒙古, 四川: the basic expenditure table is the 明细表.
    [InlineData("六、一般公共预算财政拨款基本支出决算明细表", TableKind.GeneralBudgetBasicExpenditure)]
    // 云南.
    [InlineData("五、一般公共预算财政拨款收入支出决算表", TableKind.GeneralBudgetExpenditure)]
    [InlineData("八、“三公”经费、行政参公单位机关运行经费情况表", TableKind.SanGong)]
    // 四川 and 内蒙古 extras: by economic class or by project, none of them the 一般公共预算支出表 or the 收入表.
    [InlineData("五、财政拨款支出决算明细表", TableKind.Unknown)]
    [InlineData("七、一般公共预算财政拨款支出决算明细表", TableKind.Unknown)]
    [InlineData("九、一般公共预算财政拨款项目支出决算表", TableKind.Unknown)]
    [InlineData("八、一般公共预算财政拨款项目支出决算明细表", TableKind.Unknown)]
    [InlineData("五、项目收入支出决算表", TableKind.Unknown)]
    [InlineData("十二、机构运行经费支出、国有资产占用情况及政府采购支出信息表", TableKind.OperatingCost)]
    // 浙江: by unit and by classification; the latter is the required table.
    [InlineData("（二）收入决算表（分单位）", TableKind.Unknown)]
    [InlineData("（三）收入决算表（分科目）", TableKind.IncomeSummary)]
    [InlineData("（四）支出决算表（分单位）", TableKind.Unknown)]
    [InlineData("（五）支出决算表（分科目）", TableKind.ExpenditureSummary)]
    // 重庆 and 新疆 in Traditional script.
    [InlineData("國有資本經營預算財政撥款支出決算表", TableKind.StateCapitalExpenditure)]
    [InlineData("九、《國有資本經營預算財政撥款收入支出決算表》", TableKind.StateCapitalExpenditure)]
    // 广东: budgets' 总体情况表.
    [InlineData("表3 部门支出总体情况表", TableKind.ExpenditureSummary)]
    [InlineData("表9 一般公共预算“三公”经费支出情况表", TableKind.SanGong)]
    // A budget's project table stays one.
    [InlineData("项目支出预算表", TableKind.ProjectExpenditure)]
    public void Provincial_table_titles_name_their_kind(string title, TableKind kind) =>
        Assert.Equal(kind, TableTitles.Classify(title));

    [Fact]
    public void A_title_in_book_marks_is_a_table_title() =>
        Assert.True(TableTitles.IsTableTitle("一、《收入支出決算總表》"));

    private const string FinalTables = DocumentTypeTests.Tables;

    [Theory]
    // 四川: the year first, then the unit.
    [InlineData("2023年度某某市中医医院单位决算\n\n目录\n第一部分 单位概况\n", DocumentType.UnitFinalAccount, "某某市中医医院", 2023)]
    // 广东: 年 without 度.
    [InlineData("2021年某某市人民政府行政服务中心部门决算\n\n目录\n第一部分：某某市人民政府行政服务中心概况\n", DocumentType.DepartmentFinalAccount, "某某市人民政府行政服务中心", 2021)]
    // 内蒙古: the title over two lines.
    [InlineData("2022年度内蒙古自治区某某市审计局\n部门决算公开\n\n目录\n第一部分 部门概况\n", DocumentType.DepartmentFinalAccount, "内蒙古自治区某某市审计局", 2022)]
    // 新疆: Traditional script.
    [InlineData("某某市政務服務中心2023年度部門決算公開說明\n\n目錄\n第一部分 單位概況\n", DocumentType.DepartmentFinalAccount, "某某市政务服务中心", 2023)]
    // 湖北: neither 部门 nor 单位 in the title; the tables tell a 决算.
    [InlineData("某某区河道堤防建设管理处 2021 年度决算公开说明\n\n目录\n第一部分：基本情况\n", DocumentType.DepartmentFinalAccount, "某某区河道堤防建设管理处", 2021)]
    public void Provincial_covers_give_type_department_and_year(string cover, DocumentType type, string department, int year)
    {
        var doc = Recognise(cover + "\n" + FinalTables);
        Assert.Equal(type, doc.Type);
        Assert.Equal(department, doc.Department);
        Assert.Equal(year, doc.Year);
    }

    [Fact]
    public void Without_a_contents_page_the_text_after_the_first_heading_is_no_part_of_the_cover()
    {
        // The unit's own 情况说明 speaks of the department's 决算 in its first lines.
        var doc = Recognise("""
            某某县农业综合技术服务中心2024年度单位决算

            第一部分 单位概况

            一、主要职责

            纳入本部门2024年度部门决算编制范围的单位只有中心本级。

            """ + FinalTables);
        Assert.Equal(DocumentType.UnitFinalAccount, doc.Type);
    }

    [Fact]
    public void A_page_that_opens_with_its_contents_takes_its_type_from_the_parts_titles()
    {
        // 四川: the web page starts at 目录; only the second part's title says 单位决算.
        var doc = Recognise("""
            目录
            公开时间：2025年10月15日
            第一部分单位概况
            一、主要职责
            二、机构设置
            第二部分2024年度单位决算情况说明
            一、收入支出决算总体情况说明
            第三部分名词解释

            """ + FinalTables);
        Assert.Equal(DocumentType.UnitFinalAccount, doc.Type);
    }

    [Theory]
    // 湖北: the overview's heading splits 总体 from 情况.
    [InlineData("一、2021 年度收入支出决算总体及增减变动情况", SectionKind.BudgetOverview)]
    // 云南: income and expenditure explained apart.
    [InlineData("一、收入决算情况说明", SectionKind.BudgetOverview)]
    // 新疆, 湖北, 重庆, 广东: the first part holds the duties, with or without a sub-heading.
    [InlineData("第一部分部门单位概况", SectionKind.Responsibilities)]
    [InlineData("一、某某市公安局某某区分局基本情况", SectionKind.Responsibilities)]
    [InlineData("第一部分：某某市人民政府行政服务中心概况", SectionKind.Responsibilities)]
    [InlineData("（二）機構設置", SectionKind.Responsibilities)]
    [InlineData("三、名詞解釋", SectionKind.Glossary)]
    [InlineData("第四部分 专业名词解释", SectionKind.Glossary)]
    [InlineData("四、关于 2021 年度预算绩效情况的说明", SectionKind.Performance)]
    [InlineData("十、其他重要事项的情况说明", SectionKind.OtherMatters)]
    // 甘肃, 重庆: a full stop after the heading.
    [InlineData("（一）收入決算情況。", SectionKind.BudgetOverview)]
    [InlineData("（一）收入支出決算總體情況說明。", SectionKind.BudgetOverview)]
    public void Provincial_headings_name_their_section(string heading, SectionKind kind)
    {
        var doc = Recognise(heading + "\n\n本部分说明如下。\n");
        Assert.Equal(kind, Assert.Single(doc.Sections).Kind);
    }

    [Theory]
    // A part about money ending in 概况 or 基本情况 is no statement of the department's duties.
    [InlineData("一、预算收支基本情况")]
    [InlineData("二、财政拨款支出概况")]
    public void A_money_overview_is_not_the_duties_section(string heading) =>
        Assert.DoesNotContain(Recognise(heading + "\n\n本部分说明如下。\n").Sections, s => s.Kind == SectionKind.Responsibilities);

    [Fact]
    public void A_numbered_duty_ending_in_a_full_stop_is_text_not_a_heading() =>
        Assert.Empty(Recognise("（三）负责政府采购监督管理。\n\n（四）完成县政府交办的其他任务。\n").Sections);
}
