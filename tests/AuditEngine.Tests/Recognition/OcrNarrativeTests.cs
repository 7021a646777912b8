using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Tests.RuleSetTests;

namespace AuditEngine.Tests.RecognitionTests;

/// <summary>
/// Narrative read by OCR from a real 部门决算 (普陀区财政局 2024, through the simulated scanner): a dropped decimal point
/// left “2940 05万元”, and its tail “05万元” was taken for a figure of 5.00 万元 “占100.00%” — a false NA-SHARE error.
/// </summary>
public sealed class OcrNarrativeTests : RuleTestBase
{
    private static Disclosure Read(params string[] paragraphs)
    {
        var layout = new Layout { Source = "scan.pdf" };
        foreach (var p in paragraphs) layout.Blocks.Add(new Paragraph { Text = p });
        return Recognizer.Recognise(layout);
    }

    [Fact]
    public void The_tail_of_a_figure_broken_by_a_space_is_no_figure()
    {
        var doc = Read("（三）支出决算情况", "本年支出合计2940.05万元。", "一般公共预算财政拨款支出2940 05万元，占本年支出合计的100. 00%。");
        Assert.DoesNotContain(Run(doc), f => f.RuleId == "NA-SHARE");
    }

    [Fact]
    public void A_share_read_whole_is_still_checked()
    {
        // A share the document itself states wrongly (2106.66 of 2940.05 is 71.65%, not 71.73%), OCR spaces and all.
        var doc = Read("（三）支出决算情况", "一般公共预算财政拨款支出2940. 05万元，主要用于以下方面:一般公共服务支出(类) 2106. 66万元，占71.73%。");
        Assert.Contains(Run(doc), f => f.RuleId == "NA-SHARE");
    }
}
