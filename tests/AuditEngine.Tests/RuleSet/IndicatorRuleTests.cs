using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>rules/implausible-indicator.json: each test adds one indicator (or edits one table) of the fixture.</summary>
public sealed class IndicatorRuleTests : RuleTestBase
{
    private static Disclosure With(string name, string valueText, string op, decimal? number, string unit, decimal? number2 = null,
        string level1 = "产出指标", string level2 = "质量指标", string description = "")
    {
        var doc = Fixture.Build();
        doc.AddIndicator(name, valueText, op, number, unit, number2, level1, level2, description);
        return doc;
    }

    [Fact]
    [Covers("II-NEGATIVE-COUNT-PERCENT")]
    public void Accident_count_in_percent_is_an_error()
    {
        Fires(With("安全事故发生次数", "≤0%", "≤", 0m, "%"), "II-NEGATIVE-COUNT-PERCENT", Severity.Error, "安全事故发生次数", "≤0%");
    }

    [Fact]
    public void Accident_count_in_times_is_fine()
    {
        Silent(With("安全事故发生次数", "≤0次", "≤", 0m, "次"), "II-NEGATIVE-COUNT-PERCENT");
    }

    [Fact]
    [Covers("II-NEGATIVE-HIGH")]
    public void Failure_rate_allowed_above_five_percent_is_a_warning()
    {
        Fires(With("设备故障率", "≤10%", "≤", 10m, "%"), "II-NEGATIVE-HIGH", Severity.Warning, "设备故障率", "≤10%");
    }

    [Fact]
    public void Failure_rate_capped_at_five_percent_is_fine()
    {
        Silent(With("设备故障率", "≤5%", "≤", 5m, "%"), "II-NEGATIVE-HIGH");
    }

    [Fact]
    public void Complaint_closure_rate_of_100_percent_is_not_a_negative_event_rate()
    {
        Silent(With("投诉办结率", "=100%", "=", 100m, "%"), "II-NEGATIVE-HIGH");
    }

    [Fact]
    [Covers("II-NEGATIVE-WRONG-DIRECTION")]
    public void Accident_count_with_a_lower_bound_is_an_error()
    {
        Fires(With("安全事故发生次数", "≥1次", "≥", 1m, "次"), "II-NEGATIVE-WRONG-DIRECTION", Severity.Error, "安全事故发生次数", "≥1次");
    }

    [Fact]
    public void Complaint_handling_rate_with_a_lower_bound_is_fine()
    {
        Silent(With("投诉处理率", "≥95%", "≥", 95m, "%"), "II-NEGATIVE-WRONG-DIRECTION");
    }

    [Fact]
    [Covers("II-RATE-OVER-100")]
    public void Rate_above_100_percent_is_an_error()
    {
        Fires(With("设备完好率", "≥120%", "≥", 120m, "%"), "II-RATE-OVER-100", Severity.Error, "设备完好率", "≥120%");
    }

    [Fact]
    public void Range_reaching_above_100_percent_is_an_error()
    {
        Fires(With("设备完好率", "90-110%", "range", 90m, "%", number2: 110m), "II-RATE-OVER-100", Severity.Error, "90-110%");
    }

    [Fact]
    public void Growth_above_100_percent_is_possible()
    {
        Silent(With("业务量增长率", "≥120%", "≥", 120m, "%"), "II-RATE-OVER-100");
    }

    [Fact]
    [Covers("II-RATE-MIN-100")]
    public void Rate_of_at_least_100_percent_is_a_warning()
    {
        Fires(With("资料归档率", "≥100%", "≥", 100m, "%"), "II-RATE-MIN-100", Severity.Warning, "资料归档率", "≥100%");
    }

    [Fact]
    public void Rate_of_exactly_100_percent_is_fine()
    {
        Silent(With("资料归档率", "=100%", "=", 100m, "%"), "II-RATE-MIN-100");
    }

    [Fact]
    [Covers("II-RATE-CAP-100")]
    public void Coverage_capped_at_100_percent_is_a_warning()
    {
        Fires(With("疫苗接种覆盖率", "≤100%", "≤", 100m, "%"), "II-RATE-CAP-100", Severity.Warning, "疫苗接种覆盖率", "≤100%");
    }

    [Fact]
    public void Cost_control_capped_at_100_percent_is_fine()
    {
        Silent(With("成本控制率", "≤100%", "≤", 100m, "%"), "II-RATE-CAP-100");
    }

    [Fact]
    [Covers("II-MISSING-VALUE")]
    public void Indicator_without_value_is_an_error()
    {
        Fires(With("培训覆盖人数", "", "", null, ""), "II-MISSING-VALUE", Severity.Error, "培训覆盖人数");
    }

    [Fact]
    [Covers("II-MISSING-UNIT")]
    public void Bound_without_unit_is_a_warning()
    {
        Fires(With("培训人次", "≥500", "≥", 500m, ""), "II-MISSING-UNIT", Severity.Warning, "培训人次", "≥500");
    }

    [Fact]
    public void Bound_with_unit_is_fine()
    {
        Silent(With("培训人次", "≥500人次", "≥", 500m, "人次"), "II-MISSING-UNIT");
    }

    [Fact]
    [Covers("II-RATE-UNIT")]
    public void Rate_with_a_count_unit_is_a_warning()
    {
        Fires(With("慢性病规范管理率", "≥90人", "≥", 90m, "人"), "II-RATE-UNIT", Severity.Warning, "慢性病规范管理率", "人");
    }

    [Fact]
    public void Rate_in_per_mille_is_fine()
    {
        Silent(With("孕产妇死亡率", "≤0.1‰", "≤", 0.1m, "‰"), "II-RATE-UNIT");
    }

    [Fact]
    [Covers("II-REPEATS-NAME")]
    public void Value_repeating_the_name_is_a_warning()
    {
        Fires(With("提升医疗服务质量", "提升医疗服务质量", "", null, "", level1: "效益指标", level2: "社会效益指标"),
            "II-REPEATS-NAME", Severity.Warning, "提升医疗服务质量");
    }

    [Fact]
    public void Value_repeating_the_description_is_a_warning()
    {
        Fires(With("服务质量", "持续改善就医体验", "", null, "", description: "持续改善就医体验"),
            "II-REPEATS-NAME", Severity.Warning, "持续改善就医体验");
    }

    [Fact]
    public void Qualitative_value_that_says_something_new_is_fine()
    {
        Silent(With("医疗服务质量", "明显提升", "", null, ""), "II-REPEATS-NAME");
    }

    [Fact]
    [Covers("II-SATISFACTION-LOW")]
    public void Satisfaction_target_below_80_percent_is_a_warning()
    {
        Fires(With("患者满意度", "≥70%", "≥", 70m, "%", level1: "满意度指标", level2: "服务对象满意度指标"),
            "II-SATISFACTION-LOW", Severity.Warning, "患者满意度", "≥70%");
    }

    [Fact]
    public void Satisfaction_target_of_80_percent_is_fine()
    {
        Silent(With("患者满意度", "≥80%", "≥", 80m, "%"), "II-SATISFACTION-LOW");
    }

    [Fact]
    public void Dissatisfaction_cap_is_not_a_satisfaction_target()
    {
        Silent(With("群众不满意率", "≤5%", "≤", 5m, "%"), "II-SATISFACTION-LOW");
    }

    [Fact]
    [Covers("II-COST-OVER-BUDGET")]
    public void Cost_indicator_above_the_project_budget_is_an_error()
    {
        var doc = Fixture.Build();
        Fixture.NewIndicator(doc.IndicatorTableOf(Fixture.ProjectA), "成本指标", "经济成本指标", "设备采购成本", "≤1500万元", "≤", 1500m, "万元");
        Fires(doc, "II-COST-OVER-BUDGET", Severity.Error, "设备采购成本", "≤1500万元", "1200.00");
    }

    [Fact]
    public void Cost_indicator_equal_to_the_project_budget_is_fine()
    {
        var doc = Fixture.Build();
        Fixture.NewIndicator(doc.IndicatorTableOf(Fixture.ProjectA), "成本指标", "经济成本指标", "设备采购成本", "≤1200万元", "≤", 1200m, "万元");
        Silent(doc, "II-COST-OVER-BUDGET");
    }

    [Fact]
    [Covers("II-COPIED-SET")]
    public void Projects_with_identical_indicator_sets_are_each_a_warning()
    {
        var doc = Fixture.Build();
        var a = doc.IndicatorTableOf(Fixture.ProjectA);
        var b = doc.IndicatorTableOf(Fixture.ProjectB);
        b.Indicators.Clear();
        foreach (var i in a.Indicators)
            Fixture.NewIndicator(b, i.Level1, i.Level2, i.Name, i.ValueText, i.Operator, i.Number, i.Unit, i.Number2);
        var findings = FiresEach(doc, "II-COPIED-SET", 2, Severity.Warning);
        Assert.True(findings.Any(f => f.Message.Contains(a.Title, StringComparison.Ordinal)), Describe(findings));
        Assert.True(findings.Any(f => f.Message.Contains(b.Title, StringComparison.Ordinal)), Describe(findings));
    }

    [Fact]
    public void Copied_set_message_counts_the_other_projects_as_a_whole_number()
    {
        var doc = Fixture.Build();
        var a = doc.IndicatorTableOf(Fixture.ProjectA);
        var b = doc.IndicatorTableOf(Fixture.ProjectB);
        b.Indicators.Clear();
        foreach (var i in a.Indicators)
            Fixture.NewIndicator(b, i.Level1, i.Level2, i.Name, i.ValueText, i.Operator, i.Number, i.Unit, i.Number2);
        var findings = FiresEach(doc, "II-COPIED-SET", 2, Severity.Warning);
        Assert.All(findings, f => Assert.Contains("另外 1 个项目", f.Message));
    }

    [Fact]
    public void Identical_sets_of_fewer_than_three_indicators_are_not_flagged()
    {
        var doc = Fixture.Build();
        foreach (var project in new[] { Fixture.ProjectA, Fixture.ProjectB })
        {
            var table = doc.IndicatorTableOf(project);
            table.Indicators.Clear();
            Fixture.NewIndicator(table, "产出指标", "时效指标", "项目按期完成率", "≥95%", "≥", 95m, "%");
            Fixture.NewIndicator(table, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "≥", 90m, "%");
        }
        Silent(doc, "II-COPIED-SET");
    }

    [Fact]
    [Covers("II-SPENDING-PLAN")]
    public void Spending_plan_that_falls_is_a_warning()
    {
        var doc = Fixture.Build();
        var a = doc.IndicatorTableOf(Fixture.ProjectA);
        a.SpendingPlan.Clear();
        a.SpendingPlan.AddRange([30m, 20m, 60m, 100m]);
        Fires(doc, "II-SPENDING-PLAN", Severity.Warning, a.Title, "出现逐期下降");
    }

    [Fact]
    public void Spending_plan_short_of_100_percent_is_a_warning()
    {
        var doc = Fixture.Build();
        var b = doc.IndicatorTableOf(Fixture.ProjectB);
        b.SpendingPlan.Clear();
        b.SpendingPlan.AddRange([25m, 50m, 75m, 90m]);
        Fires(doc, "II-SPENDING-PLAN", Severity.Warning, b.Title, "到年底未达到100%", "90");
    }

    [Fact]
    public void Cost_indicator_in_yuan_is_converted_before_it_is_compared()
    {
        var doc = Fixture.Build();
        Fixture.NewIndicator(doc.IndicatorTableOf(Fixture.ProjectA), "成本指标", "经济成本指标", "设备采购成本", "≤15000000元", "≤", 15000000m, "元");
        Fires(doc, "II-COST-OVER-BUDGET", Severity.Error, "设备采购成本", "≤15000000元", "1500.00", "1200.00");
    }

    [Fact]
    public void Cost_indicator_in_yuan_within_the_budget_and_a_per_person_cost_are_fine()
    {
        var doc = Fixture.Build();
        var a = doc.IndicatorTableOf(Fixture.ProjectA);
        Fixture.NewIndicator(a, "成本指标", "经济成本指标", "设备采购成本", "≤12000000元", "≤", 12000000m, "元");
        Fixture.NewIndicator(a, "成本指标", "经济成本指标", "人均培训成本", "≤20000000元", "≤", 20000000m, "元");
        Silent(doc, "II-COST-OVER-BUDGET");
    }

    [Fact]
    public void A_value_of_only_a_unit_is_missing()
    {
        Fires(With("核查完成及时率", "%", "", null, ""), "II-MISSING-VALUE", Severity.Error, "核查完成及时率");
    }

    [Fact]
    public void A_qualitative_value_is_not_missing()
    {
        Silent(With("档案利用效率", "明显提高", "", null, ""), "II-MISSING-VALUE");
    }

    [Fact]
    public void A_repair_rate_of_failures_is_a_remedy_not_a_negative_event()
    {
        Silent(With("设备故障修复率", "≥95%", "≥", 95m, "%"), "II-NEGATIVE-WRONG-DIRECTION");
        Silent(With("安全事故发生率下降", "≥10%", "≥", 10m, "%"), "II-NEGATIVE-WRONG-DIRECTION");
    }

    [Fact]
    [Covers("II-NEGATIVE-COUNT-HIGH")]
    public void A_system_breakdown_allowed_three_times_is_a_warning()
    {
        Fires(With("网络瘫痪次数", "≤3次", "≤", 3m, "次"), "II-NEGATIVE-COUNT-HIGH", Severity.Warning, "网络瘫痪次数", "≤3次");
    }

    [Fact]
    public void A_breakdown_count_of_zero_and_a_complaint_count_are_fine()
    {
        Silent(With("网络瘫痪次数", "≤0次", "≤", 0m, "次"), "II-NEGATIVE-COUNT-HIGH");
        Silent(With("有效投诉次数", "≤2次", "≤", 2m, "次"), "II-NEGATIVE-COUNT-HIGH");
    }
}
