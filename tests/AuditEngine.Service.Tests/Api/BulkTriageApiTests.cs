using AuditEngine.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// Issue 19 item 4 and 5 through the API: POST /api/findings/review-bulk (ids or a filter, one reason, bounded) and
/// the list's server-side sort, on both backends.
/// </summary>
public abstract class BulkTriageApiTests(ServiceHostFixture fixture)
{
    private const string Password = "批量-Passw0rd";
    private const string Reason = "模板表，单位无此项收支";
    private ServiceHost Host => fixture.Host;

    private static long Id(JsonNode node) => (long)node["id"]!;

    private async Task<(TestOrganisation Org, HttpClient Reviewer, long BatchId, List<JsonObject> Findings)> AuditedAsync(string prefix)
    {
        var org = Host.CreateOrganisation(prefix, Password, Host.DemoOrganisation);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        var seed = ("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt")));
        var batch = await uploader.WaitForBatchAsync(Id(await uploader.UploadBatchAsync(seed)));
        var findings = (await reviewer.GetJsonAsync($"/api/findings?batch={Id(batch)}&limit=1000")).Items().ToList();
        Assert.True(findings.Count >= 4, $"xushui-2022.txt should give at least four findings, got {findings.Count}");
        return (org, reviewer, Id(batch), findings);
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> BulkAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/findings/review-bulk", body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Bulk_dismiss_by_ids_and_by_filter_records_each_finding_and_the_exports_show_it()
    {
        var (org, reviewer, batchId, findings) = await AuditedAsync("bulkapi");
        var picked = findings.Take(2).ToList();

        var (status, body) = await BulkAsync(reviewer, new { ids = picked.Select(Id), action = "dismiss", reason = Reason, comment = "批量排除" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 2), ((int)body!["matched"]!, (int)body["changed"]!));

        // Every finding of the batch in one category (whatever page it would sit on), by filter.
        var category = (string)findings[^1]["category"]!;
        var inCategory = findings.Where(f => (string?)f["category"] == category).ToList();
        (status, body) = await BulkAsync(reviewer, new { filter = new { batch = new[] { batchId }, category = new[] { category } }, action = "confirm" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(inCategory.Count, (int)body!["matched"]!);
        Assert.Equal(inCategory.Count, (int)body["changed"]!);

        var after = (await reviewer.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().ToDictionary(Id);
        foreach (var f in picked.Where(p => (string?)p["category"] != category))
            Assert.Equal(("dismissed", Reason, "批量排除", org.Reviewer.UserName),
                ((string?)after[Id(f)]["review"]!["status"], (string?)after[Id(f)]["review"]!["reason"],
                 (string?)after[Id(f)]["review"]!["comment"], (string?)after[Id(f)]["review"]!["user"]));
        Assert.All(inCategory, f => Assert.Equal("confirmed", (string?)after[Id(f)]["review"]!["status"]));

        // Each finding's own trail and the organisation's history hold one event per finding and decision.
        var trail = (await reviewer.GetJsonAsync($"/api/findings/{Id(picked[0])}/history")).AsArray();
        Assert.Equal("dismiss", (string?)trail[0]!["action"]);
        Assert.Equal(Reason, (string?)trail[0]!["reason"]);
        var history = (await reviewer.GetJsonAsync($"/api/findings/history.json?batch={batchId}")).AsArray();
        Assert.Equal(2 + inCategory.Count, history.Count);

        // The findings export carries the bulk decision like a single one.
        var csv = Encoding.UTF8.GetString(await reviewer.GetByteArrayAsync($"/api/findings/export.csv?batch={batchId}")).TrimStart('\uFEFF');
        var (_, rows) = Csv.Read(csv);
        var dismissedRows = rows.Where(r => r["reviewStatus"] == "dismissed").ToList();
        Assert.Equal(picked.Count(p => (string?)p["category"] != category), dismissedRows.Count);
        Assert.All(dismissedRows, r => Assert.Equal((org.Reviewer.UserName, Reason, "批量排除"), (r["reviewer"], r["reviewReason"], r["reviewComment"])));
        Assert.Equal(inCategory.Count, rows.Count(r => r["reviewStatus"] == "confirmed"));
    }

    [Fact]
    public async Task Bulk_requests_are_checked_bounded_and_limited_to_reviewers_with_chinese_errors()
    {
        var (org, reviewer, batchId, findings) = await AuditedAsync("bulkbad");
        var id = Id(findings[0]);

        async Task<string> Refused(object body)
        {
            var (status, error) = await BulkAsync(reviewer, body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            return (string)error!["error"]!;
        }
        Assert.Equal("驳回需要填写理由", await Refused(new { ids = new[] { id }, action = "dismiss" }));
        Assert.Contains("confirm、dismiss 或 reopen", await Refused(new { ids = new[] { id }, action = "delete" }));
        Assert.Contains("请选择问题", await Refused(new { action = "confirm" }));
        Assert.Contains("只能给一个", await Refused(new { ids = new[] { id }, filter = new { batch = batchId }, action = "confirm" }));
        Assert.Contains("未知的严重程度", await Refused(new { filter = new { severity = "fatal" }, action = "confirm" }));
        var tooMany = await Refused(new { ids = Enumerable.Range(1, 10_001).Select(i => (long)i), action = "confirm" });
        Assert.Equal("一次最多批量审核 10000 条问题，所选范围有 10001 条，请缩小筛选范围后分批处理", tooMany);
        Assert.Empty((await reviewer.GetJsonAsync($"/api/findings/{id}/history")).AsArray());

        // A filter given as the list's query string works like the object form.
        var (ok, body) = await BulkAsync(reviewer, new { filter = $"batch={batchId}&document={findings[0]["documentId"]}", action = "confirm" });
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(findings.Count(f => (long)f["documentId"]! == (long)findings[0]["documentId"]!), (int)body!["matched"]!);

        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        var (forbidden, refusal) = await BulkAsync(uploader, new { ids = new[] { id }, action = "reopen" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.False(string.IsNullOrWhiteSpace((string?)refusal?["error"]));
        // A body that is not JSON is refused with the service's JSON error, not an exception page.
        var malformed = await reviewer.PostAsync("/api/findings/review-bulk", new StringContent("{ids:[", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("请求无效", (string?)JsonNode.Parse(await malformed.Content.ReadAsStringAsync())!["error"]);
        Assert.Equal("confirmed", (string?)(await reviewer.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().Single(f => Id(f) == id)["review"]!["status"]);
    }

    [Fact]
    public async Task The_list_sorts_on_the_server_by_a_whitelisted_field_and_refuses_anything_else()
    {
        var (_, reviewer, batchId, findings) = await AuditedAsync("bulksort");
        var rules = findings.Select(f => (string)f["ruleId"]!).ToList();

        async Task<List<string>> Sorted(string sort, string order) =>
            (await reviewer.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000&sort={sort}&order={order}")).Items()
                .Select(f => (string)f["ruleId"]!).ToList();

        Assert.Equal(rules.Order(StringComparer.Ordinal), await Sorted("rule", "asc"));
        Assert.Equal(rules.OrderDescending(StringComparer.Ordinal), await Sorted("rule", "desc"));
        // Paging a sorted list: two pages of three give the first six in order.
        var firstSix = (await Sorted("rule", "desc")).Take(6).ToList();
        var paged = new List<string>();
        foreach (var offset in new[] { 0, 3 })
            paged.AddRange((await reviewer.GetJsonAsync($"/api/findings?batch={batchId}&sort=rule&order=desc&limit=3&offset={offset}")).Items().Select(f => (string)f["ruleId"]!));
        Assert.Equal(firstSix, paged);

        foreach (var bad in new[] { "sort=message", "sort=rule_id", "sort=f.id%3BDROP%20TABLE%20findings", "sort=rule&order=up", "sort=1" })
        {
            var response = await reviewer.GetAsync($"/api/findings?batch={batchId}&{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("未知的排序", await response.Content.ReadAsStringAsync());
        }
    }
}

public sealed class SqliteBulkTriageApiTests(SqliteServiceHostFixture fixture)
    : BulkTriageApiTests(fixture), IClassFixture<SqliteServiceHostFixture>;

public sealed class PostgresBulkTriageApiTests(PostgresServiceHostFixture fixture)
    : BulkTriageApiTests(fixture), IClassFixture<PostgresServiceHostFixture>;
