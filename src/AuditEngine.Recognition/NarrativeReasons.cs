using System.Text.RegularExpressions;

namespace AuditEngine.Recognition;

/// <summary>
/// Where the narrative gives a reason: 主要原因(是/为/：), 原因是, 主要是, 主要系, 由于, 因为, 因, 系, 源于, (主要)用于,
/// “决算数大于上年决算数的主要情况：” (广东), and “增加因素为…” (内蒙古).
/// One recognition for every reader, so a figure's <c>HasReason</c> and a statement's reason agree. 因 and 系 are words
/// of their own only outside 因公出国, 因素, 系统, 体系 and the like.
/// </summary>
internal static partial class NarrativeReasons
{
    /// <summary>The first reason marker in the text, or null.</summary>
    public static Match? Find(string text)
    {
        var m = Marker().Match(text);
        return m.Success ? m : null;
    }

    public static bool Has(string text) => Marker().IsMatch(text);

    /// <summary>A marker that names a cause (原因, 由于, 因为 …), not a use (用于): only causes can be empty restatements.</summary>
    public static bool IsCause(string marker) => !marker.Contains("用于");

    /// <summary>A sentence that gives a cause (not only a use): a reason sentence of its own.</summary>
    public static Match? FindCause(string text)
    {
        foreach (Match m in Marker().Matches(text))
            if (IsCause(m.Value)) return m;
        return null;
    }

    /// <summary>The reason clause after a marker: up to the end of its sentence, trimmed of punctuation.</summary>
    public static string ClauseAfter(string text, Match marker)
    {
        var rest = text[(marker.Index + marker.Length)..];
        var end = rest.IndexOfAny(['。', '；', ';', '\n']);
        if (end >= 0) rest = rest[..end];
        return rest.Trim(' ', '：', ':', '，', ',', '是', '为');
    }

    [GeneratedRegex(@"(?<=(?:大于|小于|高于|低于|多于|少于|增加|减少|增长|下降)[^，。；：:]{0,12}的)主要情况[：:]|主要原因(?:是|为|系|在于)?[：:]?|原因(?:主要|仍|也|同样|均)?(?:是|为|系|在于)[：:]?|原因[：:]|(?:增加|减少|增长|下降|变动|变化)的?(?:主要)?因素(?:主要)?(?:为|是|有|包括)[：:]?|主要(?:是|系|因为|由于|因)|是因为|由于|因为|源于|(?<![原基公])因(?![公素此而为])|(?<![体关联派谱世])系(?![统列数])|主要用于|(?<!主要)用于")]
    private static partial Regex Marker();
}
