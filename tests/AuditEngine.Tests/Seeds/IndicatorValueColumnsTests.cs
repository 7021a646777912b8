using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Seeds;

/// <summary>
/// Indicator tables that split 指标值 into 符号 | 值 | 单位 (langfang): the columns' meaning repairs what OCR makes of
/// a lone ≥ or % without touching clean text.
/// </summary>
public class IndicatorValueColumnsTests
{
    private static Disclosure Recognise(params string[][] rows)
    {
        var layout = new Layout { Source = "t.txt" };
        layout.Blocks.Add(new Paragraph { Text = "项目绩效目标表", Line = 1 });
        var table = new LayoutTable { Line = 2 };
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                table.Cells.Add(new LayoutCell { Row = r, Column = c, Text = rows[r][c], Line = 2 + r });
        layout.Blocks.Add(table);
        return Recognizer.Recognise(layout);
    }

    private static readonly string[] Header = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据", "", ""];
    private static readonly string[] SubHeader = ["", "", "", "", "符号", "值", "单位", ""];

    [Theory]
    [InlineData("≥", "95", "%", "≥", 95, "%")]
    [InlineData("2", "95", "%", "≥", 95, "%")]
    [InlineData("之", "90", "9%", "≥", 90, "%")]
    [InlineData("=", "100", "%", "=", 100, "%")]
    [InlineData("≤", "30", "工作日", "≤", 30, "工作日")]
    public void Split_value_columns_are_joined_and_repaired(string sign, string value, string unit, string op, int number, string expectedUnit)
    {
        var doc = Recognise(Header, SubHeader, ["产出指标", "数量指标", "参保率", "参保人数", sign, value, unit, "工作安排"]);
        var indicator = Assert.Single(doc.Indicators);
        Assert.Equal("参保率", indicator.Name);
        Assert.Equal(op, indicator.Operator);
        Assert.Equal(number, indicator.Number);
        Assert.Equal(expectedUnit, indicator.Unit);
    }
}
