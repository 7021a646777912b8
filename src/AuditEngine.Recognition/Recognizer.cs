using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Recognition's one entry point: maps a layout onto the canonical disclosure model. Tables are grouped (a table
/// continued on the next page, under a repeated header, is merged back), classified by title, and read by the
/// reader for their shape; the narrative is split into sections with the figures it quotes.
/// </summary>
public static partial class Recognizer
{
    private sealed class TableGroup
    {
        public required string Title { get; set; }
        public required LayoutTable First { get; init; }
        public List<string> Captions { get; } = [];
        public List<TableGrid> Grids { get; } = [];
        public List<string> NotesAfter { get; } = [];
    }

    /// <param name="profiles">Title rules and document-type profiles; the nearest rules/profiles when null.</param>
    public static Disclosure Recognise(Layout layout, ProfileCatalog? profiles = null)
    {
        profiles ??= ProfileCatalog.Default;
        using var memo = ChineseText.Remember();
        layout = WithoutPageFurniture(layout);
        var doc = new Disclosure { Source = layout.Source };
        doc.ExtractionNotes.AddRange(layout.Notes);
        var groups = GroupTables(layout);
        ReadHeader(layout, groups, doc);
        var paragraphs = layout.Paragraphs.ToList();
        var scanned = layout.Pages.Where(p => p.Scanned).Select(p => p.Number).ToHashSet();
        NarrativeReader.Read(paragraphs, doc, scanned);
        foreach (var g in groups) ReadGroup(g, doc, profiles, scanned.Contains(g.First.Page));
        DocumentTypeReader.Read(layout, groups.Select(g => g.Title).ToList(), doc, profiles);
        // A year named only by a title inside the narrative (an excerpt whose first line is no cover, then “第二部分
        // 2022年度单位决算情况说明”) is the document's year when it is the only one read: else IC-YEAR would compare
        // that title with a year nowhere printed.
        if (doc.Year is null && doc.YearMentions.Select(m => m.Text).Distinct().Count() == 1 && int.TryParse(doc.YearMentions[0].Text, out var titleYear))
            doc.Year = titleYear;
        MarkExcerpt(layout, doc);
        TextHygiene.Read(paragraphs, doc);
        TextHygiene.ReadCells(layout.Blocks.OfType<LayoutTable>(), doc);
        NumberingGaps.Read(paragraphs, scanned, doc);
        // The whole narrative as one running text, built once for the readers that search across lines.
        var running = RunningText.Of(paragraphs, scanned);
        TextSlips.Read(paragraphs, running, doc);
        TextSlips.ReadRepeatedRuns(layout.Blocks, doc);
        FundFigureReader.Read(running, doc);
        ClassificationMentionReader.Read(running, doc, profiles.FunctionCodes);
        EconomicClassListReader.Read(running, doc);
        ApplyEmptyStatements(doc);
        ReadTablesAttached(paragraphs, doc);
        CollectProjects(doc);
        return doc;
    }

    /// <summary>
    /// The layout without running page headers and footers (<see cref="TableTitles.IsPageFurniture"/>): they would split a
    /// table continued on the next page into two, and a paragraph broken over a page. The same layout when there are none.
    /// </summary>
    private static Layout WithoutPageFurniture(Layout layout)
    {
        if (!layout.Blocks.Any(b => b is Paragraph p && TableTitles.IsPageFurniture(p.Text))) return layout;
        var kept = new Layout { Source = layout.Source, IntakeVersion = layout.IntakeVersion };
        kept.Pages.AddRange(layout.Pages);
        kept.Notes.AddRange(layout.Notes);
        kept.Blocks.AddRange(layout.Blocks.Where(b => b is not Paragraph p || !TableTitles.IsPageFurniture(p.Text)));
        return kept;
    }

    private static List<TableGroup> GroupTables(Layout layout)
    {
        var groups = new List<TableGroup>();
        var pending = new List<Paragraph>();
        TableGroup? last = null;
        foreach (var block in layout.Blocks)
        {
            if (block is Paragraph p) { pending.Add(p); continue; }
            var table = (LayoutTable)block;
            var grid = TableGrid.From(table);
            // A title line drawn in a ruled box (a 1×2 “table”) is a caption of the table below, not a table.
            if (TitleLine(grid) is { } caption)
            {
                pending.AddRange(caption.Select(t => new Paragraph { Text = t, Page = table.Page, Line = table.Line, Box = table.Box }));
                continue;
            }
            if (grid.Rows.Count == 0) { pending.Clear(); continue; }
            if (last is not null) last.NotesAfter.AddRange(pending.Select(x => x.Text));
            var captions = pending.TakeLast(4).Select(x => x.Text).Concat(table.Caption).Concat(grid.Captions).ToList();
            var title = captions.LastOrDefault(TableTitles.IsTableTitle);
            if (title is null && grid.Rows[0].Count(c => c.Text.Length > 0) == 1 && TableTitles.IsTableTitle(grid.Rows[0].First(c => c.Text.Length > 0).Text))
            {
                title = grid.Rows[0].First(c => c.Text.Length > 0).Text;
                grid.Rows.RemoveAt(0);
            }
            var continuation = title is null && last is not null && captions.All(TableTitles.IsRunningHeader);
            if (continuation)
            {
                last!.Grids.Add(grid);
            }
            else
            {
                title ??= pending.LastOrDefault(x => ChineseText.Compact(x.Text).Length <= 40)?.Text
                          ?? grid.Rows[0].FirstOrDefault(c => c.Text.Length > 0)?.Text ?? "未命名表格";
                // Compact: Word, PDF text and OCR space titles differently (“2024 年” / “2024年”).
                last = new TableGroup { Title = ChineseText.Compact(title), First = table };
                last.Captions.AddRange(captions);
                last.Grids.Add(grid);
                groups.Add(last);
            }
            pending.Clear();
        }
        if (last is not null) last.NotesAfter.AddRange(pending.Take(3).Select(x => x.Text));
        return groups;
    }

    /// <summary>
    /// The text of a “table” that only prints a table title (a ruled box around the title line, read as one or two
    /// cells), or null: at most two rows, no figures, and its text together a table title.
    /// </summary>
    private static List<string>? TitleLine(TableGrid grid)
    {
        var texts = grid.Captions.Concat(grid.Rows.SelectMany(r => r.Select(c => c.Text))).Where(t => t.Length > 0).ToList();
        if (texts.Count == 0 || grid.Rows.Count > 2 || texts.Any(t => ChineseText.ParseAmount(t) is not null)) return null;
        var joined = string.Concat(texts.Where(t => !TableTitles.IsRunningHeader(t)));
        if (joined.Length == 0 || !TableTitles.IsTableTitle(joined)) return null;
        // The title, then the unit or department lines printed in the box with it, nearest the table last.
        return [joined, .. texts.Where(TableTitles.IsRunningHeader)];
    }

    /// <summary>One grid from a group: continuation pages lose the header rows they repeat.</summary>
    private static TableGrid Merge(TableGroup g)
    {
        var merged = g.Grids[0];
        if (g.Grids.Any(x => x.SerialColumnRemoved))
            foreach (var grid in g.Grids) grid.RemoveSerialColumn();
        var header = merged.Rows.TakeWhile(r => !HasFigures(r)).ToList();
        foreach (var next in g.Grids.Skip(1))
        {
            // Only rows that repeat the first page's header are dropped: a header row the first page did not reach
            // (the page broke inside the header) is still needed.
            var rows = next.Rows.SkipWhile(r => !HasFigures(r) && header.Any(h => Repeats(r, h)));
            merged.Rows.AddRange(rows);
        }
        return merged;

        // A printed figure, or a row keyed by a code, is data: either ends the header, and a continuation row holding
        // one is never a repeated header.
        static bool HasFigures(List<TableGrid.GridCell> r) =>
            r.Any(c => TableGrid.IsPrintedFigure(c.Text) || Codes.IsValid(c.Text.Replace(" ", "")));
    }

    /// <summary>
    /// True when <paramref name="row"/> prints the same cells as <paramref name="header"/>. On a scan each page is read
    /// afresh, so a repeated 项目编码 row can differ by a misread character or two (“…10001S” / “…1000 15”); three cells
    /// in four alike, each within one character or one per eight, is a repeat.
    /// </summary>
    internal static bool Repeats(List<TableGrid.GridCell> row, List<TableGrid.GridCell> header)
    {
        if (row.Count != header.Count) return false;
        int filled = 0, alike = 0;
        for (var i = 0; i < row.Count; i++)
        {
            var (a, b) = (ChineseText.Compact(row[i].Text), ChineseText.Compact(header[i].Text));
            if (a.Length == 0 && b.Length == 0) continue;
            filled++;
            // One character may differ in any cell of two or more (“1 N” / “N”, “国有资本” / “有资本”).
            if (a == b || ChineseText.EditDistance(a, b) <= Math.Max(Math.Max(a.Length, b.Length) >= 2 ? 1 : 0, Math.Max(a.Length, b.Length) / 8)) alike++;
        }
        return filled > 0 && alike * 4 >= filled * 3;
    }

    /// <summary>Rows with a figure that make an unclassified scanned grid a table rather than a boxed note or a form.</summary>
    private const int MinUnclassifiedRows = 2;

    /// <param name="ocr">The table was read from a scan: its title may carry a misread character.</param>
    private static void ReadGroup(TableGroup g, Disclosure doc, ProfileCatalog profiles, bool ocr)
    {
        var grid = Merge(g);
        var provenance = new Provenance(g.First.Page, g.First.Line, g.Title);
        if (IndicatorTableReader.IsIndicatorTable(grid, g.Title))
        {
            doc.IndicatorTables.Add(IndicatorTableReader.Read(grid, g.Title, provenance));
            return;
        }
        var kind = TableTitles.Classify(g.Title, profiles, misreadsLikely: ocr);
        if (kind == TableKind.Unknown)
        {
            // A scan's table whose title was misread beyond repair may be a required table: kept so that the rules do
            // not state that table missing as a certainty.
            if (ocr && grid.Rows.Count(r => r.Any(c => ChineseText.ParseAmount(c.Text) is not null)) >= MinUnclassifiedRows)
                doc.UnclassifiedScanTables.Add(new UnclassifiedTable(g.Title, provenance));
            return;
        }
        var unit = g.Captions.Select(ChineseText.FindUnit).LastOrDefault(u => u is not null) ?? "万元";
        var table = new BudgetTable { Kind = kind, Title = g.Title, Provenance = provenance, SourceUnit = unit };
        var factor = ChineseText.ToWanFactor(unit);
        switch (kind)
        {
            case TableKind.IncomeExpenditureSummary or TableKind.FiscalSummary:
                SummaryTableReader.Read(grid, table, factor, doc.ExtractionNotes);
                break;
            case TableKind.SanGong:
                SanGongTableReader.Read(grid, table, factor, doc.Year, doc.ExtractionNotes);
                SanGongTableReader.ReadReasonNotes(g.NotesAfter.Take(3), table);
                break;
            default:
                CodeTableReader.Read(grid, table, factor, doc.ExtractionNotes);
                break;
        }
        table.HasEmptyNote = g.NotesAfter.Take(3).Any(n => IsEmptyNote(n, g.Title)) || grid.Rows.Any(r => r.Any(c => IsEmptyNote(c.Text, g.Title)));
        // 岳阳 台创园: rows printed with spaces between the columns, a cell of them blank, could not be placed under the
        // header (TextLayoutReader reads such rows only when all fit) and follow the table as lines of text. The table
        // is not empty: its figures were not read.
        if (table.IsEmpty && g.NotesAfter.Take(8).Count(IsSpacedFigureRow) >= 2)
        {
            table.RowsUnread = true;
            doc.ExtractionNotes.Add(new ExtractionNote(
                $"{table.Title}：表格各行以空格分隔、有的单元格空白，无法对齐到各列，未能读出，未作核对", provenance));
        }
        doc.Tables.Add(table);
    }

    /// <summary>A line of words then figures with runs of spaces between them: a table's row printed as text.</summary>
    private static bool IsSpacedFigureRow(string text)
    {
        var cells = SpacedCells().Split(text.Trim());
        return cells.Length >= 2 && cells.Any(c => c.Any(ChineseText.IsCjk)) && TableGrid.IsPrintedFigure(cells[^1]);
    }

    [GeneratedRegex(@"\s{2,}|\u3000+")]
    private static partial Regex SpacedCells();

    /// <summary>The first line saying the tables are published in an attachment (see <see cref="Disclosure.TablesAttached"/>).</summary>
    private static void ReadTablesAttached(IReadOnlyList<Paragraph> paragraphs, Disclosure doc)
    {
        foreach (var p in paragraphs)
        {
            var t = ChineseText.Compact(p.Text);
            if (t.Length > 80 || !TablesAttachedStatement().IsMatch(t)) continue;
            doc.TablesAttached = new Mention(t, new Provenance(p.Page, p.Line));
            return;
        }
    }

    /// <summary>
    /// A note saying the table has nothing to show. A note that the body has none of one kind of funds the table is
    /// not about (“注：本单位无政府性基金预算收入” under a 收入预算表) explains blanks or absent columns: the table
    /// itself has figures and is not said to be empty. Under the 政府性基金预算支出表 the same note is about the table.
    /// </summary>
    private static bool IsEmptyNote(string text, string title)
    {
        var t = ChineseText.Compact(text);
        if (t.Contains("空表") || t.Contains("本表无数据")) return true;
        var m = EmptyStatement().Match(t);
        if (!m.Success) return false;
        var what = m.Groups["what"].Value;
        // The head of the phrase comes last: “一般公共预算安排的三公经费” is about 三公.
        var head = FundKinds.Select(k => (Kind: k, At: what.LastIndexOf(k, StringComparison.Ordinal)))
            .Where(k => k.At >= 0).OrderByDescending(k => k.At).Select(k => k.Kind).FirstOrDefault();
        return head is null || ChineseText.Compact(title).Contains(head, StringComparison.Ordinal);
    }

    /// <summary>The kinds of funds a note may say a body has none of; each has tables of its own.</summary>
    private static readonly string[] FundKinds = ["政府性基金", "国有资本经营", "三公", "一般公共预算", "机关运行", "政府采购"];

    /// <summary>
    /// A paged upload of a few pages that holds fewer than half the required tables is an excerpt (see
    /// <see cref="Disclosure.IsExcerpt"/>). Its last table, when nothing follows it and its last row is not a total, runs
    /// on past the last uploaded page: it is set aside with a note rather than checked as if complete.
    /// </summary>
    private static void MarkExcerpt(Layout layout, Disclosure doc)
    {
        doc.PageCount = layout.Pages.Count;
        // Text, DOCX and XLSX inputs have no printed pages to count: their length in print is estimated from their
        // text. One that starts mid-document (no cover or title naming the department) can be an excerpt. Under its own
        // title it is one only when it also holds fewer than half the required narrative sections, yet some part of a
        // disclosure: a 三公 statement, a 补充公开 of the glossary, a contents page published on their own. A full
        // 情况说明 without its tables is a disclosure whose tables are missing, and a title over nothing is reported
        // as such (EX-NOTHING with every part missing).
        var paged = layout.Pages.Count > 0 && layout.Pages.All(p => p.Width > 0);
        if (!paged && doc.Department is not null && !IsTitledPart(doc)) return;
        var pages = paged ? layout.Pages.Count : EstimatedPrintedPages(layout);
        var required = Enum.GetValues<TableKind>().Count(doc.Profile.Requires);
        var found = Enum.GetValues<TableKind>().Count(k => doc.Profile.Requires(k) && doc.HasTable(k));
        if (pages > Disclosure.ExcerptMaxPages || required == 0 || found * 2 >= required) return;
        doc.IsExcerpt = true;
        if (!paged)
        {
            // Nothing is cut off at a page's end in a text without pages.
            doc.PageCount = pages;
            doc.PagesEstimated = true;
            return;
        }
        var last = layout.Blocks.LastOrDefault(b => b is LayoutTable || b is Paragraph p && !IsPageFurniture(p.Text));
        if (last is not LayoutTable || doc.Tables.Count == 0) return;
        var table = doc.Tables[^1];
        if (table.Rows.Count == 0 || table.Rows[^1].IsTotal) return;
        doc.Tables.Remove(table);
        doc.CutOffTables.Add(table);
        doc.ExtractionNotes.Add(new ExtractionNote(
            $"{table.Title}：表格在文件最后一页（第 {layout.Pages.Count} 页）页末中断，其后各行不在本文件中，未作核对", table.Provenance));
    }

    /// <summary>
    /// A text under a title holding few of the required sections, and at least one section or table. A section counts
    /// when it holds text and is no entry of the contents (目录), which list every part's heading: a title over its
    /// contents and the first part (西藏, 江西 乡: 目录 then 主要职责, cut off) is a part of a disclosure, not a
    /// disclosure whose tables are all missing.
    /// </summary>
    private static bool IsTitledPart(Disclosure doc)
    {
        var required = Enum.GetValues<SectionKind>().Count(doc.Profile.RequiresSection);
        var found = Enum.GetValues<SectionKind>().Count(k => doc.Profile.RequiresSection(k)
            && doc.Sections.Any(s => s.Kind == k && !s.InContents && !string.IsNullOrWhiteSpace(s.Text)));
        return found * 2 < required && (found > 0 || doc.Tables.Count > 0 || IsContentsPage(doc));
    }

    /// <summary>Characters of running text (sentences) below which a page with a contents list is that page alone.</summary>
    private const int ContentsPageBody = 200;

    /// <summary>
    /// A title, a contents list (目录), perhaps cut short, and little else: a part heading or two with next to no text
    /// under them (乌鲁木齐: 目錄, then 第一部分 and the page ends). The page a disclosure opens with, published or cut on
    /// its own, not a disclosure whose every part is missing. Prose is counted wherever it stands, inside the contents
    /// too: a body whose headings differ from the entries is still read as the contents' sections, and a narrative of
    /// sentences without its tables is a disclosure missing them.
    /// </summary>
    private static bool IsContentsPage(Disclosure doc) =>
        doc.Tables.Count == 0 && doc.Sections.Any(s => s.InContents)
        && doc.Sections.Select(s => s.Text).Append(doc.LeadText).SelectMany(t => t.Split('\n'))
            .Where(l => l.Contains('。') || l.Length > 40).Sum(l => l.Count(c => !char.IsWhiteSpace(c))) < ContentsPageBody;

    /// <summary>
    /// Printed pages a text of no pages would fill: its visible characters, paragraphs and cells, at
    /// <see cref="Disclosure.CharactersPerPrintedPage"/> a page, at least one.
    /// </summary>
    internal static int EstimatedPrintedPages(Layout layout)
    {
        var chars = layout.Blocks.Sum(b => b switch
        {
            Paragraph p => p.Text.Count(c => !char.IsWhiteSpace(c)),
            LayoutTable t => t.Cells.Sum(c => c.Text.Count(ch => !char.IsWhiteSpace(ch))),
            _ => 0,
        });
        return Math.Max(1, (chars + Disclosure.CharactersPerPrintedPage - 1) / Disclosure.CharactersPerPrintedPage);
    }

    /// <summary>
    /// A bare page number (“2”, “-2”), which may follow a page's last table. The running headers and footers
    /// (<see cref="TableTitles.IsPageFurniture"/>: “- 2 -”, “第 2 页”, “2/5”) are gone from the layout by now; a lone
    /// number is not among them, since in running text it may be content.
    /// </summary>
    private static bool IsPageFurniture(string text) => BarePageNumber().IsMatch(text.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^[-—－\s]*\d+[-—－\s]*$")]
    private static partial System.Text.RegularExpressions.Regex BarePageNumber();

    /// <summary>“我部门2025年没有使用政府性基金预算拨款安排的支出” explains an empty table as well as a 空表 note does.</summary>
    private static void ApplyEmptyStatements(Disclosure doc)
    {
        foreach (var s in doc.Sections)
        {
            var t = ChineseText.Compact(s.Text + s.Title);
            foreach (var table in doc.Tables)
            {
                var none = table.Kind switch
                {
                    TableKind.GovernmentFundExpenditure => NoGovernmentFund(),
                    TableKind.StateCapitalExpenditure => NoStateCapital(),
                    _ => null,
                };
                if (none is not null && none.IsMatch(t))
                    table.HasEmptyNote = true;
            }
        }
    }

    private static void CollectProjects(Disclosure doc)
    {
        if (doc.Table(TableKind.ProjectExpenditure) is { } projects)
        {
            foreach (var r in projects.Rows.Where(r => r.Role != "total" && !r.IsTotal && r.Has("合计") && r.Code is null || r.Code?.Length > 7))
                doc.Projects.Add(new Project { Name = r.Name, Budget = r.Amount("合计"), Provenance = r.Provenance });
        }
        if (doc.Projects.Count == 0)
            foreach (var t in doc.IndicatorTables.Where(t => t.ProjectName is not null))
                doc.Projects.Add(new Project { Name = t.ProjectName!, Budget = t.Budget, Provenance = t.Provenance });
        else
            LinkTargetsToProjects(doc);
    }

    /// <summary>
    /// A 绩效目标表 that prints no 预算数 takes its project's amount from the 项目支出表, matched by name (one row of
    /// that name), so its 成本指标 can still be compared with the project's budget.
    /// </summary>
    internal static void LinkTargetsToProjects(Disclosure doc)
    {
        foreach (var t in doc.IndicatorTables.Where(t => t.Budget is null && t.ProjectName is not null))
        {
            var named = doc.Projects.Where(p => p.Name == t.ProjectName && p.Budget is not null).ToList();
            if (named.Count != 1) continue;
            foreach (var i in t.Indicators) i.TableBudget = named[0].Budget;
        }
    }

    /// <summary>Department and year: every place the document states them, and the most frequent as the document's own.</summary>
    private static void ReadHeader(Layout layout, List<TableGroup> groups, Disclosure doc)
    {
        void Dept(string text, Provenance p)
        {
            var m = DepartmentName().Match(ChineseText.Compact(text));
            if (m.Success) doc.DepartmentMentions.Add(new Mention(m.Groups[1].Value, p));
        }
        void Year(string text, Provenance p)
        {
            var m = YearStated().Match(ChineseText.Compact(text));
            if (m.Success) doc.YearMentions.Add(new Mention(m.Groups[1].Value.Length > 0 ? m.Groups[1].Value : m.Groups[2].Value, p));
        }
        foreach (var p in layout.Paragraphs.Take(8))
        {
            var t = ChineseText.Compact(p.Text);
            if (t.Length > 60) continue;
            Dept(t, new Provenance(p.Page, p.Line));
            Year(t, new Provenance(p.Page, p.Line));
        }
        // Further in, the contents page's lines (“1. 2025年部门财务收支预算总表”) and the narrative's own title (“××局2025年
        // 部门预算信息公开情况说明”) state the document's year as the cover does.
        var contentsPages = layout.Paragraphs.Where(p => ChineseText.Compact(p.Text) == "目录").Select(p => p.Page).ToHashSet();
        foreach (var p in layout.Paragraphs.Skip(8))
        {
            var t = ChineseText.Compact(p.Text);
            if (t.Length > 60 || !(contentsPages.Contains(p.Page) && TableTitles.IsTableTitle(t) || NarrativeTitle().IsMatch(t))) continue;
            Year(t, new Provenance(p.Page, p.Line));
        }
        foreach (var g in groups)
        {
            var prov = new Provenance(g.First.Page, g.First.Line, g.Title);
            foreach (var c in g.Captions.Distinct())
            {
                var t = ChineseText.Compact(c);
                if (t.StartsWith("部门名称") || CodePrefixedDepartment().IsMatch(t)) Dept(t.Replace("部门名称：", ""), prov);
                if (t.StartsWith("预算年度") || TableTitles.IsTableTitle(t)) Year(t, prov);
            }
        }
        doc.Department = doc.DepartmentMentions.GroupBy(m => m.Text).OrderByDescending(x => x.Count()).Select(x => x.Key).FirstOrDefault();
        doc.Year = doc.YearMentions.GroupBy(m => m.Text).OrderByDescending(x => x.Count()).Select(x => int.Parse(x.Key)).FirstOrDefault() is var y and > 0 ? y : null;
        Dedupe(doc.DepartmentMentions);
        Dedupe(doc.YearMentions);
    }

    /// <summary>One mention per distinct spelling, at its first place: a reviewer needs each variant once.</summary>
    private static void Dedupe(List<Mention> mentions)
    {
        var seen = new HashSet<string>();
        mentions.RemoveAll(m => !seen.Add(m.Text));
    }

    [GeneratedRegex(@"^(?:\d{3,}|部门名称：|第[一二三四五六七八九十]+部分)?([\u4E00-\u9FFF（）]{2,30}?(?:局|部门|中心|委员会|办公室|管理处))(?:本级|20\d\d|$)")]
    private static partial Regex DepartmentName();

    [GeneratedRegex(@"^\d{3,}[\u4E00-\u9FFF]")]
    private static partial Regex CodePrefixedDepartment();

    /// <summary>The narrative's title: “……2025年部门预算信息公开情况说明”, “……2024年度单位决算编制说明”.</summary>
    [GeneratedRegex(@"20\d\d年度?(?:部门|单位)(?:预算|决算)(?:信息)?(?:公开)?(?:情况说明|编制说明)$")]
    private static partial Regex NarrativeTitle();

    // “2025年单位收支总表”: a unit's table titles state the year too. Not “2023年度决算”: the first lines may be a
    // sentence comparing with last year's 决算 (the cover's own year is read by DocumentTypeReader).
    // Nor a year compared with (“与2024年预算相比减少1.00万元”).
    [GeneratedRegex(@"预算年度：?(20\d\d)|(?<![与比较同和过于])(20\d\d)年度?(?:部门|单位)?(?:预算|收支|收入|支出|财政|一般|政府|国有|部门)")]
    private static partial Regex YearStated();

    // “2021年度部门决算公开报表（见附件）”, “附件：某局2024年部门预算公开表”, “…2023年度决算报表.xls”.
    [GeneratedRegex(@"(?:决算|预算)(?:公开)?(?:报表|表格|表)[^。；]{0,6}?[（(]?(?:详见|见|另见)附件|附件[一二三1-9]?[：:][^。；]{0,40}?(?:决算|预算)(?:公开)?(?:报表|表)|(?:决算|预算)[^。；]{0,12}?(?:报表|表)\.(?:xlsx?|pdf|docx?)$")]
    private static partial Regex TablesAttachedStatement();

    [GeneratedRegex(@"(没有|无|未)(使用|安排)?政府性基金")]
    private static partial Regex NoGovernmentFund();

    [GeneratedRegex(@"(没有|无|未)(使用|安排)?国有资本经营")]
    private static partial Regex NoStateCapital();

    // “注：…无…支出” and “说明：…本年度没有财政拨款“三公”经费支出，故本表无数据。” A note explaining a change
    // (“…3万元公务接待费无法满足年内公务接待支出需求”) says 无法, not 无.
    // “what” is the thing said to be absent, up to its last 预算/支出/… word (“无政府性基金预算收入” → 政府性基金预算).
    [GeneratedRegex(@"^(?:注|说明)[:：]?.*?(?:无(?!法|需)|没有)(?<what>[^，。；,;]*)(?:预算|支出|收入|经费|数据)")]
    private static partial Regex EmptyStatement();
}
