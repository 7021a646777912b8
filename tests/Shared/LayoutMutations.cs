using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;

namespace AuditEngine.Testing;

/// <summary>The defects <see cref="LayoutMutations"/> injects into a real layout, one kind at a time.</summary>
public enum MutationKind
{
    /// <summary>a. A leaf amount of a table with a 合计 row raised by 12.34 万元.</summary>
    LeafAmount,
    /// <summary>b. One 三公 item of the year's column raised, so the items no longer make the 合计.</summary>
    SanGongItem,
    /// <summary>c. A narrative figure that quotes a table total raised by 12.34 万元.</summary>
    NarrativeTotal,
    /// <summary>d. A required table removed: its title lines and its cells (every page of it).</summary>
    TableRemoved,
    /// <summary>e. A required narrative section removed: its heading and its paragraphs.</summary>
    SectionRemoved,
    /// <summary>f. The document's year on one narrative line written ten years earlier (2025 → 2015).</summary>
    YearSlip,
    /// <summary>g. The direction word of a change whose two amounts are stated flipped (增加 ↔ 减少).</summary>
    DirectionFlip,
    /// <summary>h. A 功能分类 name the narrative explains replaced by another item's name of the same level and table.</summary>
    ItemName,
}

/// <summary>
/// One defect to inject: where (for people), the page it lands on, how to apply it to a copy of the layout, which new
/// findings detect it (the kind's rules, pointing at the place) and which are its legitimate consequences elsewhere.
/// </summary>
public sealed record Mutation(MutationKind Kind, string Place, int Page, Action<Layout> Apply, Func<Finding, bool> Detects,
    Func<Finding, bool> Consequence)
{
    public char Letter => (char)('a' + (int)Kind);
}

/// <summary>
/// What a mutation changed in the findings: new findings that detect it, new errors that neither detect it nor follow
/// from it (collateral: a false alarm a plausible document would get), and the other new warnings and consequences.
/// A finding is new when its rule and message are not among the unchanged document's (as a multiset).
/// </summary>
public sealed record MutationOutcome(Mutation Mutation, IReadOnlyList<Finding> Detecting, IReadOnlyList<Finding> Collateral,
    IReadOnlyList<Finding> OtherNew)
{
    public bool Detected => Detecting.Count > 0;
}

/// <summary>
/// Injects defects into a copy of a real document's layout and audits it again (recognition and rules only, never the
/// file): a measure of recall on real layouts. Places are chosen from what recognition found in the unchanged document —
/// the tables, rows, figures, statements and sections — by position, never by the document's name; each kind takes at
/// most <c>perKind</c> places, evenly spread over its candidates, so a run is deterministic.
/// </summary>
public static partial class LayoutMutations
{
    /// <summary>12.34 万元: clearly more than any rounding, small enough to be a plausible slip.</summary>
    public const decimal Delta = 12.34m;

    public static readonly IReadOnlyList<MutationKind> Kinds = Enum.GetValues<MutationKind>();

    /// <summary>The layout's copy through its JSON, the form the service stores: block order and indices are kept.</summary>
    public static Layout Copy(Layout layout)
    {
        using var buffer = new MemoryStream();
        LayoutJson.Write(layout, buffer, indented: false);
        return LayoutJson.Read(buffer.ToArray(), layout.Source);
    }

    public static IReadOnlyList<Finding> Audit(Layout layout, RuleSet rules) => rules.Run(Recognizer.Recognise(layout, rules.Profiles));

    public static MutationOutcome Run(Layout original, Mutation mutation, RuleSet rules, IReadOnlyList<Finding> baseline)
    {
        var copy = Copy(original);
        mutation.Apply(copy);
        var (fresh, changed) = New(Audit(copy, rules), baseline);
        // A finding already there whose message now quotes the changed figure detects too (a row under a parent the
        // document already gets wrong); an info counts (其他需要说明的事项 missing is reported as one, by design).
        var detecting = fresh.Concat(changed).Where(mutation.Detects).ToList();
        var collateral = fresh.Where(f => f.Severity == Severity.Error && !mutation.Detects(f) && !mutation.Consequence(f)).ToList();
        var other = fresh.Where(f => f.Severity >= Severity.Warning).Except(detecting).Except(collateral).ToList();
        return new MutationOutcome(mutation, detecting, collateral, other);
    }

    /// <summary>Findings not in the baseline: new ones, and baseline ones (same rule, same places) with another message.</summary>
    internal static (List<Finding> Fresh, List<Finding> Changed) New(IReadOnlyList<Finding> findings, IReadOnlyList<Finding> baseline)
    {
        var before = baseline.GroupBy(Key).ToDictionary(g => g.Key, g => g.Count());
        var places = baseline.Select(Place).ToHashSet();
        var (fresh, changed) = (new List<Finding>(), new List<Finding>());
        foreach (var f in findings)
        {
            if (before.TryGetValue(Key(f), out var n) && n > 0) before[Key(f)] = n - 1;
            // The same rule at the same places is the old finding, its message quoting the changed words (a title's year).
            else if (f.Evidence.Count > 0 && places.Contains(Place(f))) changed.Add(f);
            else fresh.Add(f);
        }
        return (fresh, changed);
        static (string, Severity, string) Key(Finding f) => (f.RuleId, f.Severity, f.Message);
        static string Place(Finding f) => f.RuleId + "|" + string.Join(";", f.Evidence.Select(e => $"{e.Page}/{e.Line}/{e.Row}/{e.Column}/{e.Box}"));
    }

    /// <summary>Every place of every kind in the document, at most <paramref name="perKind"/> of each.</summary>
    /// <remarks>A blank template or a document that is no disclosure gets none: its defects are not what the rules judge.</remarks>
    public static IReadOnlyList<Mutation> Plan(Layout layout, Disclosure doc, int perKind = 3) =>
        doc.Type is DocumentType.Template or DocumentType.NotDisclosure ? [] :
    [
        .. Spread(LeafAmounts(layout, doc), perKind),
        .. Spread(SanGongItems(layout, doc), perKind),
        .. Spread(NarrativeTotals(layout, doc), perKind),
        .. Spread(TablesRemoved(layout, doc), perKind),
        .. Spread(SectionsRemoved(layout, doc), perKind),
        .. Spread(YearSlips(layout, doc), perKind),
        .. Spread(DirectionFlips(layout, doc), perKind),
        .. Spread(ItemNames(layout, doc), perKind),
    ];

    /// <summary>At most <paramref name="n"/> of the candidates, evenly spaced (first, middle, last …).</summary>
    internal static IEnumerable<T> Spread<T>(IReadOnlyList<T> all, int n) =>
        all.Count <= n ? all : Enumerable.Range(0, n).Select(i => all[n == 1 ? 0 : i * (all.Count - 1) / (n - 1)]);

    // ---- a. a leaf amount of a table with a total row ----

    private static List<Mutation> LeafAmounts(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        foreach (var t in doc.Tables.Where(t => t.Kind != TableKind.SanGong && t.Classification != Classification.None))
        {
            if (t.TotalRow is not { } total) continue;
            var column = t.HasColumn(ColumnKeys.合计) && total.Has(ColumnKeys.合计) ? ColumnKeys.合计
                : total.Has(doc.AmountColumn) ? doc.AmountColumn : null;
            if (column is null) continue;
            // A leaf: a coded row without children, whose figure the total (through its parents) must carry.
            var leaves = t.Rows.Where(r => r.Code is not null && !r.HasChildren && r.Cell(column) is { Value: { } v } && v != 0m).ToList();
            foreach (var leaf in leaves.Skip(leaves.Count / 2))
            {
                if (ShiftCell(layout, leaf.Cell(column)!, Delta * WanFactor(t.SourceUnit)) is not { } apply) continue;
                var page = leaf.Cell(column)!.Provenance.Page ?? 0;
                places.Add(new Mutation(MutationKind.LeafAmount, $"《{t.Title}》{leaf.Label}「{column}」 p{page}", page, apply,
                    f => f.RuleId.StartsWith("UT-", StringComparison.Ordinal) && PointsAt(f, page),
                    f => f.RuleId.StartsWith("UT-", StringComparison.Ordinal) || f.RuleId.StartsWith("NT-ITEM", StringComparison.Ordinal)));
                break;
            }
        }
        return places;
    }

    // ---- b. a 三公 item ----

    private static readonly string[] SanGongItemNames = ["因公出国（境）费", "公务接待费", "公务用车购置及运行维护费", "公务用车购置费", "公务用车运行维护费"];

    private static List<Mutation> SanGongItems(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        if (doc.Table(TableKind.SanGong) is not { } t || t.Rows.FirstOrDefault(r => r.Name == "合计") is not { } total) return places;
        var column = doc.AmountColumn;
        if (!total.Has(column)) return places;
        foreach (var name in SanGongItemNames)
        {
            if (t.Rows.FirstOrDefault(r => r.Name == name) is not { } row || row.Cell(column) is not { Value: not null } cell) continue;
            if (ShiftCell(layout, cell, Delta * WanFactor(t.SourceUnit)) is not { } apply) continue;
            var page = cell.Provenance.Page ?? 0;
            places.Add(new Mutation(MutationKind.SanGongItem, $"《{t.Title}》{name}「{column}」 p{page}", page, apply,
                f => (f.RuleId.StartsWith("SG-COMPOSITION", StringComparison.Ordinal) || f.RuleId == "SG-VEHICLE" || f.RuleId.StartsWith("UT-", StringComparison.Ordinal))
                     && PointsAt(f, page),
                f => f.RuleId.StartsWith("SG-", StringComparison.Ordinal) || f.RuleId.StartsWith("UT-", StringComparison.Ordinal)));
        }
        return places;
    }

    // ---- c. a narrative figure quoting a table total ----

    internal static readonly HashSet<string> TotalKeys =
    [
        FigureKeys.收支总计, FigureKeys.收入总计, FigureKeys.支出总计, FigureKeys.收入合计, FigureKeys.支出合计, FigureKeys.财政拨款收支总计,
        FigureKeys.财政拨款基本支出, FigureKeys.一般公共预算支出, FigureKeys.政府性基金支出, FigureKeys.国有资本经营支出, FigureKeys.三公经费,
    ];

    private static List<Mutation> NarrativeTotals(Layout layout, Disclosure doc)
    {
        var totals = doc.Tables.SelectMany(t => t.Rows.Where(r => r.IsTotal || r.Role is "total" or "subtotal"))
            .SelectMany(r => r.Cells.Values).Select(c => c.Value).OfType<decimal>().ToHashSet();
        var places = new List<Mutation>();
        var seen = new HashSet<string>();
        foreach (var figure in doc.Figures.Where(f => TotalKeys.Contains(f.Key) && f.Value != 0m && totals.Contains(f.Value)))
        {
            if (!seen.Add(figure.Key) || figure.Provenance.Page is not { } page) continue;
            if (FindAmountInText(layout, page, figure.Provenance.Line ?? 0, figure.Value, figure.Label) is not { } hit) continue;
            places.Add(new Mutation(MutationKind.NarrativeTotal, $"情况说明 {figure.Key} {figure.Value:0.00} p{page}", page,
                l => ReplaceParagraph(l, hit.Block, hit.Replaced),
                f => (f.RuleId.StartsWith("UT-", StringComparison.Ordinal) || f.RuleId.StartsWith("SG-NARRATIVE", StringComparison.Ordinal)
                      || f.RuleId.StartsWith("NT-", StringComparison.Ordinal))
                     && (PointsAt(f, page) || f.Message.Contains((figure.Value + Delta).ToString("0.00", CultureInfo.InvariantCulture), StringComparison.Ordinal)),
                f => PointsAt(f, page) || f.RuleId.StartsWith("UT-N", StringComparison.Ordinal)));
        }
        return places;
    }

    // ---- d. a required table removed ----

    private static List<Mutation> TablesRemoved(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        foreach (var required in doc.Profile.RequiredTables)
        {
            var tables = doc.TablesOf(required.Kind).ToList();
            if (!doc.Requires(required.Kind) || tables.Count == 0) continue;
            var blocks = new SortedSet<int>();
            foreach (var t in tables) blocks.UnionWith(TableBlocks(layout, t));
            if (blocks.Count == 0) continue;
            // The title lines just above each first block: the title, the department and unit lines.
            foreach (var first in blocks.ToList())
            {
                for (var i = first - 1; i >= 0 && i >= first - 4; i--)
                {
                    if (blocks.Contains(i)) break;
                    var text = BlockText(layout.Blocks[i]);
                    if (text is null || !(TableTitles.IsTableTitle(text) || TableTitles.IsRunningHeader(text))) break;
                    blocks.Add(i);
                }
            }
            var name = doc.RequiredTableName(required.Kind);
            var page = tables[0].Provenance.Page ?? 0;
            var removed = blocks.ToList();
            places.Add(new Mutation(MutationKind.TableRemoved, $"{name} ({removed.Count} blocks from p{page})", page,
                l => { foreach (var b in removed.AsEnumerable().Reverse()) l.Blocks.RemoveAt(b); },
                f => f.RuleId.StartsWith("MS-TABLE", StringComparison.Ordinal) && Unquoted(f.Message).Contains(Unquoted(name), StringComparison.Ordinal),
                f => false));
        }
        return places;
    }

    /// <summary>
    /// The layout tables that make up a recognised table: those holding its figures (a table split over pages is several),
    /// else — an empty table — the first on its page whose title or caption is the table's title.
    /// </summary>
    internal static IEnumerable<int> TableBlocks(Layout layout, BudgetTable t)
    {
        var found = new HashSet<int>();
        foreach (var cell in t.Rows.SelectMany(r => r.Cells.Values))
            foreach (var (block, _) in CellsAt(layout, cell))
                found.Add(block);
        if (found.Count > 0) return found;
        var title = ChineseText.Compact(t.Title);
        for (var i = 0; i < layout.Blocks.Count; i++)
        {
            if (layout.Blocks[i] is not LayoutTable table || table.Page != t.Provenance.Page) continue;
            var own = ChineseText.Compact(string.Concat(table.Caption) + (table.Title ?? "") + (i > 0 ? BlockText(layout.Blocks[i - 1]) ?? "" : ""));
            if (own.Contains(title, StringComparison.Ordinal)) return [i];
        }
        return found;
    }

    // ---- e. a required narrative section removed ----

    private static List<Mutation> SectionsRemoved(Layout layout, Disclosure doc)
    {
        var headings = doc.Sections.Select(s => HeadingBlock(layout, s)).OfType<int>().ToHashSet();
        var places = new List<Mutation>();
        foreach (var kind in doc.Sections.Select(s => s.Kind).Distinct())
        {
            if (!doc.RequiresSection(kind)) continue;
            var removed = new SortedSet<int>();
            foreach (var s in doc.Sections.Where(s => s.Kind == kind))
            {
                // A heading printed straight above a table is that table's title too: removing it would remove the table.
                if (HeadingBlock(layout, s) is not { } start || start + 1 < layout.Blocks.Count && layout.Blocks[start + 1] is LayoutTable)
                { removed.Clear(); break; }
                removed.Add(start);
                for (var i = start + 1; i < layout.Blocks.Count && !headings.Contains(i); i++)
                {
                    // The section ends at the next heading, or at a table (its title lines stay: the table is not removed).
                    if (layout.Blocks[i] is LayoutTable) break;
                    if (i + 1 < layout.Blocks.Count && layout.Blocks[i + 1] is LayoutTable) break;
                    if (BlockText(layout.Blocks[i]) is { } text && TableTitles.IsTableTitle(text)) break;
                    removed.Add(i);
                }
            }
            if (removed.Count == 0) continue;
            var name = doc.RequiredSectionName(kind);
            var page = layout.Blocks[removed.Min].Page;
            var blocks = removed.ToList();
            places.Add(new Mutation(MutationKind.SectionRemoved, $"{name} ({blocks.Count} blocks from p{page})", page,
                l => { foreach (var b in blocks.AsEnumerable().Reverse()) l.Blocks.RemoveAt(b); },
                f => f.RuleId.StartsWith("MS-SECTION", StringComparison.Ordinal) && Unquoted(f.Message).Contains(Unquoted(name), StringComparison.Ordinal),
                f => false));
        }
        return places;
    }

    internal static int? HeadingBlock(Layout layout, NarrativeSection s)
    {
        var title = ChineseText.Compact(s.Title);
        for (var i = 0; i < layout.Blocks.Count; i++)
            if (layout.Blocks[i] is Paragraph p && p.Page == s.Provenance.Page && (s.Provenance.Line is not { } line || line == 0 || p.Line == line)
                && ChineseText.Compact(p.Text).Contains(title, StringComparison.Ordinal))
                return i;
        return null;
    }

    // ---- f. the year on a narrative line ----

    private static List<Mutation> YearSlips(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        if (doc.Year is not { } year) return places;
        var narrativePages = doc.Statements.Select(s => s.Page).Concat(doc.Sections.Select(s => s.Provenance.Page)).OfType<int>().ToHashSet();
        var (right, wrong) = ($"{year}年", $"{year - 10}年");
        for (var i = 0; i < layout.Blocks.Count; i++)
        {
            if (layout.Blocks[i] is not Paragraph p || !narrativePages.Contains(p.Page) || p.Text.Length < 15) continue;
            var at = p.Text.IndexOf(right, StringComparison.Ordinal);
            if (at < 0 || !DatesTheLine(p.Text[..at], doc)) continue;
            var (block, text, page) = (i, p.Text[..at] + wrong + p.Text[(at + right.Length)..], p.Page);
            places.Add(new Mutation(MutationKind.YearSlip, $"“{Around(p.Text, at)}” p{page}", page, l => ReplaceParagraph(l, block, text),
                f => f.RuleId.Contains("YEAR", StringComparison.Ordinal) && PointsAt(f, page),
                f => false));
        }
        return places;
    }

    /// <summary>
    /// The year opens the line or a sentence (after a stop, a list number or the department's name): it dates what the
    /// line states. A year inside a clause (“主要原因是2025年新增…”, “单位2024年新成立”, a policy's “…号 2024年…”) may
    /// be any year, and changing it is no defect a reader could see, so it is not a place for this kind.
    /// </summary>
    private static bool DatesTheLine(string before, Disclosure doc)
    {
        var t = before.Trim();
        if (t.Length == 0 || LineNumbering().IsMatch(t) || t[^1] is '。' or '；' or ';' or '：' or ':') return true;
        var core = Mention.CoreOf(doc.Department);
        return core.Length >= 4 && t.Contains(core, StringComparison.Ordinal) && t.Length <= (doc.Department?.Length ?? 0) + 4;
    }

    [GeneratedRegex(@"^[\d一二三四五六七八九十（）()、.．\s]+$")]
    private static partial Regex LineNumbering();

    // ---- g. a change's direction word flipped ----

    private static readonly (string Word, string Opposite)[] Directions =
        [("增加", "减少"), ("减少", "增加"), ("增长", "下降"), ("下降", "增长"), ("上升", "下降"), ("降低", "增加")];

    private static List<Mutation> DirectionFlips(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        // Only a statement whose own figures say which way the change went: both years' amounts, or the amount, the change
        // and its rate (the rate of the change on the other side of the amount differs).
        foreach (var s in doc.Statements.Where(s => s.Stated is not null && s.Direction != ChangeDirection.None
                                                    && (s.PreviousStated is not null || s.ChangeStated is { Value: > 0m } && s.ChangePercentStated is { Value: > 0m })))
        {
            if (s.Page is not { } page) continue;
            var (word, opposite) = Directions.Select(d => (d, At: s.Text.IndexOf(d.Word, StringComparison.Ordinal)))
                .Where(x => x.At >= 0).OrderBy(x => x.At).Select(x => x.d).FirstOrDefault();
            if (word is null) continue;
            var at = s.Text.IndexOf(word, StringComparison.Ordinal);
            // The word with what follows it, as long as one line of the page holds it once.
            foreach (var length in new[] { 10, 6, 4 })
            {
                var snippet = s.Text.Substring(at, Math.Min(length, s.Text.Length - at));
                var lines = Enumerable.Range(0, layout.Blocks.Count)
                    .Where(i => layout.Blocks[i] is Paragraph p && p.Page == page && p.Text.Contains(snippet, StringComparison.Ordinal)).ToList();
                if (lines.Count != 1) continue;
                var block = lines[0];
                var text = ((Paragraph)layout.Blocks[block]).Text;
                var where = text.IndexOf(snippet, StringComparison.Ordinal);
                // The amount's word and the rate's after it (“增加2.55万元，增长1.40%”), up to the end of the clause.
                var end = text.IndexOfAny(['。', '；', ';'], where) is var e and >= 0 ? e : text.Length;
                var flipped = text[..where] + Flip(text[where..end]) + text[end..];
                places.Add(new Mutation(MutationKind.DirectionFlip, $"{s.Subject} {word}→{opposite} p{page}", page,
                    l => ReplaceParagraph(l, block, flipped),
                    f => (f.RuleId.StartsWith("NA-", StringComparison.Ordinal) || f.RuleId.StartsWith("IC-CHANGE", StringComparison.Ordinal)) && PointsAt(f, page),
                    f => PointsAt(f, page)));
                break;
            }
        }
        return places;
    }

    private static string Flip(string clause)
    {
        var flipped = new System.Text.StringBuilder();
        for (var i = 0; i < clause.Length; i++)
        {
            var hit = Directions.FirstOrDefault(d => string.CompareOrdinal(clause, i, d.Word, 0, d.Word.Length) == 0);
            if (hit.Word is null) { flipped.Append(clause[i]); continue; }
            flipped.Append(hit.Opposite);
            i += hit.Word.Length - 1;
        }
        return flipped.ToString();
    }

    // ---- h. a 功能分类 item's name replaced by another item's ----

    private static List<Mutation> ItemNames(Layout layout, Disclosure doc)
    {
        var places = new List<Mutation>();
        foreach (var m in doc.ClassificationMentions.Where(m => m.Row is not null && m.Table is not null && m.Names.Count > 0 && !m.HasWrongName && !m.HasOldName))
        {
            if (m.Page is not { } page) continue;
            var stated = m.Names[^1];
            var codeLength = stated.Level switch { 1 => 3, 2 => 5, _ => 7 };
            // Another item of the same level in the same table, its name not already in the text.
            var other = m.Table!.Rows.Where(r => r.Code is { } c && c.Length == codeLength && r.Name != stated.Name
                                                 && !m.Text.Contains(r.Name, StringComparison.Ordinal) && r.Name.Length >= 4)
                // A sibling first (the likeliest slip), by the longest code prefix shared with the matched row.
                .OrderByDescending(r => CommonPrefix(r.Code!, m.Row!.Code ?? ""))
                .FirstOrDefault();
            if (other is null) continue;
            var block = Enumerable.Range(0, layout.Blocks.Count)
                .FirstOrDefault(i => layout.Blocks[i] is Paragraph p && p.Page == page && p.Text.Contains(stated.Name + "（", StringComparison.Ordinal), -1);
            if (block < 0) continue;
            var text = ((Paragraph)layout.Blocks[block]).Text;
            var where = text.IndexOf(stated.Name + "（", StringComparison.Ordinal);
            var replaced = text[..where] + other.Name + text[(where + stated.Name.Length)..];
            places.Add(new Mutation(MutationKind.ItemName, $"{stated} → {other.Name} p{page}", page, l => ReplaceParagraph(l, block, replaced),
                // Matched by its names' path, the text now explains the other item with this one's amount: NT-ITEM-AMOUNT says so.
                f => f.RuleId.StartsWith("NT-ITEM", StringComparison.Ordinal) && (PointsAt(f, page) || f.Message.Contains(other.Name, StringComparison.Ordinal)),
                f => PointsAt(f, page)));
        }
        return places;
    }

    // ---- editing a layout ----

    /// <summary>A finding whose evidence is on the page (or that names no place: a document-level finding).</summary>
    private static bool PointsAt(Finding f, int page) => f.Evidence.Count == 0 || f.Evidence.Any(e => e.Page == page);

    private static decimal WanFactor(string unit) => unit switch { "元" => 10000m, "亿元" => 0.0001m, _ => 1m };

    /// <summary>The layout cells a recognised cell was read from: same page, line, box and figure.</summary>
    internal static IEnumerable<(int Block, int Cell)> CellsAt(Layout layout, AmountCell cell)
    {
        var p = cell.Provenance;
        if (Number(cell.Text) is not { } want) yield break;
        for (var b = 0; b < layout.Blocks.Count; b++)
        {
            if (layout.Blocks[b] is not LayoutTable t) continue;
            for (var c = 0; c < t.Cells.Count; c++)
            {
                var x = t.Cells[c];
                if (x.Page == p.Page && x.Line == (p.Line ?? 0) && x.Box == p.Box && Number(x.Text) == want) yield return (b, c);
            }
        }
    }

    /// <summary>Applies the figure of one recognised cell raised by <paramref name="delta"/> (in the printed unit); null when
    /// the layout cell cannot be told apart (the same figure twice on one text line).</summary>
    private static Action<Layout>? ShiftCell(Layout layout, AmountCell cell, decimal delta)
    {
        var hits = CellsAt(layout, cell).ToList();
        if (hits.Count != 1) return null;
        var (block, index) = hits[0];
        var text = Shift(((LayoutTable)layout.Blocks[block]).Cells[index].Text, delta);
        return l =>
        {
            var table = (LayoutTable)l.Blocks[block];
            var c = table.Cells[index];
            table.Cells[index] = new LayoutCell
            {
                Row = c.Row, Column = c.Column, RowSpan = c.RowSpan, ColumnSpan = c.ColumnSpan, Text = text, Page = c.Page, Line = c.Line,
                Box = c.Box, Confidence = c.Confidence, Kind = c.Kind,
            };
        };
    }

    internal static void ReplaceParagraph(Layout layout, int block, string text)
    {
        var p = (Paragraph)layout.Blocks[block];
        layout.Blocks[block] = new Paragraph { Text = text, Page = p.Page, Line = p.Line, Box = p.Box, Confidence = p.Confidence };
    }

    internal static decimal? Number(string text)
    {
        var t = text.Replace(",", "").Replace("，", "").Trim();
        return t.Length > 0 && decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    /// <summary>The printed figure raised by <paramref name="delta"/>, printed alike (decimals, thousands separators).</summary>
    internal static string Shift(string printed, decimal delta)
    {
        var t = printed.Trim();
        var value = Number(t)!.Value + delta;
        var decimals = t.IndexOf('.') is var dot and >= 0 ? t.Length - dot - 1 : 0;
        return value.ToString((t.Contains(',') ? "N" : "F") + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>The first figure of the page's lines that is <paramref name="value"/> 万元 as printed, and its line raised by 12.34 万元.</summary>
    private static (int Block, string Replaced)? FindAmountInText(Layout layout, int page, int line, decimal value, string label)
    {
        // “三公经费” is printed “三公”经费.
        var labels = new[] { label, label.Replace("三公", "“三公”", StringComparison.Ordinal) };
        // The figure where its own words precede it on the line (“支出合计2940.05万元”), else the first of that value.
        return Find(true) ?? Find(false);
        (int, string)? Find(bool named)
        {
        for (var i = 0; i < layout.Blocks.Count; i++)
        {
            // A text input's figure knows its line; a PDF's only its page.
            if (layout.Blocks[i] is not Paragraph p || p.Page != page || line > 0 && p.Line != line) continue;
            // A figure at the line's end has its unit at the start of the next (“…总计307.82” / “万元。…”).
            var next = i + 1 < layout.Blocks.Count && layout.Blocks[i + 1] is Paragraph following ? following.Text.TrimStart() : "";
            foreach (Match m in PrintedAmount().Matches(p.Text))
            {
                if (named && !labels.Any(l => p.Text.LastIndexOf(l, m.Index, StringComparison.Ordinal) is var w && w >= 0 && m.Index - w - l.Length <= 8)) continue;
                var unit = m.Groups["unit"].Value.Length > 0 ? m.Groups["unit"].Value : next.StartsWith("万元", StringComparison.Ordinal) ? "万元" : next.StartsWith('元') ? "元" : "";
                if (unit.Length == 0) continue;
                var factor = unit switch { "万元" => 1m, "亿元" => 0.0001m, _ => 10000m };
                if (Number(m.Groups["n"].Value) is not { } n || Math.Abs(n / factor - value) > 0.005m) continue;
                var g = m.Groups["n"];
                return (i, p.Text[..g.Index] + Shift(g.Value, Delta * factor) + p.Text[(g.Index + g.Length)..]);
            }
        }
        return null;
        }
    }

    private static string Unquoted(string text) => new(text.Where(c => c is not ('“' or '”' or '‘' or '’' or '"' or '\'')).ToArray());

    private static int CommonPrefix(string a, string b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[n] == b[n]) n++;
        return n;
    }

    private static string Around(string text, int at) => text.Substring(Math.Max(0, at - 6), Math.Min(text.Length - Math.Max(0, at - 6), 18));

    internal static string? BlockText(LayoutBlock block) => block switch
    {
        Paragraph p => p.Text,
        LayoutTable { RowCount: <= 2 } t => string.Concat(t.Cells.Select(c => c.Text)),
        _ => null,
    };

    [GeneratedRegex(@"(?<![\d.,])(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(?<unit>万元|亿元|元|$)")]
    internal static partial Regex PrintedAmount();
}
