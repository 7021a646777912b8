using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Tests.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// An upload of a few printed pages (a photo, a 2-page scan) is an excerpt of a disclosure: what it holds is checked,
/// what it lacks is not reported missing, and the table it cuts off at its last page is not checked as complete.
/// </summary>
public sealed class ExcerptRuleTests : RuleTestBase
{
    private static readonly string[][] IncomeRowsCut =
    [
        ["科目编码", "科目名称", "合计", "财政拨款"],
        ["", "合计", "4008.42", "4008.42"],
        ["208", "社会保障和就业支出", "82.21", "82.21"],
        ["20805", "行政事业单位养老支出", "82.21", "82.21"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "82.21", "82.21"],
    ];

    /// <summary>A 部门预算's 收入总表 on the last of <paramref name="pages"/> pages; pages printed (PDF) or not (text).</summary>
    private static Disclosure Recognise(int pages, bool printed, string[][] rows, params string[] after)
    {
        var layout = new Layout { Source = printed ? "t.pdf" : "t.txt" };
        for (var n = 1; n <= pages; n++)
            layout.Pages.Add(new LayoutPage { Number = n, Width = printed ? 595 : 0, Height = printed ? 842 : 0 });
        layout.Blocks.Add(new Paragraph { Text = "兴隆县医疗保障局2024年部门预算", Page = 1 });
        layout.Blocks.Add(new Paragraph { Text = "2024年部门收入总表", Page = pages });
        layout.Blocks.Add(new Paragraph { Text = "单位：万元", Page = pages });
        layout.Blocks.Add(LayoutTables.Table(pages, rows));
        foreach (var text in after) layout.Blocks.Add(new Paragraph { Text = text, Page = pages });
        return Recognizer.Recognise(layout);
    }

    [Fact]
    [Covers("MS-EXCERPT")]
    public void Two_printed_pages_are_an_excerpt_whose_cut_off_table_is_noted_and_not_checked()
    {
        var doc = Recognise(2, printed: true, IncomeRowsCut, "- 2 -");
        Assert.True(doc.IsExcerpt);
        Assert.Single(doc.CutOffTables);
        Fires(doc, "MS-EXCERPT", Severity.Info, "只有 2 页", "节选");
        var findings = Run(doc);
        Assert.DoesNotContain(findings, f => f.RuleId.StartsWith("MS-TABLE", StringComparison.Ordinal) || f.RuleId.StartsWith("MS-SECTION", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.RuleId == "UT-TOTAL-ROW");
        Assert.Contains(findings, f => f.RuleId == "EX-NOTE" && f.Message.Contains("页末中断") && f.Message.Contains("第 2 页"));
    }

    [Fact]
    public void An_excerpt_whose_last_table_ends_in_its_total_is_checked_as_complete()
    {
        var rows = IncomeRowsCut.Skip(0).Take(1).Concat(IncomeRowsCut.Skip(2)).Append(["", "合计", "4008.42", "4008.42"]).ToArray();
        var doc = Recognise(2, printed: true, rows);
        Assert.True(doc.IsExcerpt);
        Assert.Empty(doc.CutOffTables);
        Fires(doc, "UT-TOTAL-ROW", Severity.Error, "82.21", "4008.42");
    }

    [Fact]
    public void A_titled_text_holding_one_table_and_no_narrative_is_a_part_whose_table_is_checked_as_complete()
    {
        // Under the department's title, but only one table and none of the narrative: a part of a disclosure published
        // or uploaded on its own (as a 2-page PDF would be). A text has no page end to cut a table off at.
        var doc = Recognise(1, printed: false, IncomeRowsCut);
        Assert.True(doc.IsExcerpt);
        Assert.Empty(doc.CutOffTables);
        Fires(doc, "MS-EXCERPT", Severity.Info, "按文字量估算");
        Silent(doc, "MS-TABLE-01");
        Fires(doc, "UT-TOTAL-ROW", Severity.Error, "82.21", "4008.42");
    }

    [Fact]
    public void A_titled_text_with_most_of_its_narrative_but_no_tables_is_a_disclosure_missing_its_tables()
    {
        var layout = new Layout { Source = "t.txt" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        foreach (var text in new[]
                 {
                     "兴隆县医疗保障局2024年部门预算", "一、部门职责及机构设置", "负责全县医疗保障工作。", "二、预算安排总体情况",
                     "2024年收入预算400.00万元。", "三、机关运行经费", "2024年机关运行经费40.00万元。", "四、“三公”经费预算情况",
                     "2024年“三公”经费预算3.00万元。", "五、绩效目标", "全部项目编制了绩效目标。", "六、政府采购情况", "无政府采购预算。",
                     "七、国有资产占用情况", "共有车辆1辆。", "八、名词解释", "基本支出：指人员经费和公用经费。",
                 })
            layout.Blocks.Add(new Paragraph { Text = text, Page = 1 });
        var doc = Recognizer.Recognise(layout);
        Assert.False(doc.IsExcerpt);
        Fires(doc, "MS-TABLE-01", Severity.Error);
    }

    [Fact]
    public void A_text_that_starts_mid_document_and_is_short_in_print_is_an_excerpt()
    {
        // A few paragraphs pasted from a 决算's 三公 part: no title naming the department, well under a page in print.
        var layout = new Layout { Source = "t.txt" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        foreach (var text in new[] { "二、一般公共预算财政拨款“三公”经费支出决算情况说明",
                     "2024年度“三公”经费财政拨款支出决算24.00万元，比上年减少2.00万元，主要原因是严格控制公务接待。" })
            layout.Blocks.Add(new Paragraph { Text = text, Page = 1 });
        var doc = Recognizer.Recognise(layout);
        Assert.True(doc.IsExcerpt);
        Assert.True(doc.PagesEstimated);
        Fires(doc, "MS-EXCERPT", Severity.Info, "按文字量估算只有 1 页");
        Assert.DoesNotContain(Run(doc), f => f.RuleId.StartsWith("MS-TABLE", StringComparison.Ordinal) || f.RuleId == "EX-NOTHING");

        // The same text four pages long in print is not an excerpt: a long text lacking its tables is reported.
        var filler = new string('文', Disclosure.CharactersPerPrintedPage);
        for (var n = 0; n < 4; n++) layout.Blocks.Add(new Paragraph { Text = filler, Page = 1 });
        Assert.False(Recognizer.Recognise(layout).IsExcerpt);
    }

    [Fact]
    public void The_demo_batch_of_generated_samples_shows_no_error()
    {
        // samples/generated: langfang as DOCX and PDF (consistent tables), and the first two pages of xinglong scanned,
        // as one PDF and as two page images — what ./run.sh shows a newcomer.
        var folder = Path.Combine(RepositoryPaths.Root, "samples", "generated");
        var files = Directory.GetFiles(folder).Where(f => !f.EndsWith(".json", StringComparison.Ordinal) && !f.EndsWith(".md", StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(5, files.Count);
        foreach (var file in files)
        {
            var doc = Recognizer.Recognise(DocumentReader.Read(file));
            var findings = Run(doc);
            Assert.True(findings.All(f => f.Severity != Severity.Error), $"{Path.GetFileName(file)}: {Describe(findings.Where(f => f.Severity == Severity.Error))}");
            Assert.Equal(file.Contains("xinglong", StringComparison.Ordinal), doc.IsExcerpt);
        }
    }
}
