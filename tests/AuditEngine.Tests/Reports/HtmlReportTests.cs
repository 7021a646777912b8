using System.Text;
using System.Text.RegularExpressions;
using AuditEngine.Reports;

namespace AuditEngine.Tests.Reports;

public class HtmlReportTests
{
    private static string Render()
    {
        using var stream = new MemoryStream();
        ReportWriters.For(ReportFormat.Html, ReportInfo.Now("2025.03")).Write(SampleResults.Build(), stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Is_one_self_contained_document()
    {
        var html = Render();
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<style>", html);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);

        var references = Regex.Matches(html, """(?:src|href)\s*=\s*["']?([^"'\s>]*)""", RegexOptions.IgnoreCase);
        Assert.NotEmpty(references);
        foreach (Match m in references)
        {
            var target = m.Groups[1].Value;
            Assert.True(target.StartsWith('#') || target.StartsWith("data:", StringComparison.Ordinal),
                $"external reference: {m.Value}");
        }
    }

    [Fact]
    public void Shows_title_version_summaries_and_chinese_messages()
    {
        var html = Render();
        Assert.Contains("<title>预决算公开审核报告</title>", html);
        Assert.Contains("2025.03", html);
        Assert.Contains("按文件汇总", html);
        Assert.Contains("按问题类别汇总", html);
        Assert.Contains("勾稽不平", html);
        Assert.Contains(SampleResults.ChineseMessage, html);
        Assert.Contains("balance.summary-total", html);
        Assert.Contains("兴隆县医疗保障局", html);
    }

    [Fact]
    public void Shows_unreadable_documents_with_their_error()
    {
        var html = Render();
        Assert.Contains("无法读取", html);
        Assert.Contains("batch/broken.pdf: 文件为空（0 字节）", html);
    }

    [Fact]
    public void Encodes_markup_inside_messages()
    {
        var html = Render();
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
    }

    [Fact]
    public void Orders_categories_worst_severity_first()
    {
        var html = Render();
        var error = html.IndexOf(SampleResults.ChineseMessage, StringComparison.Ordinal);
        var warning = html.IndexOf("第二行说明", StringComparison.Ordinal);
        var info = html.IndexOf("&lt;script&gt;", StringComparison.Ordinal);
        Assert.True(error < warning && warning < info);
    }

    [Fact]
    public void Shows_each_documents_type_in_the_summary_table_and_its_own_section()
    {
        var html = Render();
        Assert.Contains("<th>年度</th><th>文件类型</th>", html);
        // Summary rows: department, year, then the type, for every document including the unreadable one.
        Assert.Contains("<td>兴隆县医疗保障局</td><td>2024</td><td>部门预算</td>", html);
        Assert.Contains("<td>—</td><td>—</td><td>未识别</td>", html);
        Assert.Contains("<td>廊坊市广阳区医疗保障局</td><td>2025</td><td>单位决算</td>", html);

        var sections = Regex.Split(html, "<section class=\"doc\"").Skip(1).ToList();
        Assert.Equal(3, sections.Count);
        Assert.Contains("文件类型：部门预算", sections[0]);
        Assert.Contains("文件类型：未识别", sections[1]);
        Assert.Contains("文件类型：单位决算", sections[2]);
    }
}
