using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/sangong-overrun.json. The fixture's 三公 table: 合计 38.42 (上年 46.00) = 出国 10.00 + 用车 20.00 + 接待 8.42.</summary>
public sealed class SangongRuleTests : RuleTestBase
{
    private static (Disclosure Doc, BudgetTable Table) Build()
    {
        var doc = Fixture.Build();
        return (doc, doc.Get(TableKind.SanGong));
    }

    // ---------------------------------------------------------------- SG-COMPOSITION

    [Fact]
    [Covers("SG-COMPOSITION")]
    public void Total_that_is_not_the_sum_of_the_three_items_is_an_error()
    {
        var (doc, t) = Build();
        t.Set("合计", "预算数", 39.42m);
        var f = Fires(doc, "SG-COMPOSITION", Severity.Error, "39.42", "38.42", "1.00");
        Assert.Equal(38.42m, f.Expected);
        Assert.Equal(39.42m, f.Actual);
    }

    [Fact]
    public void Total_off_by_one_cent_is_rounding_residue()
    {
        // Three rounded items: up to 0.015 is 尾差.
        var (doc, t) = Build();
        t.Set("合计", "预算数", 38.43m);
        Fires(doc, "SG-COMPOSITION", Severity.Info, "38.43", "38.42");
    }

    [Fact]
    public void Without_the_combined_vehicle_row_the_two_vehicle_rows_are_summed()
    {
        var (doc, t) = Build();
        t.RemoveRow(FigureKeys.公务用车费);
        Silent(doc, "SG-COMPOSITION");
        t.Set(FigureKeys.公务用车运行维护费, "预算数", 21.00m);
        Fires(doc, "SG-COMPOSITION", Severity.Error, "38.42", "39.42");
    }

    // ---------------------------------------------------------------- SG-COMPOSITION-LAST-YEAR

    [Fact]
    [Covers("SG-COMPOSITION-LAST-YEAR")]
    public void Last_year_total_that_is_not_the_sum_is_an_error()
    {
        var (doc, t) = Build();
        t.Set("合计", "上年预算数", 47.00m);
        Fires(doc, "SG-COMPOSITION-LAST-YEAR", Severity.Error, "47.00", "46.00");
    }

    [Fact]
    public void Last_year_total_off_by_one_cent_is_rounding_residue()
    {
        var (doc, t) = Build();
        t.Set("合计", "上年预算数", 46.01m);
        Fires(doc, "SG-COMPOSITION-LAST-YEAR", Severity.Info, "46.01", "46.00");
    }

    [Fact]
    public void Last_year_composition_is_not_checked_without_last_year_figures()
    {
        var (doc, t) = Build();
        t.Set("合计", "上年预算数", null);
        t.Set(FigureKeys.公务接待费, "上年预算数", 99.00m);
        Silent(doc, "SG-COMPOSITION-LAST-YEAR");
    }

    // ---------------------------------------------------------------- SG-VEHICLE

    [Fact]
    [Covers("SG-VEHICLE")]
    public void Vehicle_total_that_is_not_purchase_plus_upkeep_is_an_error()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务用车费, "预算数", 22.00m);
        Fires(doc, "SG-VEHICLE", Severity.Error, "22.00", "20.00", "2.00");
    }

    [Fact]
    public void Vehicle_total_off_by_one_cent_is_rounding_residue()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务用车费, "预算数", 20.01m);
        Fires(doc, "SG-VEHICLE", Severity.Info, "20.01", "20.00");
    }

    [Fact]
    public void Vehicle_split_is_not_checked_when_only_the_combined_row_exists()
    {
        var (doc, t) = Build();
        t.RemoveRow(FigureKeys.公务用车购置费);
        t.RemoveRow(FigureKeys.公务用车运行维护费);
        Silent(doc, "SG-VEHICLE");
    }

    // ---------------------------------------------------------------- SG-NARRATIVE

    [Fact]
    [Covers("SG-NARRATIVE")]
    public void Narrative_item_that_disagrees_with_the_table_is_an_error()
    {
        var doc = Fixture.Build();
        doc.SetFigure(FigureKeys.公务接待费, 9.42m);
        Fires(doc, "SG-NARRATIVE", Severity.Error, FigureKeys.公务接待费, "9.42", "8.42");
    }

    // ---------------------------------------------------------------- SG-NARRATIVE-CHANGE

    private static NarrativeStatement Change(string key, decimal amount, ChangeDirection direction, decimal? change, string comparison) => new()
    {
        Text = $"{key}{amount:0.00}万元，与{comparison}相比…", Subject = key, FigureKey = key, Comparison = comparison,
        Stated = new StatedAmount(amount, 0.005m, $"{amount:0.00}万元"), Direction = direction,
        ChangeStated = change is { } c ? new StatedAmount(c, 0.005m, $"{c:0.00}万元") : null,
    };

    [Fact]
    [Covers("SG-NARRATIVE-CHANGE")]
    public void A_change_against_the_budget_that_the_own_table_contradicts_is_an_error()
    {
        // An 安徽 决算's shape: “与2021年度预算相比无增减” where the table's 预算数 is 9.00, its year's figure 8.42.
        var doc = Fixture.Build();
        doc.Statements.Add(Change(FigureKeys.公务接待费, 8.42m, ChangeDirection.Flat, null, "上年预算数"));
        Fires(doc, "SG-NARRATIVE-CHANGE", Severity.Error, "8.42", "9.00", "0.58", "上年预算数");

        var fits = Fixture.Build();
        fits.Statements.Add(Change(FigureKeys.公务接待费, 8.42m, ChangeDirection.Decrease, 0.58m, "上年预算数"));
        fits.Statements.Add(Change("三公经费", 38.42m, ChangeDirection.Decrease, 7.58m, "2023年预算"));
        // Compared with last year's spending (决算), which the table does not print: not checked.
        fits.Statements.Add(Change(FigureKeys.公务用车费, 20.00m, ChangeDirection.Flat, null, "上年决算数"));
        Silent(fits, "SG-NARRATIVE-CHANGE");
    }

    [Fact]
    public void Narrative_sangong_total_is_compared_with_the_total_row()
    {
        // Two printed copies of one figure: a single cent is a real discrepancy, not residue.
        var doc = Fixture.Build();
        doc.SetFigure(FigureKeys.三公经费, 38.43m);
        Fires(doc, "SG-NARRATIVE", Severity.Error, "38.43", "38.42");
    }

    [Fact]
    public void Narrative_figure_without_a_table_row_is_not_compared()
    {
        var (doc, t) = Build();
        t.RemoveRow(FigureKeys.公务接待费);
        doc.SetFigure(FigureKeys.公务接待费, 9.42m);
        Silent(doc, "SG-NARRATIVE");
    }

    // ---------------------------------------------------------------- SG-ABOVE-LAST-YEAR

    [Fact]
    [Covers("SG-ABOVE-LAST-YEAR")]
    public void Total_above_last_year_is_a_warning()
    {
        var (doc, t) = Build();
        t.Set("合计", "上年预算数", 35.00m);
        Fires(doc, "SG-ABOVE-LAST-YEAR", Severity.Warning, "38.42", "35.00", "3.42");
    }

    [Fact]
    public void Total_equal_to_last_year_is_allowed()
    {
        var (doc, t) = Build();
        t.Set("合计", "上年预算数", 38.42m);
        Silent(doc, "SG-ABOVE-LAST-YEAR");
    }

    // ---------------------------------------------------------------- SG-ITEM-INCREASE-REASON

    [Fact]
    [Covers("SG-ITEM-INCREASE-REASON")]
    public void Item_increase_without_reason_is_an_error()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务接待费, "预算数", 10.00m);
        Fires(doc, "SG-ITEM-INCREASE-REASON", Severity.Error, FigureKeys.公务接待费, "9.00", "10.00");
    }

    [Fact]
    public void Item_increase_with_a_reason_in_the_row_is_accepted()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务接待费, "预算数", 10.00m);
        t.Row(FigureKeys.公务接待费)!.Reason = "承办全国性会议";
        Silent(doc, "SG-ITEM-INCREASE-REASON");
    }

    // ---------------------------------------------------------------- SG-ITEM-CHANGE-REASON

    [Fact]
    [Covers("SG-ITEM-CHANGE-REASON")]
    public void Stated_decrease_without_reason_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.FigureOf(FigureKeys.因公出国费).HasReason = false;
        Fires(doc, "SG-ITEM-CHANGE-REASON", Severity.Warning, FigureKeys.因公出国费, "减少", "2.00");
    }

    [Fact]
    public void Stated_increase_without_reason_is_an_error()
    {
        var doc = Fixture.Build();
        var figure = doc.FigureOf(FigureKeys.公务接待费);
        figure.Change = 1.50m;
        figure.HasReason = false;
        Fires(doc, "SG-ITEM-CHANGE-REASON", Severity.Error, FigureKeys.公务接待费, "增加", "1.50");
    }

    [Fact]
    public void Unchanged_item_needs_no_reason()
    {
        var doc = Fixture.Build();
        var figure = doc.FigureOf(FigureKeys.公务接待费);
        figure.Change = 0m;
        figure.HasReason = false;
        Silent(doc, "SG-ITEM-CHANGE-REASON");
    }

    // ---------------------------------------------------------------- SG-NARRATIVE-INCREASE

    [Fact]
    [Covers("SG-NARRATIVE-INCREASE")]
    public void Narrative_sangong_increase_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentBudget;
        doc.FigureOf(FigureKeys.三公经费).Change = 3.00m;
        Fires(doc, "SG-NARRATIVE-INCREASE", Severity.Warning, "3.00");
    }

    [Fact]
    public void A_final_account_above_last_years_spending_is_no_sangong_increase_defect()
    {
        // “只减不增” binds the 三公 budget; a 决算 may spend more than last year's 决算 (its reason is checked elsewhere).
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentFinalAccount;
        doc.FigureOf(FigureKeys.三公经费).Change = 3.00m;
        Silent(doc, "SG-NARRATIVE-INCREASE");
    }

    [Fact]
    public void Narrative_increase_of_one_item_is_not_a_sangong_increase()
    {
        var doc = Fixture.Build();
        doc.FigureOf(FigureKeys.公务接待费).Change = 1.00m;
        Silent(doc, "SG-NARRATIVE-INCREASE");
    }

    // ---------------------------------------------------------------- SG-NO-COMPARISON

    private static Disclosure WithoutAnyComparison()
    {
        var (doc, t) = Build();
        // Neither the total nor any item compared with last year.
        foreach (var figure in doc.Figures) figure.Change = null;
        t.Columns.Remove("上年预算数");
        doc.SectionOf(SectionKind.SanGong).Text = "2024年“三公”经费预算38.42万元，其中因公出国（境）费10.00万元。";
        return doc;
    }

    [Fact]
    [Covers("SG-NO-COMPARISON")]
    public void Sangong_without_comparison_to_last_year_is_a_warning()
    {
        Fires(WithoutAnyComparison(), "SG-NO-COMPARISON", Severity.Warning, "38.42");
    }

    [Fact]
    public void Comparison_in_the_section_text_is_enough()
    {
        var doc = WithoutAnyComparison();
        doc.SectionOf(SectionKind.SanGong).Text += "与上年持平。";
        Silent(doc, "SG-NO-COMPARISON");
    }

    [Fact]
    public void Comparison_column_in_the_table_is_enough()
    {
        var doc = WithoutAnyComparison();
        doc.Get(TableKind.SanGong).Columns.Add("上年预算数");
        Silent(doc, "SG-NO-COMPARISON");
    }

    // ---------------------------------------------------------------- SG-PREVIOUS-DISCLOSURE

    private static Disclosure PreviousYear(decimal sangongTotal)
    {
        var previous = Fixture.Build();
        previous.Year = 2023;
        previous.Get(TableKind.SanGong).Set("合计", "预算数", sangongTotal);
        return previous;
    }

    [Fact]
    [Covers("SG-PREVIOUS-DISCLOSURE")]
    public void Total_above_the_previous_disclosure_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.PreviousYear = PreviousYear(30.00m);
        Fires(doc, "SG-PREVIOUS-DISCLOSURE", Severity.Warning, "38.42", "30.00", "2023");
    }

    [Fact]
    public void Total_below_the_previous_disclosure_is_fine()
    {
        var doc = Fixture.Build();
        doc.PreviousYear = PreviousYear(46.00m);
        Silent(doc, "SG-PREVIOUS-DISCLOSURE");
    }

    // ---------------------------------------------------------------- SG-BASIC-30217 / 30231

    [Fact]
    [Covers("SG-BASIC-30217")]
    public void Basic_table_reception_cost_above_sangong_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).Set("30217", "合计", 10.42m);
        Fires(doc, "SG-BASIC-30217", Severity.Warning, "10.42", "8.42", "2.00");
    }

    [Fact]
    public void Basic_table_reception_cost_below_sangong_is_paid_from_projects_too()
    {
        // 三公 may be paid from 项目支出 as well: the basic part alone may be smaller (Shanghai budgets, jiaozuo).
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).Set("30217", "合计", 6.42m);
        Silent(doc, "SG-BASIC-30217");
    }

    [Fact]
    public void Basic_table_reception_cost_one_cent_above_is_still_a_warning()
    {
        // Same figure printed twice (terms 1, tolerance 0.005): the severity expression's info branch is not reached.
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).Set("30217", "合计", 8.43m);
        Fires(doc, "SG-BASIC-30217", Severity.Warning, "8.43", "8.42");
    }

    [Fact]
    [Covers("SG-BASIC-30231")]
    public void Basic_table_vehicle_upkeep_above_sangong_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).Set("30231", "合计", 25.00m);
        Fires(doc, "SG-BASIC-30231", Severity.Warning, "25.00", "20.00", "5.00");
    }

    [Fact]
    public void Basic_table_vehicle_upkeep_one_cent_off_is_still_a_warning()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).Set("30231", "合计", 20.01m);
        Fires(doc, "SG-BASIC-30231", Severity.Warning, "20.01", "20.00");
    }

    [Fact]
    [Covers("SG-BASIC-30212")]
    public void Basic_table_travel_abroad_above_sangong_is_a_warning()
    {
        // An unseen Shanghai 2025 决算 listed 30212 因公出国（境）费用 13.24 in its 基本支出表 and no 因公出国 in its 三公 table.
        var doc = Fixture.Build();
        Fixture.AddRow(doc.Get(TableKind.GeneralBudgetBasicExpenditure), "30212", "因公出国（境）费用", "item", "", 12.00m, null, 12.00m);
        Fires(doc, "SG-BASIC-30212", Severity.Warning, "12.00", "10.00", "2.00");
    }

    [Fact]
    public void Basic_table_travel_abroad_within_sangong_is_silent()
    {
        var doc = Fixture.Build();
        Fixture.AddRow(doc.Get(TableKind.GeneralBudgetBasicExpenditure), "30212", "因公出国（境）费用", "item", "", 10.00m, null, 10.00m);
        Silent(doc, "SG-BASIC-30212");
    }

    [Fact]
    public void A_final_account_compares_its_narrative_with_the_final_figures()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentFinalAccount;
        var sg = doc.Get(TableKind.SanGong);
        // The 预算数 column stays as built; the 决算数 differs from it and agrees with the narrative.
        foreach (var row in sg.Rows)
            row.Cells["决算数"] = new AmountCell { Text = "x", Value = doc.FigureValue(row.Name == "合计" ? FigureKeys.三公经费 : row.Name) };
        Silent(doc, "SG-NARRATIVE");
        sg.Rows.First(r => r.Name == FigureKeys.公务接待费).Cells["决算数"] = new AmountCell { Text = "1.00", Value = 1.00m };
        Fires(doc, "SG-NARRATIVE", Severity.Error, "公务接待费", "1.00");
    }

    [Fact]
    public void Basic_table_without_30231_is_not_compared()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.GeneralBudgetBasicExpenditure).RemoveRow("30231");
        Silent(doc, "SG-BASIC-30231");
    }

    // ---------------------------------------------------------------- SG-VEHICLE-NO-CARS

    [Fact]
    [Covers("SG-VEHICLE-NO-CARS")]
    public void Vehicle_upkeep_with_no_cars_is_an_error()
    {
        var doc = Fixture.Build();
        doc.SetFigure(FigureKeys.车辆数, 0m);
        Fires(doc, "SG-VEHICLE-NO-CARS", Severity.Error, "20.00");
    }

    [Fact]
    public void No_vehicle_upkeep_and_no_cars_is_consistent()
    {
        var (doc, t) = Build();
        doc.SetFigure(FigureKeys.车辆数, 0m);
        t.Set(FigureKeys.公务用车运行维护费, "预算数", 0m);
        Silent(doc, "SG-VEHICLE-NO-CARS");
    }

    // ---------------------------------------------------------------- SG-PURCHASE-NO-PROCUREMENT

    [Fact]
    [Covers("SG-PURCHASE-NO-PROCUREMENT")]
    public void Vehicle_purchase_without_procurement_is_a_warning()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务用车购置费, "预算数", 18.00m);
        doc.Figures.RemoveAll(f => f.Key == FigureKeys.政府采购);
        doc.SectionOf(SectionKind.Assets).Text = "截至2023年12月31日，本部门固定资产总额1200.00万元。";
        Fires(doc, "SG-PURCHASE-NO-PROCUREMENT", Severity.Warning, "18.00");
    }

    [Fact]
    public void Vehicle_purchase_listed_in_procurement_is_fine()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务用车购置费, "预算数", 18.00m);
        doc.SectionOf(SectionKind.Procurement).Text = Fixture.ProcurementText + "其中车辆购置18.00万元。";
        Silent(doc, "SG-PURCHASE-NO-PROCUREMENT");
    }

    [Fact]
    public void Vehicle_named_only_in_the_assets_section_does_not_count_as_procurement()
    {
        var (doc, t) = Build();
        t.Set(FigureKeys.公务用车购置费, "预算数", 18.00m);
        Assert.DoesNotContain("车辆", doc.SectionOf(SectionKind.Procurement).Text);
        Assert.Contains("车辆", doc.SectionOf(SectionKind.Assets).Text);
        Fires(doc, "SG-PURCHASE-NO-PROCUREMENT", Severity.Warning, "18.00");
    }
}
