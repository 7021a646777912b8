namespace AuditEngine.Model;

/// <summary>
/// The canonical budget disclosure: what recognition makes of a layout and what every rule reads.
/// Amounts are in 万元. Members here are visible to rule expressions, so they are side-effect free.
/// </summary>
public sealed class Disclosure
{
    public required string Source { get; init; }
    public string? Department { get; set; }
    public int? Year { get; set; }
    /// <summary>部门预算, 单位预算, 部门决算, 单位决算, a blank template, or not a disclosure.</summary>
    public DocumentType Type { get; set; }
    /// <summary>
    /// No title, cover or table title named 预算 or 决算: <see cref="Type"/> is the default (部门预算), assumed rather than
    /// read. A pasted paragraph of a 决算 is then no 预算 speaking of its own 决算.
    /// </summary>
    public bool TypeAssumed { get; set; }
    /// <summary>Chinese name of <see cref="Type"/> (部门预算 …), for rule messages.</summary>
    public string TypeName => Type.Chinese();
    /// <summary>A 决算: figures are 决算数 against 年初/全年预算数.</summary>
    public bool IsFinalAccount => Type.IsFinalAccount();
    /// <summary>预算 or 决算, for messages (“部门预算公开须包含…”).</summary>
    public string BudgetWord => IsFinalAccount ? "决算" : "预算";
    /// <summary>What this document's type must publish (rules/profiles); set by recognition with <see cref="Type"/>.</summary>
    public DocumentProfile Profile { get; set; } = DocumentProfile.None;
    /// <summary>The column that holds the year's own figures: 预算数, or 决算数 in a 决算.</summary>
    public string AmountColumn => Profile.AmountColumn;
    /// <summary>The profile demands this table (never of an excerpt: its other pages were not uploaded).</summary>
    public bool Requires(TableKind kind) => !IsExcerpt && Profile.Requires(kind);
    /// <summary>The profile demands this narrative section (never of an excerpt).</summary>
    public bool RequiresSection(SectionKind kind) => !IsExcerpt && Profile.RequiresSection(kind);
    /// <summary>
    /// A few printed pages of a disclosure (a photo, a 2-page scan, a few paragraphs pasted as text), not the whole: at
    /// most <see cref="ExcerptMaxPages"/> pages holding fewer than half the tables the type requires. A text without
    /// pages counts only when it starts mid-document (no title naming the department) and is that short in print. What it holds is checked;
    /// what it lacks is not reported missing, and a table it cuts off at its end is not checked as complete.
    /// </summary>
    public bool IsExcerpt { get; set; }
    /// <summary>
    /// The cover's words naming a whole government's budget or final account (“2023年政府决算”, “决算草案”), which made
    /// the document no department disclosure; "" otherwise. For MS-NOT-DISCLOSURE's wording.
    /// </summary>
    public string GovernmentTitle { get; set; } = "";
    public const int ExcerptMaxPages = 3;
    /// <summary>
    /// Characters of a printed page of a disclosure, to estimate the length in print of a text without pages: an A4 page
    /// of narrative in the official 三号 type holds about 600, of tables more.
    /// </summary>
    public const int CharactersPerPrintedPage = 1000;
    /// <summary>Pages of the uploaded file, for messages; for a text without pages, the pages it would fill in print.</summary>
    public int PageCount { get; set; }
    /// <summary><see cref="PageCount"/> is estimated from the length of a text that has no pages.</summary>
    public bool PagesEstimated { get; set; }
    /// <summary>Tables an excerpt cuts off at its last page (rows missing): kept for the reviewer, never checked.</summary>
    public List<BudgetTable> CutOffTables { get; } = [];
    /// <summary>
    /// Tables with figures read from scanned pages whose title matched no table kind (most often a title misread
    /// beyond repair). A required table “not found” in a scan may be one of them, so the rules hedge that finding.
    /// </summary>
    public List<UnclassifiedTable> UnclassifiedScanTables { get; } = [];
    /// <summary>How many <see cref="UnclassifiedScanTables"/> there are, for rule expressions.</summary>
    public int UnclassifiedScanTableCount => UnclassifiedScanTables.Count;
    /// <summary>Their pages, for messages (“第 5、9 页”).</summary>
    public string UnclassifiedScanTablePages => string.Join("、", UnclassifiedScanTables.Select(t => t.Provenance.Page).Distinct());
    /// <summary>
    /// Where the document says its tables are published apart from it: “第五部分 2021年度部门决算公开报表（见附件）”, a linked
    /// “…2023年度决算报表.xls” (湖北, 四川 pages publish the narrative and attach the tables as a spreadsheet); null when it says not.
    /// </summary>
    public Mention? TablesAttached { get; set; }
    /// <summary>
    /// The document holds no table at all and says they are in an attachment: the nine tables are to be checked there, and
    /// are not reported missing here one by one (MS-TABLES-ATTACHED says so once).
    /// </summary>
    public bool TablesPublishedApart => TablesAttached is not null && Tables.Count == 0 && CutOffTables.Count == 0 && UnclassifiedScanTables.Count == 0;
    /// <summary>The name the type's template gives a table (收入支出决算总表 in a 决算), for messages.</summary>
    public string RequiredTableName(TableKind kind) => Profile.TableName(kind);
    /// <summary>The name the type's template gives a section, for messages.</summary>
    public string RequiredSectionName(SectionKind kind) => Profile.SectionName(kind);
    /// <summary>Unit all amounts were normalised to.</summary>
    public string Unit => "万元";

    public List<BudgetTable> Tables { get; } = [];
    public List<NarrativeSection> Sections { get; } = [];
    /// <summary>
    /// The running text before the first recognised heading: an excerpt cut from mid-document, or a narrative whose
    /// headings are styled in no way we know. Where no heading names a part, this text is that part's statement.
    /// </summary>
    public string LeadText { get; set; } = "";
    public List<NarrativeFigure> Figures { get; } = [];
    public List<Project> Projects { get; } = [];
    public List<IndicatorTable> IndicatorTables { get; } = [];
    public List<ExtractionNote> ExtractionNotes { get; } = [];

    /// <summary>Every department name and year the document states, for consistency checks.</summary>
    public List<Mention> DepartmentMentions { get; } = [];
    public List<Mention> YearMentions { get; } = [];
    /// <summary>Narrative statements their own figures check (完成年初预算的X%, 决算数大于预算数, 截至…年12月31日).</summary>
    public List<NarrativeClaim> Claims { get; } = [];
    /// <summary>Every narrative sentence that states figures, read into subject, amount, comparison, change, share, parts
    /// and reason (rules/narrative-arithmetic.json checks their arithmetic).</summary>
    public List<NarrativeStatement> Statements { get; } = [];
    /// <summary>Placeholders, fill-in instructions and unresolved alternatives a template left in the text.</summary>
    public List<TemplateText> TemplateTexts { get; } = [];
    /// <summary>功能分类 items the narrative explains, matched with the 一般公共预算支出表 where that is possible.</summary>
    public List<ClassificationMention> ClassificationMentions { get; } = [];
    /// <summary>Slips of the written text: doubled punctuation or words, a rate without its %, a year or a 预算/决算 word
    /// that does not fit the document, a template suffix on the department's name.</summary>
    public List<TextIssue> TextIssues { get; } = [];
    /// <summary>“X，其中：A x、B y” statements whose parts add up to more than their whole (areas, amounts, counts).</summary>
    public List<PartsStatement> PartsStatements { get; } = [];
    /// <summary>The narrative's lists of the classes 人员经费 and 公用经费 are spent on, matched with the 基本支出表.</summary>
    public List<EconomicClassList> EconomicClassLists { get; } = [];

    /// <summary>The same department's disclosure of the year before, when the batch holds it.</summary>
    public Disclosure? PreviousYear { get; set; }

    public bool HasPreviousYear => PreviousYear is not null;

    /// <summary>The department name without its suffix (see <see cref="Mention.Core"/>).</summary>
    public string DepartmentCore => Mention.CoreOf(Department);

    public BudgetTable? Table(TableKind kind) => Tables.FirstOrDefault(t => t.Kind == kind);
    public bool HasTable(TableKind kind) => Tables.Any(t => t.Kind == kind);
    public IEnumerable<BudgetTable> TablesOf(TableKind kind) => Tables.Where(t => t.Kind == kind);

    public NarrativeSection? Section(SectionKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);
    public bool HasSection(SectionKind kind) => Sections.Any(s => s.Kind == kind);

    /// <summary>The first narrative figure with this key (see <see cref="FigureKeys"/>), or null.</summary>
    public NarrativeFigure? Figure([KnownNames(typeof(FigureKeys))] string key)
    {
        foreach (var f in Figures)
            if (f.Key == key) { EvidenceTrail.Record(f); return f; }
        return null;
    }

    public bool HasFigure([KnownNames(typeof(FigureKeys))] string key) => Figures.Any(f => f.Key == key);
    public IEnumerable<NarrativeFigure> FiguresOf([KnownNames(typeof(FigureKeys))] string key) => Figures.Where(f => f.Key == key);

    /// <summary>Value of the first figure with this key, 0 when absent (guard with <see cref="HasFigure"/>).</summary>
    public decimal FigureValue([KnownNames(typeof(FigureKeys))] string key) => Figure(key)?.Value ?? 0m;

    /// <summary>
    /// The statement that balances <paramref name="statement"/>: the first one whose subject starts with
    /// <paramref name="subjectKeyPrefix"/> (财政拨款支出 for 财政拨款收入), of the same amount and compared with the same year,
    /// with a change stated; null when none. A budget balances, so both sides changed by the same amount.
    /// </summary>
    public NarrativeStatement? BalancingStatement(NarrativeStatement statement, string subjectKeyPrefix)
    {
        if (statement.Stated is not { } own || statement.ComparedYear is null) return null;
        return Statements.FirstOrDefault(s => s != statement && s.SubjectKey.StartsWith(subjectKeyPrefix, StringComparison.Ordinal)
            && s.Stated is { } other && Math.Abs(other.Value - own.Value) <= other.Rounding + own.Rounding
            && s.ComparedYear == statement.ComparedYear && s.SignedChange is not null);
    }

    /// <summary>All indicators of all indicator tables.</summary>
    public IEnumerable<Indicator> Indicators => IndicatorTables.SelectMany(t => t.Indicators);

    /// <summary>True when some narrative paragraph contains the text.</summary>
    public bool NarrativeMentions(string text) => Sections.Any(s => s.Text.Contains(text, StringComparison.Ordinal));
}

/// <summary>A department name or year as stated somewhere in the document.</summary>
public sealed record Mention(string Text, Provenance Provenance) : IHasProvenance
{
    /// <summary>
    /// A misspelling of the document's own department (规划与自然资源局 for 规划和自然资源局), or another department
    /// named where the document names itself (a title such as 上海市规划和自然资源局2024年度部门决算表).
    /// </summary>
    public bool IsVariant { get; init; }
    public int? Page => Provenance.Page;

    /// <summary>The name without its organisational suffix: 怀来县医疗保障局 and 怀来县医疗保障部门 share 怀来县医疗保障.</summary>
    public string Core => CoreOf(Text);

    public static string CoreOf(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        foreach (var suffix in (string[])["部门", "局", "委员会", "办公室", "中心", "管理处"])
            if (name.EndsWith(suffix, StringComparison.Ordinal)) return name[..^suffix.Length];
        return name;
    }

    public override string ToString() => Text;
}
