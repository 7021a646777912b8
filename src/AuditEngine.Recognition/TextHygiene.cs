using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// What a careful reader of the published text notices beyond the figures: a template's placeholders (XX局, ××,
/// XXX万元), its instructions to the person filling it in (仍保留该表格式，并在本表下方作下述说明; （如持平作持平表述）),
/// its conditional notes on a heading (（仅有一个单位的部门，本部分内容为“机构设置”）), alternatives it offers that
/// were never resolved (下降（增长）27.78%), and the department's own name misspelt
/// (规划与自然资源局 for 规划和自然资源局) or replaced by another body's in a title-shaped line. Runs once the
/// department is known; reads every paragraph page by page, lines joined.
/// </summary>
internal static partial class TextHygiene
{
    public static void Read(IReadOnlyList<Paragraph> paragraphs, Disclosure doc)
    {
        foreach (var page in Pages(paragraphs))
        {
            ReadTemplateTexts(page, doc);
            ReadNameVariants(page, doc);
        }
        ReadTitleNames(paragraphs, doc);
    }

    private static IEnumerable<RunningText> Pages(IReadOnlyList<Paragraph> paragraphs)
    {
        var current = new RunningText();
        var page = 0;
        var first = true;
        foreach (var p in paragraphs)
        {
            // Text inputs are one page: a new running text every 2,000 characters keeps positions close.
            var breakHere = !first && (p.Page != page || current.Length > 2000);
            if (breakHere && current.Length > 0) { yield return current; current = new RunningText(); }
            current.Add(ChineseText.Normalize(p.Text), p);
            page = p.Page;
            first = false;
        }
        if (current.Length > 0) yield return current;
    }

    private static void ReadTemplateTexts(RunningText page, Disclosure doc)
    {
        var text = page.Text;
        var seen = new HashSet<(string, int)>();
        void Add(string kind, Match m)
        {
            // One finding per place: a sentence with three XX, or an instruction in two phrases, is one thing to fix.
            var sentence = text.LastIndexOfAny(['。', '；', ';'], Math.Max(0, m.Index - 1)) + 1;
            if (!seen.Add((kind, sentence))) return;
            // A printed line that holds the marker is the best quote (a title, a short sentence); else the sentence around it.
            var line = ChineseText.Compact(page.ParagraphAt(m.Index).Text);
            var quote = line.Length is >= 6 and <= 60 && line.Contains(m.Value, StringComparison.Ordinal) ? line : page.Quote(m.Index, m.Length);
            // A marker that is a whole sentence of its own (a bracket after “。”) is quoted with the sentence it follows.
            if (quote == m.Value && m.Index > 0) quote = page.Quote(m.Index - 1, m.Length + 1);
            var provenance = page.ProvenanceAt(m.Index);
            doc.TemplateTexts.Add(new TemplateText { Kind = kind, Marker = m.Value, Text = quote, Provenance = provenance });
        }
        foreach (Match m in Placeholder().Matches(text)) Add("占位符", m);
        foreach (Match m in NameSlot().Matches(text)) Add("占位符", m);
        // A figure left blank (“占 %，比上年减少 万元；”); OCR may lose digits, so only printed text counts.
        foreach (Match m in BlankFigure().Matches(text))
            if (page.ParagraphAt(m.Index).IsPrinted) Add("占位符", m);
        foreach (Match m in Instruction().Matches(text)) Add("填写说明", m);
        foreach (Match m in BracketedInstruction().Matches(text)) Add("填写说明", m);
        foreach (Match m in ContentGuidance().Matches(text)) Add("填写说明", m);
        foreach (Match m in WordLimit().Matches(text)) Add("填写说明", m);
        foreach (Match m in Alternative().Matches(text))
            if (m.Groups["a"].Value != m.Groups["b"].Value) Add("未选定表述", m);
    }

    /// <summary>
    /// A template's prompt left in a table's cell: 绩效自评表 templates put their instructions where the answer goes
    /// (“结合自评情况，说明项目自评总分…（200字以内）”), and a form published unfilled keeps them. One finding a table.
    /// </summary>
    public static void ReadCells(IEnumerable<LayoutTable> tables, Disclosure doc)
    {
        foreach (var table in tables)
            foreach (var cell in table.Cells)
            {
                var text = ChineseText.Compact(ChineseText.Normalize(cell.Text));
                if (WordLimit().Match(text) is not { Success: true } m) continue;
                var quote = text.Length <= 60 ? text : text[..60] + "…";
                doc.TemplateTexts.Add(new TemplateText { Kind = "填写说明", Marker = m.Value, Text = quote, Provenance = new Provenance(cell.Page, cell.Line) });
                break;
            }
    }

    /// <summary>The department's own name with one character changed, added or dropped (规划与 / 规划和).</summary>
    private static void ReadNameVariants(RunningText page, Disclosure doc)
    {
        var core = Core(doc.Department);
        if (core.Length < 5) return;
        var text = page.Text;
        var last = core[^1];
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != last) continue;
            foreach (var len in (int[])[core.Length, core.Length - 1, core.Length + 1])
            {
                var start = i + 1 - len;
                if (start < 0) continue;
                var candidate = text[start..(i + 1)];
                if (candidate == core || !candidate.All(ChineseText.IsCjk) || candidate[0] != core[0] && candidate[1] != core[1]) continue;
                if (ChineseText.EditDistance(candidate, core) != 1) continue;
                // A longer name that holds the right one (…局所属, 规划和自然资源局局) is not a misspelling of it.
                if (text.IndexOf(core, Math.Max(0, start - 2), StringComparison.Ordinal) is var at && at >= 0 && at <= start + 1) continue;
                // On a page read by OCR one character off is the likelier misreading.
                if (!page.ParagraphAt(start).IsPrinted) break;
                AddVariant(doc, candidate, page.ProvenanceAt(start));
                break;
            }
        }
    }

    /// <summary>
    /// Title-shaped lines (第二部分 上海市规划和自然资源局2024年度部门决算表) name the document's own department: a
    /// different body there (the city's bureau for the district's) is a variant, unless it is the same name with less
    /// of its region (普陀区财政局 for 上海市普陀区财政局).
    /// </summary>
    private static void ReadTitleNames(IReadOnlyList<Paragraph> paragraphs, Disclosure doc)
    {
        var own = doc.Department;
        var core = Core(own);
        if (string.IsNullOrEmpty(own) || core.Length < 3) return;
        foreach (var p in paragraphs)
        {
            var t = ChineseText.Compact(p.Text);
            if (t.Length > 60) continue;
            var m = TitleName().Match(t);
            if (!m.Success) continue;
            var name = m.Groups["name"].Value;
            if (name.Length < 3 || name == own || own!.EndsWith(name, StringComparison.Ordinal)) continue;
            if (Placeholder().IsMatch(name)) continue;
            var nameCore = Core(name);
            // OCR's misreading of one character of the name (普取区财政局, 上海市普院区财政局 for 上海市普陀区财政局).
            if (!p.IsPrinted && OneOff(name, own)) continue;
            if (nameCore == core || ChineseText.EditDistance(nameCore, core) <= 2)
                AddVariant(doc, name, new Provenance(p.Page, p.Line));
        }
    }

    /// <summary>The name is the department's own, or the end of it, with one character changed.</summary>
    private static bool OneOff(string name, string own) =>
        ChineseText.EditDistance(name, own) <= 1 || name.Length < own.Length && ChineseText.EditDistance(name, own[^name.Length..]) <= 1;

    private static void AddVariant(Disclosure doc, string text, Provenance provenance)
    {
        // The header reader may have met the same spelling already (a title line among the first lines): mark that one.
        var existing = doc.DepartmentMentions.FindIndex(m => m.Text == text);
        if (existing >= 0)
        {
            if (!doc.DepartmentMentions[existing].IsVariant) doc.DepartmentMentions[existing] = doc.DepartmentMentions[existing] with { IsVariant = true };
            return;
        }
        doc.DepartmentMentions.Add(new Mention(text, provenance) { IsVariant = true });
    }

    /// <summary>The name without its region (上海市普陀区规划和自然资源局 → 规划和自然资源局; 中共…区委社会工作部 → 社会工作部).</summary>
    internal static string Core(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        var rest = name;
        if (rest.StartsWith("中共", StringComparison.Ordinal)) rest = rest[2..];
        for (var changed = true; changed;)
        {
            changed = false;
            var m = Region().Match(rest);
            if (m.Success && rest.Length - m.Length >= 4) { rest = rest[m.Length..]; changed = true; }
        }
        return rest;
    }

    [GeneratedRegex(@"^(?:[\u4E00-\u9FFF]{1,4}?(?:省|自治区|市|自治州|州|盟|区委|区|县委|县|旗|市委|省委))")]
    private static partial Regex Region();

    /// <summary>XX, XXX, ××, ＊＊ not inside a Latin word; ASCII asterisks from four on (“********支出2万元”), fewer being Markdown's emphasis.</summary>
    [GeneratedRegex(@"(?<![A-Za-z])(?:[XＸ]{2,}|[xｘ]{2,}|[×＊]{2,}|\*{4,})(?![A-Za-z])")]
    private static partial Regex Placeholder();

    /// <summary>
    /// The template's slot for the name left as printed in a heading (“第一部分：部门（单位）名称概况”, “单位名称2023年度部门决算”):
    /// only before 概况 or a year, since “部门（单位）名称 | 某某中心” is a form's label.
    /// </summary>
    [GeneratedRegex(@"(?:部门（单位）|部门|单位)名称(?=概况|20\d\d年)")]
    private static partial Regex NameSlot();

    /// <summary>
    /// A share or a change with no number before its unit, inside a sentence (“占 %，”“减少 万元；”), also after the
    /// whole the share is of (“占基本支出预算%，”, 广西).
    /// </summary>
    [GeneratedRegex(@"(?:占[^\d%％，,。；;：:（）()、\s]{0,12}\s*[%％]|(?:增加|减少|增长|下降|降低|上升)\s+(?:[%％]|万元))(?=\s*[，,。；;])")]
    private static partial Regex BlankFigure();

    [GeneratedRegex(@"仍保留该?表格?式|在本表下方作?(?:下述|如下|相关)?说明|如持平作持平表述|不涉及的?不列|(?:由|请)[\u4E00-\u9FFF]{0,12}(?:根据|按照?)[^。；]{0,30}?(?:填写|填列|填报)|(?:填写|填报|编制)说明[：:]|此处(?:填写|填列|删除)|[（(](?:仅有|只有|没有|无|不涉及)[^（）()。]{0,20}?的(?:部门|单位)[，,][^（）()。]{0,12}?本部分[^（）()。]{0,20}[）)]")]
    private static partial Regex Instruction();

    /// <summary>
    /// A bracket that speaks to whoever fills the template in: 请…, 填写, 删除, 如无…; what the part must publish
    /// (“（需公开内设机构数量和下属单位数量及名称）”, 北京); the form to follow (“（比照预算公开的内容格式）”).
    /// </summary>
    [GeneratedRegex(@"[（【\[][^（）【】\[\]]{0,30}?(?:请|填写|填列|删除|如无|注意|此处|[需须应](?:公开|列明|写明|注明)|比照[^（）【】\[\]]{0,12}?格式)[^（）【】\[\]]{0,30}?[）】\]]")]
    private static partial Regex BracketedInstruction();

    /// <summary>A template's word limit for the text to be written in its place: （100字以内）, (200字左右).</summary>
    [GeneratedRegex(@"[（(]\s*\d{2,4}\s*字(?:以内|左右)\s*[）)]")]
    private static partial Regex WordLimit();

    /// <summary>
    /// The template's list of what a paragraph must cover, left after it: a bracket right after a sentence's end that
    /// enumerates contents to give (“。（绩效目标管理工作情况，以及编报绩效目标的项目数量、单位数量、预算金额等）”).
    /// </summary>
    [GeneratedRegex(@"(?<=[。；;])\s*[（(](?=[^（）()]*、)(?=[^（）()]*(?:情况|数量|金额|内容|名称|依据))[^（）()\d]{6,60}?等[）)]")]
    private static partial Regex ContentGuidance();

    [GeneratedRegex(@"(?<a>增加|减少|增长|下降|上升|降低|大于|小于|高于|低于)[（/／](?<b>增加|减少|增长|下降|上升|降低|大于|小于|高于|低于)）?")]
    private static partial Regex Alternative();

    [GeneratedRegex(@"^(?:第[一二三四五六七八九十]+部分)?(?<name>[^，。；：、,\d]{2,40}?)20\d\d年度?(?:区级|市级|县级|省级|旗级)?(?:部门|单位)(?:预算|决算)(?:表|情况说明|情况|说明|编制说明|公开)?$")]
    private static partial Regex TitleName();
}
