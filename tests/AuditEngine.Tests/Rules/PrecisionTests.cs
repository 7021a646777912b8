using AuditEngine.Model;
using AuditEngine.Rules;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

/// <summary>
/// Balance rules compare figures at the precision they were printed with: a table in whole 元 tolerates nothing
/// (its figures are exact), a 万元 table with two decimals keeps n × 0.005, and a 元 figure against a 万元 one is
/// compared at 0.01 万元, so a conversion residue is no finding at all. No message says “相差 0.00”.
/// </summary>
public class PrecisionTests
{
    private static Disclosure Doc(decimal rounding, params (string? Code, string Name, decimal Total, decimal Basic, decimal Project)[] rows)
    {
        var doc = new Disclosure { Source = "t.pdf" };
        var exp = new BudgetTable { Kind = TableKind.ExpenditureSummary, Title = "部门支出总表", SourceUnit = rounding == 0m ? "元" : "万元" };
        exp.Columns.AddRange(["合计", "基本支出", "项目支出"]);
        var index = 0;
        foreach (var (code, name, total, basic, project) in rows)
        {
            var row = new BudgetRow { Index = ++index, Code = code, Name = name, TableTitle = exp.Title };
            foreach (var (column, value) in new[] { ("合计", total), ("基本支出", basic), ("项目支出", project) })
                row.Cells[column] = new AmountCell { Text = value.ToString(), Value = value, Rounding = rounding, Provenance = new Provenance(Page: 1, Table: exp.Title, Row: index, Column: column) };
            exp.Rows.Add(row);
        }
        doc.Tables.Add(exp);
        return doc;
    }

    private static RuleSet RowRule() => Load(Rule("P-ROW", null, "{item.Label}：之和 {expected} 万元，合计列 {actual} 万元，相差 {diff} 万元。", new()
    {
        ["scope"] = "doc.Table('ExpenditureSummary').Rows",
        ["expected"] = "item.Amount('基本支出') + item.Amount('项目支出')",
        ["actual"] = "item.Amount('合计')",
        ["terms"] = "2",
    }));

    [Fact]
    public void A_one_yuan_imbalance_in_a_whole_yuan_table_is_an_error_and_says_how_much()
    {
        // wanli 21201: 94,995,790 元 printed against 77,381,546 + 17,614,243 = 94,995,789 元.
        var f = Assert.Single(RowRule().Run(Doc(0m, ("21201", "城乡社区管理事务", 9499.579m, 7738.1546m, 1761.4243m))));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Contains("相差 0.0001 万元", f.Message);
        Assert.DoesNotContain("相差 0.00 ", f.Message);
    }

    [Fact]
    public void A_wan_yuan_table_keeps_its_rounding_allowance()
    {
        var f = Assert.Single(RowRule().Run(Doc(0.005m, ("21201", "城乡社区管理事务", 100.01m, 50.00m, 50.00m))));
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Contains("相差 0.01 万元", f.Message);
    }

    [Fact]
    public void A_yuan_figure_against_the_wan_yuan_figure_printed_for_it_is_no_finding()
    {
        var doc = Doc(0m, (null, "合计", 0.9465m, 0.9465m, 0m));
        doc.Figures.Add(new NarrativeFigure { Key = FigureKeys.基本支出, Value = 0.95m, Sentence = "基本支出0.95万元" });
        var set = Load(Rule("P-X", null, "相差 {diff} 万元", new()
        {
            ["expected"] = "doc.Table('ExpenditureSummary').TotalRow.Amount('基本支出')",
            ["actual"] = "doc.FigureValue('基本支出')",
        }));
        Assert.Empty(set.Run(doc));
        // A real difference still is one.
        doc.Figures.Clear();
        doc.Figures.Add(new NarrativeFigure { Key = FigureKeys.基本支出, Value = 0.97m, Sentence = "基本支出0.97万元" });
        var f = Assert.Single(set.Run(doc));
        Assert.Equal(Severity.Error, f.Severity);
        Assert.Equal("相差 0.02 万元", f.Message);
    }

    [Fact]
    public void Within_follows_the_printed_precision_too()
    {
        var doc = Doc(0m, (null, "合计", 9499.579m, 7738.1546m, 1761.4243m));
        Assert.False(Check("Within(doc.Table('ExpenditureSummary').TotalRow.Amount('合计'), doc.Table('ExpenditureSummary').TotalRow.Amount('基本支出') + doc.Table('ExpenditureSummary').TotalRow.Amount('项目支出'), 2)", doc));
        doc = Doc(0.005m, (null, "合计", 100.01m, 50.00m, 50.00m));
        Assert.True(Check("Within(doc.Table('ExpenditureSummary').TotalRow.Amount('合计'), doc.Table('ExpenditureSummary').TotalRow.Amount('基本支出') + doc.Table('ExpenditureSummary').TotalRow.Amount('项目支出'), 2)", doc));
    }
}
