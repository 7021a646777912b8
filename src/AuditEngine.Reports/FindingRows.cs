using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>
/// The flat one-row-per-finding view shared by the CSV and XLSX reports, so both carry the same columns in the
/// same order. CSV keeps machine codes (category id, lowercase severity, document type code); the spreadsheet shows Chinese labels.
/// </summary>
public static class FindingRows
{
    // The review columns come last so that scripts reading the older columns by position keep working; a CLI report
    // has no reviews, so its rows say open (待审核) with the other review columns empty.
    // The document type sits beside department and year: a 部门决算 and a 部门预算 of one department and year are
    // different documents, and a reviewer sorting by department must be able to tell them apart.
    public static readonly IReadOnlyList<string> Keys =
        ["source", "department", "year", "documentType", "ruleId", "ruleName", "category", "severity", "message", "expected", "actual", "evidence",
         "reviewStatus", "reviewer", "reviewedAt", "reviewReason", "reviewComment"];

    public static readonly IReadOnlyList<string> ChineseHeaders =
        ["文件", "部门", "年度", "文件类型", "规则编号", "规则名称", "问题类别", "严重程度", "问题说明", "应为", "实为", "依据",
         "审核状态", "审核人", "审核时间", "审核理由", "审核备注"];

    public sealed record Row(
        DocumentResult Document, Finding Finding, string Evidence)
    {
        public string Year => Document.Year?.ToString() ?? "";
        public FindingReview Review => Finding.Review;
        public string ReviewedAt => ReportText.Time(Finding.Review.At);
    }

    /// <summary>Every finding of every readable document, documents in input order, findings worst first.</summary>
    public static IEnumerable<Row> Of(IReadOnlyList<DocumentResult> results) =>
        from r in results
        from f in ReportText.Ordered(r.Findings)
        select new Row(r, f, ReportText.DescribeAll(f.Evidence));
}
