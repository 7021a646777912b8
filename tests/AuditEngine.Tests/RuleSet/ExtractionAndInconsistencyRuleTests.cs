using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/extraction.json and rules/inconsistency.json.</summary>
public sealed class ExtractionAndInconsistencyRuleTests : RuleTestBase
{
    [Fact]
    [Covers("EX-NOTE")]
    public void Unrepaired_extraction_note_is_a_warning_quoting_the_note()
    {
        var doc = Fixture.Build();
        doc.ExtractionNotes.Add(new ExtractionNote("第5页表格有一列无法识别", new Provenance(Page: 5)));
        Fires(doc, "EX-NOTE", Severity.Warning, "第5页表格有一列无法识别");
    }

    [Fact]
    public void Repaired_extraction_note_is_info()
    {
        var doc = Fixture.Build();
        doc.ExtractionNotes.Add(new ExtractionNote("跨页表格已合并", new Provenance(Page: 6), Repaired: true));
        Fires(doc, "EX-NOTE", Severity.Info, "跨页表格已合并");
    }

    [Fact]
    public void Each_extraction_note_is_its_own_finding()
    {
        var doc = Fixture.Build();
        doc.ExtractionNotes.Add(new ExtractionNote("甲", Provenance.None));
        doc.ExtractionNotes.Add(new ExtractionNote("乙", Provenance.None, Repaired: true));
        var findings = Run(doc).Where(f => f.RuleId == "EX-NOTE").ToList();
        Assert.Equal([Severity.Warning, Severity.Info], findings.Select(f => f.Severity));
    }

    [Fact]
    [Covers("EX-NOTHING")]
    public void Document_without_any_budget_content_is_an_error()
    {
        Fires(new Disclosure { Source = "blank.txt" }, "EX-NOTHING", Severity.Error, "未能从文件中识别");
    }

    [Fact]
    public void Document_with_only_indicator_tables_is_not_empty()
    {
        var doc = new Disclosure { Source = "indicators.txt" };
        doc.IndicatorTables.Add(Fixture.ProjectTable(Fixture.ProjectA, 10m));
        Silent(doc, "EX-NOTHING");
    }

    [Fact]
    [Covers("IC-EMPTY-NOTE-WITH-FIGURES")]
    public void Table_declared_empty_but_holding_amounts_is_an_error()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.StateCapitalExpenditure).Set("合计", "合计", 12.00m);
        Fires(doc, "IC-EMPTY-NOTE-WITH-FIGURES", Severity.Error, "国有资本经营预算支出表");
    }

    [Fact]
    public void Table_with_amounts_and_no_empty_note_is_consistent()
    {
        var doc = Fixture.Build();
        var table = doc.Get(TableKind.StateCapitalExpenditure);
        table.Set("合计", "合计", 12.00m);
        table.HasEmptyNote = false;
        Silent(doc, "IC-EMPTY-NOTE-WITH-FIGURES");
    }

    [Fact]
    [Covers("IC-DEPARTMENT")]
    public void Differently_spelt_department_is_a_warning_naming_both()
    {
        var doc = Fixture.Build();
        // Same department, another organisational suffix (委员会 vs 局), as huailai writes 医疗保障局 and 医疗保障部门.
        doc.DepartmentMentions.Add(new Mention("某某市卫生健康局", new Provenance(Page: 7)));
        Fires(doc, "IC-DEPARTMENT", Severity.Warning, "某某市卫生健康局", Fixture.Department);
    }

    [Fact]
    public void A_subordinate_unit_named_in_the_document_is_not_a_department_inconsistency()
    {
        var doc = Fixture.Build();
        doc.DepartmentMentions.Add(new Mention("某某市卫生健康监督中心", new Provenance(Page: 7)));
        Assert.DoesNotContain(Run(doc), f => f.RuleId == "IC-DEPARTMENT");
    }

    [Fact]
    [Covers("IC-YEAR")]
    public void Different_budget_year_is_an_error_naming_both()
    {
        var doc = Fixture.Build();
        doc.YearMentions.Add(new Mention("2023", new Provenance(Page: 7)));
        Fires(doc, "IC-YEAR", Severity.Error, "2023", "2024");
    }

    [Fact]
    [Covers("IC-GOVFUND-STATEMENT")]
    public void Saying_no_government_fund_while_the_table_has_amounts_is_an_error()
    {
        var doc = Fixture.Build();
        var fund = doc.Get(TableKind.GovernmentFundExpenditure);
        fund.HasEmptyNote = false;
        fund.Set("合计", "合计", 25.00m);
        Fires(doc, "IC-GOVFUND-STATEMENT", Severity.Error, "政府性基金预算支出表");
    }

    [Fact]
    public void Stating_government_fund_spending_with_a_filled_table_is_consistent()
    {
        var doc = Fixture.Build();
        var fund = doc.Get(TableKind.GovernmentFundExpenditure);
        fund.HasEmptyNote = false;
        fund.Set("合计", "合计", 25.00m);
        doc.SectionOf(SectionKind.OtherMatters).Text = "本部门2024年政府性基金预算支出25.00万元，用于公共卫生设施建设。";
        Silent(doc, "IC-GOVFUND-STATEMENT");
    }
}
