using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Finds the 功能分类 items the narrative explains (“社会保障和就业支出（类）行政事业单位养老支出（款）…（项）”, with or
/// without a code) and matches each with its row of the 一般公共预算支出表 (then the 政府性基金 table): by the code
/// when the text gives one; else by the names' path; else, the class agreeing, by the only 项 whose name or amount is
/// the stated one. What cannot be matched that way is left alone: a false name difference is worse than none.
/// </summary>
internal static partial class ClassificationMentionReader
{
    public static void Read(RunningText text, Disclosure doc, FunctionCatalogue catalogue)
    {
        var tables = new[] { TableKind.GeneralBudgetExpenditure, TableKind.GovernmentFundExpenditure }
            .Select(doc.Table).OfType<BudgetTable>().Where(t => t.CodeRows.Any()).ToList();
        var all = text.Text;
        var paths = ClassificationPaths.Find(all);
        var reported = new HashSet<(string, string)>();
        for (var i = 0; i < paths.Count; i++)
        {
            var m = paths[i];
            var names = NamesOf(m);
            var code = m.Groups["code"].Success ? m.Groups["code"].Value : null;
            // Without a code the path must start at its class: a path cut by a PDF's line order (“缴费支出（项）”) is no item.
            if (names is null || code is null && names[0].Level != 1) continue;
            var segmentEnd = i + 1 < paths.Count ? paths[i + 1].Index : all.Length;
            // The item runs to the next item: RunningText starts each numbered item on a new line.
            var after = all[(m.Index + m.Length)..Math.Min(segmentEnd, m.Index + m.Length + 300)];
            if (after.IndexOf('\n') is var nl and >= 0) after = after[..nl];
            var mention = new ClassificationMention
            {
                Text = Quote(all, m, after), Provenance = text.ProvenanceAt(m.Index),
                StatedCode = code, Amount = AmountOf(after, doc.IsFinalAccount), Purpose = PurposeOf(after),
                RestatedFinal = doc.IsFinalAccount && (code?.Length == 7 || names[^1].Level == 3) ? RestatedFinalOf(after) : null,
            };
            mention.Names.AddRange(names);
            foreach (var table in tables)
            {
                if (Match(mention, table, catalogue) is not { } row) continue;
                mention.Row = row;
                mention.Table = table;
                if (doc.Table(TableKind.ExpenditureSummary)?.CodeRows.FirstOrDefault(r => r.Code == row.Code) is { } summaryRow)
                    mention.ExpenditureSummaryAmount = TableAmount(summaryRow);
                Compare(mention, table, catalogue, reported, text.IsScannedAt(m.Index));
                break;
            }
            doc.ClassificationMentions.Add(mention);
        }
    }

    /// <summary>The names of a path, levels rising (类 before 款 before 项); null for anything else.</summary>
    private static List<StatedName>? NamesOf(Match m)
    {
        var names = new List<StatedName>();
        var nameCaps = m.Groups["name"].Captures;
        var levelCaps = m.Groups["level"].Captures;
        for (var k = 0; k < nameCaps.Count; k++)
        {
            var level = levelCaps[k].Value switch { "类" => 1, "款" => 2, _ => 3 };
            if (names.Count > 0 && names[^1].Level >= level) return null;
            var name = nameCaps[k].Value;
            // A name is a noun phrase: words that make it a sentence (主要用于…) mean the path was not cut cleanly.
            if (SentenceWord().IsMatch(name)) return null;
            names.Add(new StatedName(level, name));
        }
        return names.Count > 0 ? names : null;
    }

    /// <summary>The item's “主要用于…” clause up to its full stop, or "".</summary>
    private static string PurposeOf(string after)
    {
        var at = after.IndexOf("用于", StringComparison.Ordinal);
        if (at < 0) return "";
        var end = after.IndexOfAny(['。', '；'], at);
        // A PDF's text layer can put a figure of the next line first (“主要用于：10.00局财政…”).
        var clause = LeadingFigure().Replace(after[at..(end < 0 ? after.Length : end)].TrimStart('用', '于', '：', ' '), "");
        return clause.Length > 80 ? "" : clause;
    }

    private static string Quote(string all, Match m, string after)
    {
        var end = after.IndexOfAny(['。', '；', '\n']);
        var tail = end < 0 ? after : after[..end];
        var q = all.Substring(m.Index, m.Length) + (tail.Length > 40 ? tail[..40] + "…" : tail);
        return q.Trim('“', '”', ' ', '，');
    }

    /// <summary>
    /// The year's amount: a figure right after the names (“…（项）”科目43.83万元”, “（类）754.75 万元”); in a 决算 else
    /// the 决算数 the item's sentences give (支出决算为446.11万元); in a 预算 else its 预算数.
    /// </summary>
    private static decimal? AmountOf(string after, bool finalAccount)
    {
        // Names running on after the path (a PDF printed its end elsewhere): the figures that follow are not the path's.
        if (!PathEnd().IsMatch(after)) return null;
        var direct = DirectAmount().Match(after);
        if (direct.Success && !(finalAccount && direct.Groups["gap"].Value.Contains("预算"))) return NarrativeReader.ParseNumber(direct.Groups["num"].Value);
        var stated = (finalAccount ? FinalAmount() : BudgetAmount()).Match(after);
        return stated.Success ? NarrativeReader.ParseNumber(stated.Groups["num"].Value) : null;
    }

    /// <summary>
    /// The 支出决算为… figure after an amount printed right after a 项's names, within the same item, or null (no such
    /// pair). Only a 项 is explained with its own 年初预算 / 支出决算 sentences; and the item ends where the next numbered
    /// item or heading begins, even where OCR broke the next item's names and the text runs on without a line break.
    /// </summary>
    private static decimal? RestatedFinalOf(string after)
    {
        if (!PathEnd().IsMatch(after) || DirectAmount().Match(after) is not { Success: true } direct) return null;
        var from = direct.Index + direct.Length;
        var next = NextItem().Match(after, from);
        var stated = FinalAmount().Match(after[..(next.Success ? next.Index : after.Length)], from);
        return stated.Success ? NarrativeReader.ParseNumber(stated.Groups["num"].Value) : null;
    }

    /// <summary>The start of the next numbered item or heading after a stop: “。16、”, “。（三）”.</summary>
    [GeneratedRegex(@"[。；;]\s*(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）])")]
    private static partial Regex NextItem();

    internal static decimal TableAmount(BudgetRow row) => row.Cells.TryGetValue("合计", out var c) ? c.Value ?? 0m : 0m;

    private static BudgetRow? Match(ClassificationMention mention, BudgetTable table, FunctionCatalogue catalogue)
    {
        var rows = table.CodeRows.ToList();
        if (mention.StatedCode is { } code) return rows.FirstOrDefault(r => r.Code == code);
        var names = mention.Names;
        var scope = rows;
        if (names.FirstOrDefault(n => n.Level == 1) is { } cls)
        {
            var classRow = rows.Where(r => r.Level == 1).FirstOrDefault(r => NameFits(cls.Name, r, catalogue) || ClassEndsWith(cls.Name, r));
            if (classRow is null) return null;
            scope = rows.Where(r => r.Code!.StartsWith(classRow.Code!, StringComparison.Ordinal)).ToList();
            if (names.Count == 1) return classRow;
        }
        var deepest = names[^1];
        var candidates = scope.Where(r => r.Level == deepest.Level).ToList();
        // The whole path agrees with the table.
        var exact = candidates.Where(r => names.All(n => Ancestor(rows, r, n.Level) is not { } a || NameFits(n.Name, a, catalogue))).ToList();
        if (exact.Count == 1) return exact[0];
        if (exact.Count > 1) return Unique(exact.Where(r => mention.Amount is { } v && TableAmount(r) == v));
        // Only the deepest name agrees: the names above it are the ones that differ.
        var byName = candidates.Where(r => NameFits(deepest.Name, r, catalogue)).ToList();
        if (byName.Count == 1) return byName[0];
        if (byName.Count > 1) return null;
        // No name below the class agrees: the only 项 of the stated amount, under the stated 款 when that one agrees.
        if (mention.Amount is not { } amount || amount <= 0m || deepest.Level != 3) return null;
        if (names.FirstOrDefault(n => n.Level == 2) is { } section
            && candidates.Where(r => Ancestor(rows, r, 2) is { } a && NameFits(section.Name, a, catalogue)).ToList() is { Count: > 0 } under)
            candidates = under;
        return Unique(candidates.Where(r => TableAmount(r) == amount));
    }

    private static BudgetRow? Unique(IEnumerable<BudgetRow> rows)
    {
        var list = rows.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }

    private static BudgetRow? Ancestor(List<BudgetRow> rows, BudgetRow row, int level)
    {
        if (row.Level == level) return row;
        if (row.Level < level || row.Code is null) return null;
        var prefix = row.Code[..(1 + 2 * level)];
        return rows.FirstOrDefault(r => r.Code == prefix);
    }

    /// <summary>The stated name is the row's, as printed or as the catalogue names the code now or before a rename.</summary>
    private static bool NameFits(string stated, BudgetRow row, FunctionCatalogue catalogue) =>
        ClassificationNames.Fits(stated, row.Name)
        || catalogue.Find(row.Code) is { } known && (ClassificationNames.Same(stated, known.Name) || known.IsOldName(stated));

    /// <summary>“…主要用于一般公共服务支出（类）”: a class name run into the words before it.</summary>
    private static bool ClassEndsWith(string stated, BudgetRow row) =>
        ClassificationNames.Key(row.Name) is { Length: >= 4 } key && ClassificationNames.Key(stated).EndsWith(key, StringComparison.Ordinal);

    /// <param name="scanned">The text was read by OCR: a name one character off the table's (社会合作事务 for 社会工作事务) is
    /// the likelier misreading, not a misnamed item.</param>
    private static void Compare(ClassificationMention mention, BudgetTable table, FunctionCatalogue catalogue, HashSet<(string, string)> reported, bool scanned)
    {
        var rows = table.CodeRows.ToList();
        foreach (var n in mention.Names)
        {
            if (Ancestor(rows, mention.Row!, n.Level) is not { } printed) continue;
            var known = catalogue.Find(printed.Code);
            if (n.Level == 1 && ClassEndsWith(n.Name, printed)) continue;
            var fitsTable = ClassificationNames.Fits(n.Name, printed.Name) || known is not null && ClassificationNames.Same(n.Name, known.Name);
            var old = known is not null && known.IsOldName(n.Name);
            if (fitsTable && !old) continue;
            // The table printing the same old name is the table's matter, not the narrative's.
            if (old && ClassificationNames.Fits(n.Name, printed.Name)) continue;
            if (scanned && !old && OneGlyphApart(n.Name, known?.Name ?? printed.Name)) continue;
            // One finding per name and code: items 12 and 13 under the same misnamed 款 are one thing to fix.
            if (!reported.Add((printed.Code!, ClassificationNames.Key(n.Name)))) continue;
            mention.Differences.Add(new NameDifference(n.Level, printed.Code!, n.Name, printed.Name, known?.Name, old));
        }
    }

    /// <summary>Two names of four or more characters that differ in one character only, at the same place.</summary>
    private static bool OneGlyphApart(string a, string b)
    {
        var (x, y) = (ClassificationNames.Key(a), ClassificationNames.Key(b));
        return x.Length == y.Length && x.Length >= 4 && x.Zip(y).Count(p => p.First != p.Second) == 1;
    }

    private const string Num = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";

    [GeneratedRegex(@"^(?:$|[^\u4E00-\u9FFF]|主要|科目|支出|年初|全年|预算|决算|为|是)")]
    private static partial Regex PathEnd();

    [GeneratedRegex(@"用于|主要|其中|包括|以下|方面|情况|说明|^[为是的]")]
    private static partial Regex SentenceWord();

    [GeneratedRegex(@"^(?<gap>[”“]?\s*(?:科目)?(?:20\d\d年度?)?(?:支出)?(?:(?:年初)?预算数?|决算数?)?(?:为|是)?)\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex DirectAmount();

    [GeneratedRegex(@"(?<!年初|全年|调整后)(?:支出)?决算数?(?:为|是)\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex FinalAmount();

    [GeneratedRegex(@"(?<![上年初全])预算数?(?:为|是)\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex BudgetAmount();

    [GeneratedRegex(@"^[\d.,，\s]+(?:万元)?")]
    private static partial Regex LeadingFigure();
}
