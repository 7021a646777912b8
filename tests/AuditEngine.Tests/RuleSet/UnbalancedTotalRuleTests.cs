using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// rules/unbalanced-total.json. A balance rule's residue allowance is terms × 0.005: with two or more rounded terms a
/// 0.01 difference is 尾差 (Info), with a single compared figure it is a real discrepancy (Error).
/// </summary>
public sealed class UnbalancedTotalRuleTests : RuleTestBase
{
    private const string Sz = "部门收支总表";

    private static Disclosure Doc(TableKind kind, string row, string column, decimal value)
    {
        var doc = Fixture.Build();
        doc.Get(kind).Set(row, column, value);
        return doc;
    }

    private static Disclosure Figure(string key, decimal value)
    {
        var doc = Fixture.Build();
        doc.SetFigure(key, value);
        return doc;
    }

    // ---------------------------------------------------------------- 收支总表

    [Fact]
    [Covers("UT-SZ-BALANCE")]
    public void Income_total_unequal_to_expenditure_total_is_an_error()
    {
        var f = Fires(Doc(TableKind.IncomeExpenditureSummary, "支出总计", "合计", 4059.42m), "UT-SZ-BALANCE", Severity.Error,
            Sz, "4058.42", "4059.42", "1.00");
        Assert.Equal(4058.42m, f.Expected);
        Assert.Equal(4059.42m, f.Actual);
    }

    [Fact]
    public void Income_and_expenditure_totals_one_cent_apart_are_an_error()
    {
        // Both sides print one and the same total: no rounding can separate them.
        Fires(Doc(TableKind.IncomeExpenditureSummary, "支出总计", "合计", 4058.43m), "UT-SZ-BALANCE", Severity.Error, "4058.43");
    }

    [Fact]
    [Covers("UT-SZ-INCOME")]
    public void Income_subtotal_plus_carryover_unequal_to_total_is_an_error()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "上年结转结余", "合计", 51.00m), "UT-SZ-INCOME", Severity.Error, "4059.42", "4058.42", "1.00");
    }

    [Fact]
    public void Income_subtotal_plus_carryover_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "上年结转结余", "合计", 50.01m), "UT-SZ-INCOME", Severity.Info, "4058.43", "4058.42");
    }

    [Fact]
    [Covers("UT-SZ-EXPENSE")]
    public void Expenditure_subtotal_plus_carryover_unequal_to_total_is_an_error()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "年终结转结余", "合计", 49.00m), "UT-SZ-EXPENSE", Severity.Error, "4057.42", "4058.42");
    }

    [Fact]
    public void Expenditure_subtotal_plus_carryover_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "年终结转结余", "合计", 49.99m), "UT-SZ-EXPENSE", Severity.Info, "4058.41", "4058.42");
    }

    [Fact]
    [Covers("UT-SZ-INCOME-ITEMS")]
    public void Income_items_not_summing_to_the_subtotal_are_an_error()
    {
        var f = Fires(Doc(TableKind.IncomeExpenditureSummary, "事业收入", "合计", 101.00m), "UT-SZ-INCOME-ITEMS", Severity.Error, "4009.42", "4008.42");
        Assert.DoesNotContain("四舍五入尾差", f.Message);
    }

    [Fact]
    public void Income_items_one_cent_off_is_residue_and_says_so()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "事业收入", "合计", 100.01m), "UT-SZ-INCOME-ITEMS", Severity.Info, "4008.43", "4008.42", "四舍五入尾差");
    }

    [Fact]
    [Covers("UT-SZ-CLASSES")]
    public void Class_lines_one_unit_off_the_subtotal_are_an_error()
    {
        var f = Fires(Doc(TableKind.IncomeExpenditureSummary, "卫生健康支出", "合计", 3407.42m), "UT-SZ-CLASSES", Severity.Error, "4007.42", "4008.42", "1.00");
        Assert.DoesNotContain("四舍五入尾差", f.Message);
    }

    [Fact]
    public void Class_lines_summing_to_4008_41_against_4008_42_are_residue()
    {
        Fires(Doc(TableKind.IncomeExpenditureSummary, "卫生健康支出", "合计", 3408.41m), "UT-SZ-CLASSES", Severity.Info, "4008.41", "4008.42", "四舍五入尾差");
    }

    // ---------------------------------------------------------------- rows of the code tables

    [Fact]
    [Covers("UT-EXP-ROW")]
    public void Expenditure_row_whose_total_is_not_basic_plus_project_is_an_error()
    {
        Fires(Doc(TableKind.ExpenditureSummary, "2100199", "项目支出", 1999.00m), "UT-EXP-ROW", Severity.Error,
            "2100199 其他卫生健康管理事务支出", "1999.00", "2000.00");
    }

    [Fact]
    public void Expenditure_row_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.ExpenditureSummary, "210", "基本支出", 1408.43m), "UT-EXP-ROW", Severity.Info, "210 卫生健康支出", "3408.43", "3408.42");
    }

    [Fact]
    public void Expenditure_row_counts_business_and_subsidy_columns()
    {
        var doc = Fixture.Build();
        var exp = doc.Get(TableKind.ExpenditureSummary);
        exp.Set("2100199", "项目支出", 1950.00m);
        exp.Set("2100199", "对附属单位补助支出", 50.00m);
        Silent(doc, "UT-EXP-ROW");
    }

    [Fact]
    [Covers("UT-GB-ROW")]
    public void General_budget_row_whose_total_is_not_basic_plus_project_is_an_error()
    {
        Fires(Doc(TableKind.GeneralBudgetExpenditure, "合计", "合计", 3910.42m), "UT-GB-ROW", Severity.Error, "3908.42", "3910.42");
    }

    [Fact]
    public void General_budget_row_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.GeneralBudgetExpenditure, "2080505", "合计", 200.01m), "UT-GB-ROW", Severity.Info, "2080505", "200.00", "200.01");
    }

    [Fact]
    [Covers("UT-INC-ROW-TOTAL")]
    public void Income_row_total_not_subtotal_plus_carryover_is_an_error()
    {
        Fires(Doc(TableKind.IncomeSummary, Fixture.Department + "本级", "上年结转", 60.00m), "UT-INC-ROW-TOTAL", Severity.Error, "4068.42", "4058.42");
    }

    [Fact]
    public void Income_row_total_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.IncomeSummary, Fixture.Department + "本级", "上年结转", 50.01m), "UT-INC-ROW-TOTAL", Severity.Info, "4058.43", "4058.42");
    }

    [Fact]
    [Covers("UT-INC-ROW-SOURCES")]
    public void Income_row_sources_not_summing_to_subtotal_are_an_error()
    {
        Fires(Doc(TableKind.IncomeSummary, Fixture.Department + "本级", "事业收入", 90.00m), "UT-INC-ROW-SOURCES", Severity.Error, "3998.42", "4008.42", "10.00");
    }

    [Fact]
    public void Income_row_sources_three_cents_off_are_residue_of_seven_terms()
    {
        // Seven possible source columns: up to 0.035 is 尾差.
        Fires(Doc(TableKind.IncomeSummary, Fixture.Department + "本级", "事业收入", 100.03m), "UT-INC-ROW-SOURCES", Severity.Info, "4008.45", "4008.42");
    }

    [Fact]
    [Covers("UT-BASIC-ROW")]
    public void Basic_row_whose_total_is_not_personnel_plus_public_is_an_error()
    {
        Fires(Doc(TableKind.GeneralBudgetBasicExpenditure, "30101", "人员经费", 610.00m), "UT-BASIC-ROW", Severity.Error, "30101 基本工资", "610.00", "600.00");
    }

    [Fact]
    public void Basic_row_one_cent_off_is_residue()
    {
        Fires(Doc(TableKind.GeneralBudgetBasicExpenditure, "30201", "公用经费", 100.01m), "UT-BASIC-ROW", Severity.Info, "30201 办公费", "100.01", "100.00");
    }

    // ---------------------------------------------------------------- totals and code tree

    [Fact]
    [Covers("UT-TOTAL-ROW")]
    public void Total_row_unequal_to_the_sum_of_classes_is_an_error()
    {
        var doc = Fixture.Build();
        doc.Get(TableKind.ExpenditureSummary).Set("合计", "合计", 4009.42m);
        var findings = Run(doc).Where(f => f.RuleId == "UT-TOTAL-ROW").ToList();
        var f = Assert.Single(findings);
        Check(f, Severity.Error, "部门支出总表", "功能分类", "4008.42", "4009.42");
    }

    [Fact]
    public void Total_row_one_cent_off_the_classes_is_residue()
    {
        Fires(Doc(TableKind.GeneralBudgetBasicExpenditure, "合计", "合计", 2008.43m), "UT-TOTAL-ROW", Severity.Info,
            "一般公共预算基本支出表", "2008.42", "2008.43", "四舍五入尾差");
    }

    [Fact]
    [Covers("UT-CODE-TREE")]
    public void Class_unequal_to_the_sum_of_its_items_is_an_error()
    {
        var f = Fires(Doc(TableKind.ExpenditureSummary, "2100101", "合计", 1409.42m), "UT-CODE-TREE", Severity.Error,
            "21001 卫生健康管理事务", "3408.42", "3409.42");
        Assert.DoesNotContain("四舍五入尾差", f.Message);
    }

    [Fact]
    public void Economic_class_one_cent_off_its_items_is_residue()
    {
        Fires(Doc(TableKind.GeneralBudgetBasicExpenditure, "30299", "合计", 80.01m), "UT-CODE-TREE", Severity.Info,
            "302 商品和服务支出", "208.42", "208.43", "四舍五入尾差");
    }

    [Fact]
    public void Code_tree_follows_the_linked_children()
    {
        // A 类 whose 款 were not linked by recognition is not summed.
        var doc = Doc(TableKind.ExpenditureSummary, "2100101", "合计", 1409.42m);
        doc.Get(TableKind.ExpenditureSummary).Row("21001")!.Children.Clear();
        Silent(doc, "UT-CODE-TREE");
    }

    // ---------------------------------------------------------------- between tables

    [Fact]
    [Covers("UT-X-SZ-EXP-CLASS")]
    public void Summary_class_unequal_to_the_expenditure_table_class_is_an_error()
    {
        Fires(Doc(TableKind.ExpenditureSummary, "221", "合计", 310.00m), "UT-X-SZ-EXP-CLASS", Severity.Error, "住房保障支出", "300.00", "310.00");
    }

    [Fact]
    public void Summary_class_one_cent_off_the_expenditure_table_is_a_rounding_residue()
    {
        // The expenditure table may print its 类 as the sum of rounded 项 (326.72) where the summary rounds the
        // class itself (326.71): within (项 + 1) × 0.005 it is a 尾差, an info note (putuo_czj_2024_juesuan p6/p10).
        Fires(Doc(TableKind.IncomeExpenditureSummary, "住房保障支出", "合计", 300.01m), "UT-X-SZ-EXP-CLASS", Severity.Info, "300.01", "300.00");
        Fires(Doc(TableKind.IncomeExpenditureSummary, "住房保障支出", "合计", 300.05m), "UT-X-SZ-EXP-CLASS", Severity.Error, "300.05", "300.00");
    }

    [Fact]
    [Covers("UT-X-SZ-EXP-TOTAL")]
    public void Summary_subtotal_unequal_to_the_expenditure_table_total_is_an_error()
    {
        Fires(Doc(TableKind.ExpenditureSummary, "合计", "合计", 4000.00m), "UT-X-SZ-EXP-TOTAL", Severity.Error, "4008.42", "4000.00");
    }

    [Fact]
    [Covers("UT-X-INC-SZ-TOTAL")]
    public void Income_table_total_unequal_to_summary_income_total_is_an_error()
    {
        Fires(Doc(TableKind.IncomeSummary, "合计", "合计", 4060.00m), "UT-X-INC-SZ-TOTAL", Severity.Error, "4060.00", "4058.42");
    }

    [Fact]
    [Covers("UT-X-GB-EXP")]
    public void General_budget_item_above_the_expenditure_table_is_an_error()
    {
        Fires(Doc(TableKind.GeneralBudgetExpenditure, "2100199", "合计", 2100.00m), "UT-X-GB-EXP", Severity.Error, "2100199", "2100.00", "2000.00");
    }

    [Fact]
    public void General_budget_item_below_the_expenditure_table_is_fine()
    {
        Silent(Doc(TableKind.GeneralBudgetExpenditure, "2100199", "合计", 1500.00m), "UT-X-GB-EXP");
    }

    [Fact]
    [Covers("UT-X-BASIC-EXP")]
    public void Basic_table_total_unequal_to_expenditure_basic_is_a_warning()
    {
        Fires(Doc(TableKind.GeneralBudgetBasicExpenditure, "合计", "合计", 1908.42m), "UT-X-BASIC-EXP", Severity.Warning,
            "1908.42", "2008.42", "财政拨款以外的基本支出");
    }

    [Fact]
    public void Basic_table_total_one_cent_off_expenditure_basic_is_a_rounding_residue()
    {
        // A basic table's 合计 may be 人员经费合计 + 公用经费合计 added up (putuo_shehuigongzuobu 105.59 / 105.58).
        var doc = Doc(TableKind.GeneralBudgetBasicExpenditure, "合计", "合计", 2008.43m);
        doc.Get(TableKind.GeneralBudgetExpenditure).Set("合计", "基本支出", 2008.43m);
        Fires(doc, "UT-X-BASIC-EXP", Severity.Info, "2008.43", "2008.42");
    }

    [Fact]
    public void Basic_spending_from_other_funds_is_no_difference_to_report()
    {
        // The basic table agrees with the 一般公共预算 table; the expenditure table holds 12.89 of other funds more
        // (putuo_guihuaziyuan_2024_juesuan: 5,364.75 against 5,377.64).
        var doc = Doc(TableKind.GeneralBudgetBasicExpenditure, "合计", "合计", 1995.53m);
        doc.Get(TableKind.GeneralBudgetExpenditure).Set("合计", "基本支出", 1995.53m);
        Silent(doc, "UT-X-BASIC-EXP");
    }

    [Fact]
    [Covers("UT-X-BASIC-GB")]
    public void Basic_table_total_unequal_to_general_budget_basic_is_an_error()
    {
        Fires(Doc(TableKind.GeneralBudgetExpenditure, "合计", "基本支出", 2000.00m), "UT-X-BASIC-GB", Severity.Error, "2008.42", "2000.00");
    }

    // ---------------------------------------------------------------- projects

    private static Disclosure WithProjectTable(decimal budgetB)
    {
        var doc = Fixture.Build();
        var table = new BudgetTable { Kind = TableKind.ProjectExpenditure, Title = "项目支出表" };
        table.Columns.Add("合计");
        Fixture.AddRow(table, null, "合计", "total", "", 1200.00m + budgetB);
        Fixture.AddRow(table, null, Fixture.ProjectA, "item", "", 1200.00m);
        Fixture.AddRow(table, null, Fixture.ProjectB, "item", "", budgetB);
        doc.Tables.Add(table);
        doc.Projects.Add(new Project { Name = Fixture.ProjectA, Budget = 1200.00m });
        doc.Projects.Add(new Project { Name = Fixture.ProjectB, Budget = budgetB });
        return doc;
    }

    [Fact]
    public void Project_table_matching_project_spending_is_fine()
    {
        Silent(WithProjectTable(800.00m), "UT-PROJECTS-TABLE");
    }

    [Fact]
    [Covers("UT-PROJECTS-TABLE")]
    public void Project_table_not_summing_to_project_spending_is_an_error()
    {
        Fires(WithProjectTable(700.00m), "UT-PROJECTS-TABLE", Severity.Error, "1900.00", "2000.00", "100.00");
    }

    [Fact]
    public void Project_table_one_cent_off_is_residue()
    {
        Fires(WithProjectTable(800.01m), "UT-PROJECTS-TABLE", Severity.Info, "2000.01", "2000.00");
    }

    [Fact]
    [Covers("UT-PROJECTS-INDICATORS")]
    public void Project_indicator_budgets_not_summing_to_project_spending_are_a_warning()
    {
        var doc = Fixture.Build();
        doc.IndicatorTableOf(Fixture.ProjectB).Budget = 600.00m;
        Fires(doc, "UT-PROJECTS-INDICATORS", Severity.Warning, "1800.00", "2000.00", "200.00");
    }

    [Fact]
    public void Project_indicator_budgets_one_cent_off_are_residue()
    {
        var doc = Fixture.Build();
        doc.IndicatorTableOf(Fixture.ProjectB).Budget = 799.99m;
        Fires(doc, "UT-PROJECTS-INDICATORS", Severity.Info, "1999.99", "2000.00");
    }

    [Fact]
    public void Project_indicator_budgets_are_not_checked_when_a_project_table_exists()
    {
        var doc = WithProjectTable(800.00m);
        doc.IndicatorTableOf(Fixture.ProjectB).Budget = 600.00m;
        Silent(doc, "UT-PROJECTS-INDICATORS");
    }

    // ---------------------------------------------------------------- narrative

    [Fact]
    [Covers("UT-OPERATING-PARTS")]
    public void Operating_cost_parts_not_summing_to_the_stated_total_are_an_error()
    {
        var doc = Fixture.Build();
        var operating = doc.SetFigure(FigureKeys.机关运行经费, 218.42m);
        Fires(doc, "UT-OPERATING-PARTS", Severity.Error, "218.42", "208.42", "办公费");
        Assert.Equal(4, operating.Components.Count);
    }

    [Fact]
    public void Operating_cost_parts_two_cents_off_are_residue_of_four_terms()
    {
        Fires(Figure(FigureKeys.机关运行经费, 208.44m), "UT-OPERATING-PARTS", Severity.Info, "208.44", "208.42");
    }

    [Fact]
    [Covers("UT-N-PERSONNEL")]
    public void Stated_personnel_plus_public_unequal_to_stated_basic_is_an_error()
    {
        Fires(Figure(FigureKeys.基本支出, 2018.42m), "UT-N-PERSONNEL", Severity.Error, "2008.42", "2018.42");
    }

    [Fact]
    public void Stated_personnel_plus_public_one_cent_off_is_residue()
    {
        Fires(Figure(FigureKeys.人员经费, 1800.01m), "UT-N-PERSONNEL", Severity.Info, "2008.43", "2008.42");
    }

    [Fact]
    [Covers("UT-N-BASIC-PROJECT")]
    public void Stated_basic_plus_project_unequal_to_stated_expenditure_is_an_error()
    {
        Fires(Figure(FigureKeys.支出合计, 4000.00m), "UT-N-BASIC-PROJECT", Severity.Error, "4008.42", "4000.00");
    }

    [Fact]
    public void Stated_basic_plus_project_one_cent_off_is_residue()
    {
        Fires(Figure(FigureKeys.项目支出, 2000.01m), "UT-N-BASIC-PROJECT", Severity.Info, "4008.43", "4008.42");
    }

    [Fact]
    [Covers("UT-N-INCOME")]
    public void Stated_income_matching_neither_subtotal_nor_total_is_an_error()
    {
        Fires(Figure(FigureKeys.收入合计, 4010.00m), "UT-N-INCOME", Severity.Error, "4010.00", "4008.42");
    }

    [Fact]
    public void Stated_income_is_compared_with_the_nearer_of_subtotal_and_total()
    {
        Silent(Figure(FigureKeys.收入合计, 4058.42m), "UT-N-INCOME");
        Fires(Figure(FigureKeys.收入合计, 4058.00m), "UT-N-INCOME", Severity.Error, "4058.00", "4058.42");
    }

    [Fact]
    [Covers("UT-N-EXPENSE")]
    public void Stated_expenditure_matching_neither_subtotal_nor_total_is_an_error()
    {
        Fires(Figure(FigureKeys.支出合计, 4100.00m), "UT-N-EXPENSE", Severity.Error, "4100.00", "4058.42");
    }

    [Fact]
    public void Stated_expenditure_equal_to_the_total_is_fine()
    {
        Silent(Figure(FigureKeys.支出合计, 4058.42m), "UT-N-EXPENSE");
    }

    [Fact]
    [Covers("UT-N-BASIC")]
    public void Stated_basic_unequal_to_the_expenditure_table_is_an_error()
    {
        Fires(Figure(FigureKeys.基本支出, 2008.43m), "UT-N-BASIC", Severity.Error, "2008.43", "2008.42");
    }

    [Fact]
    [Covers("UT-N-PROJECT")]
    public void Stated_project_unequal_to_the_expenditure_table_is_an_error()
    {
        Fires(Figure(FigureKeys.项目支出, 2100.00m), "UT-N-PROJECT", Severity.Error, "2100.00", "2000.00");
    }

    [Fact]
    [Covers("UT-N-PERSONNEL-TABLE")]
    public void Stated_personnel_unequal_to_the_basic_table_is_an_error()
    {
        Fires(Figure(FigureKeys.人员经费, 1790.00m), "UT-N-PERSONNEL-TABLE", Severity.Error, "1790.00", "1800.00");
    }

    [Fact]
    [Covers("UT-N-PUBLIC-TABLE")]
    public void Stated_public_unequal_to_the_basic_table_is_an_error()
    {
        Fires(Figure(FigureKeys.公用经费, 218.42m), "UT-N-PUBLIC-TABLE", Severity.Error, "218.42", "208.42");
    }

    [Fact]
    public void Narrative_checks_are_skipped_without_the_figures()
    {
        var doc = Fixture.Build();
        doc.Figures.RemoveAll(f => f.Key is FigureKeys.基本支出 or FigureKeys.人员经费 or FigureKeys.公用经费 or FigureKeys.项目支出);
        doc.Get(TableKind.ExpenditureSummary).Set("合计", "项目支出", 1.00m);
        foreach (var id in new[] { "UT-N-PERSONNEL", "UT-N-BASIC-PROJECT", "UT-N-BASIC", "UT-N-PROJECT", "UT-N-PERSONNEL-TABLE", "UT-N-PUBLIC-TABLE" })
            Silent(doc, id);
    }
}
