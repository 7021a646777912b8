using System.Net;
using System.Text.Json.Nodes;
using AuditEngine.Service.Scheduling;
using AuditEngine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AuditEngine.Service.Tests.Api;

public sealed class SqliteRetentionHostFixture() : RetentionHostFixture(Backend.Sqlite);
public sealed class PostgresRetentionHostFixture() : RetentionHostFixture(Backend.Postgres);

/// <summary>A host with a retention period set (ten years, so that no test batch is old enough to go).</summary>
public abstract class RetentionHostFixture(Backend backend) : IDisposable
{
    public ServiceHost Host { get; } = new(backend, settings: new Dictionary<string, string?> { ["AuditEngine:Sweeps:RetentionDays"] = "3650" });
    public void Dispose() => Host.Dispose();
}

/// <summary>DELETE /api/batches/{id} end to end on real uploads, on both backends.</summary>
public abstract class BatchDeletionApiTests(RetentionHostFixture fixture)
{
    private const string Password = "删除-Passw0rd";
    private ServiceHost Host => fixture.Host;

    private static (string, byte[]) Seed(string name) => (name, File.ReadAllBytes(TestPaths.Seed(name)));

    [Fact]
    public async Task Only_an_admin_of_the_batchs_organisation_deletes_it_and_the_file_another_batch_shares_survives()
    {
        var org = Host.CreateOrganisation("del" + Guid.NewGuid().ToString("N")[..6], Password);
        var other = Host.CreateOrganisation("dex" + Guid.NewGuid().ToString("N")[..6], Password);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        var doomed = (long)(await uploader.UploadBatchAsync(Seed("huailai-2025.txt"), Seed("xushui-2022.txt")))["id"]!;
        var kept = (long)(await uploader.UploadBatchAsync(Seed("huailai-2025.txt")))["id"]!;
        await uploader.WaitForBatchAsync(doomed);
        await uploader.WaitForBatchAsync(kept);
        var doomedDocs = Host.Store.Batches.ListDocuments(doomed);
        var keptFindings = (int)(await uploader.GetJsonAsync($"/api/findings?batch={kept}"))["total"]!;
        Assert.True(keptFindings > 0);

        using var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await uploader.DeleteAsync($"/api/batches/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.DeleteAsync($"/api/batches/{doomed}")).StatusCode);
        using var stranger = await Host.LoginAsync(other.Admin.UserName, Password);
        var foreign = await stranger.DeleteAsync($"/api/batches/{doomed}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal("批次不存在", (string?)JsonNode.Parse(await foreign.Content.ReadAsStringAsync())!["error"]);
        Assert.NotNull(Host.Store.Batches.GetBatch(org.Org.Id, doomed));

        using var admin = await Host.LoginAsync(org.Admin.UserName, Password);
        var response = await admin.DeleteAsync($"/api/batches/{doomed}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        var deleted = JsonNode.Parse(body)!;
        Assert.Equal((doomed, 2), ((long)deleted["id"]!, (int)deleted["documents"]!));
        Assert.True((int)deleted["blobsKept"]! >= 1); // huailai-2025.txt, which the other batch has too

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/batches/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/documents/{doomedDocs[0].Id}")).StatusCode);
        Assert.Equal(0, (int)(await admin.GetJsonAsync($"/api/findings?batch={doomed}"))["total"]!);
        Assert.Equal(keptFindings, (int)(await admin.GetJsonAsync($"/api/findings?batch={kept}"))["total"]!);
        var keptDoc = Host.Store.Batches.ListDocuments(kept).Single();
        Assert.Equal(File.ReadAllBytes(TestPaths.Seed("huailai-2025.txt")), Host.Store.Blobs.GetBlob(keptDoc.Sha256));
        Assert.Null(Host.Store.Blobs.GetBlob(doomedDocs.Single(d => d.FileName == "xushui-2022.txt").Sha256));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/batches/{doomed}")).StatusCode);
        Assert.Contains(Host.Log.Lines, l => l.Contains($"batch {doomed}") && l.Contains($"deleted by {org.Admin.UserName}"));

        // The same file uploaded again after the deletion is stored and audited afresh.
        var again = (long)(await uploader.UploadBatchAsync(Seed("xushui-2022.txt")))["id"]!;
        Assert.Equal(1, (int)(await uploader.WaitForBatchAsync(again))["done"]!);
    }

    [Fact]
    public async Task The_retention_sweep_is_scheduled_when_a_retention_period_is_set()
    {
        var scheduler = await Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey(RetentionSweepJob.Key.Name + "-cron", RetentionSweepJob.Key.Group));
        Assert.Equal("0 30 3 * * ?", Assert.IsAssignableFrom<ICronTrigger>(trigger).CronExpressionString);
    }
}

public sealed class SqliteBatchDeletionApiTests(SqliteRetentionHostFixture fixture)
    : BatchDeletionApiTests(fixture), IClassFixture<SqliteRetentionHostFixture>;

public sealed class PostgresBatchDeletionApiTests(PostgresRetentionHostFixture fixture)
    : BatchDeletionApiTests(fixture), IClassFixture<PostgresRetentionHostFixture>;
