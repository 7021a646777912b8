using System.Text.RegularExpressions;
using AuditEngine.Intake;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.Recognition;

/// <summary>
/// The keyword-anchored search recognition uses for its slow patterns finds exactly what a scan of the whole text
/// finds: same matches, same order, none overlapping, on the seeds' narratives and on texts made to trip it.
/// </summary>
public sealed class KeywordMatchesTests
{
    // The shapes of TextSlips' two anchored patterns: a lazy run of characters before the keyword.
    private static readonly Regex Parts = new(
        @"(?<name>[\u4E00-\u9FFF]{2,20}?)(?:为|是|共|共计|合计|约为|约)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>平方米|万元|辆|台|套|个|人|名)(?<open>（)?[，,：:]?\s*其中[：:，,]?");
    private static readonly Regex Flat = new(
        @"(?<flat>[^。；\n，,]{2,30}?(?<!基本)持平)[。；]\s*(?:主要)?原因(?:是|为)?[：:]?(?<reason>[^。\n]{2,160})");

    private static readonly string[] MadeUp =
    [
            "办公用房面积为8103平方米，其中：办公室用房8013平方米、服务用房90平方米。车辆共3辆其中其中：公务用车2辆。",
            "其中其中其中，12人其中：在职10人，其中3人退休；人员为12人（其中在编10人，编外2人）",
            "收入总计持平。主要原因：人员减少。支出持平；原因是增加了项目。基本持平。原因：无。持平持平。原因为：一二三四五",
    ];

    public static TheoryData<string> Texts()
    {
        var data = new TheoryData<string>(MadeUp);
        foreach (var seed in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "samples", "seeds")))
            data.Add(string.Join("\n", DocumentReader.Read(seed).Paragraphs.Select(p => p.Text)));
        return data;
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void Anchored_search_finds_what_a_whole_text_scan_finds(string text)
    {
        foreach (var (pattern, keyword, before, after) in new[] { (Parts, "其中", 80, 1), (Flat, "持平", 30, 180) })
        {
            var expected = pattern.Matches(text).Select(m => (m.Index, m.Value)).ToList();
            var found = KeywordMatches.Find(pattern, text, keyword, before, after).Select(m => (m.Index, m.Value)).ToList();
            Assert.Equal(expected, found);
        }
    }

    [Fact]
    public void The_made_up_texts_do_match_so_the_comparison_means_something()
    {
        Assert.True(Parts.Matches(MadeUp[0]).Count >= 2);
        Assert.True(Parts.Matches(MadeUp[1]).Count >= 2);
        Assert.True(Flat.Matches(MadeUp[2]).Count >= 2);
    }
}
