using AuditEngine.Intake;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The search for 功能分类 paths tried only before each 类/款/项 marker finds exactly what a scan of the whole text
/// finds: same matches, same groups, same order — on the rule fixtures' and seeds' texts and on texts made to trip it.
/// </summary>
public sealed class ClassificationPathsTests
{
    private static readonly string[] MadeUp =
    [
        "2130599其他扶贫支出（项）12.00万元。一般公共服务支出（类）人大事务（款）行政运行（项）43.83万元；",
        "主要用于：社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
        "（项）（类）（款）类）（类（项 “政府办公厅（室）及相关机构事务（款）” 201 03 01行政运行（项）",
        "21 3行政（项）\n（类）\n\n123 45“名称（款）（项）” a（类）一二三（类）（款）（项）（项）",
        "缴费支出（项）用于（类）其中（款）单位（其他）（项）单位（其他事务）（项）单位（其他事务支出）（项）",
    ];

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>(MadeUp);
        foreach (var fixture in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "rules", "tests"), "*.json"))
            if (File.ReadAllText(fixture) is var text && (text.Contains("（类）") || text.Contains("（项）")))
                data.Add(text);
        foreach (var seed in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples", "seeds")))
            data.Add(string.Join("\n", DocumentReader.Read(seed).Paragraphs.Select(p => p.Text)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Finds_what_a_whole_text_scan_finds(string text)
    {
        static string Describe(System.Text.RegularExpressions.Match m) =>
            $"{m.Index}:{m.Value}|{m.Groups["code"].Value}|{string.Join("/", m.Groups["name"].Captures.Select(c => c.Value))}" +
            $"|{string.Join("/", m.Groups["level"].Captures.Select(c => c.Value))}";
        var expected = ClassificationPaths.Pattern().Matches(text).Select(Describe).ToList();
        Assert.Equal(expected, ClassificationPaths.Find(text).Select(Describe).ToList());
    }

    [Fact]
    public void Finds_the_paths_of_a_narrative()
    {
        var found = ClassificationPaths.Find(MadeUp[0]);
        Assert.Equal(["2130599其他扶贫支出（项）", "一般公共服务支出（类）人大事务（款）行政运行（项）"], found.Select(m => m.Value).ToList());
    }
}
