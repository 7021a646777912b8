using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/cross-table.json: the 财政拨款收支总表's two sides and columns, code trees in every column, the same code across tables, 人员/公用经费, 机关运行经费, project tables.</summary>
public sealed class CrossTableRuleTests : RuleTestBase
{
    /// <summary>The fixture's 财政拨款收支总表 with a 一般公共预算 column, 本年 subtotals and a 上年结转 line, balanced.</summary>
    private static Disclosure WithFullFiscalSummary()
    {
        var doc = Fixture.Build();
        var old = doc.Get(TableKind.FiscalSummary);
        var t = new BudgetTable { Kind = TableKind.FiscalSummary, Title = old.Title, Provenance = old.Provenance };
        t.Columns.AddRange(["合计", "一般公共预算", "政府性基金", "国有资本经营"]);
        Fixture.AddRow(t, null, "一般公共预算拨款", "item", "收入", 3858.42m);
        Fixture.AddRow(t, null, "本年收入合计", "subtotal", "收入", 3858.42m);
        Fixture.AddRow(t, null, "上年结转", "carryover", "收入", 50.00m);
        Fixture.AddRow(t, null, "一般公共预算拨款", "item", "收入", 50.00m);
        Fixture.AddRow(t, null, "收入总计", "total", "收入", 3908.42m);
        Fixture.AddRow(t, null, "社会保障和就业支出", "class", "支出", 300.00m, 300.00m);
        Fixture.AddRow(t, null, "卫生健康支出", "class", "支出", 3308.42m, 3308.42m);
        Fixture.AddRow(t, null, "住房保障支出", "class", "支出", 300.00m, 300.00m);
        Fixture.AddRow(t, null, "本年支出合计", "subtotal", "支出", 3908.42m, 3908.42m);
        Fixture.AddRow(t, null, "年终结转结余", "carryover", "支出");
        Fixture.AddRow(t, null, "支出总计", "total", "支出", 3908.42m, 3908.42m);
        doc.Tables[doc.Tables.IndexOf(old)] = t;
        return doc;
    }

    [Fact]
    public void A_balanced_fiscal_summary_with_carryover_details_is_silent()
    {
        var doc = WithFullFiscalSummary();
        foreach (var id in (string[])["UT-FS-BALANCE", "UT-FS-INCOME", "UT-FS-INCOME-ITEMS", "UT-FS-EXPENSE", "UT-FS-CLASSES", "UT-FS-ROW", "UT-X-FS-GB-CLASS", "UT-X-FS-GB-TOTAL"])
            Silent(doc, id);
    }

    [Fact]
    [Covers("UT-FS-BALANCE", "UT-FS-EXPENSE")]
    public void Fiscal_expenditure_total_above_income_total_is_an_error()
    {
        var doc = WithFullFiscalSummary();
        doc.Get(TableKind.FiscalSummary).Set("支出总计", "合计", 3918.42m);
        Fires(doc, "UT-FS-BALANCE", Severity.Error, "3908.42", "3918.42", "10.00");
        Fires(doc, "UT-FS-EXPENSE", Severity.Error, "3908.42", "3918.42");
    }

    [Fact]
    [Covers("UT-FS-INCOME", "UT-FS-INCOME-ITEMS")]
    public void Fiscal_income_lines_that_do_not_add_up_are_errors()
    {
        var doc = WithFullFiscalSummary();
        var t = doc.Get(TableKind.FiscalSummary);
        t.Rows.First(r => r.Name == "一般公共预算拨款").Cells["合计"] = new AmountCell { Value = 3800.00m, Text = "3800.00" };
        Fires(doc, "UT-FS-INCOME-ITEMS", Severity.Error, "3800.00", "3858.42");
        t.Set("上年结转", "合计", 60.00m);
        Fires(doc, "UT-FS-INCOME", Severity.Error, "3918.42", "3908.42");
    }

    [Fact]
    [Covers("UT-FS-CLASSES", "UT-FS-ROW", "UT-X-FS-GB-CLASS")]
    public void A_class_line_off_in_its_general_budget_column_is_reported_in_the_column_the_row_and_against_the_general_budget_table()
    {
        var doc = WithFullFiscalSummary();
        doc.Get(TableKind.FiscalSummary).Set("住房保障支出", "一般公共预算", 290.00m);
        Fires(doc, "UT-FS-CLASSES", Severity.Error, "一般公共预算", "3898.42", "3908.42");
        Fires(doc, "UT-FS-ROW", Severity.Error, "住房保障支出", "290.00", "300.00");
        Fires(doc, "UT-X-FS-GB-CLASS", Severity.Error, "住房保障支出", "290.00", "300.00");
    }

    [Fact]
    [Covers("UT-X-FS-GB-TOTAL")]
    public void General_budget_table_total_unlike_the_fiscal_summary_is_an_error()
    {
        var doc = WithFullFiscalSummary();
        doc.Get(TableKind.GeneralBudgetExpenditure).Set("合计", "合计", 3918.42m);
        Fires(doc, "UT-X-FS-GB-TOTAL", Severity.Error, "3908.42", "3918.42");
    }

    [Fact]
    public void General_budget_total_is_not_compared_where_the_fiscal_summary_carries_money_forward()
    {
        var doc = WithFullFiscalSummary();
        doc.Get(TableKind.FiscalSummary).Set("年终结转结余", "合计", 10.00m);
        doc.Get(TableKind.GeneralBudgetExpenditure).Set("合计", "合计", 3918.42m);
        Silent(doc, "UT-X-FS-GB-TOTAL");
    }

    [Fact]
    public void A_final_accounts_general_budget_total_is_compared_with_this_years_spending_despite_a_year_end_balance()
    {
        var doc = WithFullFiscalSummary();
        doc.Type = DocumentType.DepartmentFinalAccount;
        doc.Get(TableKind.FiscalSummary).Set("年终结转结余", "合计", 10.00m);
        doc.Get(TableKind.GeneralBudgetExpenditure).Set("合计", "合计", 3918.42m);
        Fires(doc, "UT-X-FS-GB-TOTAL", Severity.Error, "3908.42", "3918.42");
    }

    [Fact]
    [Covers("UT-CODE-TREE-COLUMNS")]
    public void A_kuan_whose_basic_column_differs_from_its_xiang_is_an_error_though_its_total_agrees()
    {
        var doc = Fixture.Build();
        var exp = doc.Get(TableKind.ExpenditureSummary);
        exp.Set("21001", "基本支出", 1398.42m);
        exp.Set("21001", "项目支出", 2010.00m);
        // The 款 is off against its 项, and its 类 against it.
        var findings = FiresEach(doc, "UT-CODE-TREE-COLUMNS", 2, Severity.Error);
        var f = Check(findings.Single(x => x.Message.Contains("21001")), Severity.Error, "21001 卫生健康管理事务", "基本支出", "1398.42", "1408.42", "项目支出", "2010.00");
        Silent(doc, "UT-CODE-TREE");
        Assert.Contains(f.Evidence, e => e.Table == exp.Title && e.Column == "基本支出" && e.Row == exp.Row("21001")!.Index);
    }

    [Fact]
    [Covers("UT-X-GB-EXP-PARTS")]
    public void General_budget_project_spending_above_the_same_code_in_the_expenditure_table_is_an_error()
    {
        var doc = Fixture.Build();
        var gb = doc.Get(TableKind.GeneralBudgetExpenditure);
        gb.Set("2100101", "基本支出", 1308.42m);
        gb.Set("2100101", "项目支出", 100.00m);
        Fires(doc, "UT-X-GB-EXP-PARTS", Severity.Error, "2100101 行政运行", "100.00", "1408.42");
        Silent(doc, "UT-X-GB-EXP");
    }

    [Fact]
    public void Parts_are_not_compared_again_where_the_total_already_exceeds()
    {
        var doc = Fixture.Build();
        var gb = doc.Get(TableKind.GeneralBudgetExpenditure);
        gb.Set("2100101", "合计", 1508.42m);
        gb.Set("2100101", "项目支出", 100.00m);
        Silent(doc, "UT-X-GB-EXP-PARTS");
    }

    [Fact]
    [Covers("UT-X-INC-EXP-CODE")]
    public void Income_by_code_unlike_expenditure_in_a_budget_is_an_error_and_not_in_a_final_account()
    {
        var doc = Fixture.Build();
        doc.Type = DocumentType.DepartmentBudget;
        var inc = doc.Get(TableKind.IncomeSummary);
        Fixture.AddRow(inc, "208", "社会保障和就业支出", "code", "", 310.00m);
        Fires(doc, "UT-X-INC-EXP-CODE", Severity.Error, "208 社会保障和就业支出", "310.00", "300.00");
        doc.Type = DocumentType.DepartmentFinalAccount;
        Silent(doc, "UT-X-INC-EXP-CODE");
    }

    [Fact]
    [Covers("UT-BASIC-PERSONNEL-CLASSES", "UT-BASIC-PUBLIC-CLASSES")]
    public void Personnel_and_public_totals_unlike_their_economic_classes_are_errors()
    {
        var doc = Fixture.Build();
        var basic = doc.Get(TableKind.GeneralBudgetBasicExpenditure);
        basic.Set("合计", "人员经费", 1790.00m);
        basic.Set("合计", "公用经费", 218.42m);
        Fires(doc, "UT-BASIC-PERSONNEL-CLASSES", Severity.Error, "1790.00", "1800.00");
        Fires(doc, "UT-BASIC-PUBLIC-CLASSES", Severity.Error, "218.42", "208.42");
    }

    [Fact]
    public void Capital_spending_counts_as_public_spending_and_family_subsidies_as_personnel()
    {
        var doc = Fixture.Build();
        var basic = doc.Get(TableKind.GeneralBudgetBasicExpenditure);
        Fixture.AddRow(basic, "303", "对个人和家庭的补助", "code", "", 20.00m, 20.00m);
        Fixture.AddRow(basic, "310", "资本性支出", "code", "", 5.00m, null, 5.00m);
        basic.Set("合计", "合计", 2033.42m);
        basic.Set("合计", "人员经费", 1820.00m);
        basic.Set("合计", "公用经费", 213.42m);
        Silent(doc, "UT-BASIC-PERSONNEL-CLASSES");
        Silent(doc, "UT-BASIC-PUBLIC-CLASSES");
    }

    [Fact]
    [Covers("UT-OPERATING-OVER-PUBLIC")]
    public void Operating_cost_above_public_spending_is_a_warning()
    {
        var doc = Fixture.Build();
        doc.SetFigure(FigureKeys.机关运行经费, 300.00m);
        Fires(doc, "UT-OPERATING-OVER-PUBLIC", Severity.Warning, "300.00", "208.42");
    }

    [Fact]
    public void Operating_cost_below_public_spending_is_fine()
    {
        var doc = Fixture.Build();
        doc.SetFigure(FigureKeys.机关运行经费, 150.00m);
        Silent(doc, "UT-OPERATING-OVER-PUBLIC");
    }

    [Fact]
    [Covers("UT-X-PROJECT-TARGET-BUDGET")]
    public void A_project_target_table_unlike_its_line_in_the_project_table_is_an_error()
    {
        var doc = Fixture.Build();
        var projects = new BudgetTable { Kind = TableKind.ProjectExpenditure, Title = "项目支出表", Provenance = new Provenance(Page: 12) };
        projects.Columns.Add("合计");
        var target = doc.IndicatorTables.First(t => t.IsProject);
        Fixture.AddRow(projects, null, target.ProjectName!, "", "", target.Budget!.Value - 10m);
        doc.Tables.Add(projects);
        Fires(doc, "UT-X-PROJECT-TARGET-BUDGET", Severity.Error, target.ProjectName!, Fmt(target.Budget.Value), Fmt(target.Budget.Value - 10m));
        projects.Set(target.ProjectName!, "合计", target.Budget.Value);
        Silent(doc, "UT-X-PROJECT-TARGET-BUDGET");
    }

    private static string Fmt(decimal d) => d.ToString("0.00");
}
