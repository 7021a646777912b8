using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// Running page headers and footers, and the 续表 mark over a table's continuation, are page furniture: between the parts
/// of a table split over pages they must not start a new table (found by <c>bench --mutations --benign</c>: a footer
/// under every page broke every split table of the real Shanghai documents into pieces).
/// </summary>
public sealed class PageFurnitureTests
{
    [Theory]
    [InlineData("第 5 页")]
    [InlineData("第5页 共25页")]
    [InlineData("共 25 页 第 5 页")]
    [InlineData("- 5 -")]
    [InlineData("— 12 —")]
    [InlineData("5/25")]
    [InlineData("上海市普陀区商务委员会    5")]
    [InlineData("上海市普陀区商务委员会\u30005")]
    [InlineData("续表")]
    [InlineData("续表1")]
    [InlineData("（续表）")]
    [InlineData("（续）")]
    public void A_page_number_footer_or_continuation_mark_is_a_running_header(string line) =>
        Assert.True(TableTitles.IsRunningHeader(line), line);

    [Theory]
    // Text broken at a line's end, a table title, a heading with a number: content, not furniture.
    [InlineData("上海市普陀区商务委员会2025")]
    [InlineData("上海市普陀区财政局 2024")]
    [InlineData("主要用于区财政局")]
    [InlineData("2025年部门支出预算总表")]
    [InlineData("第五部分 名词解释")]
    [InlineData("5")]
    [InlineData("继续推进项目")]
    public void Content_is_not_page_furniture(string line) =>
        Assert.False(TableTitles.IsPageFurniture(line) || TableTitles.IsRunningHeader(line) && !line.StartsWith("单位"), line);
}
