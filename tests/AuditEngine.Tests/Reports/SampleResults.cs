using AuditEngine.Model;

namespace AuditEngine.Tests.Reports;

/// <summary>Hand-built results covering what the writers must cope with: Chinese text, markup, CSV specials, an unreadable file.</summary>
internal static class SampleResults
{
    public const string ChineseMessage = "本年支出合计 4008.42 万元与各类支出之和 4008.41 万元不一致";
    public const string ScriptMessage = "说明含有 <script>alert('x')</script> 字样";
    public const string CsvTrickyMessage = "金额 1,234.50, 标注为 \"万元\"\n第二行说明";

    public static List<DocumentResult> Build() =>
    [
        new DocumentResult
        {
            Source = "samples/seeds/xinglong-2024.md",
            Department = "兴隆县医疗保障局",
            Year = 2024,
            DocumentType = DocumentType.DepartmentBudget,
            ElapsedSeconds = 0.42,
            Tables =
            [
                new TableSummary("部门收支总表", "兴隆县医疗保障局部门收支总表", 3, null, 28),
                new TableSummary("三公经费支出表", "财政拨款“三公”经费支出表", 9, null, 8),
            ],
            Findings =
            [
                new Finding
                {
                    RuleId = "balance.summary-total", RuleName = "收支总表合计等于各类之和",
                    Category = Categories.UnbalancedTotal, Severity = Severity.Error, Message = ChineseMessage,
                    Expected = 4008.41m, Actual = 4008.42m,
                    Evidence =
                    [
                        new Evidence(3, null, "部门收支总表", 27, "合计", "4008.42"),
                        new Evidence(3, null, "部门收支总表", 5, "合计", "1203.10", 0.62),
                    ],
                },
                new Finding
                {
                    RuleId = "sangong.reason", RuleName = "三公经费增减须说明原因",
                    Category = Categories.SangongOverrun, Severity = Severity.Warning, Message = CsvTrickyMessage,
                    Evidence = [new Evidence(null, 212, null, null, null, "公务接待费 2.00万元")],
                },
                new Finding
                {
                    RuleId = "indicator.script", RuleName = "指标值合理",
                    Category = Categories.ImplausibleIndicator, Severity = Severity.Info, Message = ScriptMessage,
                },
            ],
        },
        new DocumentResult
        {
            Source = "batch/broken.pdf",
            Status = ResultStatus.Error,
            Error = "batch/broken.pdf: 文件为空（0 字节）",
        },
        new DocumentResult
        {
            Source = "samples/seeds/langfang-guangyang-2025.txt",
            Department = "廊坊市广阳区医疗保障局",
            Year = 2025,
            // Another type than the first document's, so a writer that prints the wrong document's type fails.
            DocumentType = DocumentType.UnitFinalAccount,
            Findings =
            [
                new Finding
                {
                    RuleId = "missing.sangong-reason", RuleName = "三公经费说明",
                    Category = Categories.MissingSection, Severity = Severity.Error, Message = "缺少三公经费增减变化原因说明",
                },
            ],
        },
    ];

    public static int FindingCount => Build().Sum(r => r.Findings.Count);
}
