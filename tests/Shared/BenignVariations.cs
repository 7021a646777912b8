using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;

namespace AuditEngine.Testing;

/// <summary>
/// The harmless ways <see cref="BenignVariations"/> prints a correct layout differently, as another province's disclosure
/// does: none is a defect, so any new finding it brings is a false alarm.
/// </summary>
public enum VariationKind
{
    /// <summary>a. A table printed in 元 instead of 万元 (every amount × 10000, 单位：元), or in 万元 instead of 元 (÷ 10000, two decimals).</summary>
    TableUnit,
    /// <summary>b. Table amounts printed another way: thousands separators added (or dropped), 0 printed as “-”, trailing zeros dropped.</summary>
    NumberFormat,
    /// <summary>c. Short item names spread over their cell (“行 政 运 行”, with ASCII or full-width spaces).</summary>
    SpacedNames,
    /// <summary>d. A running footer on every page (“第 5 页”, “- 5 -”, the department's name and the page).</summary>
    PageFooter,
    /// <summary>e. A table broken in two at a middle data row: the rest printed as a second table, bare, with its header repeated, or after a 续表 mark.</summary>
    TableContinued,
    /// <summary>f. A narrative total written in 元 (exact) or in 亿元 (two decimals, as people write it).</summary>
    NarrativeUnit,
    /// <summary>g. A required narrative section moved: one before the tables to the end, after them; one after them to before them.</summary>
    SectionMoved,
}

/// <summary>One harmless variation: where (for people) and how to apply it to a copy of the layout.</summary>
public sealed record Variation(VariationKind Kind, string Place, Action<Layout> Apply)
{
    public char Letter => (char)('a' + (int)Kind);
}

/// <summary>The findings a variation brought that the unchanged document does not have: all false alarms.</summary>
public sealed record VariationOutcome(Variation Variation, IReadOnlyList<Finding> NewErrors, IReadOnlyList<Finding> NewWarnings)
{
    public bool Unchanged => NewErrors.Count == 0 && NewWarnings.Count == 0;
}

/// <summary>
/// Prints a copy of a correct layout differently — units, number formats, spaced names, running footers, a table broken
/// over two parts, a narrative amount in another unit — and audits it again (recognition and rules only). Recall is what
/// <see cref="LayoutMutations"/> measures; this measures the other side: a correct document from another province must
/// not get new errors or warnings. Places are chosen from what recognition found, by position, never by document name.
/// </summary>
public static partial class BenignVariations
{
    public static readonly IReadOnlyList<VariationKind> Kinds = Enum.GetValues<VariationKind>();

    public static VariationOutcome Run(Layout original, Variation variation, RuleSet rules, IReadOnlyList<Finding> baseline)
    {
        var copy = LayoutMutations.Copy(original);
        variation.Apply(copy);
        var (fresh, changed) = LayoutMutations.New(LayoutMutations.Audit(copy, rules), baseline);
        // A baseline finding whose message changed (it quotes a figure printed otherwise) is new too: nothing was wrong.
        var found = fresh.Concat(changed).ToList();
        return new VariationOutcome(variation, found.Where(f => f.Severity == Severity.Error).ToList(),
            found.Where(f => f.Severity == Severity.Warning).ToList());
    }

    /// <summary>Every variation of the document, at most <paramref name="perKind"/> places of each kind and style.</summary>
    public static IReadOnlyList<Variation> Plan(Layout layout, Disclosure doc, int perKind = 3) =>
        doc.Type is DocumentType.Template or DocumentType.NotDisclosure ? [] :
        [
            .. LayoutMutations.Spread(TableUnits(layout, doc), perKind),
            .. NumberFormats(layout, doc),
            .. SpacedNames(layout, doc),
            .. PageFooters(layout, doc),
            .. TablesContinued(layout, doc, perKind),
            .. NarrativeUnits(layout, doc, perKind),
            .. LayoutMutations.Spread(SectionsMoved(layout, doc), perKind),
        ];

    // ---- the amount cells of the recognised tables, as layout cells ----

    /// <summary>The layout cells (block, index) the recognised table's figures were read from, each once.</summary>
    private static List<(int Block, int Cell)> AmountCells(Layout layout, BudgetTable t) =>
        t.Rows.SelectMany(r => r.Cells.Values).SelectMany(c => LayoutMutations.CellsAt(layout, c)).Distinct().ToList();

    private static void SetCell(Layout l, int block, int index, string text)
    {
        var table = (LayoutTable)l.Blocks[block];
        var c = table.Cells[index];
        table.Cells[index] = new LayoutCell
        {
            Row = c.Row, Column = c.Column, RowSpan = c.RowSpan, ColumnSpan = c.ColumnSpan, Text = text, Page = c.Page, Line = c.Line,
            Box = c.Box, Confidence = c.Confidence, Kind = c.Kind,
        };
    }

    private static string CellText(Layout l, (int Block, int Cell) at) => ((LayoutTable)l.Blocks[at.Block]).Cells[at.Cell].Text;

    /// <summary>The tables with figures, in document order, with their layout cells.</summary>
    private static List<(BudgetTable Table, List<(int Block, int Cell)> Cells)> FilledTables(Layout layout, Disclosure doc) =>
        doc.Tables.Select(t => (t, AmountCells(layout, t))).Where(x => x.Item2.Count > 0).ToList();

    // ---- a. the table's unit ----

    [GeneratedRegex(@"单位\s*[：:]\s*(万元|亿元|元)")]
    private static partial Regex UnitLine();

    private static List<Variation> TableUnits(Layout layout, Disclosure doc)
    {
        var places = new List<Variation>();
        foreach (var (t, cells) in FilledTables(layout, doc))
        {
            if (t.SourceUnit is not ("万元" or "元")) continue;
            var toYuan = t.SourceUnit == "万元";
            // Printed in 元 a table carries its exact figures; the 万元 ones carry rounding residues (尾差) that would
            // become real imbalances in 元. Only a table whose figures add up exactly can be printed in 元 faithfully.
            if (toYuan && !AddsUpExactly(t)) continue;
            // Every figure must be found in the layout to be printed anew (an OCR text's “132, 372. 61” is not).
            if (t.Rows.SelectMany(r => r.Cells.Values).Any(c => c.Value is not null && !LayoutMutations.CellsAt(layout, c).Any())) continue;
            var first = cells.Min(c => c.Block);
            // The unit line: the first block's own title or caption, else a line just above it (title, department, unit).
            var table = (LayoutTable)layout.Blocks[first];
            var titled = table.Title is { } title && UnitLine().IsMatch(title);
            var caption = table.Caption.FindIndex(c => UnitLine().IsMatch(c));
            var above = Enumerable.Range(Math.Max(0, first - 4), Math.Min(4, first)).Reverse()
                .FirstOrDefault(i => layout.Blocks[i] is Paragraph p && UnitLine().IsMatch(p.Text), -1);
            if (!titled && caption < 0 && above < 0) continue;
            var unit = toYuan ? "元" : "万元";
            var texts = cells.ToDictionary(c => c, c => Rescale(CellText(layout, c), toYuan));
            places.Add(new Variation(VariationKind.TableUnit, $"《{t.Title}》 {t.SourceUnit} → {unit} p{t.Provenance.Page}", l =>
            {
                foreach (var (at, text) in texts) SetCell(l, at.Block, at.Cell, text);
                var own = (LayoutTable)l.Blocks[first];
                if (titled) own.Title = UnitLine().Replace(own.Title!, "单位：" + unit);
                if (caption >= 0) own.Caption[caption] = UnitLine().Replace(own.Caption[caption], "单位：" + unit);
                if (above >= 0) LayoutMutations.ReplaceParagraph(l, above, UnitLine().Replace(((Paragraph)l.Blocks[above]).Text, "单位：" + unit));
            }));
        }
        return places;
    }

    /// <summary>A coded table whose every parent (and the total row) is exactly the sum of its children, in every column.</summary>
    private static bool AddsUpExactly(BudgetTable t)
    {
        if (t.Classification == Classification.None) return false;
        var parents = t.Rows.Where(r => r.HasChildren).Select(r => (Row: r, Parts: (IEnumerable<BudgetRow>)r.Children));
        if (t.TotalRow is { } total) parents = parents.Append((total, t.TopCodeRows));
        // And across: a row's 合计 is its 基本支出 + 项目支出, or its 人员经费 + 公用经费, to the last 0.01.
        string[][] splits = [[ColumnKeys.基本支出, ColumnKeys.项目支出], [ColumnKeys.人员经费, ColumnKeys.公用经费]];
        return parents.All(p => p.Row.Cells.Keys.All(c => p.Row.Amount(c) == p.Parts.Sum(x => x.Amount(c))))
               && t.Rows.All(r => !r.Has(ColumnKeys.合计) || splits.All(s => !s.Any(r.Has) || r.Amount(ColumnKeys.合计) == s.Sum(r.Amount)));
    }

    /// <summary>A figure in 万元 printed in 元 (two decimals), or one in 元 printed in 万元 rounded to two decimals, as the
    /// document's own software would; thousands separators kept as they were.</summary>
    internal static string Rescale(string printed, bool toYuan)
    {
        if (LayoutMutations.Number(printed) is not { } v) return printed;
        var scaled = toYuan ? v * 10000m : Math.Round(v / 10000m, 2, MidpointRounding.AwayFromZero);
        return scaled.ToString((printed.Contains(',') ? "N" : "F") + "2", CultureInfo.InvariantCulture);
    }

    // ---- b. number formats ----

    private static List<Variation> NumberFormats(Layout layout, Disclosure doc)
    {
        var cells = FilledTables(layout, doc).SelectMany(x => x.Cells).Distinct().ToList();
        if (cells.Count == 0) return [];
        var texts = cells.ToDictionary(c => c, c => CellText(layout, c));
        var places = new List<Variation>();
        // Separators toggled: a document that prints none gets them, one that prints them loses them.
        var withSeparators = texts.Values.Any(t => t.Contains(','));
        Add(withSeparators ? "thousands separators dropped" : "thousands separators added",
            t => withSeparators ? t.Replace(",", "") : LayoutMutations.Number(t) is { } v && Math.Abs(v) >= 1000m
                ? v.ToString("N" + Decimals(t), CultureInfo.InvariantCulture) : t);
        if (texts.Values.Any(t => LayoutMutations.Number(t) == 0m)) Add("0 printed as “-”", t => LayoutMutations.Number(t) == 0m ? "-" : t);
        if (texts.Values.Any(t => t.Contains('.'))) Add("trailing zeros dropped", t => t.Contains('.') ? t.TrimEnd('0').TrimEnd('.') : t);
        return places;

        void Add(string style, Func<string, string> print)
        {
            var changed = texts.Where(x => print(x.Value) != x.Value).ToDictionary(x => x.Key, x => print(x.Value));
            if (changed.Count == 0) return;
            places.Add(new Variation(VariationKind.NumberFormat, $"{style} ({changed.Count} cells)", l =>
            {
                foreach (var (at, text) in changed) SetCell(l, at.Block, at.Cell, text);
            }));
        }
        static int Decimals(string t) => t.IndexOf('.') is var dot and >= 0 ? t.Trim().Length - t.Trim().IndexOf('.') - 1 : 0;
    }

    // ---- c. spaced item names ----

    private static List<Variation> SpacedNames(Layout layout, Disclosure doc)
    {
        var names = doc.Tables.SelectMany(t => t.Rows).Select(r => r.Name).Where(n => n.Length is >= 2 and <= 6 && n.All(char.IsLetter)).ToHashSet();
        var blocks = doc.Tables.SelectMany(t => LayoutMutations.TableBlocks(layout, t)).Distinct().ToList();
        var at = (from b in blocks
                  let table = (LayoutTable)layout.Blocks[b]
                  from i in Enumerable.Range(0, table.Cells.Count)
                  where names.Contains(table.Cells[i].Text.Trim())
                  select (Block: b, Cell: i, Text: table.Cells[i].Text.Trim())).ToList();
        if (at.Count == 0) return [];
        return
        [
            .. new[] { (" ", "ASCII"), ("\u3000", "full-width") }.Select(s => new Variation(VariationKind.SpacedNames,
                $"{at.Count} names spread with {s.Item2} spaces (“{string.Join(s.Item1, at[0].Text.ToCharArray())}”)", l =>
                {
                    foreach (var (b, i, text) in at) SetCell(l, b, i, string.Join(s.Item1, text.ToCharArray()));
                })),
        ];
    }

    // ---- d. running page footers ----

    private static List<Variation> PageFooters(Layout layout, Disclosure doc)
    {
        var pages = layout.Blocks.Select(b => b.Page).Distinct().Order().ToList();
        if (pages.Count < 2) return [];
        var department = doc.Department;
        var styles = new List<(string Name, Func<int, string> Text)> { ("第 N 页", p => $"第 {p} 页"), ("- N -", p => $"- {p} -") };
        if (department is { Length: > 0 }) styles.Add(("department N", p => $"{department}    {p}"));
        return styles.Select(s => new Variation(VariationKind.PageFooter, $"“{s.Text(pages[0])}” under each of {pages.Count} pages", l =>
        {
            // After each page's last block, from the end so the indices ahead stay put.
            for (var i = l.Blocks.Count - 1; i >= 0; i--)
            {
                var page = l.Blocks[i].Page;
                if (i + 1 < l.Blocks.Count && l.Blocks[i + 1].Page == page) continue;
                l.Blocks.Insert(i + 1, new Paragraph { Text = s.Text(page), Page = page });
            }
        })).ToList();
    }

    // ---- e. a table continued in a second part ----

    private static List<Variation> TablesContinued(Layout layout, Disclosure doc, int perKind)
    {
        var candidates = new List<(BudgetTable Table, int Block, int Split, int Header)>();
        foreach (var (t, cells) in FilledTables(layout, doc))
        {
            // The table's largest layout part, broken at a middle row with figures that no cell spans across.
            var block = cells.GroupBy(c => c.Block).OrderByDescending(g => g.Count()).First().Key;
            var table = (LayoutTable)layout.Blocks[block];
            var dataRows = cells.Where(c => c.Block == block).Select(c => table.Cells[c.Cell].Row).Distinct().Order().ToList();
            if (dataRows.Count < 4) continue;
            var header = dataRows[0];
            var split = dataRows.Skip(dataRows.Count / 2).FirstOrDefault(r => !table.Cells.Any(c => c.Row < r && c.Row + c.RowSpan > r), -1);
            if (split > header) candidates.Add((t, block, split, header));
        }
        var places = new List<Variation>();
        foreach (var style in new[] { "bare", "header repeated", "续表 and header repeated" })
            foreach (var (t, block, split, header) in LayoutMutations.Spread(candidates, perKind))
                places.Add(new Variation(VariationKind.TableContinued, $"《{t.Title}》 broken before row {split}, {style} p{layout.Blocks[block].Page}",
                    l => Break(l, block, split, style == "bare" ? 0 : header, style.StartsWith("续表", StringComparison.Ordinal))));
        return places;
    }

    private static void Break(Layout l, int block, int split, int header, bool mark)
    {
        var table = (LayoutTable)l.Blocks[block];
        var rest = new LayoutTable { Page = table.Page, Line = table.Line, Box = table.Box };
        Copy(table.Cells.Where(c => c.Row < header), 0);
        Copy(table.Cells.Where(c => c.Row >= split), split - header);
        table.Cells.RemoveAll(c => c.Row >= split);
        l.Blocks.Insert(block + 1, rest);
        if (mark) l.Blocks.Insert(block + 1, new Paragraph { Text = "续表", Page = table.Page });

        void Copy(IEnumerable<LayoutCell> cells, int up)
        {
            foreach (var c in cells.ToList())
                rest.Cells.Add(new LayoutCell
                {
                    Row = c.Row - up, Column = c.Column, RowSpan = c.RowSpan, ColumnSpan = c.ColumnSpan, Text = c.Text, Page = c.Page,
                    Line = c.Line, Box = c.Box, Confidence = c.Confidence, Kind = c.Kind,
                });
        }
    }

    // ---- f. a narrative total in another unit ----

    private static List<Variation> NarrativeUnits(Layout layout, Disclosure doc, int perKind)
    {
        var candidates = new List<(NarrativeFigure Figure, int Block, Match Match)>();
        var seen = new HashSet<string>();
        foreach (var figure in doc.Figures.Where(f => LayoutMutations.TotalKeys.Contains(f.Key) && f.Value >= 1m))
        {
            if (!seen.Add(figure.Key) || figure.Provenance.Page is not { } page) continue;
            var line = figure.Provenance.Line ?? 0;
            var hit = Enumerable.Range(0, layout.Blocks.Count)
                .Where(i => layout.Blocks[i] is Paragraph p && p.Page == page && (line == 0 || p.Line == line))
                .SelectMany(i => LayoutMutations.PrintedAmount().Matches(((Paragraph)layout.Blocks[i]).Text).Select(m => (Block: i, Match: m)))
                .FirstOrDefault(x => x.Match.Groups["unit"].Value == "万元" && LayoutMutations.Number(x.Match.Groups["n"].Value) == figure.Value);
            if (hit.Match is not null) candidates.Add((figure, hit.Block, hit.Match));
        }
        var places = new List<Variation>();
        foreach (var (figure, block, m) in LayoutMutations.Spread(candidates, perKind))
        {
            var text = ((Paragraph)layout.Blocks[block]).Text;
            var yuan = (figure.Value * 10000m).ToString("N2", CultureInfo.InvariantCulture) + "元";
            places.Add(Place(figure, block, text, m, yuan));
            // 亿元 is written with two decimals: only a figure of a billion 元 or more is written so.
            if (figure.Value >= 10000m) places.Add(Place(figure, block, text, m, Math.Round(figure.Value / 10000m, 2).ToString("0.00", CultureInfo.InvariantCulture) + "亿元"));
        }
        return places;

        static Variation Place(NarrativeFigure figure, int block, string text, Match m, string printed) =>
            new(VariationKind.NarrativeUnit, $"{figure.Key} “{m.Value}” → “{printed}” p{figure.Provenance.Page}",
                l => LayoutMutations.ReplaceParagraph(l, block, text[..m.Index] + printed + text[(m.Index + m.Length)..]));
    }

    // ---- g. a section moved ----

    private static List<Variation> SectionsMoved(Layout layout, Disclosure doc)
    {
        var firstTable = layout.Blocks.FindIndex(b => b is LayoutTable);
        if (firstTable < 0) return [];
        // The table's title lines (title, 编制部门, unit) go with it: the section is put above its title.
        var before = Enumerable.Range(Math.Max(0, firstTable - 4), Math.Min(4, firstTable)).Reverse()
            .FirstOrDefault(i => LayoutMutations.BlockText(layout.Blocks[i]) is { } text && TableTitles.IsTableTitle(text), firstTable);
        var headings = doc.Sections.Select(x => LayoutMutations.HeadingBlock(layout, x)).OfType<int>().ToHashSet();
        var lastPage = layout.Blocks.Max(b => b.Page);
        var places = new List<Variation>();
        // Contents entries are no sections: moving two of them cuts the contents list short (MS-NUMBERING-GAP rightly
        // reads the gap), which is no harmless variation.
        foreach (var section in doc.Sections.Where(x => x.Kind != SectionKind.Other && doc.RequiresSection(x.Kind) && !x.InContents))
        {
            if (LayoutMutations.HeadingBlock(layout, section) is not { } start || start + 1 >= layout.Blocks.Count || layout.Blocks[start + 1] is LayoutTable) continue;
            // A heading that is a table's title (“部门财务收支预算总表” read as the overview) moves the table's title with it.
            if (TableTitles.IsTableTitle(((Paragraph)layout.Blocks[start]).Text)) continue;
            // The heading and its paragraphs, up to the next heading, a table or a table's title.
            var end = start + 1;
            while (end < layout.Blocks.Count && !headings.Contains(end) && layout.Blocks[end] is Paragraph p && !TableTitles.IsTableTitle(p.Text)
                   && !(end + 1 < layout.Blocks.Count && layout.Blocks[end + 1] is LayoutTable)) end++;
            var (from, count) = (start, end - start);
            // A heading alone is a contents line, not a section.
            if (count < 2) continue;
            // Stopped by a table: the section must not go on below it (prose before the next heading would be left
            // under another section's heading, and moving half a section is no harmless variation).
            if (end < layout.Blocks.Count && !headings.Contains(end))
            {
                var next = headings.Where(h => h > end).DefaultIfEmpty(layout.Blocks.Count).Min();
                if (Enumerable.Range(end, next - end).Any(i => layout.Blocks[i] is Paragraph p && ChineseText.Compact(p.Text).Length > 30
                                                               && !TableTitles.IsTableTitle(p.Text))) continue;
            }
            if (from < firstTable && from + count > before) continue;
            var toEnd = from < firstTable;
            var page = toEnd ? lastPage + 1 : layout.Blocks[firstTable].Page;
            places.Add(new Variation(VariationKind.SectionMoved,
                $"{doc.RequiredSectionName(section.Kind)} ({count} blocks from p{layout.Blocks[from].Page}) moved {(toEnd ? "to the end, after the tables" : "before the tables")}", l =>
                {
                    var moved = l.Blocks.GetRange(from, count).Cast<Paragraph>()
                        .Select(p => new Paragraph { Text = p.Text, Page = page, Confidence = p.Confidence }).ToList();
                    l.Blocks.RemoveRange(from, count);
                    if (toEnd) l.Blocks.AddRange(moved);
                    else l.Blocks.InsertRange(before, moved);
                }));
        }
        return places;
    }
}
