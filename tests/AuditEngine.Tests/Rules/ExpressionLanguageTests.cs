using AuditEngine.Model;
using static AuditEngine.Tests.Rules.RuleTestKit;

namespace AuditEngine.Tests.Rules;

public class ExpressionLanguageTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7.00")]
    [InlineData("(1 + 2) * 3", "9.00")]
    [InlineData("10 - 4 - 3", "3.00")]
    [InlineData("12 / 4 / 3", "1.00")]
    [InlineData("7 % 4", "3.00")]
    [InlineData("-2 * 3 + 1", "-5.00")]
    [InlineData("- (2 + 3)", "-5.00")]
    [InlineData("1 / 3 * 3", "1.00")]
    [InlineData("0.1 + 0.2", "0.30")]
    [InlineData("false ? 1 : true ? 2 : 3", "2.00")]
    [InlineData("null ?? 5", "5.00")]
    [InlineData("1 + 2 > 2 ? 'yes' : 'no'", "yes")]
    public void Arithmetic_and_precedence_follow_csharp(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("true || false && false", true)]
    [InlineData("(true || false) && false", false)]
    [InlineData("!false && true", true)]
    [InlineData("!(1 < 2)", false)]
    [InlineData("1 < 2 == 2 > 1", true)]
    [InlineData("1 + 1 == 2 && 3 * 2 >= 6", true)]
    [InlineData("2 <= 1 || 3 != 3", false)]
    [InlineData("0.1 + 0.2 == 0.3", true)] // decimal, not double
    [InlineData("'a' == 'a' && 'a' != 'b'", true)]
    public void Boolean_precedence_follows_csharp(string expression, bool passes) =>
        Assert.Equal(passes, Check(expression));

    [Theory]
    [InlineData("'共' + 3 + '张表'", "共3张表")]
    [InlineData("'比例 ' + 12.50", "比例 12.5")]
    [InlineData("'it\\'s ' + \"\\\"ok\\\"\"", "it's \"ok\"")]
    [InlineData("'a\\\\b'", "a\\b")]
    [InlineData("'部门：' + doc.Department", "部门：某某市卫生健康委员会")]
    [InlineData("'年度' + doc.Year", "年度2024")]
    [InlineData("'上年：' + doc.PreviousYear.Department", "上年：")]
    public void Strings_concatenate_and_format_numbers(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Theory]
    [InlineData("doc.Year + 1", "2025.00")]                 // int? + decimal → decimal?
    [InlineData("doc.Tables.Count() * 1.5", "3.00")]        // int + decimal
    [InlineData("doc.Tables.Count", "2")]                   // an int renders as an integer
    [InlineData("doc.Table('部门支出总表').Rows.Sum(r => r.Index)", "10.00")] // int selector converted
    [InlineData("(doc.Year ?? 0) / 2", "1012.00")]
    [InlineData("doc.PreviousYear.Year ?? 1999", "1999.00")]
    [InlineData("Abs(doc.Tables.Count() - 5)", "3.00")]
    public void Ints_and_nullables_meet_decimals(string expression, string expected) =>
        Assert.Equal(expected, Eval(expression));

    [Fact]
    public void Nullable_comparisons_are_lifted()
    {
        var doc = SampleDoc();
        Assert.True(Check("doc.Year > 2023", doc));
        Assert.True(Check("doc.Year == 2024", doc));
        Assert.True(Check("doc.Year.HasValue && doc.Year.Value == 2024", doc));
        doc.Year = null;
        Assert.False(Check("doc.Year > 2023", doc));
        Assert.False(Check("doc.Year <= 2023", doc));
        Assert.False(Check("doc.Year == 2024", doc));
        Assert.True(Check("doc.Year != 2024", doc));
        Assert.True(Check("doc.Year == null", doc));
        Assert.True(Check("doc.Year.Value == 0", doc)); // null-safe .Value
        Assert.Equal("—", Eval("doc.Year", doc));
        Assert.Equal("—", Eval("doc.Year + 1", doc));
    }

    [Fact]
    public void Lambdas_over_model_collections()
    {
        const string rows = "doc.Table('部门支出总表').Rows";
        Assert.Equal("3", Eval($"{rows}.Where(r => r.Code != null).Count()"));
        Assert.Equal("2", Eval($"{rows}.Count(r => r.Amount('项目支出') > 100)"));
        Assert.True(Check($"{rows}.Any(r => r.Name == '行政运行')"));
        Assert.False(Check($"{rows}.Any(r => r.Name == '不存在')"));
        Assert.True(Check($"{rows}.All(r => r.Amount('合计') > 0)"));
        Assert.True(Check($"{rows}.Any()"));
        Assert.Equal("2603.02", Eval($"{rows}.Sum(r => r.Amount('合计'))"));
        Assert.Equal("2.00", Eval($"{rows}.Min(r => r.Amount('合计'))"));
        Assert.Equal("1301.01", Eval($"{rows}.Max(r => r.Amount('合计'))"));
        Assert.Equal("—", Eval($"{rows}.Where(r => r.Name == '无').Max(r => r.Amount('合计'))")); // empty → null, not a throw
        Assert.Equal("行政运行", Eval($"{rows}.FirstOrDefault(r => r.Level == 3).Name"));
        Assert.Equal("合计", Eval($"{rows}.FirstOrDefault().Name"));
        Assert.Equal("行政运行", Eval($"{rows}.LastOrDefault().Name"));
        Assert.Equal("210、21001、2100101", Eval($"{rows}.Where(r => r.Code != null).Select(r => r.Code)"));
        Assert.Equal("2100101、21001、210", Eval($"{rows}.Where(r => r.Code != null).OrderByDescending(r => r.Code).Select(r => r.Code)"));
        Assert.Equal("行政运行", Eval($"{rows}.OrderBy(r => r.Amount('合计')).FirstOrDefault().Name"));
        Assert.Equal("卫生健康支出、卫生健康管理事务", Eval($"{rows}.Skip(1).Take(2).Select(r => r.Name)"));
        Assert.Equal("1", Eval("doc.Tables.Select(t => t.SourceUnit).Distinct().Count()"));
        Assert.True(Check($"{rows}.Select(r => r.Name).Contains('行政运行')"));
        Assert.True(Check($"{rows}.Select(r => r.Index).Contains(4)")); // decimal literal → int element
        Assert.Equal("16", Eval("doc.Tables.SelectMany(t => t.Rows).SelectMany(r => r.Cells).Count()"));
        Assert.Equal("4", Eval($"{rows}.ToList().Count"));
        // a lambda may use outer names: item, locals, other lambda parameters
        Assert.True(Check("doc.Tables.All(t => t.Rows.All(r => r.TableTitle == t.Title))"));
    }

    [Fact]
    public void Table_and_section_names_convert_at_compile_time()
    {
        Assert.True(Check("doc.HasTable('部门支出总表')"));
        Assert.True(Check("doc.HasTable('ExpenditureSummary')"));
        Assert.True(Check("doc.HasTable('支出总表')"));
        Assert.False(Check("doc.HasTable('政府性基金预算支出表')"));
        Assert.True(Check("doc.Tables.Any(t => t.Kind == '三公经费支出表')"));
        Assert.True(Check("doc.Tables.All(t => '未识别表' != t.Kind)"));
        Assert.False(Check("doc.HasSection('绩效目标')"));
        Assert.Equal("部门支出总表", Eval("doc.Tables.FirstOrDefault().Kind"));
        Assert.True(Check("doc.Tables.Select(t => t.Kind).Contains('SanGong')"));
        Assert.True(Check("doc.Tables.Any(t => t.Classification == '功能分类') && doc.Tables.Any(t => t.Classification == 'None')"));
        Assert.True(Check("doc.Tables.All(t => t.Kind == t.Kind) && doc.Tables.FirstOrDefault().Kind != doc.Tables.LastOrDefault().Kind"));
        Assert.Contains("不是 Classification 的值", SingleError("doc.Tables.Any(t => t.Classification == '部门分类')").Reason);
    }

    [Theory]
    [InlineData("doc.HasTable('不存在的表')", "'不存在的表'", "未知的表名")]
    [InlineData("doc.Tables.Any(t => t.Kind == '部门乱写表')", "'部门乱写表'", "未知的表名")]
    [InlineData("doc.HasSection('随便')", "'随便'", "未知的说明部分")]
    public void Unknown_enum_names_are_load_errors(string expression, string token, string reason)
    {
        var error = SingleError(expression);
        Assert.Equal(expression.IndexOf(token, StringComparison.Ordinal), error.Position);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Navigation_on_missing_parts_yields_defaults()
    {
        var doc = new Disclosure { Source = "empty.txt" };
        Assert.Equal("0", Eval("doc.Table('三公经费支出表').Rows.Count()", doc));
        Assert.Equal("0", Eval("doc.Table('三公经费支出表').Rows.Count", doc));
        Assert.Equal("0.00", Eval("doc.Table('三公经费支出表').TotalRow.Amount('合计')", doc));
        Assert.Equal("0.00", Eval("doc.Table('三公经费支出表').Rows.Sum(r => r.Amount('合计'))", doc));
        Assert.Equal("—", Eval("doc.PreviousYear.Year", doc));
        Assert.Equal("0", Eval("doc.PreviousYear.Department.Length", doc));
        Assert.Equal("—", Eval("doc.PreviousYear.Table('部门支出总表').Title", doc));
        Assert.Equal("—", Eval("doc.Figure('三公经费').Sentence", doc));
        Assert.True(Check("!doc.Figure('三公经费').Sentence.Contains('三公')", doc));
        Assert.True(Check("!doc.Table('部门支出总表').HasColumn('合计')", doc));
        Assert.Equal("7.00", Eval("doc.Figure('三公经费').PreviousValue ?? 7", doc));
    }

    [Fact]
    public void String_members_and_helper_functions()
    {
        Assert.True(Check("doc.Department.StartsWith('某某') && doc.Department.EndsWith('委员会') && doc.Department.Contains('卫生')"));
        Assert.Equal("3", Eval("doc.Department.IndexOf('卫生')"));
        Assert.Equal("卫生健康", Eval("doc.Department.Substring(3, 4)"));
        Assert.Equal("某某市卫健委", Eval("doc.Department.Replace('卫生健康委员会', '卫健委')"));
        Assert.Equal("ab", Eval("'  ab '.Trim()"));
        Assert.Equal("1.23", Eval("Round(1.225, 2)"));
        Assert.Equal("0.02", Eval("Tolerance(4)"));
        Assert.True(Check("Within(10.00, 10.01, 2) && !Within(10.00, 10.02, 2)"));
        Assert.True(Check("IsResidue(10.00, 10.01, 3) && !IsResidue(10, 10, 3) && !IsResidue(10, 11, 3)"));
        Assert.Equal("12.30", Eval("Fmt(12.3) + ''"));
        Assert.True(Check("ContainsAny('网络安全事故发生数', '事故|故障|投诉')"));
        Assert.True(Check("!ContainsAny(doc.PreviousYear.Department, '局')"));
        Assert.True(Check("Matches('2100101', '^[0-9]{7}$') && !Matches('21001', '^[0-9]{7}$')"));
        Assert.Equal("5.00", Eval("Coalesce(doc.PreviousYear.Year, 5)"));
        Assert.Equal("0.00", Eval("SafeDiv(1, 0)"));
        Assert.Equal("3.00", Eval("Min(3, 4) + Max(-1, 0)"));
        Assert.True(Check("IsBlank(doc.PreviousYear.Department) && !IsBlank(doc.Department)"));
        Assert.Equal("12.50", Eval("(12.5).ToString('0.00')"));
        Assert.Equal("2024", Eval("doc.Year.ToString()"));
    }

    [Fact]
    public void Non_decreasing_spending_plan()
    {
        var doc = SampleDoc();
        var table = new IndicatorTable { Title = "项目绩效目标表", ProjectName = "基层医疗" };
        table.SpendingPlan.AddRange([30m, 60m, 50m, 100m]);
        doc.IndicatorTables.Add(table);
        Assert.False(Check("doc.IndicatorTables.All(t => NonDecreasing(t.SpendingPlan))", doc));
        Assert.True(Check("doc.IndicatorTables.All(t => t.SpendingPlan.Max() >= 100)", doc));
    }
}
