using AuditEngine.TestSupport;
using System.Text;
using AuditEngine.Reports;

namespace AuditEngine.Tests.Reports;

public class CsvReportTests
{
    private static byte[] Render()
    {
        using var stream = new MemoryStream();
        ReportWriters.For(ReportFormat.Csv).Write(SampleResults.Build(), stream);
        return stream.ToArray();
    }

    /// <summary>A record's field by its header key, so the tests read columns the way a consumer should.</summary>
    private static string Field(List<string> record, string key) => record[FindingRows.Keys.ToList().IndexOf(key)];

    [Fact]
    public void Starts_with_utf8_bom()
    {
        var bytes = Render();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Fact]
    public void Has_header_and_one_record_per_finding()
    {
        var records = Csv.Parse(Encoding.UTF8.GetString(Render()).TrimStart('\uFEFF'));
        Assert.Equal(FindingRows.Keys, records[0]);
        Assert.Equal(SampleResults.FindingCount, records.Count - 1);
        Assert.All(records, r => Assert.Equal(FindingRows.Keys.Count, r.Count));
    }

    [Fact]
    public void Quotes_commas_quotes_and_newlines()
    {
        var text = Encoding.UTF8.GetString(Render()).TrimStart('\uFEFF');
        Assert.Contains("\"金额 1,234.50, 标注为 \"\"万元\"\"\n第二行说明\"", text);

        var records = Csv.Parse(text);
        var tricky = records.Single(r => Field(r, "ruleId") == "sangong.reason");
        Assert.Equal(SampleResults.CsvTrickyMessage, Field(tricky, "message"));
        Assert.Equal("warning", Field(tricky, "severity"));
        Assert.Equal("第212行 = 公务接待费 2.00万元", Field(tricky, "evidence"));
    }

    [Fact]
    public void Writes_document_fields_and_figures()
    {
        var records = Csv.Parse(Encoding.UTF8.GetString(Render()).TrimStart('\uFEFF'));
        var first = records[1];
        Assert.Equal("samples/seeds/xinglong-2024.md", first[0]);
        Assert.Equal("兴隆县医疗保障局", first[1]);
        Assert.Equal("2024", first[2]);
        Assert.Equal("unbalanced-total", Field(first, "category"));
        Assert.Equal("4008.41", Field(first, "expected"));
        Assert.Equal("4008.42", Field(first, "actual"));
        Assert.Contains("第3页 部门收支总表 表行27 列“合计” = 4008.42", Field(first, "evidence"));
    }

    [Fact]
    public void Writes_each_documents_type_code_beside_department_and_year()
    {
        var records = Csv.Parse(Encoding.UTF8.GetString(Render()).TrimStart('\uFEFF'));
        Assert.Equal(["source", "department", "year", "documentType"], records[0].Take(4));
        var types = records.Skip(1).Select(r => (r[0], Field(r, "documentType"))).Distinct().ToList();
        Assert.Equal(
            [("samples/seeds/xinglong-2024.md", "department-budget"), ("samples/seeds/langfang-guangyang-2025.txt", "unit-final-account")],
            types);
    }

    [Fact]
    public void Quote_leaves_plain_fields_alone()
    {
        Assert.Equal("普通文本", CsvReportWriter.Quote("普通文本"));
        Assert.Equal("\"a\r\nb\"", CsvReportWriter.Quote("a\r\nb"));
    }
}
