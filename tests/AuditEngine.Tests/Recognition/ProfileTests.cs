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
