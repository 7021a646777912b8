using System.Text.Json.Nodes;
using AuditEngine.Service.Processing;
using Microsoft.Extensions.DependencyInjection;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// A department's 2025 budget uploaded before its 2024 budget has nothing to compare with; when the 2024 budget
/// arrives, the 2025 one is re-audited — from its stored layout — and its year-over-year rules run.
/// </summary>
public abstract class PreviousYearArrivalTests(Backend backend)
{
    private static long Id(JsonNode node) => (long)node["id"]!;

    /// <summary>The rule fixture's 2025 document, and its 2024 version with a 三公 total of 7.00 (below 2025's 8.00).</summary>
    internal static (byte[] Year2025, byte[] Year2024) Documents()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Rules, "tests", "documents", "department-budget.md"));
        var fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Rules, "tests", "sangong-previous-disclosure.json")))!;
        var previous = text;
        foreach (var edit in fixture["previous"]!["replace"]!.AsArray())
        {
            var (find, with) = ((string)edit!["find"]!, (string)edit["with"]!);
            Assert.Contains(find, previous);
            previous = previous.Replace(find, with);
        }
        return (System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.UTF8.GetBytes(previous));
    }

    [Fact]
    public async Task The_later_year_audited_first_is_reaudited_from_its_layout_when_its_previous_year_arrives()
    {
        using var host = new ServiceHost(backend);
        using var admin = await host.AdminAsync();
        var (year2025, year2024) = Documents();

        var later = await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(("示例县档案局2025年部门预算.md", year2025))));
        var document = later.Items("documents").Single();
        Assert.Equal("done", (string?)document["status"]);
        var findings = (await admin.GetJsonAsync($"/api/findings?batch={Id(later)}&limit=1000")).Items().ToList();
        Assert.DoesNotContain(findings, f => (string?)f["ruleId"] == "SG-PREVIOUS-DISCLOSURE");
        var auditor = host.Services.GetRequiredService<DocumentAuditor>();
        var filesRead = auditor.FilesRead;

        await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(("示例县档案局2024年部门预算.md", year2024))));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (host.Store.Ledger.ListAuditRuns(Id(document)).Count < 2 || (string?)(await admin.GetJsonAsync($"/api/documents/{Id(document)}"))["status"] != "done")
        {
            Assert.True(DateTime.UtcNow < deadline, "the 2025 budget was not re-audited after its 2024 budget arrived");
            await Task.Delay(100);
        }

        var after = (await admin.GetJsonAsync($"/api/findings?batch={Id(later)}&limit=1000")).Items().ToList();
        var growth = Assert.Single(after, f => (string?)f["ruleId"] == "SG-PREVIOUS-DISCLOSURE");
        Assert.Contains("7.00", (string?)growth["message"]);
        // Only the new upload was read; the 2025 budget and the link to 2024 came from stored layouts.
        Assert.Equal(filesRead + 1, auditor.FilesRead);
        Assert.Equal(2, host.Store.Ledger.ListAuditRuns(Id(document)).Count);
    }
}

public sealed class SqlitePreviousYearArrivalTests() : PreviousYearArrivalTests(Backend.Sqlite);

public sealed class PostgresPreviousYearArrivalTests() : PreviousYearArrivalTests(Backend.Postgres);
