using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.Testing;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

/// <summary>
/// Column names and figure keys written as literals are checked when the rules load: a misspelt one is a load error
/// naming the rule, not a rule that reads 0 on every document.
/// </summary>
public class KnownNameTests
{
    private static RuleError LoadError(string expression, Dictionary<string, string>? properties = null)
    {
        var ex = Assert.Throws<RuleLoadException>(() => Load(Rule("UT-TYPO", expression, "x", properties)));
        return Assert.Single(ex.Errors);
    }

    [Fact]
    public void A_misspelt_column_is_a_load_error_naming_the_rule_and_position()
    {
        var error = LoadError("doc.Table('部门支出总表').TotalRow.Amount('基本支处') > 0");
        Assert.Equal("UT-TYPO", error.Rule);
        Assert.Equal("Expression", error.Field);
        Assert.Equal("doc.Table('部门支出总表').TotalRow.Amount(".Length, error.Position);
        Assert.StartsWith("未知的列名 '基本支处'（可用：合计、小计", error.Reason);
        Assert.Contains("基本支出", error.Reason);
    }

    [Theory]
    [InlineData("doc.Table('部门支出总表').Rows.All(r => !r.Has('项目支出出'))", "项目支出出")]
    [InlineData("doc.Table('三公经费支出表').Amount('合计', '上年预算') >= 0", "上年预算")]
    [InlineData("doc.Table('部门支出总表').HasColumn('基本')", "基本")]
    [InlineData("doc.Table('部门支出总表').TotalRow.Cell('合记') != null", "合记")]
    [InlineData("doc.Table('部门支出总表').TotalRow.Amount(doc.Year > 2000 ? '合计' : '合记') >= 0", "合记")]
    public void Every_column_parameter_is_checked(string expression, string typo)
    {
        var error = LoadError(expression);
        Assert.StartsWith($"未知的列名 '{typo}'", error.Reason);
    }

    [Theory]
    [InlineData("doc.FigureValue('人员经废') >= 0", "人员经废")]
    [InlineData("doc.HasFigure('三公')", "三公")]
    [InlineData("doc.Figure('机关运行费') == null", "机关运行费")]
    [InlineData("doc.FiguresOf('车辆').Any()", "车辆")]
    public void Every_figure_key_parameter_is_checked(string expression, string typo)
    {
        var error = LoadError(expression);
        Assert.StartsWith($"未知的情况说明数字 '{typo}'（可用：", error.Reason);
        Assert.Contains("人员经费", error.Reason);
    }

    [Fact]
    public void Known_names_row_names_and_computed_names_load()
    {
        // Row names (合计, 公务接待费) are no column names; a computed column (doc.AmountColumn) is checked by nobody.
        var set = Load(Rule("UT-OK", "doc.Table('三公经费支出表').Amount('公务接待费', doc.AmountColumn) >= 0 && "
                                      + "doc.FigureValue('人员经费') >= 0 && doc.Table('部门支出总表').TotalRow.Amount('基本支出') >= 0", "x"));
        Assert.Single(set.Rules);
    }

    [Fact]
    public void The_repository_rules_use_only_known_names() => Assert.NotEmpty(RuleSet.Load(RepositoryPaths.Rules).Rules);

    [Fact]
    public void Recognition_gives_cells_only_known_column_names()
    {
        var profiles = RuleSet.Load(RepositoryPaths.Rules).Profiles;
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "samples", "seeds"))
            .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Rules, "tests", "documents")));
        var seen = new HashSet<string>();
        foreach (var file in files)
        {
            var doc = Recognizer.Recognise(DocumentReader.Read(file), profiles);
            foreach (var t in doc.Tables)
                foreach (var c in t.Rows.SelectMany(r => r.Cells.Keys))
                    seen.Add(c);
        }
        // Placeholders no rule can mean: "列N" for a header recognition could not name, "其中…" for a detail column of
        // the 财政拨款收支总表 kept apart from its total, and a repeated name numbered by its position.
        var unknown = seen.Where(c => !ColumnKeys.All().Contains(c) && !c.StartsWith('列') && !c.StartsWith("其中")
                                      && !(char.IsDigit(c[^1]) && ColumnKeys.All().Contains(c.TrimEnd("0123456789".ToCharArray())))).ToList();
        Assert.Empty(unknown);
        Assert.Contains("人员经费", seen);
        Assert.Contains("上年预算数", seen);
    }

    [Fact]
    public void Every_header_synonym_maps_onto_a_known_column()
    {
        foreach (var header in (string[])["上年结转", "结转结余", "本年收入", "财政拨款收入", "上级补助收入", "对附属单位补助支出", "全年预算数", "决算数", "金额"])
            Assert.Contains(ColumnNames.Canonical(header)!, ColumnKeys.All());
    }

    [Theory]
    [InlineData("一般公共预", ColumnKeys.一般公共预算)]   // the wrapped “算” lost by OCR
    [InlineData("般公共预算", ColumnKeys.一般公共预算)]   // the first character lost
    [InlineData("国有资本经", ColumnKeys.国有资本经营)]
    [InlineData("政府性基金预算", ColumnKeys.政府性基金)]
    public void A_wrapped_header_that_lost_a_line_is_still_read(string header, string column) =>
        Assert.Equal(column, ColumnNames.Canonical(header));

    [Theory]
    [InlineData("上缴上级支出", "", ColumnKeys.上解上级支出)]         // the 决算 template's word for 上解上级
    [InlineData("决算数", "财政拨款收入", ColumnKeys.财政拨款)]      // a row of bare 决算数 under the column names
    [InlineData("决算数", "项目支出", ColumnKeys.项目支出)]
    [InlineData("决算数", "本年收入合计", ColumnKeys.合计)]
    [InlineData("决算数", "因公出国（境）费", ColumnKeys.合计)]       // a group that names no column leaves the measure's meaning
    public void A_measure_word_under_a_column_name_takes_that_name(string leaf, string group, string column) =>
        Assert.Equal(column, ColumnNames.Canonical(leaf, group));

    [Fact]
    public void A_header_fragment_that_names_no_column_stays_unknown()
    {
        Assert.Null(ColumnNames.Canonical("基金"));
        Assert.Null(ColumnNames.Canonical("公共"));
    }
}
