namespace AuditEngine.Model;

/// <summary>A 功能分类 name the narrative states at a level: “行政事业单位养老支出（款）”.</summary>
public sealed record StatedName(int Level, string Name)
{
    public string LevelName => ClassificationMention.LevelWord(Level);
    public override string ToString() => $"{Name}（{LevelName}）";
}

/// <summary>
/// The narrative explaining one 功能分类 item, as in “3、社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位
/// 基本养老保险缴费支出（项）。主要用于…支出决算为446.11万元” or “（一）一般公共服务支出（类）2106.66万元”: the names
/// it states, the amount it gives for the year, and the row of the 一般公共预算支出表 it was matched with (by code when
/// stated, else by the names' path, else — the class agreeing — by the only 项 of that amount).
/// </summary>
public sealed class ClassificationMention : IHasProvenance
{
    public required string Text { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    public int? Page => Provenance.Page;
    public List<StatedName> Names { get; } = [];
    /// <summary>A code the text states with the names (2080505), else null.</summary>
    public string? StatedCode { get; init; }
    /// <summary>The year's amount the text gives the item (预算数, or 决算数 in a 决算), 万元; null when none.</summary>
    public decimal? Amount { get; init; }
    /// <summary>
    /// In a 决算, the 决算数 the item's own sentences state after the amount that follows its names (“…（项）269.85 万元，
    /// …支出决算为 269.86 万元”); null when they state none or the amount is that statement itself.
    /// </summary>
    public decimal? RestatedFinal { get; init; }
    /// <summary>The item states its 决算数 twice, differently: a figure printed twice cannot differ by rounding.</summary>
    public bool RestatesDifferently => Amount is { } a && RestatedFinal is { } f && a != f;
    /// <summary>The table row matched, or null when the item could not be matched without guessing.</summary>
    public BudgetRow? Row { get; set; }
    public BudgetTable? Table { get; set; }
    /// <summary>Names that differ from the table's (or the catalogue's current) name for the matched code.</summary>
    public List<NameDifference> Differences { get; } = [];

    /// <summary>The 部门支出总表's 合计 for the same code: a narrative may explain all funds, not only appropriations.</summary>
    public decimal? ExpenditureSummaryAmount { get; set; }
    /// <summary>The stated amount is the 部门支出总表's for the code (the text explains all funds).</summary>
    public bool FitsExpenditureSummary => Amount is { } a && ExpenditureSummaryAmount == a;

    /// <summary>What the text says the item is spent on (“主要用于：局财政业务指导与宣传等基本支出”), or "".</summary>
    public string Purpose { get; init; } = "";
    /// <summary>基本支出 or 项目支出 when the purpose names exactly one of them, else "".</summary>
    public string PurposeKind
    {
        get
        {
            var basic = Purpose.Contains("基本支出", StringComparison.Ordinal);
            var project = Purpose.Contains("项目", StringComparison.Ordinal);
            return basic && !project ? ColumnKeys.基本支出 : !basic && Purpose.Contains("项目支出", StringComparison.Ordinal) ? ColumnKeys.项目支出 : "";
        }
    }

    /// <summary>
    /// The purpose names 基本支出 where the matched row's spending is all 项目支出, or the reverse: the text was written
    /// for another item or another year.
    /// </summary>
    public bool PurposeContradictsRow =>
        // A blank cell is 0: tables leave the other kind's cell empty.
        Row is { } r && Table is { } t && t.HasColumn(ColumnKeys.基本支出) && t.HasColumn(ColumnKeys.项目支出) && RowIsThisItems(r) && PurposeKind switch
        {
            ColumnKeys.基本支出 => r.Amount(ColumnKeys.基本支出) == 0m && r.Amount(ColumnKeys.项目支出) > 0m,
            ColumnKeys.项目支出 => r.Amount(ColumnKeys.项目支出) == 0m && r.Amount(ColumnKeys.基本支出) > 0m,
            _ => false,
        };

    /// <summary>
    /// The row's figures can be this item's: its total is the stated amount (or the text explains all funds) and is no more
    /// than the code's total of all funds. A table printed with its figures out of line with its codes fails this (its
    /// totals are reported by the table checks), and its split then says nothing of the text.
    /// </summary>
    private bool RowIsThisItems(BudgetRow r)
    {
        var total = r.Amount(ColumnKeys.合计);
        if (ExpenditureSummaryAmount is { } all && total > all + 0.011m) return false;
        return Amount is not { } a || Math.Abs(total - a) <= 0.011m || FitsExpenditureSummary;
    }

    /// <summary>The purpose, for messages; the narrative item is the finding's first evidence.</summary>
    public string PurposeText
    {
        get
        {
            EvidenceTrail.Record(this);
            return Purpose;
        }
    }

    /// <summary>“基本支出 0.00 万元、项目支出 10.00 万元”, for messages.</summary>
    public string RowSplitText => Row is { } r
        ? $"基本支出 {r.Amount(ColumnKeys.基本支出):0.00} 万元、项目支出 {r.Amount(ColumnKeys.项目支出):0.00} 万元" : "";

    public bool IsMatched => Row is not null;
    public bool HasAmount => Amount is not null;
    /// <summary>The path as the text states it: 社会保障和就业支出（类）行政事业单位养老支出（款）….</summary>
    public string Path => string.Concat(Names.Select(n => n.ToString()));
    public IEnumerable<NameDifference> WrongNames => Differences.Where(d => !d.IsOldName);
    public IEnumerable<NameDifference> OldNames => Differences.Where(d => d.IsOldName);
    public bool HasWrongName => WrongNames.Any();
    public bool HasOldName => OldNames.Any();

    public static string LevelWord(int level) => level switch { 1 => "类", 2 => "款", _ => "项" };
    public override string ToString() => Path;
}

/// <summary>A stated name against the table's name for the same code; an old name is one the catalogue records as
/// that code's name before a rename (其他国土资源事务支出 for 2200199 其他自然资源事务支出).</summary>
public sealed record NameDifference(int Level, string Code, string Stated, string TableName, string? CurrentName, bool IsOldName)
{
    public string LevelName => ClassificationMention.LevelWord(Level);
    public override string ToString() => IsOldName
        ? $"“{Stated}（{LevelName}）”是旧科目名称，{Code} 现行名称为“{CurrentName}”"
        : $"“{Stated}（{LevelName}）”，表中 {Code} 为“{CurrentName ?? TableName}”";
}
