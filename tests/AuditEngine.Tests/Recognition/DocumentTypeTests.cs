using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The document type, department and year from the cover and table titles, in wordings other than the Shanghai
/// files the golden tests read: the mechanism, not those files.
/// </summary>
public sealed class DocumentTypeTests
{
    private static Disclosure Recognise(string text) => Recognizer.Recognise(TextLayoutReader.Read(text, "t.txt"));

    /// <summary>Two 决算 tables: enough for a document's type to be told from its titles (also used by ProvincialStructureTests).</summary>
    internal const string Tables = """
        收入支出决算总表
        单位：万元
        项目	决算数	项目	决算数
        一、一般公共预算财政拨款收入	100.00	一、一般公共服务支出	100.00
        本年收入合计	100.00	本年支出合计	100.00
        总计	100.00	总计	100.00

        财政拨款收入支出决算总表
        单位：万元
        项目	决算数	项目	决算数
        一、一般公共预算财政拨款	100.00	一、一般公共服务支出	100.00
        总计	100.00	总计	100.00
        """;

    [Fact]
    public void A_cover_title_split_over_lines_gives_department_year_and_type()
    {
        var doc = Recognise("河北省某某县\n水利局\n2023年度部门决算\n\n目录\n一、部门主要职能\n\n" + Tables);
        Assert.Equal(DocumentType.DepartmentFinalAccount, doc.Type);
        Assert.Equal("河北省某某县水利局", doc.Department);
        Assert.Equal(2023, doc.Year);
        Assert.Equal("决算数", doc.Profile.AmountColumn);
    }

    [Fact]
    public void A_labelled_unit_on_the_cover_makes_a_unit_budget()
    {
        var doc = Recognise("某某市2026年市级单位预算\n预算单位：某某市档案馆\n\n目录\n一、单位主要职能\n");
        Assert.Equal(DocumentType.UnitBudget, doc.Type);
        Assert.Equal("某某市档案馆", doc.Department);
        Assert.Equal(2026, doc.Year);
    }

    [Theory]
    [InlineData("预算单位，某某市档案馆")]                       // OCR's comma for the colon
    [InlineData("预算主管部门:某某市闪冤部门:某某市档案馆")]      // the label printed twice, once garbled
    public void A_labelled_cover_line_as_OCR_reads_it_names_the_unit(string line)
    {
        var doc = Recognise($"某某市2026年市级单位预算\n{line}\n\n目录\n一、单位主要职能\n");
        Assert.Equal("某某市档案馆", doc.Department);
    }

    [Fact]
    public void Without_a_cover_the_table_titles_decide()
    {
        var doc = Recognise("情况说明\n\n" + Tables);
        Assert.Equal(DocumentType.DepartmentFinalAccount, doc.Type);
    }

    [Fact]
    public void A_placeholder_cover_over_empty_tables_is_a_template()
    {
        var empty = Tables.Replace("100.00", "");
        var doc = Recognise("上海市XX局2024年度部门决算\n\n目录\n" + empty);
        Assert.Equal(DocumentType.Template, doc.Type);
        // The same placeholder in a document with figures is that document's defect, not a template.
        Assert.NotEqual(DocumentType.Template, Recognise("上海市XX局2024年度部门决算\n\n目录\n" + Tables).Type);
    }

    [Fact]
    public void Minutes_of_a_meeting_are_no_disclosure()
    {
        var doc = Recognise("会议纪要\n\n今天讨论了办公室搬迁事宜，决定下周一开始。\n参会人员：张三、李四。\n");
        Assert.Equal(DocumentType.NotDisclosure, doc.Type);
    }

    [Theory]
    [InlineData("department-final-account", DocumentType.DepartmentFinalAccount)]
    [InlineData("单位预算", DocumentType.UnitBudget)]
    [InlineData("DepartmentBudget", DocumentType.DepartmentBudget)]
    [InlineData("unitfinalaccount", DocumentType.UnitFinalAccount)]
    [InlineData("unknown", DocumentType.Unknown)]
    public void A_type_parses_from_its_code_its_chinese_name_or_its_member_name(string text, DocumentType expected)
    {
        Assert.True(DocumentTypes.TryParse(text, out var type));
        Assert.Equal(expected, type);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("部门预决算")]
    public void Anything_else_does_not_parse_and_reads_as_unknown(string? text)
    {
        Assert.False(DocumentTypes.TryParse(text, out var type));
        Assert.Equal(DocumentType.Unknown, type);
    }
}
