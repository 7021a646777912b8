using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The shortcuts recognition takes on its hottest paths give what the full work gives: text that
/// <see cref="ChineseText.Normalize"/> returns as it is needed no rebuilding, an amount turned down without a match could
/// never parse, and a line passed over for doubled words holds none.
/// </summary>
public class TextShortcutTests
{
    [Fact]
    public void Text_returned_as_it_is_is_what_the_full_rebuild_gives()
    {
        // A trailing space sends the text through the full rebuild, whose trim takes the space off again: for every
        // character, the quick path and the rebuild must agree.
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var text = "预算" + (char)i + "支出";
            Assert.Equal(ChineseText.Normalize(text + " "), ChineseText.Normalize(text));
        }
        Assert.Equal("三公经费", ChineseText.Normalize("二公经费"));
        Assert.Equal("财政拨款（万元）", ChineseText.Normalize("財政撥款(萬元)"));
    }

    [Theory]
    [InlineData("１２３.４５")]   // full-width digits: the pattern's \d takes them, decimal.TryParse does not
    [InlineData("١٢٣")]
    [InlineData("合计")]
    [InlineData("—")]
    public void A_text_without_an_ASCII_digit_is_no_amount(string text) => Assert.Null(ChineseText.ParseAmount(text));

    [Theory]
    [InlineData("132, 372. 61", "132372.61", 2)]
    [InlineData("（3.57）", "-3.57", 2)]
    [InlineData("4230", "4230", 0)]
    public void Amounts_parse_as_printed(string text, string value, int decimals)
    {
        Assert.True(ChineseText.TryParseAmount(text, out var parsed, out var places));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), parsed);
        Assert.Equal(decimals, places);
    }

    [Fact]
    public void Doubled_words_are_found_and_lines_without_a_repeat_give_none()
    {
        var layout = new Layout { Source = "t.docx" };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        foreach (var line in (string[])["本部门的的支出主要用于日常运转。", "基本支出支出合计为120.00万元。", "项目支出安排如下，用于公用经费。"])
            layout.Blocks.Add(new Paragraph { Text = line, Page = 1 });
        var doubled = Recognizer.Recognise(layout).TextIssues.Where(i => i.Kind == TextIssueKind.重复字词).Select(i => i.Marker).ToList();
        Assert.Equal(["的的", "支出支出"], doubled);
    }
}
