using AuditEngine.Model;

namespace AuditEngine.Tests.Rules;

public class ChineseQuotesTests
{
    [Theory]
    [InlineData("机关运行经费", "“机关运行经费”")]
    [InlineData("“三公”经费及增减变化原因", "“‘三公’经费及增减变化原因”")]
    [InlineData("财政拨款“三公”经费支出决算表", "“财政拨款‘三公’经费支出决算表”")]
    [InlineData("“三公”", "“三公”")]
    [InlineData("", "“”")]
    public void A_name_is_quoted_once_and_its_own_quotes_nest(string name, string quoted) =>
        Assert.Equal(quoted, ChineseQuotes.Quote(name));
}
