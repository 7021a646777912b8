using System.Globalization;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Recognition;

/// <summary>
/// Slips of the written text a reviewer flags: doubled punctuation or words (“。。”, “的的”, “万元万元”), a change rate
/// or a share without its % (“增长 13.95。”, “占 76.23；”), an amount without its unit (“支出决算为 4.19。”), the
/// template's （部门） left on the department's name, a comparison or period year that does not fit the document's year,
/// a 预算 speaking of its own 决算 (or a 决算 of its own 预算安排); and statements whose listed parts add up to more than
/// their whole. Runs once the type and year are known.
/// </summary>
internal static partial class TextSlips
{
    public static void Read(IReadOnlyList<Paragraph> paragraphs, RunningText text, Disclosure doc)
    {
        foreach (var p in paragraphs) ReadLine(ChineseText.Normalize(p.Text), p, text, doc);
        ReadRunning(text, doc);
        ReadTemplateSuffix(paragraphs, doc);
        ReadParts(text, doc);
        ReadProcurementShares(text, doc);
    }

    private static void Add(Disclosure doc, TextIssueKind kind, string marker, string text, Provenance provenance, int? year = null) =>
        doc.TextIssues.Add(new TextIssue { Kind = kind, Marker = marker, Text = text, Provenance = provenance, Year = year });

    /// <summary>Doubles are looked for inside one printed line: a line break is where PDFs repeat a header or a word.</summary>
    private static void ReadLine(string line, Paragraph p, RunningText running, Disclosure doc)
    {
        var t = line.Replace(" ", "");
        foreach (Match m in DoubledPunctuation().Matches(t))
            Add(doc, TextIssueKind.重复标点, m.Value, Around(t, m), new Provenance(p.Page, p.Line));
        if (MayHoldDoubledWord(t))
            foreach (Match m in DoubledWord().Matches(t))
                if (m.Groups[1].Success || UsedAsWordElsewhere(m.Groups[2].Value, running.Text))
                    Add(doc, TextIssueKind.重复字词, m.Value, Around(t, m), new Provenance(p.Page, p.Line));
        // OCR reads “,” as “，” often enough: only printed text counts.
        if (p.IsPrinted)
            foreach (Match m in FullWidthThousands().Matches(t))
                Add(doc, TextIssueKind.金额全角逗号, m.Value, Around(t, m), new Provenance(p.Page, p.Line));
    }

    /// <summary>
    /// A doubled pair of characters is a slip when the pair is a word (万元万元, 支出支出), not when the repeat straddles
    /// words (上访|接访|接待 holds “访接访接”). Without a dictionary, the document itself tells: a real word such as 万元
    /// or 支出 is used again elsewhere, the straddling pair nowhere but in its repeat.
    /// </summary>
    private static bool UsedAsWordElsewhere(string pair, string text)
    {
        var count = 0;
        for (var i = text.IndexOf(pair, StringComparison.Ordinal); i >= 0; i = text.IndexOf(pair, i + pair.Length, StringComparison.Ordinal))
            if (++count > 2) return true;
        return false;
    }

    private static string Around(string t, Match m)
    {
        var from = Math.Max(0, m.Index - 16);
        var to = Math.Min(t.Length, m.Index + m.Length + 16);
        return t[from..to];
    }

    private static void ReadRunning(RunningText running, Disclosure doc)
    {
        var t = running.Text;
        foreach (Match m in RateWithoutPercent().Matches(t))
            Add(doc, TextIssueKind.缺百分号, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index));
        foreach (var m in KeywordMatches.Find(FlatThenReason(), t, "持平", before: 30, after: 180))
        {
            var reason = m.Groups["reason"].Value;
            // A reason weighing an increase against a decrease explains a 持平; one direction only explains a change.
            if (Increase().IsMatch(reason) == Decrease().IsMatch(reason)) continue;
            Add(doc, TextIssueKind.持平却说明增减, m.Groups["flat"].Value + "…" + (Increase().Match(reason).Success ? Increase().Match(reason).Value : Decrease().Match(reason).Value),
                running.Quote(m.Index, m.Length, 0), running.ProvenanceAt(m.Groups["flat"].Index));
        }
        foreach (Match m in QuoteSpan().Matches(t))
        {
            var (open, close) = (m.Value.Count(c => c == '“'), m.Value.Count(c => c == '”'));
            // Normalising turns straight quotes (“三公" or "三公") into “, so only a closing quote too many is certain;
            // OCR misreads quote marks, so only printed text is judged.
            if (close <= open || !running.ParagraphAt(m.Index).IsPrinted) continue;
            Add(doc, TextIssueKind.引号不配对, $"前引号{open}个、后引号{close}个", running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index));
        }
        // OCR can lose a unit (“万元” under a stamp or a fold): only printed text is judged.
        foreach (Match m in AmountWithoutUnit().Matches(t))
            if (running.ParagraphAt(m.Index).IsPrinted)
                Add(doc, TextIssueKind.金额缺单位, m.Value, running.Quote(m.Index, m.Length).TrimEnd('。'), running.ProvenanceAt(m.Index));
        foreach (Match m in ChangeThenFlat().Matches(t))
            Add(doc, TextIssueKind.增减与持平连写, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index));
        ReadUnclosedQuotes(running, doc);
        if (doc.Year is not { } year) return;
        var sameYear = SameYearComparison().Matches(t);
        foreach (Match m in ComparisonYear().Matches(t))
        {
            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            // The comparison is with the year before; a year after the document's is another slip, also flagged.
            if (y != year - 1 && y != year)
                Add(doc, TextIssueKind.比较年度, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index), y);
            // The document's own year is a base only as its budget (“与2022年年初预算相比” in a 2022 决算). Its 决算
            // (“与2022年决算数持平” in a 2022 决算, or in a 2022 预算 that has none yet) is the slip of the year before,
            // unless TH-SAME-YEAR-COMPARISON already quotes it.
            else if (y == year && OwnFinalAfter().IsMatch(t, m.Index + m.Length)
                     && !sameYear.Any(s => s.Index < m.Index + m.Length && s.Index + s.Length > m.Index))
                Add(doc, TextIssueKind.比较年度, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index), y);
        }
        // “2026年度预算1,687.92万元，2024年度预算1,676.41万元”: the document year's figure beside the same words for
        // another year is its comparison, which must be the year before.
        foreach (Match m in YearPair().Matches(t))
        {
            var (first, y) = (int.Parse(m.Groups["y0"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture));
            if (first == year && y != year - 1 && y != year)
                Add(doc, TextIssueKind.比较年度, m.Groups["second"].Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Groups["second"].Index), y);
        }
        ReadOwnYear(running, doc, year);
        // “2025年预算安排8.61万元，比2025年预算执行数增加21.10%”: a year's figure compared with that same year.
        foreach (Match m in sameYear)
            Add(doc, TextIssueKind.同年比较, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index),
                int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture));
        if (doc.IsFinalAccount)
        {
            foreach (Match m in Period().Matches(t))
            {
                var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
                if (y != year) Add(doc, TextIssueKind.期间年度, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index), y);
            }
            foreach (Match m in OwnBudgetWording().Matches(t))
                if (m.Groups["y"].Value == year.ToString(CultureInfo.InvariantCulture))
                    Add(doc, TextIssueKind.预决算用语, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index), year);
        }
        // A type assumed for want of any title (a pasted paragraph, “2016年决算数与2015年决算数对比情况”) says nothing
        // of what the text should speak of.
        else if (doc.Type is DocumentType.DepartmentBudget or DocumentType.UnitBudget && !doc.TypeAssumed)
        {
            foreach (Match m in OwnFinalWording().Matches(t))
                // “与2025年决算相比” is a comparison with the wrong year, reported as such above.
                if (m.Groups["y"].Value == year.ToString(CultureInfo.InvariantCulture) && !(m.Index > 0 && "比较与同".Contains(t[m.Index - 1])))
                    Add(doc, TextIssueKind.预决算用语, m.Value, running.Quote(m.Index, m.Length), running.ProvenanceAt(m.Index), year);
        }
    }

    /// <summary>
    /// A sentence that opens with a year and goes on to state the document's own figures — “2015年，本部门收入预算
    /// 37,151.47万元”, “2015年部门预算安排购置车辆0辆”, “××局2014年度无政府性基金预算收入” — in a document of another year:
    /// the year is a slip. Its subject must be the document itself (none, 本部门/我单位…, or the department's name), the
    /// sentence must state an amount (or say 无), and the year must be neither the document's nor the one before or after
    /// it (a 预算 recalls last year's execution, a 决算 next year's plans). A year inside a sentence (比2014年, 自2015年起)
    /// is not its subject, and a sentence of history (“2015年，经批准成立”) states no figure of the document.
    /// </summary>
    private static void ReadOwnYear(RunningText running, Disclosure doc, int year)
    {
        var t = running.Text;
        foreach (Match m in OwnYearSentence().Matches(t))
        {
            var y = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            if (Math.Abs(y - year) <= 1) continue;
            if (m.Groups["what"].Value != "无" && !StatedFigure().IsMatch(m.Groups["what"].Value + m.Groups["rest"].Value)
                && !ComparesWithYearBefore(t, m, year)) continue;
            var subject = m.Groups["subject"].Value;
            if (subject.Length > 0 && !IsOwnSubject(subject, doc)) continue;
            // The sentence starts at the year, or at the department's name printed just before it.
            var start = m.Index;
            if (NameBefore(t, start, doc) is { } name) start -= name.Length;
            if (!SentenceStartsAt(running, start)) continue;
            Add(doc, TextIssueKind.本年年度, m.Groups["y"].Value + "年", running.Quote(start, m.Length + m.Index - start), running.ProvenanceAt(m.Index), y);
        }
    }

    /// <summary>
    /// The sentence sets its figure against the document's year before (“…支出决算数与2023年度持平”, “…比上年减少”)
    /// without printing it: it still states the document's own figure, as only this year's is compared with last year's.
    /// </summary>
    private static bool ComparesWithYearBefore(string t, Match m, int year)
    {
        var rest = m.Groups["rest"].Value;
        if (ChangeAgainstLastYear().IsMatch(rest)) return true;
        var after = m.Index + m.Length;
        var before = (year - 1).ToString(CultureInfo.InvariantCulture) + "年";
        return ComparisonWordAtEnd().IsMatch(rest) && string.CompareOrdinal(t, after, before, 0, before.Length) == 0;
    }

    /// <summary>None of a name's words but 本部门/我单位…, or the department's name, possibly going on (“××办公室下属1家
    ///机关和1家事业单位财政拨款的”); only a subject that opens with the name may hold figures.</summary>
    private static bool IsOwnSubject(string subject, Disclosure doc)
    {
        if (OwnSubject().IsMatch(subject)) return true;
        var words = !subject.Any(char.IsAsciiDigit);
        foreach (var name in DepartmentNames(doc))
        {
            if (words && subject.Length >= 4 && name.Contains(subject, StringComparison.Ordinal)) return true;
            if (Mention.CoreOf(name) is { Length: >= 4 } core
                && (subject.StartsWith(core, StringComparison.Ordinal) || words && subject.Contains(core, StringComparison.Ordinal)))
                return true;
        }
        return false;
    }

    private static IEnumerable<string> DepartmentNames(Disclosure doc) =>
        doc.DepartmentMentions.Select(m => m.Text).Append(doc.Department ?? "").Where(n => n.Length > 0).Distinct();

    /// <summary>The end of the department's name (four characters or more of it) right before <paramref name="at"/>, or null.</summary>
    private static string? NameBefore(string t, int at, Disclosure doc)
    {
        foreach (var name in DepartmentNames(doc))
            for (var take = name.Length; take >= 4; take--)
                if (at >= take && string.CompareOrdinal(t, at - take, name, name.Length - take, take) == 0)
                    return name[^take..];
        return null;
    }

    /// <summary>A sentence starts here: at the text's start, after a stop, or at the start of a printed line that does not
    /// continue a comparison or a range from the line before (“比” / “2024年…”).</summary>
    private static bool SentenceStartsAt(RunningText running, int at)
    {
        var t = running.Text;
        if (at == 0 || t[at - 1] is '。' or '；' or ';' or '！' or '？' or '\n' or '：' or ':') return true;
        return !ReferenceBefore().IsMatch(t[Math.Max(0, at - 2)..at]) && running.ParagraphAt(at) != running.ParagraphAt(at - 1);
    }

    /// <summary>
    /// A run of paragraphs printed twice in a row (a page's last items repeated at the top of the next): the same
    /// lines, 40 characters or more, with no table between the copies; page numbers between them do not count.
    /// </summary>
    public static void ReadRepeatedRuns(IReadOnlyList<LayoutBlock> blocks, Disclosure doc)
    {
        var run = new List<(string Key, Paragraph Paragraph)>();
        foreach (var block in blocks)
        {
            if (block is not Paragraph p) { FindRepeats(run, doc); run.Clear(); continue; }
            var key = ChineseText.Compact(p.Text);
            if (key.Count(ChineseText.IsCjk) >= 4) run.Add((key, p));
        }
        FindRepeats(run, doc);
    }

    private static void FindRepeats(List<(string Key, Paragraph Paragraph)> run, Disclosure doc)
    {
        for (var i = 0; i < run.Count; i++)
            for (var k = 1; k <= 12 && i + 2 * k <= run.Count; k++)
            {
                var same = true;
                for (var j = 0; j < k && same; j++) same = run[i + j].Key == run[i + k + j].Key;
                if (!same || run.Skip(i).Take(k).Sum(r => r.Key.Length) < 40) continue;
                var first = run[i].Key;
                var marker = first.Length > 24 ? first[..24] + "…" : first;
                var text = string.Concat(run.Skip(i).Take(k).Select(r => r.Key));
                var copy = run[i + k].Paragraph;
                Add(doc, TextIssueKind.段落重复, marker, text.Length > 80 ? text[..80] + "…" : text, new Provenance(copy.Page, copy.Line));
                i += 2 * k - 1;
                break;
            }
    }

    /// <summary>
    /// “14.“城乡社区支出（类）…（项）3，518.85万元，主要用于…。15.“…”: an opening quote with no closing one before the
    /// next opens (or the text ends). Not on text read by OCR, which confuses “ and ”, nor on ASCII quotes.
    /// </summary>
    private static void ReadUnclosedQuotes(RunningText running, Disclosure doc)
    {
        var t = running.Text;
        for (var open = t.IndexOf('“'); open >= 0;)
        {
            var next = t.IndexOf('“', open + 1);
            var close = t.IndexOf('”', open + 1);
            // ASCII " normalises to “ at both ends, so only a “ printed as such counts.
            if ((close < 0 || next >= 0 && next < close) && running.ParagraphAt(open) is { IsPrinted: true } p && p.Text.Contains('“'))
            {
                var end = next < 0 ? t.Length : next;
                var marker = t[open..Math.Min(end, open + 40)].TrimEnd();
                Add(doc, TextIssueKind.引号未闭合, marker, running.Quote(open, marker.Length), running.ProvenanceAt(open));
                // “三公“经费, “八项规定“: a short word closed with an opening quote is one slip, not two quotes left open.
                if (next >= 0 && next - open <= 12)
                {
                    open = t.IndexOf('“', next + 1);
                    continue;
                }
            }
            open = next;
        }
    }

    /// <summary>“上海市普陀区人民政府万里街道办事处（部门）”: the template's （部门）/（单位） after a body's name. Once per name.</summary>
    private static void ReadTemplateSuffix(IReadOnlyList<Paragraph> paragraphs, Disclosure doc)
    {
        var seen = new HashSet<string>();
        // Line by line: joined lines would run a caption (单位：万元) into the name.
        foreach (var p in paragraphs)
        {
            var t = ChineseText.Compact(p.Text);
            // The pattern ends in the bracketed word; looking for it first spares a lazy scan of every line.
            if (!t.Contains("（部门）", StringComparison.Ordinal) && !t.Contains("（单位）", StringComparison.Ordinal)) continue;
            foreach (Match m in NameWithTemplateSuffix().Matches(t))
            {
                var name = m.Groups["name"].Value;
                if (GenericName().IsMatch(name)) continue;
                // The match may start with the words before the name (“2025年…”): the department's own name where it
                // is inside, else the name less a leading function character.
                if (doc.Department is { Length: >= 4 } own && name.IndexOf(own, StringComparison.Ordinal) is var at and > 0) name = name[at..];
                else name = name.TrimStart('年', '元', '月', '日', '的', '在', '由', '为', '是', '对', '及', '与');
                var marker = name + m.Value[m.Groups["name"].Length..];
                // The same name met again: its last characters are the key.
                if (!seen.Add(marker[^Math.Min(marker.Length, 10)..])) continue;
                Add(doc, TextIssueKind.名称模板后缀, marker, t.Length <= 60 ? t : marker, new Provenance(p.Page, p.Line));
            }
        }
    }

    /// <summary>“X为N单位，其中A为a单位、B为b单位” and “X为N单位（其中A a单位，B b单位）”: parts of one whole.</summary>
    private static void ReadParts(RunningText running, Disclosure doc)
    {
        var t = running.Text;
        foreach (var m in KeywordMatches.Find(WholeThenParts(), t, "其中", before: 80, after: 1))
        {
            var unit = m.Groups["unit"].Value;
            // Money breakdowns are narrative statements, checked by NA-PARTS-SUM and NA-PART-EXCEEDS; reading them here
            // too would report one slip twice.
            if (unit.EndsWith('元')) continue;
            var total = NarrativeReader.ParseNumber(m.Groups["num"].Value);
            var start = m.Index + m.Length;
            var bracketed = m.Groups["open"].Success;
            var end = bracketed ? t.IndexOf('）', start) : t.IndexOfAny(['。', '；', '\n'], start);
            if (end < 0) end = Math.Min(t.Length, start + 200);
            // A second 其中 starts another breakdown.
            if (t.IndexOf("其中", start, end - start, StringComparison.Ordinal) is var next and >= 0) end = next;
            var body = OutsideBrackets(t[start..end]);
            var name = m.Groups["name"].Value;
            // 机关运行经费 and its parts are UT-OPERATING-PARTS' matter.
            if (name.Contains("运行经费")) continue;
            var parts = new List<StatedPart>();
            var decimals = ChineseText.Decimals(m.Groups["num"].Value);
            foreach (Match part in Part().Matches(body))
            {
                if (part.Groups["unit"].Value != unit) continue;
                // Parts are listed with stops between them; figures run together are a table's cells, not a list.
                if (part.Index > 0 && !"、，,；;：: ".Contains(body[part.Index - 1])) continue;
                // “比上年增加3,355.65万元” is a change, not a part.
                if (ChangeWord().IsMatch(part.Groups["name"].Value)) continue;
                parts.Add(new StatedPart(part.Groups["name"].Value, NarrativeReader.ParseNumber(part.Groups["num"].Value)));
                decimals = Math.Max(decimals, ChineseText.Decimals(part.Groups["num"].Value));
            }
            if (parts.Count == 0) continue;
            var statement = new PartsStatement
            {
                Name = name, Total = total, Unit = unit,
                Text = running.Quote(m.Index, end - m.Index + (bracketed && end < t.Length && t[end] == '）' ? 1 : 0), 0), Provenance = running.ProvenanceAt(m.Index),
                // Half a unit of the last printed decimal for each figure.
                Allowance = 0.5m / (decimal)Math.Pow(10, decimals) * (parts.Count + 1),
            };
            statement.Parts.AddRange(parts);
            doc.PartsStatements.Add(statement);
        }
    }

    /// <summary>
    /// Amounts won by small and medium suppliers in the projects reserved for them and in the other projects are two
    /// shares of the year's procurement: together they cannot exceed it (the same sum counted in both).
    /// </summary>
    private static void ReadProcurementShares(RunningText running, Disclosure doc)
    {
        var t = running.Text;
        var total = ProcurementTotal().Match(t);
        if (!total.Success) return;
        var reserved = ReservedWon().Match(t, total.Index);
        var other = OtherWon().Match(t, total.Index);
        if (!reserved.Success || !other.Success) return;
        var statement = new PartsStatement
        {
            Name = "政府采购金额", Total = NarrativeReader.ParseNumber(total.Groups["num"].Value), Unit = "万元",
            Text = running.Quote(other.Index, other.Length, 0), Provenance = running.ProvenanceAt(other.Index), Allowance = 0.015m,
        };
        statement.Parts.Add(new StatedPart("面向中小企业预留项目中由中小企业成交", NarrativeReader.ParseNumber(reserved.Groups["num"].Value)));
        statement.Parts.Add(new StatedPart("其他政府采购项目中由中小企业成交", NarrativeReader.ParseNumber(other.Groups["num"].Value)));
        doc.PartsStatements.Add(statement);
    }


    private static string OutsideBrackets(string s)
    {
        var sb = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var c in s)
        {
            if (c == '（') depth++;
            else if (c == '）') depth = Math.Max(0, depth - 1);
            else if (depth == 0) sb.Append(c);
        }
        return sb.ToString();
    }

    private const string Num = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    private const string Unit = @"平方米|万元|辆|台（套）|台|套|个|人|名";

    /// <summary>Two of the same stop, not three (a run of dots is a leader line, not a slip).</summary>
    [GeneratedRegex(@"(?<![。，、；：])([。，、；：])\1(?![。，、；：])")]
    private static partial Regex DoubledPunctuation();

    /// <summary>
    /// False when <see cref="DoubledWord"/> cannot match: no function word right after itself and no two CJK
    /// characters right after themselves. Nearly every line, checked without trying the back-references at each place.
    /// </summary>
    private static bool MayHoldDoubledWord(string t)
    {
        for (var i = 0; i + 1 < t.Length; i++)
        {
            var c = t[i];
            if (c == t[i + 1] && "的了和及与在对将把被于并".Contains(c)) return true;
            if (i + 3 < t.Length && c == t[i + 2] && t[i + 1] == t[i + 3] && ChineseText.IsCjk(c) && ChineseText.IsCjk(t[i + 1])) return true;
        }
        return false;
    }

    /// <summary>A function word or a two-character word written twice: 的的, 和和, 万元万元, 支出支出.</summary>
    [GeneratedRegex(@"([的了和及与在对将把被于并])\1|([\u4E00-\u9FFF]{2})\2")]
    private static partial Regex DoubledWord();

    /// <summary>“3，518.85万元”: an amount whose thousands separator is the full-width “，”, read as two figures.</summary>
    [GeneratedRegex(@"(?<![\d.,，])\d{1,3}(?:，\d{3})+(?:\.\d+)?(?=(?:亿元|万元|元))")]
    private static partial Regex FullWidthThousands();

    /// <summary>
    /// “增长 13.95。”, “占 76.23；”: a rate or share word and a figure with decimals, then a stop: the % (or the unit) is
    /// missing. A share may name its whole first (“占本年支出合计的 99.48”); “占地” and the like are not shares.
    /// </summary>
    [GeneratedRegex(@"(?:增长|下降|上升|降低|提高|占比?(?:[^\d，。；;,%、]{0,12}?的)?)\s*\d+\.\d+(?=\s*[。；;，,]|$)")]
    private static partial Regex RateWithoutPercent();

    /// <summary>
    /// “支出决算为 4.19。”: a budget or spending figure with two decimals, then a stop, with no 万元 / 元 after it. Only
    /// after “…为”, so a rate (“增长 13.95。”, TH-MISSING-PERCENT) or a score (“得分95.55分”) is not taken for one.
    /// </summary>
    [GeneratedRegex(@"(?:预算|决算|拨款|经费|收入|支出)数?(?:为|是)\s*(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}(?=\s*[。；;，,]|$)")]
    private static partial Regex AmountWithoutUnit();

    /// <summary>“与2023年度相比，财政拨款收入支出总计持平。主要原因：…原因减少支付。” (基本持平 is left alone).</summary>
    [GeneratedRegex(@"(?<flat>[^。；\n，,]{2,30}?(?<!基本)持平)[。；]\s*(?:主要)?原因(?:是|为)?[：:]?(?<reason>[^。\n]{2,160})")]
    private static partial Regex FlatThenReason();

    /// <summary>A sentence, with the closing quote that follows its full stop (“…厉行节约。”) kept in it.</summary>
    [GeneratedRegex(@"[^。；;\n]+(?:[。；;]”)?")]
    private static partial Regex QuoteSpan();

    /// <summary>
    /// “与2025年预算增加持平”: a direction word right before 持平 (the template offered 增加/减少/持平 and two were kept;
    /// “增减持平”, increases and decreases balancing out, is a statement, not a slip); and a change with its amount followed in the same clause by 持平 with last year: “减少为 0.00 万元，与
    /// 2024 年持平” (changed to a level), “增加 5.07 万元，与上年持平” (changed by a non-zero amount). “增加0万元，与上年持平”
    /// only says 持平 twice, and a change against a 预算 beside 持平 with last year compares two bases: both stay silent.
    /// </summary>
    [GeneratedRegex(@"(?:增加|减少|增长|下降|上升|降低)持平|(?<!预算[^，。；;]{0,6})(?:增加|减少|增长|下降|上升|降低)(?:为\s*\d[\d,]*(?:\.\d+)?|\s*(?=[\d,.]*[1-9])\d[\d,]*(?:\.\d+)?)\s*万?元[，,]\s*与\s*(?:上年|上一?年度?|20\d\d\s*年度?)[^，。；;]{0,6}?持平")]
    private static partial Regex ChangeThenFlat();

    [GeneratedRegex(@"增加|增长|上升|提高|新增")]
    private static partial Regex Increase();

    [GeneratedRegex(@"减少|下降|压减|降低|减支|缩减")]
    private static partial Regex Decrease();

    [GeneratedRegex(@"(?:比|较|与|同)(?<y>20\d\d)\s*年度?")]
    private static partial Regex ComparisonYear();

    /// <summary>Right after a compared year: that year's 决算 (“决算数”, “部门决算”), not its budget.</summary>
    [GeneratedRegex(@"\G的?(?:部门|单位)?决算")]
    private static partial Regex OwnFinalAfter();

    /// <summary>Two figures in a row, each after a year and the same words (“2026年度预算X万元，2024年度预算Y万元”).</summary>
    [GeneratedRegex(@"(?<y0>20\d\d)\s*年度?(?<w>[^，,。；;\d]{0,12}?)\s*(?:为|是)?\s*(?:" + Num + @")\s*万元\s*[，,]\s*(?<second>(?<y>20\d\d)\s*年度?\k<w>)\s*(?:为|是)?\s*(?:" + Num + @")\s*万元")]
    private static partial Regex YearPair();

    /// <summary>A year's figure and, in the next clause, a comparison with that same year.</summary>
    [GeneratedRegex(@"(?<y>20\d\d)\s*年度?[^，,。；;\d]{0,12}?\s*(?:为|是)?\s*(?:" + Num + @")\s*万元\s*[，,]\s*(?:比|较)\s*\k<y>\s*年")]
    private static partial Regex SameYearComparison();

    /// <summary>A year opening a statement of the year's own figures (see ReadOwnYear); the subject is checked in code.</summary>
    [GeneratedRegex(@"(?<y>20\d\d)\s*年度?\s*[，,]?\s*(?<subject>[^，,。；;“”]{0,30}?)\s*(?<what>收入预算|支出预算|预算收入|预算支出|预算安排|预算为|决算收入|决算支出|收入决算|支出决算|财政拨款|“三公”经费|三公经费|机关(?:（机构）)?运行经费|政府采购|面向中小企业|安排|无)(?<rest>(?:(?!20\d\d\s*年)[^。；;\n]){0,100})")]
    private static partial Regex OwnYearSentence();

    [GeneratedRegex(@"^(?:我|本)?(?:部门|单位|局|委|办|中心|街道)?$")]
    private static partial Regex OwnSubject();

    [GeneratedRegex(@"\d(?:[\d,]*\d)?(?:\.\d+)?\s*(?:万元|亿元|元|辆)")]
    private static partial Regex StatedFigure();

    /// <summary>“比上年减少”, “与上年度持平”: a change against last year, named without its year.</summary>
    [GeneratedRegex(@"(?:比|较|与|同)上(?:一)?年度?(?:相比)?\s*(?:增加|减少|增长|下降|持平|基本持平|上升|降低)")]
    private static partial Regex ChangeAgainstLastYear();

    /// <summary>A comparison word ending the text before a year (“…决算数与” 2023年度).</summary>
    [GeneratedRegex(@"(?:与|比|较|同)\s*$")]
    private static partial Regex ComparisonWordAtEnd();

    /// <summary>Words after which a year is what something is compared with or counted from, not a sentence's subject.</summary>
    [GeneratedRegex(@"(?:比|较|与|同|至|到|和|及|、|自|从|—|-|~|～)$")]
    private static partial Regex ReferenceBefore();

    [GeneratedRegex(@"(?<y>20\d\d)\s*年\s*1\s*月\s*1\s*日\s*[至到—-]\s*(?:20\d\d\s*年\s*)?12\s*月\s*31\s*日")]
    private static partial Regex Period();

    /// <summary>In a 决算: its own year's 预算 presented as its subject (2024年部门预算编制说明, 2024年预算安排…万元).</summary>
    [GeneratedRegex(@"(?<y>20\d\d)年度?(?:部门|单位)?预算(?:编制说明|安排(?:的)?(?:收入|支出)?[^，。；0-9]{0,10}?(?:\d[\d,]*(?:\.\d+)?)\s*万元)")]
    private static partial Regex OwnBudgetWording();

    /// <summary>In a 预算: its own year's 决算 (2025年决算数, 2025年度部门决算).</summary>
    [GeneratedRegex(@"(?<y>20\d\d)年度?(?:部门|单位)?决算")]
    private static partial Regex OwnFinalWording();

    [GeneratedRegex(@"(?<name>[\u4E00-\u9FFF]{2,40}?(?:局|处|委员会|办公室|中心|政府|委|院|所|馆|站|队|部))（(?:部门|单位)）")]
    private static partial Regex NameWithTemplateSuffix();

    /// <summary>“各部门（单位）”, “本部门（单位）” are the template's own generic wording, not a name.</summary>
    [GeneratedRegex(@"^(?:各|本|所属|下属|相关|有关)?(?:部门|单位|预算单位)$")]
    private static partial Regex GenericName();

    [GeneratedRegex(@"(?<name>[\u4E00-\u9FFF]{2,20}?)(?:为|是|共|共计|合计|约为|约)?(?<num>" + Num + @")\s*(?<unit>" + Unit + @")(?<open>（)?[，,：:]?\s*其中[：:，,]?")]
    private static partial Regex WholeThenParts();

    [GeneratedRegex(@"(?<name>[\u4E00-\u9FFF]{2,20}?)(?:为|是|共|约为|约)?(?<num>" + Num + @")\s*(?<unit>" + Unit + ")")]
    private static partial Regex Part();

    [GeneratedRegex(@"增加|减少|增长|下降|持平|比|较|上年|同比|预留|面向")]
    private static partial Regex ChangeWord();

    [GeneratedRegex(@"政府采购(?:支出)?(?:总)?金额[^。；0-9]{0,20}?为\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex ProcurementTotal();

    [GeneratedRegex(@"面向中小企业预留的?政府采购项目中[，,]?由中小企业供应商中标或成交的[，,]?采购金额\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex ReservedWon();

    [GeneratedRegex(@"其他政府采购项目中[，,]?由中小企业供应商中标或成交的[，,]?采购金额\s*(?<num>" + Num + @")\s*万元")]
    private static partial Regex OtherWon();
}
