using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Decides what a document is (部门预算, 单位预算, 部门决算, 单位决算, a blank template, or no disclosure at all) and
/// reads the department and year its cover states. The words that mark each type are data (TitleWords in
/// rules/profiles/*.json); the cover outweighs table titles, which outweigh nothing else: narrative text is not
/// counted, since a 单位预算 may well speak of 部门预算 and a 决算 of 预算数.
/// </summary>
internal static partial class DocumentTypeReader
{
    /// <summary>
    /// The cover: what precedes the table of contents (目录), else the first page's first lines up to the first
    /// numbered heading (第一部分 单位概况, 一、主要职责): a disclosure without a 目录 starts its text at once, and that text
    /// (“纳入本部门决算编制范围的单位…”) is no part of the title.
    /// </summary>
    public static List<Paragraph> Cover(Layout layout)
    {
        var paragraphs = layout.Paragraphs.Take(40).ToList();
        var toc = paragraphs.FindIndex(p => ChineseText.Compact(p.Text) is "目录" or "目次" or "目錄");
        if (toc > 0) return paragraphs.Take(toc).ToList();
        var firstPage = paragraphs.FirstOrDefault()?.Page;
        var lines = paragraphs.TakeWhile(p => p.Page == firstPage).Take(4).ToList();
        var heading = lines.FindIndex(p => PartHeading().IsMatch(ChineseText.Compact(p.Text)));
        return heading > 0 ? lines.Take(heading).ToList() : lines;
    }

    /// <summary>Department, year and type from the cover and the table titles.</summary>
    public static void Read(Layout layout, IReadOnlyList<string> tableTitles, Disclosure doc, ProfileCatalog profiles)
    {
        var cover = Cover(layout);
        var coverText = string.Concat(cover.Select(p => ChineseText.Compact(p.Text)));
        var provenance = cover.Count > 0 ? new Provenance(cover[0].Page, cover[0].Line, "封面") : Provenance.None;

        if (CoverDepartment(cover) is { } department)
        {
            doc.Department = department;
            doc.DepartmentMentions.Insert(0, new Mention(department, provenance));
        }
        if ((CoverYear().Match(coverText) is { Success: true } cy ? cy : YearFirstTitle().Match(coverText)) is { Success: true } y)
        {
            doc.Year = int.Parse(y.Groups[1].Value);
            doc.YearMentions.Insert(0, new Mention(y.Groups[1].Value, provenance));
        }

        // The parts' own titles (“第二部分 2024年度单位决算情况说明”) name the type as table titles do: a page that opens
        // with its 目录 has no cover title to say it.
        // The 目录 lists them near the start; without one (an excerpt of tables dumped one cell per line, then its
        // 情况说明) the first part title may come late.
        var partTitles = PartTitles(layout.Paragraphs.Take(120));
        if (partTitles.Count == 0) partTitles = PartTitles(layout.Paragraphs);
        doc.Type = Decide(coverText, tableTitles.Concat(partTitles).ToList(), doc, profiles);
        // An untitled page or two of a 情况说明 (“2023 年政府采购预算 17000 元…”, “2024年收入预算11376591.44元…”) names
        // no type on a cover or in a title, yet states budget figures: a part of a disclosure, typed by its own words.
        // Only a text short enough to be an excerpt: a long one without title or tables stays no disclosure.
        // A 三公 statement of spending (“2020年“三公”经费支出431万元，比上年累计支出433万元减少2万元”, 河南) is one too, and
        // spending said without 预算 or 决算 is the year's actual spending: a 决算.
        var typed = doc.Statements.Count(s => s.HasAmount && (s.Text.Contains("预算") || s.Text.Contains("决算")));
        var sanGongSpent = doc.Statements.Count(s => s.HasAmount && SanGongKeys.Contains(s.FigureKey) && s.Text.Contains("支出"));
        if (doc.Type == DocumentType.NotDisclosure && layout.Pages.Count <= Disclosure.ExcerptMaxPages
            && Recognizer.EstimatedPrintedPages(layout) <= Disclosure.ExcerptMaxPages
            && (typed >= 2 || sanGongSpent >= 1 && doc.Statements.Count(s => s.HasAmount) >= 2))
        {
            var final = typed == 0
                        || doc.Statements.Count(s => s.Text.Contains("决算")) > doc.Statements.Count(s => s.Text.Contains("预算") && !s.Text.Contains("决算"));
            doc.Type = final ? DocumentType.DepartmentFinalAccount : DocumentType.DepartmentBudget;
            doc.GovernmentTitle = "";
        }
        doc.Profile = profiles.For(doc.Type);
    }

    private static readonly HashSet<string> SanGongKeys =
        [FigureKeys.三公经费, FigureKeys.因公出国费, FigureKeys.公务用车费, FigureKeys.公务用车购置费, FigureKeys.公务用车运行维护费, FigureKeys.公务接待费];

    /// <summary>
    /// The parts' titles, each also with the line after it when it names no type itself: a long title breaks over two
    /// lines (“第三部分 中共上海市松江区纪律检查委员会” / “2019年度部门决算情况说明”).
    /// </summary>
    private static List<string> PartTitles(IEnumerable<Paragraph> paragraphs)
    {
        var lines = paragraphs.Select(p => ChineseText.Compact(p.Text)).Where(t => t.Length > 0).ToList();
        var titles = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length > 40 || !PartTitle().IsMatch(lines[i])) continue;
            var title = lines[i];
            if (!title.Contains("预算") && !title.Contains("决算") && i + 1 < lines.Count && title.Length + lines[i + 1].Length <= 40)
                title += lines[i + 1];
            titles.Add(title);
        }
        return titles.Distinct().ToList();
    }

    private static DocumentType Decide(string coverText, IReadOnlyList<string> tableTitles, Disclosure doc, ProfileCatalog profiles)
    {
        var titles = tableTitles.Select(ChineseText.Compact).ToList();
        var recognised = doc.Tables.Select(t => t.Kind).Where(k => k != TableKind.Unknown).Distinct().Count();
        // Figures, not codes: a template's two-column economic table may put its codes where amounts go.
        var hasFigures = doc.Tables.Any(t => t.Rows.Any(r => r.Cells.Values.Any(c => c.Value is { } v && v != 0m && !CodeShaped().IsMatch(c.Text.Trim()))));
        var placeholder = profiles.Placeholders.FirstOrDefault(p => coverText.Contains(p, StringComparison.Ordinal)
                                                                    || (doc.Department?.Contains(p, StringComparison.Ordinal) ?? false));
        // A template is a form with placeholders and no figures; placeholders in a document full of figures are a
        // defect of that document (the inconsistency rules report them), not a reason to stop auditing it.
        if (placeholder is not null && !hasFigures && recognised > 0) return DocumentType.Template;

        DocumentType best = DocumentType.Unknown;
        var bestScore = 0;
        foreach (var profile in profiles.Documents)
        {
            var score = 0;
            foreach (var word in profile.TitleWords)
            {
                score += 10 * Occurrences(coverText, word);
                score += titles.Count(t => t.Contains(word, StringComparison.Ordinal));
            }
            if (score > bestScore) (best, bestScore) = (profile.Type, score);
        }
        if (best != DocumentType.Unknown) return best;
        // A whole government's budget or final account (阳城县2023年政府决算, 关于…预算执行情况和…预算草案的报告, 市本级财政
        // 收支决算草案): its tables are 一般公共预算收支决算总表, 政府债务限额… — no department's nine, and no type word of
        // ours on its cover. It is not a department disclosure, whatever its contents list.
        if (GovernmentFiscalTitle().Match(coverText) is { Success: true } government)
        {
            doc.GovernmentTitle = government.Value;
            return DocumentType.NotDisclosure;
        }

        // No type word: tell 决算 from 预算 by the table titles, and a disclosure from anything else by its tables.
        var finalTitles = titles.Count(t => t.Contains("决算"));
        var budgetTitles = titles.Count(t => t.Contains("预算") && !t.Contains("决算"));
        if (recognised < 2 && finalTitles == 0 && !coverText.Contains("预算") && !coverText.Contains("决算"))
            return DocumentType.NotDisclosure;
        var unit = titles.Count(t => t.Contains("单位")) > titles.Count(t => t.Contains("部门"));
        // No title decides: a cover, or an excerpt's first lines, speaking of 决算 more than of 预算 (beyond 一般公共预算,
        // which both use) is a 决算 (“2019年度鹿寨县“三公”经费支出决算情况”, “2021年度“三公”经费决算情况公布如下”).
        var finalCover = finalTitles == budgetTitles
                         && Occurrences(coverText, "决算") > Occurrences(coverText, "预算") - Occurrences(coverText, "一般公共预算");
        // Only the 部门预算 default is assumed: no title, table or cover words decided.
        doc.TypeAssumed = finalTitles == 0 && budgetTitles == 0 && !finalCover;
        return finalTitles > budgetTitles || finalCover
            ? unit ? DocumentType.UnitFinalAccount : DocumentType.DepartmentFinalAccount
            : unit ? DocumentType.UnitBudget : DocumentType.DepartmentBudget;
    }

    private static int Occurrences(string text, string word)
    {
        var n = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>
    /// The department a cover names: a labelled line (预算主管部门：…, 预算单位：…, 单位名称：…) first, else the name
    /// printed before the year in the cover title (上海市普陀区规划和自然 / 资源局 / 2024年度部门决算, joined).
    /// A region alone (上海市普陀区2025年区级部门预算) is no department.
    /// </summary>
    public static string? CoverDepartment(IReadOnlyList<Paragraph> cover)
    {
        foreach (var p in cover)
            if (LabelledDepartment().Match(ChineseText.Compact(p.Text)) is { Success: true } m) return m.Groups[1].Value;
        var text = string.Concat(cover.Select(p => ChineseText.Compact(p.Text)));
        if (TitledDepartment().Match(text) is { Success: true } t && !IsRegion(t.Groups[1].Value)) return t.Groups[1].Value;
        // The year first: “2023年度某某医院单位决算”, “2022年度内蒙古自治区某某市审计局 / 部门决算公开”.
        if (YearFirstTitle().Match(text) is { Success: true } f && !IsRegion(f.Groups[2].Value)) return f.Groups[2].Value;
        return null;
    }

    private static bool IsRegion(string name) => name.Length < 3 || RegionOnly().IsMatch(name);

    // OCR reads the colon as a comma or semicolon (“预算单位，上海市…”), and may print the label twice, once garbled
    // (“预算主管部门:上海市闪冤部门:上海市普陀区人民政府办公室”): a first value that is itself a label is passed over.
    [GeneratedRegex(@"(?:预算主管部门|主管部门|预算单位|决算单位|单位名称|部门名称|编制单位)[:：,，;；](?:[\u4E00-\u9FFF]{0,8}(?:部门|单位)[:：,，;；])?([\u4E00-\u9FFF（）()A-Za-z×＊]{2,40})")]
    private static partial Regex LabelledDepartment();

    /// <summary>
    /// “上海市普陀区财政局2024年度部门决算”: the name before the year of a title. Not a sentence that opens with an item
    /// and its year's figure (“公务接待费2016年预算8万元”, an excerpt's first line).
    /// </summary>
    [GeneratedRegex(@"^([\u4E00-\u9FFF（）()A-Za-z×＊]{2,40}?)20\d\d年度?(?:区级|市级|县级|省级|旗级)?(?:部门|单位)?(?:预算|决算)(?!(?:数|为|是)?\s*\d)")]
    private static partial Regex TitledDepartment();

    /// <summary>A title that opens with the year: “2021年湛江市…中心部门决算”, the department between year and type.</summary>
    [GeneratedRegex(@"^(20\d\d)年度?([\u4E00-\u9FFF（）()A-Za-z×＊]{2,40}?)(?:区级|市级|县级|省级|旗级)?(?:部门|单位)(?:预算|决算)")]
    private static partial Regex YearFirstTitle();

    [GeneratedRegex(@"^第[一二三四五六七八九十]+部分")]
    private static partial Regex PartTitle();

    /// <summary>
    /// A government's own budget or final account named on the cover: 2023年政府决算, 2023年财政决算, 政府预决算, 本级财政
    /// 收支决算草案, 预算执行情况和（及）…预算草案, 2023年本溪市预算说明.
    /// </summary>
    [GeneratedRegex(@"20\d\d年度?(?:本级)?(?:政府|财政|总)(?:预决算|预算|决算)|(?:财政收支|财政总)决算|决算草案|预算执行情况(?:和|及)|20\d\d年[\u4E00-\u9FFF]{2,8}?[省市县区旗](?:本级)?(?:预算|决算)说明")]
    private static partial Regex GovernmentFiscalTitle();

    /// <summary>A numbered heading that opens the text after a cover: 第一部分…, 一、…, （一）….</summary>
    [GeneratedRegex(@"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")]
    private static partial Regex PartHeading();

    [GeneratedRegex(@"^[\u4E00-\u9FFF]{0,12}?(?:省|市|区|县|旗|自治州|州)$")]
    private static partial Regex RegionOnly();

    [GeneratedRegex(@"^(?:\d{3}|\d{5}|\d{7})$")]
    private static partial Regex CodeShaped();

    /// <summary>
    /// The year of a cover title (2024年度部门预算). Not a year compared with (“与2024年预算相比增长12.50%”, “比2023年决算”)
    /// in a page whose first lines are already its text.
    /// </summary>
    [GeneratedRegex(@"(?<![与比较同和过于])(20\d\d)年度?(?:区级|市级|县级|省级)?(?:部门|单位)?(?:预算|决算)")]
    private static partial Regex CoverYear();
}
