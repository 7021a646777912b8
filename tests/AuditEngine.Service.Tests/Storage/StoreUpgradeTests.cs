using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// Versioned migrations, on both backends: a store written by the code before schema versions existed (the committed
/// fixtures under Storage/Fixtures) opens with every row kept and is stamped; Migrate is idempotent and safe from
/// several threads at once; a store of a newer schema is refused.
/// </summary>
public abstract class StoreUpgradeTests : IDisposable
{
    /// <summary>Every table of the baseline schema, with how many rows the fixture holds in each.</summary>
    private static readonly Dictionary<string, long> FixtureRows = new()
    {
        ["organisations"] = 2, ["users"] = 3, ["api_keys"] = 2, ["blobs"] = 7, ["batches"] = 2, ["documents"] = 4,
        ["document_images"] = 3, ["findings"] = 2, ["reviews"] = 2, ["review_events"] = 3, ["audit_runs"] = 2,
        ["protection_keys"] = 1,
    };

    protected static string FixturePath(string name) =>
        Path.Combine(TestPaths.Root, "tests", "AuditEngine.Service.Tests", "Storage", "Fixtures", name);

    /// <summary>A fresh database holding a copy of the fixture, not yet opened by today's code; returns its location.</summary>
    protected abstract string RestoreFixture();

    /// <summary>A fresh empty database.</summary>
    protected abstract string NewEmpty();

    protected abstract AuditStore Open(string location);
    protected abstract long Scalar(string location, string sql);
    protected abstract void Execute(string location, string sql);
    public abstract void Dispose();

    /// <summary>A query counting the indexes of that name.</summary>
    protected abstract string IndexCount(string name);

    private Dictionary<string, long> CountRows(string location) =>
        FixtureRows.Keys.ToDictionary(t => t, t => Scalar(location, $"SELECT COUNT(*) FROM {t}"));

    private static int[] Versions(AuditStore store) =>
        store.Schema.ListSchemaVersions().Select(v => v.Version).ToArray();

    private static int[] AllVersions => [SchemaMigrations.Baseline, .. SchemaMigrations.Steps.Select(s => s.Version)];

    [Fact]
    public void A_store_written_before_schema_versions_opens_with_every_row_kept_and_is_stamped_recognised()
    {
        var location = RestoreFixture();
        Assert.Equal(0, Scalar(location, "SELECT COUNT(*) FROM organisations WHERE name = 'no such'"));
        var before = CountRows(location);
        Assert.Equal(FixtureRows, before);

        var store = Open(location);

        Assert.Equal(before, CountRows(location));
        var history = store.Schema.ListSchemaVersions();
        Assert.Equal(AllVersions, history.Select(v => v.Version));
        Assert.Equal(SchemaMigrations.RecognisedDescription, history[0].Description);
        Assert.Equal(SchemaMigrations.Latest, history[^1].Version);

        // Read back through the store: the rows mean what they meant.
        var org = store.Identity.FindOrganisation("样本单位 fixture-org")!;
        var admin = store.Identity.FindUser("fixture-admin")!;
        Assert.Equal(Role.Admin, admin.Role);
        Assert.False(admin.Disabled);
        Assert.True(PasswordHasher.Verify("fixture-password-1", admin.PasswordHash));
        Assert.Equal(2, store.Identity.ListUsers(org.Id).Count);
        Assert.NotNull(store.Identity.FindApiKey(ContentHash.Sha256(Encoding.UTF8.GetBytes("fixture-key-1"))));
        Assert.Equal(["夜间导入 nightly", "expiring"], store.Identity.ListApiKeys(org.Id).Select(k => k.Name));

        var batch = Assert.Single(store.Batches.ListBatches(org.Id, 10, 0).Items);
        Assert.Equal("2024 决算 第一批", batch.Name);
        var docs = store.Batches.ListDocuments(batch.Id);
        Assert.Equal([DocumentStatus.Done, DocumentStatus.Error, DocumentStatus.Queued], docs.Select(d => d.Status));
        Assert.Equal(DocumentType.DepartmentFinalAccount, docs[0].DocumentType);
        Assert.Equal("一、部门收支总表 合计 100.00", Encoding.UTF8.GetString(store.Blobs.GetBlob(docs[0].Sha256)!));
        Assert.Equal("{\"documents\":[\"layout\"]}", store.Batches.GetLayoutJson(docs[0].Id));
        Assert.Equal("{\"result\":1}", store.Batches.GetResultJson(docs[0].Id));
        Assert.Equal(new byte[] { 137, 80, 78, 71, 7, 8, 9 }, store.Blobs.GetDocumentImage(docs[0].Id, "page-2.png"));
        Assert.Equal(["rules-v1"], store.Ledger.ListAuditRuns(docs[0].Id).Select(r => r.RuleSetVersion));

        var findings = store.Findings.QueryFindings(org.Id, new FindingFilter(), 10, 0).Items;
        Assert.Equal(["R001", "R002"], findings.Select(f => f.Finding.RuleId));
        Assert.Equal(["confirmed", "dismissed"], findings.Select(f => f.Review.Status));
        Assert.Equal(100.00m, findings[0].Finding.Expected);
        Assert.Equal(["confirm", "comment"], store.Findings.ListReviewEvents(org.Id, findings[0].Id).Select(e => e.Action));
        Assert.Equal(["<key id=\"fixture\" />"], store.Identity.ListProtectionKeys());

        // And it still takes new rows after the upgrade.
        var (next, _) = store.Batches.CreateBatch(org.Id, "升级后 after upgrade", "fixture-admin", "test", [new NewDocument("a.txt", docs[0].Sha256, docs[0].Size)]);
        Assert.True(next.Id > batch.Id);
    }

    [Fact]
    public void Migrate_run_again_changes_nothing()
    {
        var location = RestoreFixture();
        var store = Open(location);
        var versions = store.Schema.ListSchemaVersions();
        var rows = CountRows(location);

        store.Schema.Migrate();
        store.Schema.Migrate();
        Open(location).Schema.Migrate();

        Assert.Equal(versions, store.Schema.ListSchemaVersions());
        Assert.Equal(rows, CountRows(location));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Migrate_from_several_threads_at_once_applies_each_version_once(bool fromFixture)
    {
        var location = fromFixture ? RestoreFixture() : NewEmpty();
        const int threads = 6;
        using var start = new Barrier(threads);
        var errors = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                Open(location); // each its own store object and connections, like separate processes
            }
            catch (Exception e) { errors.Add(e); }
        })).ToList();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());

        Assert.Empty(errors);
        var store = Open(location);
        Assert.Equal(AllVersions, Versions(store));
        Assert.Equal(AllVersions.Length, Scalar(location, "SELECT COUNT(*) FROM schema_version"));
        if (fromFixture) Assert.Equal(FixtureRows, CountRows(location));
        else Assert.All(CountRows(location).Values, n => Assert.Equal(0, n));
    }

    [Fact]
    public void A_new_store_is_created_at_the_latest_version()
    {
        var store = Open(NewEmpty());
        var history = store.Schema.ListSchemaVersions();
        Assert.Equal(AllVersions, history.Select(v => v.Version));
        Assert.Equal(SchemaMigrations.BaselineDescription, history[0].Description);
        Assert.All(history, v => Assert.InRange(v.AppliedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1)));
    }

    [Fact]
    public void A_store_of_a_newer_schema_is_refused_and_left_as_it_is()
    {
        var location = RestoreFixture();
        Open(location);
        var newer = SchemaMigrations.Latest + 1;
        Execute(location, $"INSERT INTO schema_version (version, applied_at, description) VALUES ({newer}, 0, 'from the future')");
        Execute(location, "DROP INDEX ix_documents_sha");

        var e = Assert.Throws<StoreSchemaTooNewException>(() => Open(location));

        Assert.Equal(newer, e.StoreVersion);
        Assert.Equal(SchemaMigrations.Latest, e.KnownVersion);
        Assert.Contains($"结构版本为 {newer}", e.Message);
        Assert.Contains($"schema version {newer} is newer than the newest this build knows ({SchemaMigrations.Latest})", e.Message);
        Assert.Contains("升级 AuditEngine", e.Message);
        // Nothing was run: the index of step 2 dropped above was not re-created.
        Assert.Equal(0, Scalar(location, IndexCount("ix_documents_sha")));
        Assert.Equal(SchemaMigrations.Latest + 1, Scalar(location, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(FixtureRows, CountRows(location));
    }
}

public sealed class SqliteStoreUpgradeTests : StoreUpgradeTests
{
    private readonly TempDirectory _dir = TestPaths.NewTemp("upgrade");
    private int _next;

    private string NewPath() => Path.Combine(_dir.Path, $"store-{++_next}.db");

    protected override string RestoreFixture()
    {
        var path = NewPath();
        File.Copy(FixturePath("store-v1.db"), path);
        return path;
    }

    protected override string NewEmpty() => NewPath();
    protected override string IndexCount(string name) => $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '{name}'";
    protected override AuditStore Open(string location) => AuditStores.Open("sqlite", location, null);

    protected override long Scalar(string location, string sql)
    {
        using var c = new SqliteConnection($"Data Source={location};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    protected override void Execute(string location, string sql) => Scalar(location, sql);

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class PostgresStoreUpgradeTests : StoreUpgradeTests
{
    private readonly List<string> _databases = [];

    protected override string RestoreFixture()
    {
        var cs = NewEmpty();
        // The dump as pg_dump wrote it (psql's \restrict lines removed): it sets search_path to '' for its session, so it
        // runs on a connection of its own that is not pooled.
        Execute(cs, File.ReadAllText(FixturePath("store-v1-postgres.sql")));
        return cs;
    }

    protected override string NewEmpty()
    {
        var cs = TestPostgres.CreateDatabase("upgrade");
        _databases.Add(cs);
        return cs;
    }

    [Fact]
    public void Step_7_stores_large_values_with_lz4_where_the_server_has_it_and_older_values_still_read()
    {
        var location = RestoreFixture();
        var blobsBefore = Scalar(location, "SELECT COUNT(*) FROM blobs");
        var bytesBefore = Scalar(location, "SELECT SUM(length(content)) FROM blobs");
        var store = Open(location);
        var hasLz4 = Scalar(location,
            "SELECT COUNT(*) FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)") == 1;
        Assert.Equal(hasLz4 ? 2 : 0, Scalar(location,
            "SELECT COUNT(*) FROM pg_attribute WHERE attcompression = 'l' AND attname IN ('content', 'result_json') " +
            "AND attrelid IN ('blobs'::regclass, 'documents'::regclass)"));

        // A stored layout's size and repetition: large enough to be compressed, read back byte for byte.
        var layout = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4000).Select(i =>
            $"{{\"t\":\"一般公共预算财政拨款支出{i}\",\"b\":[{i},{i * 2},{i % 97},12]}},")));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(layout));
        Assert.True(store.Blobs.PutBlob(sha, layout));
        Assert.Equal(layout, store.Blobs.GetBlob(sha));
        Assert.Equal(hasLz4 ? 1 : 0, Scalar(location,
            $"SELECT COUNT(*) FROM blobs WHERE sha256 = '{sha}' AND pg_column_compression(content) = 'lz4'"));
        // Debian's PostgreSQL, which test.sh starts, is built with lz4: the step must have done something there.
        Assert.True(hasLz4, "this PostgreSQL has no lz4; step 7 left pglz");
        // The values stored before (pglz) are untouched.
        Assert.Equal(blobsBefore + 1, Scalar(location, "SELECT COUNT(*) FROM blobs"));
        Assert.Equal(bytesBefore, Scalar(location, $"SELECT SUM(length(content)) FROM blobs WHERE sha256 <> '{sha}'"));
    }

    protected override AuditStore Open(string location) => AuditStores.Open("postgres", null, location);
    protected override string IndexCount(string name) => $"SELECT COUNT(*) FROM pg_indexes WHERE indexname = '{name}'";

    protected override long Scalar(string location, string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    protected override void Execute(string location, string sql)
    {
        using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(location) { Pooling = false }.ConnectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        foreach (var cs in _databases) TestPostgres.DropDatabase(cs);
    }
}
