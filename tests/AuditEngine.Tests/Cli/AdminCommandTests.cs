using AuditEngine.Cli;
using AuditEngine.Storage;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Tests.Cli;

/// <summary>`auditengine admin` against a SQLite store of its own: disabling users, listing, expiring and revoking keys.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ae-admin-" + Guid.NewGuid().ToString("N")[..8]);

    private (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(["admin", .. args, "--data", _data], new CliConsole(output, error, () => new MemoryStream()));
        return (code, output.ToString(), error.ToString());
    }

    private AuditStore Store => AuditStores.Open("sqlite", Path.Combine(_data, "auditengine.db"), null);

    [Fact]
    public void Key_create_prints_the_curl_example_with_the_services_real_address()
    {
        Assert.Equal(0, Run("org", "create", "某市财政局").Code);
        Assert.Equal(0, Run("user", "create", "--org", "某市财政局", "--user", "li", "--role", "uploader", "--password", "Passw0rd-li").Code);
        string Curl((int Code, string Out, string Error) run)
        {
            Assert.Equal(0, run.Code);
            return run.Out.Split('\n').Single(l => l.Contains("curl ")).Trim();
        }

        // Given on the command line: that address.
        Assert.EndsWith(" http://127.0.0.1:5077/api/batches", Curl(Run("key", "create", "--user", "li", "--urls", "http://127.0.0.1:5077")));
        // Else the address the service noted when it started on this data directory (./run.sh --urls …).
        File.WriteAllLines(Path.Combine(_data, ServiceAddress.NoteFileName), ["http://0.0.0.0:8088", "http://[::]:8088"]);
        Assert.EndsWith(" http://127.0.0.1:8088/api/batches", Curl(Run("key", "create", "--user", "li")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5077", null, null, "http://127.0.0.1:5077")]
    [InlineData(null, "http://localhost:6000/", null, "http://localhost:6000")]
    [InlineData(null, null, "http://+:7000;https://+:7001", "http://127.0.0.1:7000")]
    [InlineData(null, null, "https://*:7443", "https://127.0.0.1:7443")]
    [InlineData(null, null, null, ServiceAddress.Default)]
    [InlineData("not a url", null, "", ServiceAddress.Default)]
    public void The_address_for_clients_is_the_option_then_the_note_then_ASPNETCORE_URLS_then_the_default(
        string? option, string? noted, string? environment, string expected)
    {
        Directory.CreateDirectory(_data);
        if (noted is not null) File.WriteAllText(Path.Combine(_data, ServiceAddress.NoteFileName), noted + "\n");
        Assert.Equal(expected, ServiceAddress.Resolve(option, _data, environment));
    }

    [Fact]
    public void Overview_lists_one_line_per_disclosure_with_its_versions_and_sangong_change()
    {
        Assert.Equal(0, Run("org", "create", "某市财政局").Code);
        var store = Store;
        var org = store.Identity.FindOrganisation("某市财政局")!;
        void Audit(int year, decimal sanGong, int errors)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"{year}-{Guid.NewGuid()}");
            var sha = ContentHash.Sha256(bytes);
            store.Blobs.PutBlob(sha, bytes);
            var doc = store.Batches.CreateBatch(org.Id, "b", "t", "test", [new NewDocument($"档案局{year}.pdf", sha, bytes.Length)]).Documents[0];
            var result = new AuditEngine.Model.DocumentResult
            {
                Source = doc.FileName, Department = "档案局", Year = year, DocumentType = AuditEngine.Model.DocumentType.DepartmentBudget,
                Figures = new AuditEngine.Model.KeyFigures(100m, sanGong, 10m),
                Findings = Enumerable.Range(0, errors).Select(i => new AuditEngine.Model.Finding
                {
                    RuleId = $"R{i}", RuleName = "r", Category = "inconsistency", Severity = AuditEngine.Model.Severity.Error, Message = $"m{i}",
                }).ToList(),
            };
            Assert.True(store.Ledger.CompleteAudit(doc.Id, store.Ledger.BeginAudit(doc.Id, "n")!, new AuditOutcome(result, "v1", "n", null, "{}", [])));
        }
        Audit(2024, 7m, 1);
        Audit(2025, 8m, 3);
        Audit(2025, 8.5m, 2);

        var (code, output, _) = Run("overview", "--org", "某市财政局");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("档案局\t2024\t部门预算\t1\t1\t-\t7.00\t-\t档案局2024.pdf", lines[1]);
        Assert.Equal("档案局\t2025\t部门预算\t2\t2\t1\t8.50\t1.50\t档案局2025.pdf", lines[2]);
        Assert.Equal(ExitCodes.Failure, Run("overview", "--org", "某市财政局", "--type", "nonsense").Code);
    }

    [Fact]
    public void Disable_enable_list_and_revoke_act_on_the_store_at_once()
    {
        Assert.Equal(0, Run("org", "create", "某市财政局").Code);
        Assert.Equal(0, Run("user", "create", "--org", "某市财政局", "--user", "zhang", "--role", "uploader", "--password", "Passw0rd-zhang").Code);

        var created = Run("key", "create", "--user", "zhang", "--name", "nightly", "--expires", "30");
        Assert.Equal(0, created.Code);
        var key = created.Out.Split('\n').Single(l => l.StartsWith("ae_")).Trim();
        Assert.Contains("有效期至", created.Out);
        var hash = PasswordHasher.HashApiKey(key);
        Assert.NotNull(Store.Identity.FindApiKey(hash));
        var record = Store.Identity.ListApiKeys(null).Single();
        Assert.InRange(record.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));

        var listed = Run("key", "list", "--org", "某市财政局");
        Assert.Equal(0, listed.Code);
        Assert.StartsWith($"{record.Id}\tzhang\tnightly\tactive", listed.Out);
        Assert.DoesNotContain(key, listed.Out);

        var stamp = Store.Identity.FindUser("zhang")!.SecurityStamp;
        Assert.Equal(0, Run("user", "disable", "--user", "zhang").Code);
        Assert.True(Store.Identity.FindUser("zhang")!.Disabled);
        Assert.NotEqual(stamp, Store.Identity.FindUser("zhang")!.SecurityStamp);
        Assert.Null(Store.Identity.FindApiKey(hash));
        Assert.Contains("已停用", Run("user", "list", "--org", "某市财政局").Out);
        Assert.Equal(2, Run("key", "create", "--user", "zhang").Code);
        Assert.Equal(0, Run("user", "enable", "--user", "zhang").Code);
        Assert.NotNull(Store.Identity.FindApiKey(hash));

        Assert.Equal(0, Run("key", "revoke", "--id", record.Id.ToString()).Code);
        Assert.Null(Store.Identity.FindApiKey(hash));
        Assert.Contains("revoked", Run("key", "list").Out);
        var again = Run("key", "revoke", "--id", record.Id.ToString());
        Assert.Equal(2, again.Code);
        Assert.Contains("已吊销", again.Error);
        Assert.Equal(2, Run("key", "revoke", "--id", "999").Code);
        Assert.Equal(2, Run("key", "create", "--user", "zhang", "--expires", "2001-01-01").Code);
        Assert.Equal(2, Run("user", "disable", "--user", "nobody").Code);
    }

    [Fact]
    public void Batch_delete_removes_the_batch_and_its_own_file_keeps_a_shared_file_and_refuses_while_auditing()
    {
        Assert.Equal(0, Run("org", "create", "某区财政局").Code);
        var store = Store;
        var org = store.Identity.FindOrganisation("某区财政局")!;
        NewDocument Put(string name, string text)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            var sha = ContentHash.Sha256(bytes);
            store.Blobs.PutBlob(sha, bytes);
            return new NewDocument(name, sha, bytes.Length);
        }
        var shared = Put("共享.txt", "两个批次都上传的文件");
        var own = Put("独有.txt", "只在要删除的批次里");
        var (doomed, docs) = store.Batches.CreateBatch(org.Id, "要删除", "admin", "cli-test", [shared, own]);
        var (kept, _) = store.Batches.CreateBatch(org.Id, "保留", "admin", "cli-test", [shared]);

        var claim = store.Ledger.BeginAudit(docs[0].Id, "node-a")!;
        var busy = Run("batch", "delete", doomed.Id.ToString());
        Assert.Equal(2, busy.Code);
        Assert.Contains("正在审核", busy.Error);
        Assert.NotNull(store.Batches.GetBatch(org.Id, doomed.Id));
        Assert.True(store.Ledger.FailAudit(docs[0].Id, claim, "无法读取", "v1", "node-a", 0.1));

        var deleted = Run("batch", "delete", doomed.Id.ToString());

        Assert.Equal(0, deleted.Code);
        Assert.Contains($"已删除批次 deleted batch {doomed.Id}「要删除」", deleted.Out);
        Assert.Contains("2 份文档 documents", deleted.Out);
        Assert.Contains("1 个文件块 blobs removed", deleted.Out);
        Assert.Contains("1 个仍被其他批次使用而保留", deleted.Out);
        Assert.Null(store.Batches.GetBatch(org.Id, doomed.Id));
        Assert.Null(store.Blobs.GetBlob(own.Sha256));
        Assert.NotNull(store.Blobs.GetBlob(shared.Sha256));
        Assert.Single(store.Batches.ListDocuments(kept.Id));

        var again = Run("batch", "delete", doomed.Id.ToString());
        Assert.Equal(2, again.Code);
        Assert.Contains("批次不存在", again.Error);
        Assert.Equal(2, Run("batch", "delete", "abc").Code);
        Assert.Contains("admin batch delete ID", Run("--help").Out);
    }

    [Fact]
    public void A_store_of_a_newer_schema_version_is_refused_with_both_versions_named()
    {
        Assert.Equal(0, Run("org", "create", "某县财政局").Code);
        var newer = SchemaMigrations.Latest + 7;
        using (var c = new SqliteConnection($"Data Source={Path.Combine(_data, "auditengine.db")};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"INSERT INTO schema_version (version, applied_at, description) VALUES ({newer}, 0, 'newer build')";
            cmd.ExecuteNonQuery();
        }

        var refused = Run("org", "list");

        Assert.Equal(2, refused.Code);
        Assert.Contains($"存储的结构版本为 {newer}，比本程序所知的最高版本 {SchemaMigrations.Latest} 新", refused.Error);
        Assert.Contains($"schema version {newer} is newer than the newest this build knows ({SchemaMigrations.Latest})", refused.Error);
        Assert.Empty(refused.Out);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
