using System.Text;
using AuditEngine.Service.Tests.Api;
using AuditEngine.Service.Hosting;
using AuditEngine.Service.Scheduling;
using AuditEngine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// The retention sweep on both backends, with a fixed clock: off by default; with RetentionDays set it deletes every
/// organisation's batches older than that (and logs each), skips one being audited until a later run, keeps newer ones.
/// Each class has its database to itself, so the sweep sees only these tests' batches.
/// </summary>
public abstract class RetentionSweepJobTests(StoreFixture fixture)
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private readonly CapturedLog _log = new();

    private RetentionSweepJob Job(int? days, DateTimeOffset now)
    {
        var options = new ServiceOptions();
        options.Sweeps.RetentionDays = days;
        return new RetentionSweepJob(fixture.Store.Retention, Options.Create(options), new FixedClock(now),
            new LoggerFactory([_log]).CreateLogger<RetentionSweepJob>());
    }

    private BatchRecord NewBatch(Organisation org, string name, DateTimeOffset createdAt, out DocumentRecord document)
    {
        var content = Encoding.UTF8.GetBytes(name + Guid.NewGuid());
        var sha = ContentHash.Sha256(content);
        fixture.Store.Blobs.PutBlob(sha, content);
        var (batch, docs) = fixture.Store.Batches.CreateBatch(org.Id, name, "admin", "test", [new NewDocument("a.txt", sha, content.Length)]);
        fixture.Execute($"UPDATE batches SET created_at = {createdAt.ToUnixTimeMilliseconds()} WHERE id = {batch.Id}");
        document = docs[0];
        return batch;
    }

    [Fact]
    public void Old_batches_of_every_organisation_go_a_busy_one_waits_for_a_later_run_and_new_ones_stay()
    {
        var now = DateTimeOffset.UtcNow;
        var org = fixture.Store.Identity.CreateOrganisation("保留期-" + Guid.NewGuid().ToString("N"));
        var other = fixture.Store.Identity.CreateOrganisation("另一单位-" + Guid.NewGuid().ToString("N"));
        var old = NewBatch(org, "四十天前", now.AddDays(-40), out _);
        var otherOld = NewBatch(other, "另一单位三十一天前", now.AddDays(-31), out _);
        var busy = NewBatch(org, "审核中的旧批次", now.AddDays(-50), out var busyDoc);
        var recent = NewBatch(org, "二十九天前", now.AddDays(-29), out _);
        var claim = fixture.Store.Ledger.BeginAudit(busyDoc.Id, "node-a")!;

        Assert.Empty(Job(null, now).Run());
        Assert.Empty(Job(0, now).Run());
        Assert.NotNull(fixture.Store.Batches.GetBatch(org.Id, old.Id));

        var first = Job(30, now).Run();

        Assert.Equal([old.Id, otherOld.Id], first.Select(d => d.BatchId).Order());
        Assert.Null(fixture.Store.Batches.GetBatch(org.Id, old.Id));
        Assert.Null(fixture.Store.Batches.GetBatch(other.Id, otherOld.Id));
        Assert.NotNull(fixture.Store.Batches.GetBatch(org.Id, busy.Id));
        Assert.NotNull(fixture.Store.Batches.GetBatch(org.Id, recent.Id));
        Assert.Contains(_log.Lines, l => l.Contains($"retention deleted batch {old.Id} 「四十天前」"));

        Assert.True(fixture.Store.Ledger.FailAudit(busyDoc.Id, claim, "无法读取", "v1", "node-a", 0.1));
        Assert.Equal([busy.Id], Job(30, now).Run().Select(d => d.BatchId));
        // Two days later by the clock, the batch made 29 days ago is past 30 days too.
        Assert.Equal([recent.Id], Job(30, now.AddDays(2)).Run().Select(d => d.BatchId));
        Assert.Empty(fixture.Store.Batches.ListBatches(org.Id, 10, 0).Items);
    }
}

public sealed class SqliteRetentionSweepJobTests(SqliteStoreFixture fixture)
    : RetentionSweepJobTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresRetentionSweepJobTests(PostgresStoreFixture fixture)
    : RetentionSweepJobTests(fixture), IClassFixture<PostgresStoreFixture>;
