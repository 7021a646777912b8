using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RecognitionTests;

/// <summary>
/// Titles read by OCR carry a wrong character now and then. The misreads below are what local OCR made of the titles
/// of a real Shanghai 部门预算 (普陀区商务委员会 2025) passed through the simulated scanner; each left a required table
/// “missing” (a false error) or filed it under the wrong kind.
/// </summary>
public sealed class OcrTitleTests
{
    [Theory]
    [InlineData("2025年部门财政拨称收支预算总表", TableKind.FiscalSummary)]
    [InlineData("2025年部门财务收文预算总表", TableKind.IncomeExpenditureSummary)]
    [InlineData("2025年部门一般公共预算基本文出部门预算经阐分类预算表", TableKind.GeneralBudgetBasicExpenditure)]
    [InlineData("2025年部门国有资本经营预算叉出功能分类预算表", TableKind.StateCapitalExpenditure)]
    [InlineData("2025年部门一般公共预算支出能分类预算表", TableKind.GeneralBudgetExpenditure)]
    [InlineData("2025年部门收入预算总表", TableKind.IncomeSummary)]
    // putuo_wanli_jiedao_2025_yusuan scanned, p.29: 三公 read as 三人 left 机关运行经费 to match (a false MS-TABLE-09).
    [InlineData("2025年部门“三人”经费和机关运行经费预算表", TableKind.SanGong)]
    [InlineData("2025年部门收支预算总表", TableKind.IncomeExpenditureSummary)]
    [InlineData("2025年部门支出预算总表", TableKind.ExpenditureSummary)]
    public void A_scanned_title_with_a_misread_character_keeps_its_kind(string title, TableKind kind) =>
        Assert.Equal(kind, TableTitles.Classify(title, misreadsLikely: true));

    [Fact]
    public void A_digital_title_is_read_as_printed()
    {
        // Without OCR there are no misreads to allow for: the same characters from a text layer are another title.
        Assert.Equal(TableKind.IncomeExpenditureSummary, TableTitles.Classify("2025年部门财政拨称收支预算总表"));
        Assert.Equal(TableKind.Unknown, TableTitles.Classify("2025年部门财务收文预算总表"));
        Assert.Equal(TableKind.OperatingCost, TableTitles.Classify("2025年部门“三人”经费和机关运行经费预算表"));
    }

    [Fact]
    public void Every_printed_variant_keeps_its_kind_when_misreads_are_allowed_for()
    {
        // Allowing one wrong character must not move a correctly read title to another kind.
        foreach (var rule in ProfileCatalog.Default.Titles)
            foreach (var variant in rule.Variants)
                Assert.True(TableTitles.Classify(variant, misreadsLikely: true) == rule.Kind, $"{variant}: {TableTitles.Classify(variant, misreadsLikely: true)}, not {rule.Kind}");
    }

    [Theory]
    [InlineData("项目支出预算表", TableKind.ProjectExpenditure)]
    [InlineData("政府采购预算表", TableKind.Procurement)]
    [InlineData("部门收支总表", TableKind.IncomeExpenditureSummary)]
    [InlineData("部门整体绩效目标表", TableKind.Unknown)]
    [InlineData("一般公共预算基本支出明细表", TableKind.Unknown)]
    [InlineData("说明", TableKind.Unknown)]
    public void Short_and_distinct_titles_are_not_stretched_to_a_kind(string title, TableKind kind) =>
        Assert.Equal(kind, TableTitles.Classify(title, misreadsLikely: true));

    [Theory]
    [InlineData("-、2025年“三公”经费预算情况说明")]
    [InlineData("一、2025年“三公”经费预算情况说明")]
    public void A_heading_numbered_with_a_dash_for_one_is_a_heading(string heading)
    {
        // OCR reads the single stroke of 一 as a dash; the section was reported missing.
        var layout = new Layout { Source = "scan.pdf" };
        layout.Blocks.Add(new Paragraph { Text = "其他相关情况说明" });
        layout.Blocks.Add(new Paragraph { Text = heading });
        layout.Blocks.Add(new Paragraph { Text = "2025年“三公”经费预算数为1.00万元，与2024年预算持平。" });
        Assert.True(Recognizer.Recognise(layout).HasSection(SectionKind.SanGong));
    }

    [Theory]
    [InlineData("RS 2025年“三公”经费预算情况说明", true, true)]
    [InlineData("、2025年“三公”经费预算情况说明", true, true)]
    // Printed text that begins so is no heading whose number was lost; nor, on a scan, a sentence, a figure or a table's title.
    [InlineData("RS 2025年“三公”经费预算情况说明", false, false)]
    [InlineData("、2025年“三公”经费预算数为1.00万元", true, false)]
    [InlineData("RS 2025年单位“三公”经费和机关运行经费预算表", true, false)]
    public void A_scanned_heading_whose_number_came_out_as_debris_is_a_heading(string heading, bool scanned, bool found)
    {
        var layout = new Layout { Source = "scan.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = scanned });
        layout.Blocks.Add(new Paragraph { Text = "其他相关情况说明", Confidence = scanned ? 0.9 : 1.0 });
        layout.Blocks.Add(new Paragraph { Text = heading, Confidence = scanned ? 0.9 : 1.0 });
        layout.Blocks.Add(new Paragraph { Text = "因公出国（境）费0万元，与2024年预算持平。", Confidence = scanned ? 0.9 : 1.0 });
        Assert.Equal(found, Recognizer.Recognise(layout).HasSection(SectionKind.SanGong));
    }
}
