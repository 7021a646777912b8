using System.Globalization;
using AuditEngine.Model;

namespace AuditEngine.Reports.Pdf;

/// <summary>
/// The print layout of the PDF report, the document a bureau files: a cover (organisation, batch, date, rule-set
/// version), a summary with bar charts by severity, category and review state, the department list, then every
/// finding with its evidence (crop embedded) and its review (state, reviewer, time, reason). Static HTML with
/// A4 @page rules, for Chromium to print; no script.
/// </summary>
public static class PdfReportHtml
{
    public static string Build(IReadOnlyList<DocumentResult> results, ReportInfo info)
    {
        var html = new HtmlBuilder();
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw(Chromium.NoNetworkPolicy).Raw("\n<title>预决算公开审核报告</title>\n<style>\n")
            .Raw(Css).Raw("</style>\n</head>\n<body>\n");
        WriteCover(html, results, info);
        WriteSummary(html, results);
        WriteDepartments(html, results);
        for (var i = 0; i < results.Count; i++) WriteDocument(html, results[i], i, info.Crops);
        html.Raw("<p class=\"footer\">本报告由 AuditEngine 自动生成，问题需经人工复核确认。</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void WriteCover(HtmlBuilder html, IReadOnlyList<DocumentResult> results, ReportInfo info)
    {
        var findings = results.Sum(r => r.Findings.Count);
        html.Raw("<section class=\"cover\">\n<div class=\"title\">预决算公开审核报告</div>\n<table class=\"facts\">\n");
        Fact(html, "单位", info.Organisation ?? "—");
        Fact(html, "批次", info.Batch ?? "—");
        Fact(html, "生成日期", info.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
        Fact(html, "规则集版本", info.RuleSetVersion ?? "未知");
        Fact(html, "文件数", results.Count.ToString(CultureInfo.InvariantCulture));
        Fact(html, "问题数", $"{findings}（错误 {Sum(results, Severity.Error)}，警告 {Sum(results, Severity.Warning)}，提示 {Sum(results, Severity.Info)}）");
        html.Raw("</table>\n<p class=\"note\">问题由规则自动发现，审核状态为报告生成时审核人的结论。</p>\n</section>\n");
    }

    private static void Fact(HtmlBuilder html, string label, string value) =>
        html.Raw("<tr><th>").Text(label).Raw("</th><td>").Text(value).Raw("</td></tr>\n");

    private static int Sum(IReadOnlyList<DocumentResult> results, Severity s) => results.Sum(r => r.Count(s));

    private static void WriteSummary(HtmlBuilder html, IReadOnlyList<DocumentResult> results)
    {
        var findings = results.SelectMany(r => r.Findings).ToList();
        html.Raw("<section class=\"summary\">\n<h1>一、汇总</h1>\n");
        Chart(html, "按严重程度", [
            ("错误", Sum(results, Severity.Error), "error"), ("警告", Sum(results, Severity.Warning), "warning"),
            ("提示", Sum(results, Severity.Info), "info")]);
        var categories = Categories.All.Concat(findings.Select(f => f.Category).Where(c => !Categories.All.Contains(c)).Distinct());
        Chart(html, "按问题类别", categories.Select(c => (ReportText.CategoryChinese(c), findings.Count(f => f.Category == c), "category")).ToList());
        Chart(html, "按审核状态", ReviewStates.All.Select(s => (s.Chinese(), findings.Count(f => f.Review.State == s), "review-" + s.Code())).ToList());
        html.Raw("</section>\n");
    }

    /// <summary>A horizontal bar chart drawn with boxes, so its labels stay text that a reader can search and copy.</summary>
    private static void Chart(HtmlBuilder html, string title, IReadOnlyList<(string Label, int Value, string Class)> bars)
    {
        var max = Math.Max(1, bars.Max(b => b.Value));
        html.Raw("<div class=\"chart\">\n<h2>").Text(title).Raw("</h2>\n<table class=\"bars\">\n");
        foreach (var (label, value, cls) in bars)
        {
            var width = (100.0 * value / max).ToString("0.#", CultureInfo.InvariantCulture);
            html.Raw("<tr><th>").Text(label).Raw($"</th><td class=\"track\"><div class=\"bar {cls}\" style=\"width:{width}%\"></div></td><td class=\"n\">{value}</td></tr>\n");
        }
        html.Raw("</table>\n</div>\n");
    }

    private static void WriteDepartments(HtmlBuilder html, IReadOnlyList<DocumentResult> results)
    {
        html.Raw("<section>\n<h1>二、部门清单</h1>\n<table class=\"grid\">\n<thead><tr><th>序号</th><th>部门</th><th>年度</th><th>文件类型</th><th>文件</th>")
            .Raw("<th class=\"n\">错误</th><th class=\"n\">警告</th><th class=\"n\">提示</th><th>审核进度</th></tr></thead>\n<tbody>\n");
        var ordered = results.Select((r, i) => (r, i)).OrderBy(x => x.r.Department ?? "\uffff", StringComparer.Ordinal).ThenBy(x => x.r.Year).ThenBy(x => x.i);
        foreach (var (r, i) in ordered)
        {
            var ok = r.Status == ResultStatus.Ok;
            html.Raw($"<tr><td class=\"n\">{i + 1}</td><td>").Text(r.Department ?? "（未识别部门）").Raw("</td><td>")
                .Text(r.Year?.ToString(CultureInfo.InvariantCulture) ?? "—").Raw("</td><td>").Text(r.DocumentType.Chinese())
                .Raw("</td><td>").Text(ReportText.FileName(r.Source)).Raw("</td>")
                .Raw($"<td class=\"n\">{(ok ? r.Count(Severity.Error) : "—")}</td><td class=\"n\">{(ok ? r.Count(Severity.Warning) : "—")}</td>")
                .Raw($"<td class=\"n\">{(ok ? r.Count(Severity.Info) : "—")}</td><td>")
                .Text(ok ? Triage(r.Findings) : "无法读取").Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</section>\n");
    }

    private static string Triage(IReadOnlyList<Finding> findings) =>
        findings.Count == 0 ? "无问题" : string.Join(" · ", ReviewStates.All
            .Select(s => (s, n: findings.Count(f => f.Review.State == s))).Where(x => x.n > 0).Select(x => $"{x.s.Chinese()} {x.n}"));

    private static void WriteDocument(HtmlBuilder html, DocumentResult r, int index, ICropImages crops)
    {
        html.Raw("<section class=\"doc\">\n<h1>").Text($"{ChineseOrdinal(index + 3)}、{r.Department ?? ReportText.FileName(r.Source)}");
        if (r.Year is { } year) html.Text($"（{year}年度）");
        html.Raw("</h1>\n<p class=\"meta\">文件：").Text(ReportText.FileName(r.Source)).Raw("　文件类型：").Text(r.DocumentType.Chinese()).Raw("</p>\n");
        if (r.Status != ResultStatus.Ok)
        {
            html.Raw("<p class=\"unreadable\">无法读取：").Text(r.Error ?? "未知原因").Raw("</p>\n</section>\n");
            return;
        }
        if (r.Findings.Count == 0) html.Raw("<p>未发现问题。</p>\n");
        var n = 0;
        foreach (var f in ReportText.Ordered(r.Findings)) WriteFinding(html, f, ++n, crop => crops.Base64(r, crop));
        html.Raw("</section>\n");
    }

    private static string ChineseOrdinal(int n)
    {
        string[] digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        if (n < 10) return digits[n];
        if (n < 20) return "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        if (n < 100) return digits[n / 10] + "十" + (n % 10 == 0 ? "" : digits[n % 10]);
        return n.ToString(CultureInfo.InvariantCulture);
    }

    private static void WriteFinding(HtmlBuilder html, Finding f, int number, Func<string, string?> cropData)
    {
        var sev = ReportText.SeverityCode(f.Severity);
        html.Raw($"<div class=\"finding {sev}\">\n<div class=\"head\">{number}. <span class=\"badge {sev}\">").Text(ReportText.SeverityChinese(f.Severity))
            .Raw("</span> <span class=\"rule\">").Text(f.RuleId).Raw("</span> ");
        if (!string.IsNullOrEmpty(f.RuleName) && f.RuleName != f.RuleId) html.Text(f.RuleName);
        html.Raw("　<span class=\"cat\">").Text(ReportText.CategoryChinese(f.Category)).Raw("</span></div>\n<div class=\"msg\">").Text(f.Message).Raw("</div>\n");
        if (f.Expected is not null || f.Actual is not null)
        {
            html.Raw("<div class=\"figures\">");
            if (f.Expected is not null) html.Raw("应为 ").Text(ReportText.Number(f.Expected));
            if (f.Actual is not null) html.Raw("　实为 ").Text(ReportText.Number(f.Actual));
            html.Raw("</div>\n");
        }
        var review = f.Review;
        html.Raw($"<div class=\"review {review.State.Code()}\">审核状态：<b>").Text(review.State.Chinese()).Raw("</b>")
            .Raw("　审核人：").Text(review.Reviewer ?? "—")
            .Raw("　审核时间：").Text(review.At is null ? "—" : ReportText.Time(review.At));
        if (!string.IsNullOrEmpty(review.Reason)) html.Raw("　理由：").Text(review.Reason);
        if (!string.IsNullOrEmpty(review.Comment)) html.Raw("　备注：").Text(review.Comment);
        html.Raw("</div>\n");
        foreach (var e in f.Evidence)
        {
            html.Raw("<div class=\"evidence\">依据：").Text(ReportText.Describe(e));
            if (e.Crop is { } crop && cropData(crop) is { } data)
                html.Raw("<br><img class=\"crop\" alt=\"原件截图\" src=\"data:image/png;base64,").Raw(data).Raw("\">");
            html.Raw("</div>\n");
        }
        html.Raw("</div>\n");
    }

    private const string Css = """
        @page { size: A4; margin: 16mm 14mm 18mm;
          @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-family:"Noto Sans CJK SC",sans-serif; font-size:8.5pt; color:#7b8794; } }
        @page :first { @bottom-center { content: none; } }
        * { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin:0; font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif; font-size:10.5pt; line-height:1.55; color:#1f2933; }
        .cover { height:250mm; display:flex; flex-direction:column; justify-content:center; break-after:page; }
        .cover .title { font-size:28pt; font-weight:700; letter-spacing:6pt; text-align:center; margin-bottom:28mm; color:#1f3a5f; }
        table.facts { margin:0 auto; border-collapse:collapse; font-size:13pt; min-width:60%; }
        table.facts th { text-align:right; padding:5pt 14pt; color:#52606d; font-weight:400; white-space:nowrap; }
        table.facts td { padding:5pt 14pt; border-bottom:1px solid #cbd2d9; }
        .cover .note { text-align:center; color:#7b8794; margin-top:24mm; font-size:9.5pt; }
        h1 { font-size:15pt; color:#1f3a5f; border-bottom:2px solid #1f3a5f; padding-bottom:2pt; margin:0 0 8pt; }
        h2 { font-size:11.5pt; margin:10pt 0 4pt; color:#334e68; }
        section { margin-bottom:12pt; }
        .summary { break-after:page; }
        .doc { break-before:page; }
        .chart { break-inside:avoid; }
        table.bars { border-collapse:collapse; width:100%; }
        table.bars th { text-align:right; font-weight:400; width:30mm; padding:2pt 6pt; white-space:nowrap; }
        table.bars td.track { padding:2pt 0; }
        table.bars td.n { width:14mm; text-align:right; padding:2pt 4pt; }
        .bar { height:11pt; min-width:1px; background:#7b8794; }
        .bar.error { background:#c62828; } .bar.warning { background:#e69500; } .bar.info { background:#1565c0; }
        .bar.category { background:#1f3a5f; }
        .bar.review-open { background:#9aa5b1; } .bar.review-confirmed { background:#c62828; } .bar.review-dismissed { background:#2e7d32; }
        table.grid { border-collapse:collapse; width:100%; font-size:9.5pt; }
        table.grid th, table.grid td { border:1px solid #cbd2d9; padding:3pt 5pt; text-align:left; vertical-align:top; }
        table.grid th { background:#eef2f7; white-space:nowrap; }
        table.grid thead { display:table-header-group; }
        table.grid tr { break-inside:avoid; }
        .n { text-align:right !important; }
        .meta { color:#52606d; margin:0 0 6pt; }
        .finding { border:1px solid #d9e2ec; border-left:4pt solid #1565c0; padding:5pt 8pt; margin:6pt 0; break-inside:avoid; }
        .finding.error { border-left-color:#c62828; } .finding.warning { border-left-color:#e69500; }
        .badge { color:#fff; border-radius:2pt; padding:0 4pt; font-size:9pt; }
        .badge.error { background:#c62828; } .badge.warning { background:#e69500; } .badge.info { background:#1565c0; }
        .rule { font-family:"DejaVu Sans Mono",monospace; font-size:9pt; }
        .cat { color:#52606d; font-size:9pt; }
        .msg { white-space:pre-line; margin:2pt 0; }
        .figures, .evidence { color:#52606d; font-size:9pt; }
        .review { font-size:9.5pt; background:#f5f7fa; padding:2pt 5pt; margin:3pt 0; }
        .review.confirmed b { color:#c62828; } .review.dismissed b { color:#2e7d32; }
        img.crop { max-width:120mm; max-height:50mm; border:1px solid #cbd2d9; margin-top:2pt; }
        .unreadable { color:#c62828; }
        .footer { color:#7b8794; font-size:9pt; text-align:center; margin-top:16pt; }

        """;
}
