using System.Text;
using System.Text.Json;
using AuditEngine.Model;
using AuditEngine.Reports;

namespace AuditEngine.Tests.Reports;

public class JsonReportTests
{
    private static readonly ReportInfo Info = new(new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(8)), "2025.03");

    private static byte[] Write(IReadOnlyList<DocumentResult> results)
    {
        using var stream = new MemoryStream();
        ReportWriters.For(ReportFormat.Json, Info).Write(results, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Round_trip_keeps_every_contract_field()
    {
        var original = SampleResults.Build();
        var read = JsonReport.Read(new MemoryStream(Write(original)));

        Assert.Equal("2025.03", read.RuleSetVersion);
        Assert.Equal(Info.GeneratedAt, read.GeneratedAt);
        Assert.Equal(original.Count, read.Documents.Count);
        for (var i = 0; i < original.Count; i++)
        {
            var a = original[i];
            var b = read.Documents[i];
            Assert.Equal(a.Source, b.Source);
            Assert.Equal(a.Department, b.Department);
            Assert.Equal(a.Year, b.Year);
            Assert.Equal(a.DocumentType, b.DocumentType);
            Assert.Equal(a.Status, b.Status);
            Assert.Equal(a.Error, b.Error);
            Assert.Equal(a.Tables, b.Tables);
            Assert.Equal(a.Findings.Count, b.Findings.Count);
            for (var j = 0; j < a.Findings.Count; j++)
            {
                var fa = a.Findings[j];
                var fb = b.Findings[j];
                Assert.Equal(fa.RuleId, fb.RuleId);
                Assert.Equal(fa.RuleName, fb.RuleName);
                Assert.Equal(fa.Category, fb.Category);
                Assert.Equal(fa.Severity, fb.Severity);
                Assert.Equal(fa.Message, fb.Message);
                Assert.Equal(fa.Expected, fb.Expected);
                Assert.Equal(fa.Actual, fb.Actual);
                Assert.Equal(fa.Evidence, fb.Evidence);
            }
        }
    }

    [Fact]
    public void Uses_exact_contract_property_names()
    {
        using var json = JsonDocument.Parse(Write(SampleResults.Build()));
        var root = json.RootElement;
        var documents = root.GetProperty("documents");
        Assert.Equal(JsonValueKind.Array, documents.ValueKind);

        var doc = documents[0];
        foreach (var name in new[] { "source", "department", "year", "documentType", "documentTypeName", "status", "error", "tables", "findings" })
            Assert.True(doc.TryGetProperty(name, out _), $"document lacks \"{name}\"");

        var table = doc.GetProperty("tables")[0];
        Assert.Equal("部门收支总表", table.GetProperty("kind").GetString());
        foreach (var name in new[] { "kind", "title", "page" })
            Assert.True(table.TryGetProperty(name, out _), $"table lacks \"{name}\"");

        var finding = doc.GetProperty("findings")[0];
        foreach (var name in new[] { "ruleId", "category", "severity", "message", "evidence", "expected", "actual" })
            Assert.True(finding.TryGetProperty(name, out _), $"finding lacks \"{name}\"");
        Assert.Equal("error", finding.GetProperty("severity").GetString());
        Assert.Equal(4008.41m, finding.GetProperty("expected").GetDecimal());

        var evidence = finding.GetProperty("evidence")[0];
        foreach (var name in new[] { "page", "table", "row", "column", "value" })
            Assert.True(evidence.TryGetProperty(name, out _), $"evidence lacks \"{name}\"");
        Assert.Equal(3, evidence.GetProperty("page").GetInt32());

        // Contract fields are present even when empty, so consumers need not guard against missing keys.
        var unreadable = documents[1];
        Assert.Equal("error", unreadable.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, unreadable.GetProperty("department").ValueKind);
        Assert.Equal(0, unreadable.GetProperty("findings").GetArrayLength());
    }

    [Fact]
    public void Every_document_carries_its_type_code_and_chinese_name()
    {
        using var json = JsonDocument.Parse(Write(SampleResults.Build()));
        var documents = json.RootElement.GetProperty("documents").EnumerateArray()
            .Select(d => (d.GetProperty("documentType").GetString(), d.GetProperty("documentTypeName").GetString()))
            .ToList();
        // The unreadable file has no type but still has both fields: consumers need not guard against missing keys.
        Assert.Equal([("department-budget", "部门预算"), ("unknown", "未识别"), ("unit-final-account", "单位决算")], documents);
    }

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_type_survives_the_round_trip(DocumentType type)
    {
        var original = new DocumentResult { Source = "a.pdf", DocumentType = type };
        var read = JsonReport.Read(new MemoryStream(Write([original])));
        Assert.Equal(type, Assert.Single(read.Documents).DocumentType);
    }

    public static TheoryData<DocumentType> EveryType => new(Enum.GetValues<DocumentType>());

    [Theory]
    // A report written before the field existed, or by a tool that leaves it out.
    [InlineData("""{"documents":[{"source":"a.pdf"}]}""", DocumentType.Unknown)]
    [InlineData("""{"documents":[{"source":"a.pdf","documentType":null}]}""", DocumentType.Unknown)]
    // A type a later version may add is not an error for this reader.
    [InlineData("""{"documents":[{"source":"a.pdf","documentType":"special-budget"}]}""", DocumentType.Unknown)]
    [InlineData("""{"documents":[{"source":"a.pdf","documentType":"department-final-account"}]}""", DocumentType.DepartmentFinalAccount)]
    // A tool that wrote only the Chinese name.
    [InlineData("""{"documents":[{"source":"a.pdf","documentTypeName":"单位预算"}]}""", DocumentType.UnitBudget)]
    public void Reader_takes_unknown_or_missing_types_as_unknown(string json, DocumentType expected)
    {
        var read = JsonReport.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(expected, Assert.Single(read.Documents).DocumentType);
    }

    [Fact]
    public void Severities_are_lowercase()
    {
        using var json = JsonDocument.Parse(Write(SampleResults.Build()));
        var severities = json.RootElement.GetProperty("documents").EnumerateArray()
            .SelectMany(d => d.GetProperty("findings").EnumerateArray())
            .Select(f => f.GetProperty("severity").GetString())
            .ToHashSet();
        Assert.Equal(new HashSet<string?> { "error", "warning", "info" }, severities);
    }

    [Fact]
    public void Chinese_is_written_unescaped_as_utf8_without_bom()
    {
        var bytes = Write(SampleResults.Build());
        Assert.NotEqual(0xEF, bytes[0]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Contains(SampleResults.ChineseMessage, text);
        Assert.DoesNotContain("\\u", text);
    }

    [Fact]
    public void Reader_rejects_unknown_severity()
    {
        const string json = """{"documents":[{"source":"a","status":"ok","findings":[{"ruleId":"r","category":"inconsistency","severity":"fatal","message":"m"}]}]}""";
        Assert.Throws<JsonException>(() => JsonReport.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
    }

    [Fact]
    public void Reader_tolerates_optional_fields_missing()
    {
        const string json = """{"documents":[{"source":"a.pdf","findings":[{"ruleId":"r","category":"inconsistency","severity":"warning","message":"前后不一致"}]}]}""";
        var read = JsonReport.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        var doc = Assert.Single(read.Documents);
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, doc.Status);
        Assert.Empty(doc.Tables);
        var finding = Assert.Single(doc.Findings);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal("r", finding.RuleName);
        Assert.Empty(finding.Evidence);
    }
}
