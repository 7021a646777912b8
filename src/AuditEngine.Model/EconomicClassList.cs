namespace AuditEngine.Model;

/// <summary>
/// The narrative's list of the 经济分类 classes a part of 基本支出 is spent on (“人员经费2152.26万元，主要包括：基本工资、
/// 津贴补贴…；公用经费…主要包括：办公费…”), matched with the rows of the 基本支出表. A list that names a class the table
/// prints as 0 was copied from another year or another department's text; rules/narrative-tables.json reports it.
/// </summary>
public sealed class EconomicClassList : IHasProvenance
{
    /// <summary>人员经费 or 公用经费.</summary>
    public required string Group { get; init; }
    public required string Text { get; init; }
    public Provenance Provenance { get; init; } = Provenance.None;
    /// <summary>The names as listed.</summary>
    public List<string> Names { get; } = [];
    /// <summary>The 基本支出 table the names were matched in.</summary>
    public required BudgetTable Table { get; init; }
    /// <summary>Listed classes whose row the table prints with no amount (0.00 or blank).</summary>
    public List<BudgetRow> EmptyRows { get; } = [];
    /// <summary>The group's 款 rows with an amount that the list does not name.</summary>
    public List<BudgetRow> UnnamedRows { get; } = [];

    public bool NamesEmptyClasses => EmptyRows.Count > 0;
    /// <summary>“个人农业生产补贴（30310）”, for messages; the list's sentence and the empty rows are the evidence.</summary>
    public string EmptyText
    {
        get
        {
            EvidenceTrail.Record(this);
            foreach (var row in EmptyRows) EvidenceTrail.Record(row);
            return string.Join("、", EmptyRows.Select(r => $"{r.Name}（{r.Code}）"));
        }
    }

    /// <summary>该科目 or 这些科目, for messages.</summary>
    public string EmptyPronoun => EmptyRows.Count == 1 ? "该科目" : "这些科目";
    /// <summary>“；而表中有金额的奖励金（30309）0.31 万元未列入”, or nothing, for messages.</summary>
    public string UnnamedText => UnnamedRows.Count == 0 ? ""
        : "；而表中有金额的" + string.Join("、", UnnamedRows.Select(r => $"{r.Name}（{r.Code}）{r.Amount(ColumnKeys.合计):0.00} 万元")) + "未列入";
    public override string ToString() => Text;
}
