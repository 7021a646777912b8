using System.Globalization;
using System.Text;
using AuditEngine.Model;

namespace AuditEngine.Reports;

/// <summary>
/// A single self-contained HTML page in Simplified Chinese for reviewers: inline CSS, a few lines of inline script
/// for severity filtering, no external assets, so the file can be mailed or archived as is.
/// Every text that comes from a document or a rule is HTML-encoded.
/// </summary>
public sealed class HtmlReportWriter(ReportInfo info) : IReportWriter
{
    public ReportFormat Format => ReportFormat.Html;

    public void Write(IReadOnlyList<DocumentResult> results, Stream output)
    {
        var html = new HtmlBuilder();
        WriteHead(html);
        html.Raw("<body>\n<header>\n<h1>预决算公开审核报告</h1>\n<p class=\"meta\">")
            .Raw("生成时间：").Text(info.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss '(UTC'zzz')'", CultureInfo.InvariantCulture))
            .Raw("　规则集版本：").Text(info.RuleSetVersion ?? "未知")
            .Raw("　文件数：").Text(results.Count.ToString(CultureInfo.InvariantCulture))
            .Raw("</p>\n</header>\n<main>\n");
        WriteTotals(html, results);
        WriteDocumentSummary(html, results);
        WriteCategorySummary(html, results);
        WriteFilter(html);
        for (var i = 0; i < results.Count; i++) WriteDocument(html, results[i], i, info.Crops);
        html.Raw("</main>\n<footer>本报告由 AuditEngine 自动生成，问题需经人工复核确认。</footer>\n");
        html.Raw(Script);
        html.Raw("</body>\n</html>\n");

        var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(html.ToString());
        output.Write(bytes);
        output.Flush();
    }

    private static void WriteHead(HtmlBuilder html) =>
        html.Raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<title>预决算公开审核报告</title>\n<style>\n").Raw(Css).Raw("</style>\n</head>\n");

    private static void WriteTotals(HtmlBuilder html, IReadOnlyList<DocumentResult> results)
    {
        int Sum(Severity s) => results.Sum(r => r.Count(s));
        var unreadable = results.Count(r => r.Status != ResultStatus.Ok);
        html.Raw("<section class=\"cards\">\n");
        Card(html, "审核文件", results.Count, "");
        Card(html, "无法读取", unreadable, unreadable > 0 ? "error" : "");
        Card(html, "错误", Sum(Severity.Error), "error");
        Card(html, "警告", Sum(Severity.Warning), "warning");
        Card(html, "提示", Sum(Severity.Info), "info");
        html.Raw("</section>\n");
    }

    private static void Card(HtmlBuilder html, string label, int value, string cls) =>
        html.Raw($"<div class=\"card {cls}\"><div class=\"num\">{value}</div><div class=\"label\">").Text(label).Raw("</div></div>\n");

    private static void WriteDocumentSummary(HtmlBuilder html, IReadOnlyList<DocumentResult> results)
    {
        html.Raw("<section>\n<h2>按文件汇总</h2>\n<table class=\"grid\">\n<thead><tr><th>序号</th><th>部门</th><th>年度</th><th>文件类型</th><th>文件</th><th>状态</th>")
            .Raw("<th class=\"n\">错误</th><th class=\"n\">警告</th><th class=\"n\">提示</th><th>审核</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            html.Raw("<tr><td class=\"n\">").Text((i + 1).ToString(CultureInfo.InvariantCulture)).Raw("</td><td>")
                .Text(r.Department ?? "—").Raw("</td><td>").Text(r.Year?.ToString(CultureInfo.InvariantCulture) ?? "—")
                .Raw("</td><td>").Text(r.DocumentType.Chinese())
                .Raw($"</td><td><a href=\"#doc-{i + 1}\">").Text(ReportText.FileName(r.Source)).Raw("</a></td><td>")
                .Raw(r.Status == ResultStatus.Ok ? "<span class=\"status ok\">已审核</span>" : "<span class=\"status bad\">无法读取</span>")
                .Raw("</td>");
            CountCell(html, r.Status == ResultStatus.Ok ? r.Count(Severity.Error) : null, "error");
            CountCell(html, r.Status == ResultStatus.Ok ? r.Count(Severity.Warning) : null, "warning");
            CountCell(html, r.Status == ResultStatus.Ok ? r.Count(Severity.Info) : null, "info");
            html.Raw("<td class=\"triage\">");
            if (r.Status == ResultStatus.Ok) html.Text(TriageSummary(r.Findings));
            html.Raw("</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>How far the triage of a document's findings has got: “待审核 5 · 已确认 2 · 已排除 1”, states with none left out.</summary>
    private static string TriageSummary(IReadOnlyList<Finding> findings) =>
        findings.Count == 0 ? "—" : string.Join(" · ", ReviewStates.All
            .Select(state => (state, n: findings.Count(f => f.Review.State == state)))
            .Where(x => x.n > 0).Select(x => $"{x.state.Chinese()} {x.n}"));

    private static void CountCell(HtmlBuilder html, int? count, string cls)
    {
        if (count is not { } n) { html.Raw("<td class=\"n muted\">—</td>"); return; }
        html.Raw(n > 0 ? $"<td class=\"n {cls}-text\"><b>{n}</b></td>" : "<td class=\"n muted\">0</td>");
    }

    private static void WriteCategorySummary(HtmlBuilder html, IReadOnlyList<DocumentResult> results)
    {
        var findings = results.SelectMany(r => r.Findings).ToList();
        var categories = Categories.All.Concat(findings.Select(f => f.Category).Where(c => !Categories.All.Contains(c)).Distinct());
        html.Raw("<section>\n<h2>按问题类别汇总</h2>\n<table class=\"grid\">\n<thead><tr><th>问题类别</th><th>代码</th>")
            .Raw("<th class=\"n\">错误</th><th class=\"n\">警告</th><th class=\"n\">提示</th><th class=\"n\">合计</th><th class=\"n\">涉及文件</th></tr></thead>\n<tbody>\n");
        foreach (var category in categories)
        {
            var inCategory = findings.Where(f => f.Category == category).ToList();
            var documents = results.Count(r => r.Findings.Any(f => f.Category == category));
            html.Raw("<tr><td>").Text(ReportText.CategoryChinese(category)).Raw("</td><td><code>").Text(category).Raw("</code></td>");
            CountCell(html, inCategory.Count(f => f.Severity == Severity.Error), "error");
            CountCell(html, inCategory.Count(f => f.Severity == Severity.Warning), "warning");
            CountCell(html, inCategory.Count(f => f.Severity == Severity.Info), "info");
            html.Raw($"<td class=\"n\">{inCategory.Count}</td><td class=\"n\">{documents}</td></tr>\n");
        }
        html.Raw("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteFilter(HtmlBuilder html) =>
        html.Raw("<section class=\"filter\">显示：")
            .Raw("<label><input type=\"checkbox\" data-sev=\"error\" checked> 错误</label>")
            .Raw("<label><input type=\"checkbox\" data-sev=\"warning\" checked> 警告</label>")
            .Raw("<label><input type=\"checkbox\" data-sev=\"info\" checked> 提示</label></section>\n");

    private static void WriteDocument(HtmlBuilder html, DocumentResult r, int index, ICropImages crops)
    {
        html.Raw($"<section class=\"doc\" id=\"doc-{index + 1}\">\n<h2>{index + 1}. ")
            .Text(r.Department ?? ReportText.FileName(r.Source));
        if (r.Year is { } year) html.Raw(" <span class=\"year\">").Text($"{year}年度").Raw("</span>");
        html.Raw("</h2>\n<p class=\"meta\">文件：<code>").Text(r.Source).Raw("</code>");
        html.Raw("　文件类型：").Text(r.DocumentType.Chinese());
        if (r.Status == ResultStatus.Ok)
        {
            html.Raw("　识别表格：").Text(r.Tables.Count.ToString(CultureInfo.InvariantCulture))
                .Raw("　用时：").Text(r.ElapsedSeconds.ToString("0.00", CultureInfo.InvariantCulture)).Raw(" 秒");
        }
        html.Raw("</p>\n");

        if (r.Status != ResultStatus.Ok)
        {
            html.Raw("<div class=\"unreadable\"><b>无法读取：</b>").Text(r.Error ?? "未知原因").Raw("</div>\n</section>\n");
            return;
        }

        WriteTables(html, r);
        if (r.Findings.Count == 0)
        {
            html.Raw("<p class=\"clean\">未发现问题。</p>\n</section>\n");
            return;
        }

        // Categories with the worst findings come first, so a reviewer meets errors before notes.
        var groups = r.Findings
            .GroupBy(f => f.Category)
            .OrderByDescending(g => g.Max(f => f.Severity))
            .ThenBy(g => ReportText.CategoryOrder(g.Key));
        foreach (var group in groups)
        {
            html.Raw("<div class=\"category\">\n<h3>").Text(ReportText.CategoryChinese(group.Key))
                .Raw(" <span class=\"count\">").Text($"{group.Count()} 条").Raw("</span></h3>\n");
            foreach (var f in group.OrderByDescending(f => f.Severity)) WriteFinding(html, f, crop => crops.Base64(r, crop));
            html.Raw("</div>\n");
        }
        html.Raw("</section>\n");
    }

    private static void WriteTables(HtmlBuilder html, DocumentResult r)
    {
        if (r.Tables.Count == 0) return;
        html.Raw("<details class=\"tables\"><summary>识别出的表格（").Text(r.Tables.Count.ToString(CultureInfo.InvariantCulture))
            .Raw("）</summary>\n<table class=\"grid small\"><thead><tr><th>表类型</th><th>标题</th><th>页/行</th><th class=\"n\">行数</th></tr></thead><tbody>\n");
        foreach (var t in r.Tables)
        {
            var place = t.Page is { } p ? $"第{p}页" : t.Line is { } l ? $"第{l}行" : "";
            html.Raw("<tr><td>").Text(t.Kind).Raw("</td><td>").Text(t.Title).Raw("</td><td>").Text(place)
                .Raw($"</td><td class=\"n\">{t.Rows}</td></tr>\n");
        }
        html.Raw("</tbody></table></details>\n");
    }

    private static void WriteFinding(HtmlBuilder html, Finding f, Func<string, string?> cropData)
    {
        var sev = ReportText.SeverityCode(f.Severity);
        html.Raw($"<article class=\"finding {sev}\" data-sev=\"{sev}\" data-review=\"{f.Review.State.Code()}\">\n<div class=\"head\"><span class=\"badge {sev}\">")
            .Text(ReportText.SeverityChinese(f.Severity)).Raw("</span> <span class=\"msg\">").Text(f.Message).Raw("</span></div>\n")
            .Raw("<div class=\"rule\">规则：<code>").Text(f.RuleId).Raw("</code>");
        if (!string.IsNullOrEmpty(f.RuleName) && f.RuleName != f.RuleId) html.Raw(" ").Text(f.RuleName);
        html.Raw("</div>\n");
        WriteReview(html, f.Review);

        if (f.Expected is not null || f.Actual is not null)
        {
            html.Raw("<div class=\"figures\">");
            if (f.Expected is not null) html.Raw("应为 <b>").Text(ReportText.Number(f.Expected)).Raw("</b>");
            if (f.Actual is not null) html.Raw("　实为 <b>").Text(ReportText.Number(f.Actual)).Raw("</b>");
            if (f.Expected is { } e && f.Actual is { } a && e != a)
                html.Raw("　差额 <b>").Text(ReportText.Number(a - e)).Raw("</b>");
            html.Raw("</div>\n");
        }

        if (f.Evidence.Count > 0)
        {
            html.Raw("<table class=\"grid small evidence\"><thead><tr><th>页/行</th><th>表</th><th class=\"n\">行</th><th>列</th><th>值</th></tr></thead><tbody>\n");
            foreach (var ev in f.Evidence)
            {
                html.Raw("<tr><td>").Text(ReportText.Place(ev)).Raw("</td><td>").Text(ev.Table ?? "")
                    .Raw("</td><td class=\"n\">").Text(ev.Row?.ToString(CultureInfo.InvariantCulture) ?? "")
                    .Raw("</td><td>").Text(ev.Column ?? "").Raw("</td><td>").Text(ev.Value ?? "");
                if (ev.Confidence < Provenance.LowConfidence)
                    html.Raw(" <span class=\"lowconf\">").Text($"识别置信度 {ev.Confidence:0.00}").Raw("</span>");
                // The crop is embedded, so the report stays one self-contained file.
                if (ev.Crop is { } crop && cropData(crop) is { } data)
                    html.Raw("<br><img class=\"crop\" alt=\"原件截图\" src=\"data:image/png;base64,").Raw(data).Raw("\">");
                html.Raw("</td></tr>\n");
            }
            html.Raw("</tbody></table>\n");
        }
        html.Raw("</article>\n");
    }

    /// <summary>The triage line: always the state (待审核 for a CLI report), then who, when, why and a note when known.</summary>
    private static void WriteReview(HtmlBuilder html, FindingReview review)
    {
        var code = review.State.Code();
        html.Raw($"<div class=\"review\">审核状态：<span class=\"review-state {code}\">").Text(review.State.Chinese()).Raw("</span>");
        if (review.Reviewer is { } who) html.Raw("　审核人：").Text(who);
        if (review.At is not null) html.Raw("　审核时间：").Text(ReportText.Time(review.At));
        if (!string.IsNullOrEmpty(review.Reason)) html.Raw("　理由：").Text(review.Reason);
        if (!string.IsNullOrEmpty(review.Comment)) html.Raw("　备注：").Text(review.Comment);
        html.Raw("</div>\n");
    }

    /// <summary>The crop file as base64, or null when it is gone (reports read back from JSON elsewhere).</summary>
    private const string Css = """
        img.crop { max-width:420px; border:1px solid var(--line); margin-top:4px; }
        :root { --error:#c62828; --warning:#b26a00; --info:#1565c0; --line:#dde3ea; --bg:#f6f8fa; --text:#1f2933; }
        * { box-sizing: border-box; }
        body { margin:0; font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif; color:var(--text); background:var(--bg); line-height:1.6; font-size:14px; }
        header { background:#1f3a5f; color:#fff; padding:20px 32px; }
        header h1 { margin:0 0 4px; font-size:24px; font-weight:600; letter-spacing:2px; }
        header .meta { color:#cfd8e3; margin:0; }
        main { max-width:1200px; margin:0 auto; padding:20px 32px 40px; }
        section { background:#fff; border:1px solid var(--line); border-radius:6px; padding:16px 20px; margin:16px 0; }
        h2 { font-size:18px; margin:0 0 12px; border-left:4px solid #1f3a5f; padding-left:8px; }
        h3 { font-size:15px; margin:16px 0 8px; color:#334e68; }
        .cards { display:flex; gap:12px; flex-wrap:wrap; background:none; border:none; padding:0; }
        .card { flex:1; min-width:120px; background:#fff; border:1px solid var(--line); border-radius:6px; padding:12px 16px; text-align:center; }
        .card .num { font-size:26px; font-weight:600; }
        .card .label { color:#52606d; }
        .card.error .num { color:var(--error); } .card.warning .num { color:var(--warning); } .card.info .num { color:var(--info); }
        table.grid { border-collapse:collapse; width:100%; }
        table.grid th, table.grid td { border:1px solid var(--line); padding:6px 8px; text-align:left; vertical-align:top; }
        table.grid th { background:#eef2f7; font-weight:600; white-space:nowrap; }
        table.grid tbody tr:nth-child(even) { background:#fafbfc; }
        table.small { font-size:13px; margin-top:6px; }
        .n { text-align:right !important; white-space:nowrap; }
        .muted { color:#9aa5b1; }
        .error-text { color:var(--error); } .warning-text { color:var(--warning); } .info-text { color:var(--info); }
        .status { padding:1px 8px; border-radius:10px; font-size:12px; }
        .status.ok { background:#e3f4e8; color:#1b5e20; } .status.bad { background:#fde8e8; color:var(--error); }
        .meta { color:#52606d; margin:0 0 8px; }
        .year { font-weight:normal; color:#52606d; font-size:15px; }
        code { font-family:Consolas,"SFMono-Regular",monospace; font-size:12px; background:#eef2f7; padding:1px 4px; border-radius:3px; word-break:break-all; }
        .filter label { margin-right:16px; cursor:pointer; }
        .finding { border:1px solid var(--line); border-left:4px solid var(--info); border-radius:4px; padding:8px 12px; margin:8px 0; }
        .finding.error { border-left-color:var(--error); } .finding.warning { border-left-color:var(--warning); }
        .finding .head { font-size:14px; }
        .finding .msg { white-space:pre-line; }
        .finding .rule, .finding .figures { color:#52606d; font-size:13px; margin-top:2px; }
        .finding .review { color:#52606d; font-size:13px; margin-top:2px; }
        td.triage { white-space:nowrap; color:#52606d; }
        .review-state { padding:0 6px; border-radius:3px; background:#eef2f7; }
        .review-state.confirmed { background:#fde8e8; color:var(--error); } .review-state.dismissed { background:#e3f4e8; color:#1b5e20; }
        .badge { display:inline-block; min-width:36px; text-align:center; color:#fff; border-radius:3px; font-size:12px; padding:0 6px; margin-right:4px; }
        .badge.error { background:var(--error); } .badge.warning { background:var(--warning); } .badge.info { background:var(--info); }
        .count { font-weight:normal; color:#7b8794; font-size:13px; }
        .unreadable { background:#fde8e8; color:var(--error); border-radius:4px; padding:10px 12px; }
        .clean { color:#1b5e20; }
        .lowconf { color:var(--warning); font-size:12px; }
        details.tables summary { cursor:pointer; color:#334e68; }
        footer { text-align:center; color:#7b8794; font-size:12px; padding:16px; }
        .hidden { display:none; }
        @media print { .filter { display:none; } body { background:#fff; } section { break-inside:auto; } }

        """;

    /// <summary>
    /// The Content-Security-Policy a server should send with this report: its one style block and one script are
    /// allowed by their SHA-256, nothing else inline, images only as the data: crops it embeds.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src '{InlineHash("\n" + Css)}'; script-src '{InlineHash(Script["<script>".Length..Script.IndexOf("</script>", StringComparison.Ordinal)])}'; " +
        "img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static string InlineHash(string content) =>
        "sha256-" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    // Hides findings of unticked severities; without script every finding is simply shown.
    private const string Script = """
        <script>
        document.querySelectorAll('.filter input').forEach(function (box) {
          box.addEventListener('change', function () {
            document.querySelectorAll('.finding[data-sev="' + box.dataset.sev + '"]').forEach(function (f) {
              f.classList.toggle('hidden', !box.checked);
            });
          });
        });
        </script>

        """;
}

/// <summary>Builds HTML where text is encoded by default and markup is added explicitly.</summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder sb = new(64 * 1024);

    public HtmlBuilder Raw(string markup) { sb.Append(markup); return this; }

    public HtmlBuilder Text(string? text)
    {
        if (text is null) return this;
        foreach (var ch in text)
        {
            switch (ch)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default: sb.Append(ch); break;
            }
        }
        return this;
    }

    public override string ToString() => sb.ToString();
}
