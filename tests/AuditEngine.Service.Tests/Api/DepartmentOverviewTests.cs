using System.Net;
using System.Text.Json.Nodes;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// GET /api/overview/departments over real audits: a department's 2024 and 2025 budgets from separate batches, the 2025
/// budget uploaded twice more in a third batch. One entry per disclosure, the latest upload's counts, the 三公 change
/// read from the documents' own tables, and the batch ranking counting the disclosure once.
/// </summary>
public abstract class DepartmentOverviewTests(Backend backend)
{
    private static long Id(JsonNode node) => (long)node["id"]!;

    [Fact]
    public async Task Two_years_and_a_disclosure_uploaded_again_give_one_entry_per_year_with_versions_and_the_sangong_change()
    {
        using var host = new ServiceHost(backend);
        using var admin = await host.AdminAsync();
        var (year2025, year2024) = PreviousYearArrivalTests.Documents();

        await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(("示例县档案局2024年部门预算.md", year2024))));
        var first = await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(("示例县档案局2025年部门预算.md", year2025))));
        var again = await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(
            ("示例县档案局2025年部门预算（重报）.md", year2025), ("示例县档案局2025年部门预算（再报）.md", year2025))));
        var latestId = again.Items("documents").Max(d => Id(d));
        var errors2025 = (int)first.Items("documents").Single()["errors"]!;

        var overview = await admin.GetJsonAsync("/api/overview/departments");
        Assert.Equal([2024, 2025], overview["years"]!.AsArray().Select(y => (int)y!));
        Assert.Equal((2, 4, 1), ((int)overview["disclosures"]!, (int)overview["uploads"]!, (int)overview["duplicated"]!));
        var department = Assert.Single(overview.Items("departments"));
        Assert.Equal("示例县档案局", (string?)department["department"]);
        var disclosures = department.Items("disclosures").ToList();
        Assert.Equal([2024, 2025], disclosures.Select(d => (int)d["year"]!));
        Assert.All(disclosures, d => Assert.Equal("department-budget", (string?)d["documentType"]));

        var d2025 = disclosures[1];
        Assert.Equal(3, (int)d2025["versions"]!);
        Assert.Equal(latestId, (long)d2025["documentId"]!);
        // The grid counts the versions; the disclosure's own call lists them, latest first.
        Assert.Empty(d2025["earlier"]!.AsArray());
        var one = await admin.GetJsonAsync($"/api/overview/disclosure?department={Uri.EscapeDataString("示例县档案局")}&year=2025&type=department-budget");
        Assert.Equal((latestId, 3), ((long)one["documentId"]!, (int)one["versions"]!));
        var earlier = one.Items("earlier").Select(e => (long)e["documentId"]!).ToList();
        Assert.Equal(2, earlier.Count);
        Assert.Contains(Id(first.Items("documents").Single()), earlier);
        Assert.True(earlier[0] > earlier[1], "earlier versions come newest first");
        Assert.Equal(HttpStatusCode.NotFound,
            (await admin.GetAsync($"/api/overview/disclosure?department={Uri.EscapeDataString("示例县档案局")}&year=2023&type=department-budget")).StatusCode);
        Assert.Equal(errors2025, (int)d2025["errors"]!);
        // The figures come from the documents' tables: 三公 8.00 in 2025 against 7.00 in 2024.
        Assert.Equal(8.00m, (decimal)d2025["sanGong"]!);
        Assert.Equal(7.00m, (decimal)d2025["previousYear"]!["sanGong"]!);
        Assert.Equal(1.00m, (decimal)d2025["sanGongChange"]!);
        Assert.Equal(14.29m, (decimal)d2025["sanGongChangeRate"]!);
        Assert.Equal(520.00m, (decimal)d2025["total"]!);
        Assert.Equal(40.00m, (decimal)d2025["operatingCost"]!);
        var growth = Assert.Single(overview["outliers"]!.Items("sanGongGrowth"));
        Assert.Equal(2025, (int)growth["year"]!);
        Assert.Null(disclosures[0]["previousYear"]);

        // Departments are paged and filtered by name; the totals and outliers stay those of every department.
        Assert.Equal(1, (int)overview["total"]!);
        var none = await admin.GetJsonAsync($"/api/overview/departments?q={Uri.EscapeDataString("不存在的局")}");
        Assert.Equal((0, 2), ((int)none["total"]!, (int)none["disclosures"]!));
        Assert.Empty(none["departments"]!.AsArray());
        Assert.Single((await admin.GetJsonAsync($"/api/overview/departments?q={Uri.EscapeDataString("档案")}"))["departments"]!.AsArray());

        // Filtered by type: no 决算 was uploaded; an unknown type is refused.
        var finals = await admin.GetJsonAsync("/api/overview/departments?type=department-final-account");
        Assert.Empty(finals["departments"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/overview/departments?type=nonsense")).StatusCode);

        // The CSV: a header and one row per disclosure.
        var csv = (await admin.GetStringAsync("/api/overview/departments.csv")).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', AuditEngine.Service.Api.DepartmentGrid.CsvKeys), csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.StartsWith($"示例县档案局,2025,department-budget,{latestId},", csv[2]);
        Assert.Contains(",3,", csv[2]);

        // The batch that holds the same disclosure twice ranks the department once, with one upload's counts.
        var ranking = (await admin.GetJsonAsync($"/api/batches/{Id(again)}/overview")).Items("departments").Single();
        Assert.Equal((errors2025, 1, 2), ((int)ranking["errors"]!, (int)ranking["documents"]!, (int)ranking["uploads"]!));
    }
}

public sealed class SqliteDepartmentOverviewTests() : DepartmentOverviewTests(Backend.Sqlite);

public sealed class PostgresDepartmentOverviewTests() : DepartmentOverviewTests(Backend.Postgres);
