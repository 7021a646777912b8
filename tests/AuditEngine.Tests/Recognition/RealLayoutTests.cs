using System.Collections.Concurrent;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// Table layouts of real Shanghai 普陀区 disclosures (../shared/realdocs, beside the repository; never copied in):
/// two-column economic tables, 类 | 款 | 项 in separate columns, tables running on over pages without a repeated
/// header, amounts in 元.
/// </summary>
public class RealLayoutTests
{
    private static readonly ConcurrentDictionary<string, Disclosure> Read = new();

    internal static string RealDoc(string relative) =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "realdocs", relative));

    internal static Disclosure Recognise(string relative) =>
        Read.GetOrAdd(relative, r =>
        {
            var path = RealDoc(r);
            Assert.True(File.Exists(path), $"real document not found: {path}");
            return Recognizer.Recognise(DocumentReader.Read(path));
        });

    private const string Guihua = "juesuan/putuo_guihuaziyuan_2024_juesuan.pdf";
    private const string Shehui = "juesuan/putuo_shehuigongzuobu_2024_juesuan.pdf";
    private const string Czj = "juesuan/putuo_czj_2024_juesuan.pdf";
    private const string Wanli = "yusuan/putuo_wanli_jiedao_2025_yusuan.pdf";

    private static BudgetTable Basic(Disclosure doc) =>
        doc.Table(TableKind.GeneralBudgetBasicExpenditure) ?? throw new Xunit.Sdk.XunitException("no basic expenditure table");

    [Fact]
    public void A_final_account_summary_prints_its_second_total_and_year_end_balance_on_the_expenditure_side()
    {
        var doc = Recognise(Czj);
        var summary = doc.Table(TableKind.IncomeExpenditureSummary)!;
        // 总计 | 2,995.39 | 总计 | 2,995.39 on one printed line: one total per side.
        Assert.Equal(2995.39m, summary.SideRow("收入", "total")!.Amount("合计"));
        Assert.Equal(2995.39m, summary.SideRow("支出", "total")!.Amount("合计"));
        Assert.Equal(55.34m, summary.SideRows("支出", "carryover").Sum(r => r.Amount("合计")));
        var fiscal = doc.Table(TableKind.FiscalSummary)!;
        Assert.Equal(2961.68m, fiscal.SideRow("支出", "total")!.Amount("合计"));
        // 年末财政拨款结转和结余 names 拨款 but closes the expenditure side.
        var yearEnd = fiscal.Rows.Single(r => r.Name.StartsWith("年末"));
        Assert.Equal("支出", yearEnd.Side);
        Assert.Equal("收入", fiscal.Rows.Single(r => r.Name.StartsWith("年初")).Side);
    }

    [Fact]
    public void A_two_column_basic_table_gives_each_group_its_own_rows()
    {
        var basic = Basic(Recognise(Guihua));
        Assert.Equal(537.64m, basic.Row("30101")!.Amount("合计"));
        Assert.Equal("基本工资", basic.Row("30101")!.Name);
        Assert.Equal(84.62m, basic.Row("30201")!.Amount("合计"));
        Assert.Equal("办公费", basic.Row("30201")!.Name);
        Assert.Equal(440.90m, basic.Row("302")!.Amount("合计"));
        Assert.Equal(39.76m, basic.Row("31002")!.Amount("合计"));
        // No code of the right-hand group was read as an amount.
        Assert.DoesNotContain(basic.Rows.SelectMany(r => r.Cells.Values), c => c.Value >= 300m && c.Text.Length == 5 && !c.Text.Contains('.'));
        // 人员经费合计 | 公用经费合计 are the table's total, in two parts.
        var total = basic.TotalRow!;
        Assert.Equal(5364.75m, total.Amount("合计"));
        Assert.Equal(4884.09m, total.Amount("人员经费"));
        Assert.Equal(480.66m, total.Amount("公用经费"));
    }

    [Fact]
    public void A_two_column_basic_table_with_split_codes_continued_over_a_page()
    {
        var basic = Basic(Recognise(Czj));
        Assert.Equal(262.33m, basic.Row("30101")!.Amount("合计"));
        Assert.Equal(21.21m, basic.Row("30201")!.Amount("合计"));
        Assert.Equal(171.07m, basic.Row("302")!.Amount("合计"));
        Assert.Equal(2082.85m, basic.Row("301")!.Amount("合计"));
        // Rows of the continuation page (p.17, no header) are read by group too.
        Assert.Equal(11, basic.ChildrenOf(basic.Row("303")!).Count());
        Assert.Contains(basic.Rows, r => r.Code is { Length: 5 } c && c.StartsWith("310"));
    }

    [Fact]
    public void The_first_row_of_a_continuation_page_without_a_header_is_kept()
    {
        var basic = Basic(Recognise(Wanli));
        Assert.Equal("元", basic.SourceUnit);
        var water = basic.Row("30205");
        Assert.NotNull(water);
        Assert.Equal("水费", water.Name);
        Assert.Equal(10.6m, water.Amount("合计"));
        var goods = basic.Row("302")!;
        Assert.Equal(1082.7702m, goods.Amount("合计"));
        Assert.Equal(goods.Amount("合计"), goods.Children.Sum(r => r.Amount("合计")));
    }

    [Fact]
    public void Class_and_kuan_in_separate_columns_build_full_codes_and_amounts_in_yuan_are_exact()
    {
        var gb = Recognise(Wanli).Table(TableKind.GeneralBudgetExpenditure)!;
        var kuan = gb.Row("21201")!;
        Assert.Equal("城乡社区管理事务", kuan.Name);
        Assert.Equal(9499.579m, kuan.Amount("合计"));
        Assert.Equal(0m, kuan.Cell("合计")!.Rounding);
        Assert.Equal(["2120101", "2120102", "2120104", "2120199"], kuan.Children.Select(c => c.Code!));
        // The real 1 元 defect: the 项 add to 94,995,789 元.
        Assert.Equal(9499.5789m, kuan.Children.Sum(c => c.Amount("合计")));
        Assert.Equal("212", gb.Rows.Single(r => r.Children.Contains(kuan)).Code);
    }

    [Fact]
    public void Shehui_basic_table_rows_have_their_own_amounts()
    {
        var basic = Basic(Recognise(Shehui));
        Assert.Equal(14.12m, basic.Row("30101")!.Amount("合计"));
        Assert.Equal(3.78m, basic.Row("30201")!.Amount("合计"));
        Assert.Equal(105.59m, basic.TotalRow!.Amount("合计"));
        Assert.Equal(95.36m, basic.TotalRow!.Amount("人员经费"));
    }

    [Fact]
    public void A_total_row_alone_on_a_continuation_page_keeps_its_figures()
    {
        // p.18 prints only “合计 | 189,767,551 | 101,341,746 | 88,425,805”, its label spanning the code and name columns.
        var exp = Recognise(Wanli).Table(TableKind.ExpenditureSummary)!;
        var total = exp.TotalRow!;
        Assert.Equal(18976.7551m, total.Amount("合计"));
        Assert.Equal(10134.1746m, total.Amount("基本支出"));
        Assert.Equal(8842.5805m, total.Amount("项目支出"));
    }

    [Fact]
    public void A_final_account_sangong_table_prints_budget_and_final_pairs_under_each_item()
    {
        // Each merged item heading covers a 预算数 | 决算数 pair; the 决算 profile's amount column is 决算数.
        var doc = Recognise(Guihua);
        var sg = doc.Table(TableKind.SanGong)!;
        Assert.Equal(DocumentType.DepartmentFinalAccount, doc.Type);
        Assert.Equal("决算数", doc.AmountColumn);
        Assert.Equal(0.39m, sg.Amount("公务接待费", "决算数"));
        Assert.Equal(2.85m, sg.Amount("公务接待费", "预算数"));
        Assert.Equal(0.39m, sg.Amount("合计", "决算数"));
        Assert.Equal(2.85m, sg.Amount("合计", "预算数"));
        Assert.Equal(0m, sg.Amount("因公出国（境）费", "决算数"));
        Assert.True(sg.Row("公务用车购置及运行维护费")!.Has("决算数"));
    }
}
