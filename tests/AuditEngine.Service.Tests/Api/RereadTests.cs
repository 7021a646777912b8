using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// POST /api/documents/{id}/reread: the one way (besides a new intake version) to make an audit read the uploaded file
/// again instead of its stored layout. Reviews survive it; only reviewers and admins of the document's organisation may ask.
/// </summary>
public abstract class RereadTests(Backend backend) : IDisposable
{
    private readonly ServiceHost _host = new(backend);

    public void Dispose() => _host.Dispose();

    private static long Id(JsonNode node) => (long)node["id"]!;

    private static async Task<(long FilesRead, long LayoutsReused)> Counters(HttpClient client)
    {
        var intake = (await client.GetJsonAsync("/api/health"))["intake"]!;
        return ((long)intake["filesRead"]!, (long)intake["layoutsReused"]!);
    }

    [Fact]
    public async Task A_reread_reads_the_file_again_keeps_reviews_and_is_for_reviewers_of_the_organisation_only()
    {
        using var admin = await _host.AdminAsync();
        var batchId = Id(await admin.UploadBatchAsync(("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt")))));
        var document = Id((await admin.WaitForBatchAsync(batchId)).Items("documents").Single());
        var findings = (await admin.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().ToList();
        Assert.NotEmpty(findings);
        var reviewed = findings[0];
        var review = await admin.PostAsJsonAsync($"/api/findings/{Id(reviewed)}/review", new { action = "dismiss", reason = "已核实" });
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        var before = await Counters(admin);
        Assert.Equal(1, before.FilesRead);

        // Someone who may not triage, and a reviewer of another organisation, cannot ask.
        var other = _host.CreateOrganisation("rr", "Reread-Pass-12345");
        var own = _host.CreateOrganisation("ru", "Reread-Pass-12345", _host.DemoOrganisation);
        using (var uploader = await _host.LoginAsync(own.Uploader.UserName, "Reread-Pass-12345"))
            Assert.Equal(HttpStatusCode.Forbidden, (await uploader.PostAsync($"/api/documents/{document}/reread", null)).StatusCode);
        using (var stranger = await _host.LoginAsync(other.Reviewer.UserName, "Reread-Pass-12345"))
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/documents/{document}/reread", null)).StatusCode);
        Assert.Equal(before, await Counters(admin));

        var response = await admin.PostAsync($"/api/documents/{document}/reread", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await admin.WaitForBatchAsync(batchId);
        var after = await Counters(admin);
        Assert.Equal((before.FilesRead + 1, before.LayoutsReused), after);
        Assert.Equal(2, _host.Store.Ledger.ListAuditRuns(document).Count);

        var again = (await admin.GetJsonAsync($"/api/findings?batch={batchId}&limit=1000")).Items().ToList();
        Assert.Equal(findings.Select(f => (string?)f["message"]), again.Select(f => (string?)f["message"]));
        var kept = again.Single(f => (string?)f["message"] == (string?)reviewed["message"] && (string?)f["ruleId"] == (string?)reviewed["ruleId"]);
        Assert.Equal("dismissed", (string?)kept["review"]!["status"]);

        // The layout the reread stored is the one the next re-audit reuses.
        Assert.NotNull(_host.Store.Batches.GetLayoutJson(document));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/documents/999999/reread", null)).StatusCode);
    }
}

public sealed class SqliteRereadTests() : RereadTests(Backend.Sqlite);

public sealed class PostgresRereadTests() : RereadTests(Backend.Postgres);
