using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Reads the narrative's lists of what 人员经费 and 公用经费 are spent on (“人员经费…万元，主要包括：基本工资、津贴补贴…”)
/// and matches each listed name with its 经济分类 row of the 基本支出表. Only what is certain is kept: a list whose
/// names mostly match no row is some other sentence, and a table whose 款 rows do not add up to their 类 was not read
/// well enough to say a class is empty.
/// </summary>
internal static partial class EconomicClassListReader
{
    private const decimal Tolerance = 0.011m;

    public static void Read(RunningText text, Disclosure doc)
    {
        var table = doc.Table(TableKind.GeneralBudgetBasicExpenditure);
        if (table is null || !table.CodeRows.Any(r => r.Level == 2)) return;
        var t = text.Text;
        foreach (Match m in ListPattern().Matches(t))
        {
            var group = m.Groups["group"].Value;
            var codes = group == "人员经费" ? PersonnelClasses : null;
            bool InGroup(BudgetRow r) => r.Code is { Length: >= 3 } c && (codes?.Contains(c[..3]) ?? !PersonnelClasses.Contains(c[..3]));
            var rows = table.CodeRows.Where(r => r.Level is 1 or 2 && InGroup(r)).ToList();
            if (!rows.Any(r => r.Level == 2) || !ChildrenAddUp(table, rows)) continue;

            var names = m.Groups["list"].Value.Split(['、', '，', ','], StringSplitOptions.RemoveEmptyEntries)
                .Select(Clean).Where(n => n.Length >= 2).SelectMany(n => SplitJoined(n, rows)).ToList();
            var matched = names.Select(n => (Name: n, Row: rows.FirstOrDefault(r => Key(r.Name) == Key(n)))).ToList();
            if (names.Count < 3 || matched.Count(x => x.Row is not null) * 5 < names.Count * 3) continue;

            var list = new EconomicClassList
            {
                Group = group, Table = table,
                Text = text.Quote(m.Index, m.Length, 0), Provenance = text.ProvenanceAt(m.Index),
            };
            list.Names.AddRange(names);
            foreach (var (_, row) in matched)
                if (row is not null && row.Amount(ColumnKeys.合计) == 0m && !list.EmptyRows.Contains(row)) list.EmptyRows.Add(row);
            var named = matched.Where(x => x.Row is not null).Select(x => x.Row!).ToHashSet();
            // A listed 类 names all its 款.
            list.UnnamedRows.AddRange(rows.Where(r => r.Level == 2 && r.Amount(ColumnKeys.合计) != 0m && !named.Contains(r)
                && !named.Any(n => n.Level == 1 && r.Code!.StartsWith(n.Code!, StringComparison.Ordinal))));
            doc.EconomicClassLists.Add(list);
        }
    }

    /// <summary>人员经费 is 301 工资福利支出 and 303 对个人和家庭的补助; 公用经费 the other classes.</summary>
    private static readonly HashSet<string> PersonnelClasses = ["301", "303"];

    /// <summary>Every 类 with 款 rows equals their sum: the table's amounts were read in the right rows.</summary>
    private static bool ChildrenAddUp(BudgetTable table, List<BudgetRow> rows)
    {
        foreach (var parent in rows.Where(r => r.Level == 1))
        {
            var children = rows.Where(r => r.Level == 2 && r.Code!.StartsWith(parent.Code!, StringComparison.Ordinal)).ToList();
            if (children.Count == 0) continue;
            if (Math.Abs(children.Sum(c => c.Amount(ColumnKeys.合计)) - parent.Amount(ColumnKeys.合计)) > Tolerance * children.Count) return false;
        }
        return rows.Any(r => r.Level == 1) || table.CodeRows.All(r => r.Level != 1);
    }

    private static string Clean(string name)
    {
        name = name.Replace(" ", "").Trim('“', '”', '：');
        foreach (var lead in (string[])["以及", "及", "和"])
            if (name.StartsWith(lead, StringComparison.Ordinal)) name = name[lead.Length..];
        foreach (var tail in (string[])["等方面", "等支出", "等"])
            if (name.EndsWith(tail, StringComparison.Ordinal)) name = name[..^tail.Length];
        return name;
    }

    /// <summary>
    /// “办公设备购置和专用设备购置”: the last two names of a list joined by 和/及/以及. Split only where both halves are
    /// rows of the table, so a name with 和 in it (对个人和家庭的补助, 其他商品和服务支出) stays whole.
    /// </summary>
    private static IEnumerable<string> SplitJoined(string name, List<BudgetRow> rows)
    {
        bool IsRow(string n) => rows.Any(r => Key(r.Name) == Key(n));
        if (IsRow(name)) return [name];
        foreach (var joint in (string[])["以及", "及", "和"])
            for (var at = name.IndexOf(joint, StringComparison.Ordinal); at > 0; at = name.IndexOf(joint, at + 1, StringComparison.Ordinal))
                if (IsRow(name[..at]) && IsRow(name[(at + joint.Length)..])) return [name[..at], name[(at + joint.Length)..]];
        return [name];
    }

    /// <summary>A class name as compared: “其他社会保障缴费支出” in the text is the table's 其他社会保障缴费.</summary>
    private static string Key(string name)
    {
        var k = ChineseText.Compact(name);
        return k.EndsWith("支出", StringComparison.Ordinal) && k.Length > 4 ? k[..^2] : k;
    }

    /// <summary>“人员经费2152.26万元，主要包括：A、B…；” up to the end of the clause.</summary>
    [GeneratedRegex(@"(?<group>人员经费|公用经费)(?:支出)?[^。；：\n]{0,30}?(?:主要)?(?:包括|用于|包含)[：]?(?<list>[^。；\n]{4,})")]
    private static partial Regex ListPattern();
}
