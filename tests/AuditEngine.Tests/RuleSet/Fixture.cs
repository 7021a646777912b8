using AuditEngine.Model;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// Builds a complete, internally consistent department budget disclosure (all nine tables, every narrative
/// section, narrative figures that agree with the tables, indicator tables) on which the shipped rule set
/// raises nothing above Info. Each rule test mutates one thing of a fresh copy.
/// </summary>
/// <remarks>
/// Figures (万元): 本年收入 4008.42 = 一般公共预算拨款 3908.42 + 事业收入 100.00; 上年结转 50.00; 收入总计 4058.42.
/// 本年支出 4008.42 = 基本 2008.42 (人员 1800.00 + 公用 208.42) + 项目 2000.00; 年终结转 50.00.
/// Of this 一般公共预算 pays 3908.42 (all of 基本支出 and 1900.00 of 项目支出). 三公 38.42, down 7.58 on 46.00.
/// </remarks>
internal static class Fixture
{
    public const string Department = "某某市卫生健康委员会";
    public const int Year = 2024;
    public const string ProjectA = "信息化建设项目";
    public const string ProjectB = "公共卫生服务项目";

    private static readonly string[] ExpenditureColumns = ["合计", "基本支出", "项目支出"];
    private static readonly string[] BasicColumns = ["合计", "人员经费", "公用经费"];

    public static Disclosure Build()
    {
        var doc = new Disclosure { Source = "fixture.txt", Department = Department, Year = Year };
        doc.Tables.Add(IncomeExpenditureSummary());
        doc.Tables.Add(IncomeSummary());
        doc.Tables.Add(ExpenditureSummary());
        doc.Tables.Add(FiscalSummary());
        doc.Tables.Add(GeneralBudgetExpenditure());
        doc.Tables.Add(BasicExpenditure());
        doc.Tables.Add(EmptyTable(TableKind.GovernmentFundExpenditure, "政府性基金预算支出表", 8));
        doc.Tables.Add(EmptyTable(TableKind.StateCapitalExpenditure, "国有资本经营预算支出表", 9));
        doc.Tables.Add(SanGong());
        AddSections(doc);
        AddFigures(doc);
        AddIndicatorTables(doc);
        doc.DepartmentMentions.Add(new Mention(Department, new Provenance(Page: 1, Line: 1)));
        doc.DepartmentMentions.Add(new Mention(Department, new Provenance(Page: 2, Line: 3)));
        doc.YearMentions.Add(new Mention("2024", new Provenance(Page: 1, Line: 1)));
        doc.YearMentions.Add(new Mention("2024", new Provenance(Page: 10, Line: 2)));
        return doc;
    }

    // ------------------------------------------------------------------ tables

    private static BudgetTable NewTable(TableKind kind, string title, int page, Classification classification, params string[] columns)
    {
        var table = new BudgetTable
        {
            Kind = kind,
            Title = title,
            Provenance = new Provenance(Page: page, Table: title),
            Classification = classification,
        };
        table.Columns.AddRange(columns);
        return table;
    }

    /// <summary>Adds a row; a null value leaves the cell blank (not printed), as recognition does.</summary>
    public static BudgetRow AddRow(BudgetTable table, string? code, string name, string role, string side, params decimal?[] values)
    {
        var index = table.Rows.Count + 1;
        var row = new BudgetRow
        {
            Index = index,
            Code = code,
            Name = name,
            Side = side,
            Role = role,
            TableTitle = table.Title,
            Provenance = new Provenance(Page: table.Provenance.Page, Table: table.Title, Row: index),
        };
        for (var i = 0; i < values.Length && i < table.Columns.Count; i++)
            if (values[i] is { } v) row.Cells[table.Columns[i]] = NewCell(table, index, table.Columns[i], v);
        table.Rows.Add(row);
        return row;
    }

    private static AmountCell NewCell(BudgetTable table, int row, string column, decimal value) => new()
    {
        Value = value,
        Text = value.ToString("0.00"),
        Provenance = new Provenance(Page: table.Provenance.Page, Table: table.Title, Row: row, Column: column),
    };

    /// <summary>A coded table: a 合计 row, then (code, name, values) rows; Children are linked by code prefix.</summary>
    private static BudgetTable CodeTable(BudgetTable table, decimal?[] total, params (string Code, string Name, decimal?[] Values)[] rows)
    {
        AddRow(table, null, "合计", "total", "", total);
        foreach (var (code, name, values) in rows) AddRow(table, code, name, "code", "", values);
        LinkChildren(table);
        return table;
    }

    /// <summary>Fills BudgetRow.Children from the codes, as recognition links them.</summary>
    public static void LinkChildren(BudgetTable table)
    {
        foreach (var row in table.CodeRows)
        {
            row.Children.Clear();
            row.Children.AddRange(table.ChildrenOf(row));
        }
    }

    private static BudgetTable IncomeExpenditureSummary()
    {
        var t = NewTable(TableKind.IncomeExpenditureSummary, "部门收支总表", 3, Classification.None, "合计");
        AddRow(t, null, "一般公共预算拨款收入", "item", "收入", 3908.42m);
        AddRow(t, null, "事业收入", "item", "收入", 100.00m);
        AddRow(t, null, "本年收入合计", "subtotal", "收入", 4008.42m);
        AddRow(t, null, "上年结转结余", "carryover", "收入", 50.00m);
        AddRow(t, null, "收入总计", "total", "收入", 4058.42m);
        AddRow(t, null, "社会保障和就业支出", "class", "支出", 300.00m);
        AddRow(t, null, "卫生健康支出", "class", "支出", 3408.42m);
        AddRow(t, null, "住房保障支出", "class", "支出", 300.00m);
        AddRow(t, null, "本年支出合计", "subtotal", "支出", 4008.42m);
        AddRow(t, null, "年终结转结余", "carryover", "支出", 50.00m);
        AddRow(t, null, "支出总计", "total", "支出", 4058.42m);
        return t;
    }

    private static BudgetTable IncomeSummary()
    {
        var t = NewTable(TableKind.IncomeSummary, "部门收入总表", 4, Classification.None, "合计", "小计", "财政拨款", "事业收入", "上年结转");
        AddRow(t, null, "合计", "total", "", 4058.42m, 4008.42m, 3908.42m, 100.00m, 50.00m);
        AddRow(t, null, Department + "本级", "unit", "", 4058.42m, 4008.42m, 3908.42m, 100.00m, 50.00m);
        return t;
    }

    private static BudgetTable ExpenditureSummary() => CodeTable(
        NewTable(TableKind.ExpenditureSummary, "部门支出总表", 5, Classification.功能分类, ExpenditureColumns),
        [4008.42m, 2008.42m, 2000.00m],
        ("208", "社会保障和就业支出", [300.00m, 300.00m, null]),
        ("20805", "行政事业单位养老支出", [300.00m, 300.00m, null]),
        ("2080505", "机关事业单位基本养老保险缴费支出", [200.00m, 200.00m, null]),
        ("2080506", "机关事业单位职业年金缴费支出", [100.00m, 100.00m, null]),
        ("210", "卫生健康支出", [3408.42m, 1408.42m, 2000.00m]),
        ("21001", "卫生健康管理事务", [3408.42m, 1408.42m, 2000.00m]),
        ("2100101", "行政运行", [1408.42m, 1408.42m, null]),
        ("2100199", "其他卫生健康管理事务支出", [2000.00m, null, 2000.00m]),
        ("221", "住房保障支出", [300.00m, 300.00m, null]),
        ("22102", "住房改革支出", [300.00m, 300.00m, null]),
        ("2210201", "住房公积金", [300.00m, 300.00m, null]));

    private static BudgetTable FiscalSummary()
    {
        var t = NewTable(TableKind.FiscalSummary, "财政拨款收支总表", 6, Classification.None, "合计");
        AddRow(t, null, "一般公共预算拨款", "item", "收入", 3908.42m);
        AddRow(t, null, "收入总计", "total", "收入", 3908.42m);
        AddRow(t, null, "社会保障和就业支出", "class", "支出", 300.00m);
        AddRow(t, null, "卫生健康支出", "class", "支出", 3308.42m);
        AddRow(t, null, "住房保障支出", "class", "支出", 300.00m);
        AddRow(t, null, "支出总计", "total", "支出", 3908.42m);
        return t;
    }

    private static BudgetTable GeneralBudgetExpenditure() => CodeTable(
        NewTable(TableKind.GeneralBudgetExpenditure, "一般公共预算支出表", 7, Classification.功能分类, ExpenditureColumns),
        [3908.42m, 2008.42m, 1900.00m],
        ("208", "社会保障和就业支出", [300.00m, 300.00m, null]),
        ("20805", "行政事业单位养老支出", [300.00m, 300.00m, null]),
        ("2080505", "机关事业单位基本养老保险缴费支出", [200.00m, 200.00m, null]),
        ("2080506", "机关事业单位职业年金缴费支出", [100.00m, 100.00m, null]),
        ("210", "卫生健康支出", [3308.42m, 1408.42m, 1900.00m]),
        ("21001", "卫生健康管理事务", [3308.42m, 1408.42m, 1900.00m]),
        ("2100101", "行政运行", [1408.42m, 1408.42m, null]),
        ("2100199", "其他卫生健康管理事务支出", [1900.00m, null, 1900.00m]),
        ("221", "住房保障支出", [300.00m, 300.00m, null]),
        ("22102", "住房改革支出", [300.00m, 300.00m, null]),
        ("2210201", "住房公积金", [300.00m, 300.00m, null]));

    private static BudgetTable BasicExpenditure() => CodeTable(
        NewTable(TableKind.GeneralBudgetBasicExpenditure, "一般公共预算基本支出表", 7, Classification.经济分类, BasicColumns),
        [2008.42m, 1800.00m, 208.42m],
        ("301", "工资福利支出", [1800.00m, 1800.00m, null]),
        ("30101", "基本工资", [600.00m, 600.00m, null]),
        ("30102", "津贴补贴", [500.00m, 500.00m, null]),
        ("30108", "机关事业单位基本养老保险缴费", [200.00m, 200.00m, null]),
        ("30109", "职业年金缴费", [100.00m, 100.00m, null]),
        ("30113", "住房公积金", [300.00m, 300.00m, null]),
        ("30199", "其他工资福利支出", [100.00m, 100.00m, null]),
        ("302", "商品和服务支出", [208.42m, null, 208.42m]),
        ("30201", "办公费", [100.00m, null, 100.00m]),
        ("30217", "公务接待费", [8.42m, null, 8.42m]),
        ("30231", "公务用车运行维护费", [20.00m, null, 20.00m]),
        ("30299", "其他商品和服务支出", [80.00m, null, 80.00m]));

    /// <summary>A table the department has no money in: blank 合计 row and a 空表列示 note.</summary>
    private static BudgetTable EmptyTable(TableKind kind, string title, int page)
    {
        var t = NewTable(kind, title, page, Classification.功能分类, ExpenditureColumns);
        AddRow(t, null, "合计", "total", "");
        t.HasEmptyNote = true;
        return t;
    }

    private static BudgetTable SanGong()
    {
        var t = NewTable(TableKind.SanGong, "“三公”经费支出表", 10, Classification.None, "预算数", "上年预算数");
        AddRow(t, null, "合计", "total", "", 38.42m, 46.00m);
        AddRow(t, null, FigureKeys.因公出国费, "item", "", 10.00m, 12.00m);
        AddRow(t, null, FigureKeys.公务用车费, "item", "", 20.00m, 25.00m);
        AddRow(t, null, FigureKeys.公务用车购置费, "item", "", 0.00m, 0.00m);
        AddRow(t, null, FigureKeys.公务用车运行维护费, "item", "", 20.00m, 25.00m);
        AddRow(t, null, FigureKeys.公务接待费, "item", "", 8.42m, 9.00m);
        return t;
    }

    // ------------------------------------------------------------------ narrative

    public const string SanGongText =
        "2024年“三公”经费预算38.42万元，比上年减少7.58万元，主要原因是厉行节约。其中：因公出国（境）费10.00万元，比上年减少2.00万元；"
        + "公务用车购置及运行维护费20.00万元，比上年减少5.00万元；公务接待费8.42万元，比上年减少0.58万元。";

    public const string ProcurementText = "2024年政府采购预算150.00万元，其中货物类100.00万元、服务类50.00万元。";

    public const string AssetsText = "截至2023年12月31日，本部门共有车辆2辆，其中一般公务用车2辆。";

    private static void AddSections(Disclosure doc)
    {
        void Add(SectionKind kind, string title, string text, int page) => doc.Sections.Add(new NarrativeSection
        {
            Kind = kind, Title = title, Text = text, Provenance = new Provenance(Page: page, Line: 1),
        });

        Add(SectionKind.Responsibilities, "一、部门职责及机构设置", Department + "负责全市卫生健康工作，内设机构12个，下属单位1个。", 1);
        Add(SectionKind.BudgetOverview, "二、2024年部门预算安排的总体情况",
            "2024年收入总计4058.42万元，支出总计4058.42万元。本年收入合计4008.42万元，本年支出合计4008.42万元，其中基本支出2008.42万元，项目支出2000.00万元。", 1);
        Add(SectionKind.OperatingCost, "三、机关运行经费",
            "2024年机关运行经费208.42万元，其中：办公费100.00万元、公务接待费8.42万元、公务用车运行维护费20.00万元、其他商品和服务支出80.00万元。", 2);
        Add(SectionKind.SanGong, "四、“三公”经费预算情况", SanGongText, 2);
        Add(SectionKind.Performance, "五、绩效目标设置情况", "2024年实行绩效目标管理的项目2个，涉及资金2000.00万元。", 2);
        Add(SectionKind.Procurement, "六、政府采购情况", ProcurementText, 2);
        Add(SectionKind.Assets, "七、国有资产占用情况", AssetsText, 2);
        Add(SectionKind.Glossary, "八、名词解释", "财政拨款收入：指本级财政当年拨付的资金。基本支出：指为保障机构正常运转发生的支出。", 3);
        Add(SectionKind.OtherMatters, "九、其他需要说明的事项",
            "本部门2024年没有使用政府性基金预算拨款安排的支出，政府性基金预算支出表为空表；无国有资本经营预算拨款安排的支出。", 3);
    }

    public static NarrativeFigure NewFigure(string key, decimal value, decimal? change = null, bool hasReason = false) => new()
    {
        Key = key,
        Value = value,
        Sentence = $"{key}{value:0.00}万元",
        Provenance = new Provenance(Page: 2, Line: 1),
        Change = change,
        HasReason = hasReason,
    };

    private static void AddFigures(Disclosure doc)
    {
        doc.Figures.AddRange(
        [
            NewFigure(FigureKeys.收入总计, 4058.42m),
            NewFigure(FigureKeys.支出总计, 4058.42m),
            NewFigure(FigureKeys.收入合计, 4008.42m),
            NewFigure(FigureKeys.支出合计, 4008.42m),
            NewFigure(FigureKeys.一般公共预算收入, 3908.42m),
            NewFigure(FigureKeys.上年结转, 50.00m),
            NewFigure(FigureKeys.基本支出, 2008.42m),
            NewFigure(FigureKeys.人员经费, 1800.00m),
            NewFigure(FigureKeys.公用经费, 208.42m),
            NewFigure(FigureKeys.项目支出, 2000.00m),
            NewFigure(FigureKeys.一般公共预算支出, 3908.42m),
            NewFigure(FigureKeys.三公经费, 38.42m, -7.58m, hasReason: true),
            NewFigure(FigureKeys.因公出国费, 10.00m, -2.00m, hasReason: true),
            NewFigure(FigureKeys.公务用车费, 20.00m, -5.00m, hasReason: true),
            NewFigure(FigureKeys.公务用车购置费, 0.00m, 0.00m),
            NewFigure(FigureKeys.公务用车运行维护费, 20.00m, -5.00m, hasReason: true),
            NewFigure(FigureKeys.公务接待费, 8.42m, -0.58m, hasReason: true),
            NewFigure(FigureKeys.政府采购, 150.00m),
            NewFigure(FigureKeys.车辆数, 2m),
        ]);
        var operating = NewFigure(FigureKeys.机关运行经费, 208.42m);
        operating.Components.AddRange(
        [
            NewFigure("办公费", 100.00m),
            NewFigure(FigureKeys.公务接待费, 8.42m),
            NewFigure(FigureKeys.公务用车运行维护费, 20.00m),
            NewFigure("其他商品和服务支出", 80.00m),
        ]);
        doc.Figures.Add(operating);
    }

    // ------------------------------------------------------------------ performance

    private static void AddIndicatorTables(Disclosure doc)
    {
        var whole = new IndicatorTable { Title = Department + "部门整体绩效目标表", Budget = 4008.42m };
        NewIndicator(whole, "产出指标", "数量指标", "年度重点工作完成数", "≥10项", "≥", 10m, "项");
        NewIndicator(whole, "效益指标", "社会效益指标", "居民健康素养水平", "≥30%", "≥", 30m, "%");
        NewIndicator(whole, "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "≥", 90m, "%");
        doc.IndicatorTables.Add(whole);

        var a = ProjectTable(ProjectA, 1200.00m, 20m, 50m, 80m, 100m);
        NewIndicator(a, "产出指标", "数量指标", "新建业务系统数量", "≥3套", "≥", 3m, "套");
        NewIndicator(a, "产出指标", "质量指标", "系统验收合格率", "=100%", "=", 100m, "%");
        NewIndicator(a, "产出指标", "时效指标", "项目按期完成率", "≥95%", "≥", 95m, "%");
        NewIndicator(a, "成本指标", "经济成本指标", "系统建设成本", "≤1200万元", "≤", 1200m, "万元");
        NewIndicator(a, "效益指标", "社会效益指标", "系统故障率", "≤2%", "≤", 2m, "%");
        NewIndicator(a, "效益指标", "社会效益指标", "数据泄露事件次数", "≤0次", "≤", 0m, "次");
        NewIndicator(a, "满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%", "≥", 90m, "%");
        doc.IndicatorTables.Add(a);

        var b = ProjectTable(ProjectB, 800.00m, 25m, 50m, 75m, 100m);
        NewIndicator(b, "产出指标", "数量指标", "服务人数", "≥50000人", "≥", 50000m, "人");
        NewIndicator(b, "产出指标", "质量指标", "健康档案建档率", "≥90%", "≥", 90m, "%");
        NewIndicator(b, "成本指标", "经济成本指标", "项目实施成本", "≤800万元", "≤", 800m, "万元");
        NewIndicator(b, "效益指标", "社会效益指标", "群众健康意识", "显著提高", "", null, "");
        NewIndicator(b, "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥85%", "≥", 85m, "%");
        doc.IndicatorTables.Add(b);
    }

    public static IndicatorTable ProjectTable(string project, decimal? budget, params decimal[] spendingPlan)
    {
        var table = new IndicatorTable { Title = project + "绩效目标表", ProjectName = project, Budget = budget };
        table.SpendingPlan.AddRange(spendingPlan);
        return table;
    }

    /// <summary>Adds an indicator; TableBudget is copied from the table, as recognition does.</summary>
    public static Indicator NewIndicator(IndicatorTable table, string level1, string level2, string name, string valueText,
        string op, decimal? number, string unit, decimal? number2 = null, string description = "")
    {
        var indicator = new Indicator
        {
            TableTitle = table.Title,
            ProjectName = table.ProjectName,
            Level1 = level1,
            Level2 = level2,
            Name = name,
            Description = description,
            ValueText = valueText,
            Operator = op,
            Number = number,
            Number2 = number2,
            Unit = unit,
            TableBudget = table.Budget,
            Provenance = new Provenance(Page: 11, Table: table.Title),
        };
        table.Indicators.Add(indicator);
        return indicator;
    }

    // ------------------------------------------------------------------ mutations

    public static BudgetTable Get(this Disclosure doc, TableKind kind) =>
        doc.Table(kind) ?? throw new InvalidOperationException($"fixture has no {kind} table");

    /// <summary>Sets (or blanks, with null) one cell of the row with this name or code.</summary>
    public static void Set(this BudgetTable table, string rowNameOrCode, string column, decimal? value)
    {
        var row = table.Row(rowNameOrCode) ?? throw new InvalidOperationException($"{table.Title} has no row {rowNameOrCode}");
        if (value is { } v) row.Cells[column] = NewCell(table, row.Index, column, v);
        else row.Cells.Remove(column);
    }

    public static void RemoveRow(this BudgetTable table, string rowNameOrCode)
    {
        var row = table.Row(rowNameOrCode) ?? throw new InvalidOperationException($"{table.Title} has no row {rowNameOrCode}");
        table.Rows.Remove(row);
        LinkChildren(table);
    }

    /// <summary>Replaces the first figure with this key by one with a new value; change and reason are kept unless given.</summary>
    public static NarrativeFigure SetFigure(this Disclosure doc, string key, decimal value)
    {
        var index = doc.Figures.FindIndex(f => f.Key == key);
        if (index < 0) throw new InvalidOperationException($"fixture has no figure {key}");
        var old = doc.Figures[index];
        var figure = new NarrativeFigure
        {
            Key = key, Value = value, Sentence = old.Sentence, Provenance = old.Provenance,
            Change = old.Change, PreviousValue = old.PreviousValue, HasReason = old.HasReason,
        };
        figure.Components.AddRange(old.Components);
        doc.Figures[index] = figure;
        return figure;
    }

    public static NarrativeFigure FigureOf(this Disclosure doc, string key) =>
        doc.Figures.First(f => f.Key == key);

    public static NarrativeSection SectionOf(this Disclosure doc, SectionKind kind) =>
        doc.Section(kind) ?? throw new InvalidOperationException($"fixture has no {kind} section");

    public static IndicatorTable IndicatorTableOf(this Disclosure doc, string? project) =>
        doc.IndicatorTables.First(t => t.ProjectName == project);

    /// <summary>Adds one indicator to the department-wide table, where no copy or cost check looks.</summary>
    public static Indicator AddIndicator(this Disclosure doc, string name, string valueText, string op, decimal? number, string unit,
        decimal? number2 = null, string level1 = "产出指标", string level2 = "质量指标", string description = "") =>
        NewIndicator(doc.IndicatorTableOf(null), level1, level2, name, valueText, op, number, unit, number2, description);
}
