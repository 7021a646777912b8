namespace AuditEngine.Model;

public enum Severity { Info = 0, Warning = 1, Error = 2 }

/// <summary>Finding categories: the six the report contract allows.</summary>
public static class Categories
{
    public const string MissingSection = "missing-section";
    public const string UnbalancedTotal = "unbalanced-total";
    public const string ImplausibleIndicator = "implausible-indicator";
    public const string SangongOverrun = "sangong-overrun";
    public const string Inconsistency = "inconsistency";
    public const string Extraction = "extraction";

    public static readonly IReadOnlyList<string> All =
        [MissingSection, UnbalancedTotal, ImplausibleIndicator, SangongOverrun, Inconsistency, Extraction];

    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [MissingSection] = "内容缺失",
        [UnbalancedTotal] = "勾稽不平",
        [ImplausibleIndicator] = "绩效指标不合理",
        [SangongOverrun] = "三公经费",
        [Inconsistency] = "前后不一致",
        [Extraction] = "识别问题",
    };
}

/// <summary>Where a finding's figure sits in the document.</summary>
/// <param name="Crop">Path of a PNG cut from the page image around the value (scans), relative to the report.</param>
/// <param name="Box">Where the value sits on its page, in points; null for text, DOCX and XLSX.</param>
public sealed record Evidence(
    int? Page, int? Line, string? Table, int? Row, string? Column, string? Value,
    double Confidence = 1.0, string? Crop = null, BoundingBox? Box = null)
{
    public static Evidence From(IHasProvenance source)
    {
        var p = source.Provenance;
        return new Evidence(p.Page, p.Line, p.Table, p.Row, p.Column, source.ToString(), p.Confidence, Box: p.Box);
    }
}

/// <summary>One rule's finding. A record: stages that add to it (evidence crops, stored names) copy it with <c>with</c>.</summary>
public sealed record Finding
{
    public required string RuleId { get; init; }
    public required string RuleName { get; init; }
    public required string Category { get; init; }
    public required Severity Severity { get; init; }
    public required string Message { get; init; }
    public List<Evidence> Evidence { get; init; } = [];
    public decimal? Expected { get; init; }
    public decimal? Actual { get; init; }
    /// <summary>The reviewer's decision; <see cref="FindingReview.None"/> (open) for every finding the CLI reports.</summary>
    public FindingReview Review { get; init; } = FindingReview.None;
    public override string ToString() => $"[{Severity}] {RuleId}: {Message}";
}

/// <summary>Where a finding stands in a reviewer's triage.</summary>
public enum ReviewState { Open, Confirmed, Dismissed }

public static class ReviewStates
{
    public static readonly IReadOnlyList<ReviewState> All = [ReviewState.Open, ReviewState.Confirmed, ReviewState.Dismissed];

    /// <summary>The code of the API and the CSV: open, confirmed, dismissed.</summary>
    public static string Code(this ReviewState state) => state switch
    {
        ReviewState.Confirmed => "confirmed",
        ReviewState.Dismissed => "dismissed",
        _ => "open",
    };

    /// <summary>The dashboard's words for the state, so reports and screens agree.</summary>
    public static string Chinese(this ReviewState state) => state switch
    {
        ReviewState.Confirmed => "已确认",
        ReviewState.Dismissed => "已排除",
        _ => "待审核",
    };

    /// <summary>Reads a code or a Chinese name; false for anything else.</summary>
    public static bool TryParse(string? text, out ReviewState state)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(text?.Trim(), candidate.Code(), StringComparison.OrdinalIgnoreCase) || text?.Trim() == candidate.Chinese())
            {
                state = candidate;
                return true;
            }
        }
        state = ReviewState.Open;
        return false;
    }
}

/// <summary>A finding's triage as reports show it: state, who decided, when, why (a dismissal's reason) and a note.</summary>
public sealed record FindingReview(ReviewState State, string? Reviewer, DateTimeOffset? At, string? Reason, string? Comment)
{
    public static readonly FindingReview None = new(ReviewState.Open, null, null, null, null);
}

/// <summary>Whether a file was audited, or could not be read at all.</summary>
public enum ResultStatus { Ok, Error }

public static class ResultStatuses
{
    /// <summary>The JSON contract's code: ok or error.</summary>
    public static string Code(this ResultStatus status) => status == ResultStatus.Ok ? "ok" : "error";
}

/// <summary>
/// The audit result of one input file: what the reports and the JSON contract carry. A record: the service copies it
/// with <c>with</c> when it renames crops and sources.
/// </summary>
public sealed record DocumentResult
{
    public required string Source { get; init; }
    public string? Department { get; init; }
    public int? Year { get; init; }
    /// <summary>What recognition found the document to be (部门预算, 部门决算, a template …).</summary>
    public DocumentType DocumentType { get; init; }
    /// <summary>Ok, or Error when the file could not be read at all.</summary>
    public ResultStatus Status { get; init; } = ResultStatus.Ok;
    public string? Error { get; init; }
    public List<TableSummary> Tables { get; init; } = [];
    public List<Finding> Findings { get; init; } = [];
    /// <summary>收支总计, 三公经费 and 机关运行经费 as recognised, for comparisons across departments and years.</summary>
    public KeyFigures Figures { get; init; } = KeyFigures.None;
    /// <summary>Seconds spent reading, recognising and auditing.</summary>
    public double ElapsedSeconds { get; init; }

    public int Count(Severity s) => Findings.Count(f => f.Severity == s);
}

public sealed record TableSummary(string Kind, string Title, int? Page, int? Line, int Rows);
