using AuditEngine.Model;
using AuditEngine.Recognition;
using Engine = AuditEngine.Rules;

namespace AuditEngine.Tests.Recognition;

/// <summary>rules/profiles: title variants as data, loaded and checked with the rules.</summary>
public sealed class ProfileTests
{
    private static ProfileCatalog Shipped => Engine.RuleSet.Load(RepositoryPaths.Rules).Profiles;

    [Fact]
    public void Every_listed_title_variant_is_recognised_as_its_kind()
    {
        var catalog = Shipped;
        var variants = catalog.Titles.SelectMany(r => r.Variants.Select(v => (r.Kind, v))).ToList();
        Assert.True(variants.Count > 60, $"only {variants.Count} variants");
        Assert.All(variants, x => Assert.Equal(x.Kind, TableTitles.Classify(x.v, catalog)));
    }

    [Theory]
    [InlineData("收入支出决算总表", TableKind.IncomeExpenditureSummary)]
    [InlineData("收入决算表", TableKind.IncomeSummary)]
    [InlineData("支出决算表", TableKind.ExpenditureSummary)]
    [InlineData("财政拨款收入支出决算总表", TableKind.FiscalSummary)]
    [InlineData("一般公共预算财政拨款收入支出决算表", TableKind.GeneralBudgetExpenditure)]
    [InlineData("2025年预算单位一般公共预算基本支出部门预算经济分类预算表", TableKind.GeneralBudgetBasicExpenditure)]
    [InlineData("2025年部门“三公”经费和机关运行经费预算表", TableKind.SanGong)]
    [InlineData("部门整体绩效目标表", TableKind.Unknown)]
    public void Whole_titles_decide_the_kind(string title, TableKind kind) =>
        Assert.Equal(kind, TableTitles.Classify(title, Shipped));

    [Fact]
    public void Each_document_type_has_a_profile_with_nine_tables()
    {
        var catalog = Shipped;
        foreach (var type in new[] { DocumentType.DepartmentBudget, DocumentType.UnitBudget, DocumentType.DepartmentFinalAccount, DocumentType.UnitFinalAccount })
        {
            var profile = catalog.For(type);
            Assert.Equal(type, profile.Type);
            Assert.Equal(9, profile.RequiredTables.Count);
        }
        Assert.Equal("决算数", catalog.For(DocumentType.DepartmentFinalAccount).AmountColumn);
        Assert.False(catalog.For(DocumentType.UnitFinalAccount).RequiresPerformanceTargets);
        Assert.Equal("收入支出决算总表", catalog.For(DocumentType.DepartmentFinalAccount).TableName(TableKind.IncomeExpenditureSummary));
    }

    [Fact]
    public void A_profile_naming_an_unknown_table_fails_to_load_with_the_rules()
    {
        var files = new List<(string, string)>
        {
            ("rules/profiles/x.json", """{ "DocumentType": "DepartmentBudget", "RequiredTables": [ { "Kind": "部门花名册" } ] }"""),
            ("rules/profiles/t.json", """{ "Tables": [ { "Kind": "SanGong", "Match": ["三公"], "Variants": ["收入决算表"] } ] }"""),
        };
        var e = Assert.Throws<Engine.RuleLoadException>(() => Engine.RuleSet.FromFiles(files));
        Assert.Contains(e.Errors, x => x.Reason.Contains("部门花名册"));
        Assert.Contains(e.Errors, x => x.Reason.Contains("收入决算表"));
    }

    [Fact]
    public void A_rule_naming_an_unknown_document_type_fails_to_load()
    {
        var files = new List<(string, string)>
        {
            ("rules/x.json", """{ "WorkflowName": "missing-section", "Rules": [ { "RuleName": "X-1", "Expression": "true", "Properties": { "documentTypes": "部门花名册" } } ] }"""),
        };
        var e = Assert.Throws<Engine.RuleLoadException>(() => Engine.RuleSet.FromFiles(files));
        Assert.Contains(e.Errors, x => x.Reason.Contains("部门花名册"));
    }
}

/// <summary>The 功能分类 catalogue shipped in rules/profiles/function-classification.json.</summary>
public sealed class FunctionCatalogueTests
{
    private static readonly FunctionCatalogue Catalogue = Engine.RuleSet.Load(RepositoryPaths.Rules).Profiles.FunctionCodes;

    [Fact]
    public void The_catalogue_knows_classes_and_renamed_codes()
    {
        Assert.True(Catalogue.Count > 200, $"{Catalogue.Count} codes");
        Assert.Equal("卫生健康支出", Catalogue.CurrentName("210"));
        var renamed = Catalogue.Find("2200199")!;
        Assert.Equal("其他自然资源事务支出", renamed.Name);
        Assert.True(renamed.IsOldName("其他国土资源事务支出"));
        Assert.False(renamed.IsOldName("其他自然资源事务支出"));
        Assert.Null(Catalogue.Find("2999999"));
    }

    [Fact]
    public void Names_compare_without_a_trailing_expenditure_word_and_with_cells_cut_short()
    {
        Assert.True(ClassificationNames.Same("一般公共服务", "一般公共服务支出"));
        Assert.True(ClassificationNames.Fits("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴"));
        Assert.False(ClassificationNames.Fits("住房保障支出", "住房改革支出"));
        // A cut-off name must keep six characters to stand for the full one.
        Assert.False(ClassificationNames.Fits("行政运行经费", "行政"));
    }

    [Fact]
    public void A_bad_code_or_a_repeated_one_is_a_load_error()
    {
        var e = Assert.Throws<ProfileException>(() => ProfileCatalog.FromFiles([("rules/profiles/f.json",
            """{ "FunctionClassification": [ { "Code": "2101", "Name": "x" }, { "Code": "210", "Name": "卫生健康支出" }, { "Code": "210", "Name": "y" } ] }""")]));
        Assert.Contains(e.Errors, x => x.Contains("2101"));
        Assert.Contains(e.Errors, x => x.Contains("重复"));
    }
}
