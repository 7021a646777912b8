using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>Classifies a table by the meaning of its title, tolerant of provincial variants.</summary>
public static partial class TableTitles
{
    /// <summary>
    /// The kind a title names, or Unknown, by the title rules of the profile catalogue (rules/profiles/tables.json):
    /// the whole title is read, so 收入支出决算总表 is a 收支 table and 收入决算表 an income table.
    /// </summary>
    /// <param name="misreadsLikely">
    /// The title was read by OCR, which misreads a character of a title now and then (财政拨款 → 财政拨称, 支出 → 文出,
    /// 收支 → 收文). Then a rule's longer parts (four characters or more) also match with one character wrong, still in
    /// the rules' order (so 财政拨称收支 is a 财政拨款收支 table, not a 收支 one), and a title no rule matches is the
    /// kind of the printed variant it is nearest to, when that is within one character in ten.
    /// </param>
    public static TableKind Classify(string title, ProfileCatalog? profiles = null, bool misreadsLikely = false)
    {
        var catalog = profiles ?? ProfileCatalog.Default;
        var compact = ChineseText.Compact(title);
        // A cell of a pipe row taken for the title (“收入 |” above a summary table dumped one cell per line, 河北): a
        // heading cell names no table.
        if (compact.Contains('|') && !compact.TrimEnd('|').EndsWith('表')) return TableKind.Unknown;
        var t = ProfileCatalog.TitleKey(compact);
        if (catalog.Match(compact, misreadsLikely) is { } rule)
        {
            // A misread keyword can leave another rule's keyword to match (“三公”经费和机关运行经费预算表 read as
            // “三人”…: 机关运行经费 matches). A printed variant one character away outweighs a keyword whose own kind
            // has no variant near the title.
            if (!misreadsLikely || t.Length == 0) return rule.Kind;
            var distances = VariantDistances(catalog, t);
            return Nearest(distances) is { Distance: <= 1 } near && near.Kind != rule.Kind
                   && distances.GetValueOrDefault(rule.Kind, int.MaxValue) > MinOwnKindDistance
                ? near.Kind
                : rule.Kind;
        }
        return misreadsLikely && t.Length > 0 ? NearestVariant(catalog, t) : TableKind.Unknown;
    }

    /// <summary>How far the title must be from every variant of the keyword's kind for a near variant of another to win.</summary>
    private const int MinOwnKindDistance = 2;

    /// <summary>For each kind, the edit distance from the title to its nearest printed variant, the year left aside.</summary>
    private static Dictionary<TableKind, int> VariantDistances(ProfileCatalog catalog, string title)
    {
        var t = LeadingYear().Replace(title, "");
        var distances = new Dictionary<TableKind, int>();
        foreach (var rule in catalog.Titles)
            foreach (var variant in rule.Variants)
            {
                var d = ChineseText.EditDistance(t, LeadingYear().Replace(variant, ""));
                distances[rule.Kind] = Math.Min(d, distances.GetValueOrDefault(rule.Kind, int.MaxValue));
            }
        return distances;
    }

    /// <summary>The kind whose variant is nearest, Unknown when variants of two kinds are equally near.</summary>
    private static (TableKind Kind, int Distance) Nearest(Dictionary<TableKind, int> distances)
    {
        if (distances.Count == 0) return (TableKind.Unknown, int.MaxValue);
        var best = distances.Values.Min();
        var kinds = distances.Where(d => d.Value == best).Select(d => d.Key).ToList();
        return (kinds.Count == 1 ? kinds[0] : TableKind.Unknown, best);
    }

    /// <summary>
    /// The kind of the printed variant (rules/profiles/tables.json) nearest the title, the year left aside; Unknown
    /// when none is within one character in ten, or when variants of two kinds are equally near.
    /// </summary>
    private static TableKind NearestVariant(ProfileCatalog catalog, string title)
    {
        var (kind, distance) = Nearest(VariantDistances(catalog, title));
        return distance <= Math.Max(1, LeadingYear().Replace(title, "").Length / 10) ? kind : TableKind.Unknown;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{2,4}年(?:度)?")]
    private static partial System.Text.RegularExpressions.Regex LeadingYear();

    /// <summary>Looks like the title of a table rather than a sentence: short and naming a 表.</summary>
    public static bool IsTableTitle(string line)
    {
        // 新疆 prints titles in book marks: “九、《国有资本经营预算财政拨款收入支出决算表》”.
        var t = ChineseText.Compact(line).Replace("《", "").Replace("》", "");
        return t.Length is > 2 and <= 60 && (t.EndsWith('表') || t.Contains("表（") || t.EndsWith("情况") && t.Contains("三公"))
               && !t.Contains("。") && !t.StartsWith("注") && !TableNumber().IsMatch(t);
    }

    /// <summary>A caption line that only repeats the department, year or unit (seen above every page of a split table).</summary>
    public static bool IsRunningHeader(string line)
    {
        var t = ChineseText.Compact(line);
        return t.Length == 0 || t.StartsWith("预算年度") || t.StartsWith("单位") || t.StartsWith("部门名称") || t.StartsWith("金额单位")
               || t.StartsWith("预算01") || t.StartsWith("预算0") || CodeAndDepartment().IsMatch(t)
               || t.StartsWith("部门：") || TableNumber().IsMatch(t) || ContinuationMark().IsMatch(t) || IsPageFurniture(line);
    }

    /// <summary>
    /// A running page header or footer, not content: the page number alone (“第 5 页”, “- 5 -”, “5/25”, “共 25 页 第 5 页”)
    /// or a department's name with it (“上海市普陀区商务委员会　5”; three digits at most: “…局 2024” is a year). Printed on every page, it falls between the parts of a
    /// table split over pages and inside paragraphs that run on over a page.
    /// </summary>
    public static bool IsPageFurniture(string line)
    {
        var t = ChineseText.Normalize(line).Replace('\u3000', ' ').Trim();
        // The name and its page number stand apart; a line that runs a name into a figure is text broken at the line's end.
        return t.Length <= 50 && (PageNumber().IsMatch(t.Replace(" ", "")) || NameAndPage().IsMatch(t));
    }

    /// <summary>“续表”, “续表1”, “（续）”, “续上表”: the mark above the continuation of a table on a new page.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^[（(]?续(?:表[0-9一二三四五六七八九十]{0,3}|上表)?[）)]?$")]
    private static partial System.Text.RegularExpressions.Regex ContinuationMark();

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页[,，]?第\d{1,4}页|[-－—–]\d{1,4}[-－—–]|\d{1,4}/\d{1,4})$")]
    private static partial System.Text.RegularExpressions.Regex PageNumber();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\S{2,40}(?:局|部|委员会|办公室|中心|办事处|政府|院|所|站|队|会)\s+(?:第\s*)?\d{1,3}(?:\s*页)?$")]
    private static partial System.Text.RegularExpressions.Regex NameAndPage();

    /// <summary>
    /// The form number printed at a table's top corner, not its title: “公开01表”, “公开02-1表”, “财决04表”, “附表1”,
    /// “表一” (the national 决算 template and most provinces print one above every table, and on its continuation pages).
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?=.*表)(?:(?:部门|单位)?(?:公开|财决|决算|预算)|附)?表?[0-9一二三四五六七八九十]{1,3}(?:[-－—][0-9]{1,2})?表?$")]
    private static partial System.Text.RegularExpressions.Regex TableNumber();

    /// <summary>“001001某某局”: a department under its code.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{3,}\D+(局|部门|中心|委员会|办公室)$")]
    private static partial System.Text.RegularExpressions.Regex CodeAndDepartment();
}
