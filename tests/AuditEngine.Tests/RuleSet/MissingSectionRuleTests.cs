using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/missing-section.json: the nine tables, the narrative sections, empty-table notes, project indicators.</summary>
public sealed class MissingSectionRuleTests : RuleTestBase
{
    public static TheoryData<string, TableKind, string> RequiredTables => new()
    {
        { "MS-TABLE-01", TableKind.IncomeExpenditureSummary, "部门收支总表" },
        { "MS-TABLE-02", TableKind.IncomeSummary, "部门收入总表" },
        { "MS-TABLE-03", TableKind.ExpenditureSummary, "部门支出总表" },
        { "MS-TABLE-04", TableKind.FiscalSummary, "财政拨款收支总表" },
        { "MS-TABLE-05", TableKind.GeneralBudgetExpenditure, "一般公共预算支出表" },
        { "MS-TABLE-06", TableKind.GeneralBudgetBasicExpenditure, "一般公共预算基本支出表" },
        { "MS-TABLE-07", TableKind.GovernmentFundExpenditure, "政府性基金预算支出表" },
        { "MS-TABLE-08", TableKind.StateCapitalExpenditure, "国有资本经营预算支出表" },
        { "MS-TABLE-09", TableKind.SanGong, "三公经费支出表" },
    };

    [Theory]
    [MemberData(nameof(RequiredTables))]
    [Covers("MS-TABLE-01", "MS-TABLE-02", "MS-TABLE-03", "MS-TABLE-04", "MS-TABLE-05", "MS-TABLE-06", "MS-TABLE-07", "MS-TABLE-08", "MS-TABLE-09")]
    public void Missing_required_table_is_an_error(string ruleId, TableKind kind, string name)
    {
        var doc = Fixture.Build();
        doc.Tables.Remove(doc.Get(kind));
        Fires(doc, ruleId, Severity.Error, name);
    }

    [Theory]
    [MemberData(nameof(RequiredTables))]
    public void A_table_missing_from_a_scan_that_holds_a_table_with_an_unreadable_title_is_a_warning_naming_its_page(string ruleId, TableKind kind, string name)
    {
        var doc = Fixture.Build();
        doc.Tables.Remove(doc.Get(kind));
        doc.UnclassifiedScanTables.Add(new UnclassifiedTable("2025年财政拨称收文总表", new Provenance(Page: 9, Table: "2025年财政拨称收文总表")));
        Fires(doc, ruleId, Severity.Warning, name, "扫描件第 9 页另有表名未能识别的表格");
    }

    [Fact]
    [Covers("MS-TABLES-ATTACHED")]
    public void A_narrative_whose_tables_are_attached_apart_gets_one_warning_not_nine_errors()
    {
        var doc = Fixture.Build();
        doc.Tables.Clear();
        doc.TablesAttached = new Mention("第五部分：2024年度部门决算公开报表（见附件）", new Provenance(Page: 2));
        var findings = Run(doc).Where(f => f.RuleId.StartsWith("MS-TABLE")).ToList();
        Check(Assert.Single(findings), Severity.Warning, "见附件", "九张表须在附件中核对");
        Assert.Equal("MS-TABLES-ATTACHED", findings[0].RuleId);
    }

    [Theory]
    [MemberData(nameof(RequiredTables))]
    public void A_table_missing_beside_others_is_an_error_even_when_some_are_said_to_be_attached(string ruleId, TableKind kind, string name)
    {
        // The attachment stands in only for a document that holds no table at all: one left out of nine is missing.
        var doc = Fixture.Build();
        doc.Tables.Remove(doc.Get(kind));
        doc.TablesAttached = new Mention("附件：2024年度部门决算公开报表", new Provenance(Page: 2));
        Fires(doc, ruleId, Severity.Error, name);
        Silent(doc, "MS-TABLES-ATTACHED");
    }

    [Fact]
    [Covers("MS-EMPTY-NOTE")]
    public void Empty_table_without_note_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.GovernmentFundExpenditure).HasEmptyNote = false;
        Fires(doc, "MS-EMPTY-NOTE", Severity.Warning, "政府性基金预算支出表");
    }

    [Fact]
    public void Empty_assets_table_needs_no_note()
    {
        var doc = Fixture.Build();
        var assets = new BudgetTable { Kind = TableKind.Assets, Title = "国有资产占用情况表" };
        assets.Columns.Add("合计");
        Fixture.AddRow(assets, null, "合计", "total", "");
        doc.Tables.Add(assets);
        Silent(doc, "MS-EMPTY-NOTE");
    }

    [Fact]
    [Covers("MS-SANGONG-SPLIT")]
    public void Sangong_table_without_vehicle_split_is_a_warning()
    {
        var doc = Fixture.Build();
        var sg = doc.Get(TableKind.SanGong);
        sg.RemoveRow(FigureKeys.公务用车购置费);
        sg.RemoveRow(FigureKeys.公务用车运行维护费);
        Fires(doc, "MS-SANGONG-SPLIT", Severity.Warning, "三公");
    }

    [Fact]
    public void Sangong_split_is_not_checked_without_a_sangong_table()
    {
        var doc = Fixture.Build();
        doc.Tables.Remove(doc.Get(TableKind.SanGong));
        Silent(doc, "MS-SANGONG-SPLIT");
    }

    public static TheoryData<string, SectionKind, Severity, string> RequiredSections => new()
    {
        { "MS-SECTION-01", SectionKind.Responsibilities, Severity.Warning, "部门职责及机构设置" },
        { "MS-SECTION-02", SectionKind.BudgetOverview, Severity.Error, "预算安排总体情况" },
        { "MS-SECTION-03", SectionKind.OperatingCost, Severity.Error, "机关运行经费" },
        { "MS-SECTION-04", SectionKind.SanGong, Severity.Error, "三公" },
        { "MS-SECTION-05", SectionKind.Performance, Severity.Error, "绩效目标" },
        { "MS-SECTION-06", SectionKind.Procurement, Severity.Warning, "政府采购" },
        { "MS-SECTION-07", SectionKind.Assets, Severity.Warning, "国有资产占用" },
        { "MS-SECTION-08", SectionKind.Glossary, Severity.Warning, "名词解释" },
        { "MS-SECTION-09", SectionKind.OtherMatters, Severity.Info, "其他需要说明的事项" },
    };

    [Theory]
    [MemberData(nameof(RequiredSections))]
    [Covers("MS-SECTION-01", "MS-SECTION-02", "MS-SECTION-03", "MS-SECTION-04", "MS-SECTION-05", "MS-SECTION-06", "MS-SECTION-07", "MS-SECTION-08", "MS-SECTION-09")]
    public void Missing_section_fires_with_its_severity(string ruleId, SectionKind kind, Severity severity, string name)
    {
        var doc = Fixture.Build();
        doc.Sections.Remove(doc.SectionOf(kind));
        Fires(doc, ruleId, severity, name);
    }

    [Theory]
    [InlineData("六、其他相关情况说明")]   // Shanghai's 预算 headings
    [InlineData("九、其他需要说明的事项")]
    [InlineData("十、其他重要事项的情况说明")]
    public void The_other_matters_part_is_found_under_each_provinces_heading(string heading)
    {
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        foreach (var text in new[] { "一、部门主要职能", "本部门负责全区商务工作。", heading, "一、2026年“三公”经费预算情况说明",
                                     "2026年“三公”经费预算数为8.53万元，比2025年预算减少25万元。" })
            layout.Blocks.Add(new Paragraph { Text = text, Page = 1 });
        var doc = AuditEngine.Recognition.Recognizer.Recognise(layout);
        Assert.True(doc.HasSection(SectionKind.OtherMatters), heading);
        Assert.True(doc.HasSection(SectionKind.SanGong));
    }

    [Fact]
    public void A_section_name_with_its_own_quotes_is_not_quoted_twice()
    {
        // The 部门预算 profile names the part “三公”经费及增减变化原因; the template quotes the name it is given.
        var doc = Fixture.Build();
        doc.Sections.Remove(doc.SectionOf(SectionKind.SanGong));
        var finding = Fires(doc, "MS-SECTION-04", Severity.Error);
        Assert.Equal("情况说明中未找到“‘三公’经费及增减变化原因”部分。", finding.Message);
        Assert.DoesNotContain("““", finding.Message);
        Assert.DoesNotContain("””", finding.Message);
    }

    [Fact]
    public void No_rule_title_or_message_template_of_the_catalogue_doubles_its_quotes()
    {
        foreach (var rule in Rules.Rules)
        {
            Assert.DoesNotContain("““", rule.Title);
            Assert.DoesNotContain("““", rule.ErrorMessage);
            Assert.DoesNotContain("““", rule.SuccessEvent ?? "");
        }
    }

    [Fact]
    [Covers("MS-PROJECT-INDICATORS")]
    public void Project_spending_without_project_indicator_tables_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.IndicatorTables.RemoveAll(t => t.IsProject);
        Fires(doc, "MS-PROJECT-INDICATORS", Severity.Warning, "2000.00");
    }

    [Fact]
    public void Project_spending_read_from_the_table_alone_also_needs_indicator_tables()
    {
        var doc = Fixture.Build();
        doc.IndicatorTables.RemoveAll(t => t.IsProject);
        doc.Figures.RemoveAll(f => f.Key == FigureKeys.项目支出);
        Fires(doc, "MS-PROJECT-INDICATORS", Severity.Warning);
    }

    [Fact]
    public void No_project_spending_needs_no_project_indicator_tables()
    {
        var doc = Fixture.Build();
        doc.IndicatorTables.RemoveAll(t => t.IsProject);
        doc.Get(TableKind.ExpenditureSummary).Set("合计", "项目支出", 0m);
        doc.SetFigure(FigureKeys.项目支出, 0m);
        Silent(doc, "MS-PROJECT-INDICATORS");
    }

    [Fact]
    public void A_final_account_is_held_to_its_own_profile()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentFinalAccount;
        doc.Tables.Remove(doc.Get(TableKind.IncomeExpenditureSummary));
        doc.IndicatorTables.RemoveAll(t => t.IsProject);
        doc.Sections.Remove(doc.SectionOf(SectionKind.OperatingCost));
        // Named as the 决算 template names it, and said of a 部门决算.
        Fires(doc, "MS-TABLE-01", Severity.Error, "收入支出决算总表", "部门决算");
        // A 决算 reports 绩效自评, not 绩效目标表; its narrative template has no 机关运行经费 part of its own.
        Silent(doc, "MS-PROJECT-INDICATORS");
        Silent(doc, "MS-SECTION-03");
    }

    [Fact]
    public void A_unit_budget_names_the_unit_tables()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.UnitBudget;
        doc.Sections.Remove(doc.SectionOf(SectionKind.BudgetOverview));
        Fires(doc, "MS-SECTION-02", Severity.Error, "单位预算编制说明");
    }

    [Fact]
    [Covers("MS-TEMPLATE")]
    public void A_blank_template_gets_one_finding_and_nothing_else()
    {
        var doc = Fixture.Build();
        doc.Department = "上海市XX局";
        doc.Type = DocumentType.Template;
        doc.Tables.Remove(doc.Get(TableKind.SanGong));
        var findings = Run(doc);
        Assert.Equal("MS-TEMPLATE", Assert.Single(findings).RuleId);
        Check(findings[0], Severity.Error, "空白模板", "上海市XX局");
    }

    [Fact]
    [Covers("MS-NOT-DISCLOSURE")]
    public void A_file_that_is_no_disclosure_gets_one_warning()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.NotDisclosure;
        var findings = Run(doc);
        Check(Assert.Single(findings), Severity.Warning, "未能识别为");
    }
}
