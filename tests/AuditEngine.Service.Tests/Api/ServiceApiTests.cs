using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Api;

public sealed class SqliteServiceHostFixture() : ServiceHostFixture(Backend.Sqlite);
public sealed class PostgresServiceHostFixture() : ServiceHostFixture(Backend.Postgres);

public abstract class ServiceHostFixture(Backend backend) : IDisposable
{
    public ServiceHost Host { get; } = new(backend);
    public void Dispose() => Host.Dispose();
}

/// <summary>
/// The service API end to end on real inputs (samples/seeds, generated files), through the real Program with its
/// Quartz workers, against both storage backends. Every test makes its own users, so tests sharing the host do not
/// depend on each other.
/// </summary>
public abstract class ServiceApiTests(ServiceHostFixture fixture)
{
    private const string Password = "测试-Passw0rd";
    private ServiceHost Host => fixture.Host;

    private static (string, byte[]) Seed(string name) => (name, File.ReadAllBytes(TestPaths.Seed(name)));

    private static long Id(JsonNode node) => (long)node["id"]!;

    [Fact]
    public async Task The_host_runs_on_the_configured_backend_and_data_directory()
    {
        Assert.IsType(Host.Backend == Backend.Postgres ? typeof(PostgresDatabase) : typeof(SqliteDatabase), Host.Store.Database);
        Assert.Equal(Host.Backend == Backend.Sqlite, File.Exists(Path.Combine(Host.DataDirectory, "auditengine.db")));
        Assert.True(File.Exists(Path.Combine(Host.DataDirectory, "first-login.txt")));
        using var admin = await Host.AdminAsync();
        var me = await admin.GetJsonAsync("/api/me");
        Assert.Equal(("admin", "admin", "示范财政局"), ((string?)me["userName"], (string?)me["role"], (string?)me["organisation"]));
        // SeedSamples=false: no sample batch was made.
        Assert.DoesNotContain((await admin.GetJsonAsync("/api/batches")).Items(), b => (string?)b["source"] == "samples");
    }

    [Fact]
    public void Every_role_of_the_store_is_registered_as_the_stores_own()
    {
        // Consumers take roles, not the store: a role AuditStore gains but the service does not register would only
        // fail when the first endpoint asking for it is called.
        var roles = typeof(AuditStore).GetProperties().Where(p => p.PropertyType.IsInterface).ToList();
        Assert.Contains(roles, p => p.PropertyType == typeof(IFindingStore));
        Assert.True(roles.Count >= 10, string.Join(", ", roles.Select(p => p.Name)));
        foreach (var role in roles)
            Assert.Same(role.GetValue(Host.Store), Host.Services.GetService(role.PropertyType));
    }

    [Fact]
    public async Task An_uploaded_disclosure_is_audited_and_its_findings_and_reports_are_served()
    {
        using var admin = await Host.AdminAsync();
        var health = await admin.GetJsonAsync("/api/health");
        var version = (string)health["ruleSetVersion"]!;

        var submitted = await admin.UploadBatchAsync(Seed("jiaozuo-2025.ocr.md"));
        Assert.Equal(1, (int)submitted["total"]!);
        Assert.Empty(submitted["refused"]!.AsArray());
        var batchId = Id(submitted);
        var batch = await admin.WaitForBatchAsync(batchId);
        Assert.Equal((1, 0), ((int)batch["done"]!, (int)batch["failed"]!));
        Assert.True((int)batch["errors"]! > 0, batch.ToJsonString());
        var docId = Id(batch.Items("documents").Single());

        var doc = await admin.GetJsonAsync($"/api/documents/{docId}");
        Assert.Equal("done", (string?)doc["status"]);
        Assert.Equal(version, (string?)doc["ruleSetVersion"]);
        Assert.Equal(2025, (int?)doc["year"]);
        Assert.Contains("焦作", (string?)doc["department"]);
        // Which type recognition finds is recognition's business; the API always says one, code and name agreeing.
        Assert.True(DocumentTypes.TryParse((string?)doc["documentType"], out var docType), doc.ToJsonString());
        Assert.Equal(docType.Chinese(), (string?)doc["documentTypeName"]);
        Assert.NotEmpty(doc["tables"]!.AsArray());
        var finding = doc.Items("findings").Single(f => (string?)f["ruleId"] == "II-NEGATIVE-COUNT-PERCENT");
        Assert.Contains("网络安全事故", (string?)finding["message"]);
        Assert.Equal("error", (string?)finding["severity"]);
        Assert.Equal("implausible-indicator", (string?)finding["category"]);
        Assert.Equal("open", (string?)finding["review"]!["status"]);
        Assert.NotEmpty(finding["evidence"]!.AsArray());
        Assert.Equal((int)batch["errors"]!, doc.Items("findings").Count(f => (string?)f["severity"] == "error"));

        var listed = await admin.GetJsonAsync($"/api/findings?batch={batchId}&rule=II-NEGATIVE-COUNT-PERCENT");
        Assert.Contains(listed.Items(), f => (long)f["id"]! == (long)finding["id"]! && (long)f["documentId"]! == docId
            && (string?)f["fileName"] == "jiaozuo-2025.ocr.md");
        Assert.All(listed.Items(), f => Assert.Equal("II-NEGATIVE-COUNT-PERCENT", (string?)f["ruleId"]));
        var byText = await admin.GetJsonAsync($"/api/findings?batch={batchId}&q={Uri.EscapeDataString("网络安全事故")}");
        Assert.Contains(byText.Items(), f => (long)f["id"]! == (long)finding["id"]!);

        var overview = await admin.GetJsonAsync($"/api/batches/{batchId}/overview");
        Assert.True((int)overview.Items("categories").Single(c => (string?)c["category"] == "implausible-indicator")["count"]! >= 1);

        // Reports in the four formats, the JSON one in the CLI's contract.
        var json = JsonNode.Parse(await Report(admin, batchId, "json", "application/json"))!;
        Assert.Equal(version, (string?)json["ruleSetVersion"]);
        Assert.Equal(1, (int)json["summary"]!["documents"]!);
        var reported = json["documents"]!.AsArray().Single()!;
        Assert.Equal("jiaozuo-2025.ocr.md", (string?)reported["source"]);
        Assert.Equal("ok", (string?)reported["status"]);
        Assert.Contains(reported["findings"]!.AsArray(), f => (string?)f!["ruleId"] == "II-NEGATIVE-COUNT-PERCENT"
            && ((string?)f["message"])!.Contains("网络安全事故"));
        Assert.Equal((int)batch["errors"]!, (int)json["summary"]!["errors"]!);

        Assert.Contains("网络安全事故", Encoding.UTF8.GetString(await Report(admin, batchId, "html", "text/html")));
        Assert.Contains("II-NEGATIVE-COUNT-PERCENT", Encoding.UTF8.GetString(await Report(admin, batchId, "csv", "text/csv")));
        var xlsx = await Report(admin, batchId, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using (var zip = new ZipArchive(new MemoryStream(xlsx)))
        {
            Assert.NotNull(zip.GetEntry("xl/workbook.xml"));
            var sharedStrings = zip.GetEntry("xl/sharedStrings.xml");
            var text = sharedStrings is null ? "" : new StreamReader(sharedStrings.Open()).ReadToEnd();
            var sheets = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
            Assert.Contains("网络安全事故", text + sheets);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/batches/{batchId}/report.docx")).StatusCode);

        // The uploaded file comes back byte for byte.
        Assert.Equal(File.ReadAllBytes(TestPaths.Seed("jiaozuo-2025.ocr.md")), await admin.GetByteArrayAsync($"/api/documents/{docId}/file"));
    }

    [Fact]
    public async Task A_stored_document_type_is_served_by_the_document_overview_findings_and_reports()
    {
        // The result is recorded straight in the store, the way a worker records it, so this does not depend on what
        // recognition makes of some sample: the type must survive the store and reach every view of the document.
        using var admin = await Host.AdminAsync();
        var version = (string)(await admin.GetJsonAsync("/api/health"))["ruleSetVersion"]!;
        var store = Host.Store;
        var content = Encoding.UTF8.GetBytes("某局2024年部门决算公开 " + Guid.NewGuid());
        var sha = ContentHash.Sha256(content);
        store.Blobs.PutBlob(sha, content);
        var (batch, docs) = store.Batches.CreateBatch(Host.DemoOrganisation.Id, "决算", "admin", "test",
            [new NewDocument("juesuan-2024.txt", sha, content.Length)]);
        var docId = docs.Single().Id;
        Assert.Equal(DocumentType.Unknown, docs.Single().DocumentType);
        Assert.Equal(("unknown", "未识别"), Type(await admin.GetJsonAsync($"/api/documents/{docId}")));

        var result = new DocumentResult
        {
            Source = "juesuan-2024.txt", Department = "某县财政局", Year = 2024, DocumentType = DocumentType.DepartmentFinalAccount,
            Findings =
            [
                new Finding
                {
                    RuleId = "TEST-TYPE", RuleName = "测试规则", Category = Categories.Inconsistency, Severity = Severity.Warning,
                    Message = "决算数与预算数说明不一致",
                },
            ],
        };
        using var json = new MemoryStream();
        JsonReport.Write([result], json, new ReportInfo(DateTimeOffset.Now, version));
        var claim = store.Ledger.BeginAudit(docId, "test-node")!;
        Assert.True(store.Ledger.CompleteAudit(docId, claim,
            new AuditOutcome(result, version, "test-node", null, Encoding.UTF8.GetString(json.ToArray()), [])));

        var expected = ("department-final-account", "部门决算");
        var doc = await admin.GetJsonAsync($"/api/documents/{docId}");
        Assert.Equal(expected, Type(doc));
        Assert.Equal(expected, Type(doc.Items("findings").Single()));
        Assert.Equal(expected, Type((await admin.GetJsonAsync($"/api/batches/{batch.Id}")).Items("documents").Single()));
        Assert.Equal(expected, Type((await admin.GetJsonAsync($"/api/batches/{batch.Id}/overview")).Items("documents").Single()));
        Assert.Equal(expected, Type((await admin.GetJsonAsync($"/api/findings?document={docId}")).Items().Single()));

        var report = JsonNode.Parse(await Report(admin, batch.Id, "json", "application/json"))!;
        Assert.Equal(expected, Type(report["documents"]!.AsArray().Single()!));
        Assert.Contains("部门决算", Encoding.UTF8.GetString(await Report(admin, batch.Id, "html", "text/html")));
        var csv = Encoding.UTF8.GetString(await Report(admin, batch.Id, "csv", "text/csv"));
        Assert.Contains("juesuan-2024.txt,某县财政局,2024,department-final-account,TEST-TYPE", csv);
        // The findings export builds its documents from stored findings, not from the stored report.
        var export = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/findings/export.csv?document={docId}"));
        Assert.Contains("juesuan-2024.txt,某县财政局,2024,department-final-account,TEST-TYPE", export);
    }

    private static (string?, string?) Type(JsonNode node) => ((string?)node["documentType"], (string?)node["documentTypeName"]);

    private static async Task<byte[]> Report(HttpClient client, long batchId, string format, string contentType)
    {
        var response = await client.GetAsync($"/api/batches/{batchId}/report.{format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.Length > 100, $"report.{format} is only {bytes.Length} bytes");
        return bytes;
    }

    [Fact]
    public async Task A_zip_batch_refuses_escaping_nested_and_bomb_entries_one_by_one_and_audits_the_rest()
    {
        using var admin = await Host.AdminAsync();
        var zip = Zip(
            ("seeds/xinglong-2024.md", File.ReadAllBytes(TestPaths.Seed("xinglong-2024.md")), CompressionLevel.Optimal),
            ("huailai-2025.txt", File.ReadAllBytes(TestPaths.Seed("huailai-2025.txt")), CompressionLevel.Optimal),
            ("../../escape/xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt")), CompressionLevel.Optimal),
            ("inner.zip", Zip(
                ("langfang-guangyang-2025.txt", File.ReadAllBytes(TestPaths.Seed("langfang-guangyang-2025.txt")), CompressionLevel.Optimal),
                ("deeper.zip", Zip(("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt")), CompressionLevel.Optimal)),
                    CompressionLevel.NoCompression)), CompressionLevel.NoCompression),
            ("bomb.txt", new byte[50 * 1024 * 1024], CompressionLevel.SmallestSize));
        Assert.True(zip.Length < 1024 * 1024, $"the test ZIP should be small ({zip.Length} bytes)");

        var submitted = await admin.UploadBatchAsync(("disclosures.zip", zip));
        var refused = submitted["refused"]!.AsArray().Select(r => ((string)r!["name"]!, (string)r["reason"]!)).ToList();
        Assert.Equal(3, refused.Count);
        Assert.Contains(refused, r => r.Item1 == "disclosures.zip/../../escape/xushui-2022.txt" && r.Item2.Contains("../"));
        Assert.Contains(refused, r => r.Item1 == "disclosures.zip/inner.zip/deeper.zip" && r.Item2.Contains("嵌套过深"));
        Assert.Contains(refused, r => r.Item1 == "disclosures.zip/bomb.txt" && r.Item2.Contains("压缩炸弹"));

        var batch = await admin.WaitForBatchAsync(Id(submitted));
        var documents = batch.Items("documents").ToList();
        Assert.Equal(
            ["disclosures.zip/huailai-2025.txt", "disclosures.zip/inner.zip/langfang-guangyang-2025.txt", "disclosures.zip/seeds/xinglong-2024.md"],
            documents.Select(d => (string)d["fileName"]!).Order(StringComparer.Ordinal));
        Assert.All(documents, d => Assert.Equal("done", (string?)d["status"]));
        Assert.Equal((3, 3, 0), ((int)batch["total"]!, (int)batch["done"]!, (int)batch["failed"]!));
        var langfang = documents.Single(d => ((string)d["fileName"]!).EndsWith("langfang-guangyang-2025.txt"));
        Assert.Equal(
            File.ReadAllBytes(TestPaths.Seed("langfang-guangyang-2025.txt")),
            await admin.GetByteArrayAsync($"/api/documents/{Id(langfang)}/file"));

        // Everything refused: 400 with the reasons, and no batch.
        var before = (int)(await admin.GetJsonAsync("/api/batches"))["total"]!;
        var allBad = await admin.UploadAsync(null, ("only-bad.zip", Zip(("../x.txt", [1, 2, 3], CompressionLevel.Optimal))));
        Assert.Equal(HttpStatusCode.BadRequest, allBad.StatusCode);
        Assert.Contains("../x.txt", await allBad.Content.ReadAsStringAsync());
        Assert.Equal(before, (int)(await admin.GetJsonAsync("/api/batches"))["total"]!);
    }

    private static byte[] Zip(params (string Name, byte[] Content, CompressionLevel Level)[] entries)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content, level) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public async Task Unreadable_files_in_a_batch_each_end_in_error_naming_the_file_and_the_others_are_audited()
    {
        using var admin = await Host.AdminAsync();
        var pdf = File.ReadAllBytes(TestPaths.Generated("langfang-guangyang-2025.pdf"));
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><title>部门预算</title></head><body><p>这不是 PDF</p></body></html>");
        var submitted = await admin.UploadBatchAsync(
            ("空文件-2025.pdf", []),
            ("截断-2025.pdf", pdf[..(pdf.Length / 3)]),
            ("网页-2025.pdf", html),
            Seed("huailai-2025.txt"));
        Assert.Equal(4, (int)submitted["total"]!);

        var batch = await admin.WaitForBatchAsync(Id(submitted));
        var documents = batch.Items("documents").ToDictionary(d => (string)d["fileName"]!);
        Assert.Equal("done", (string?)documents["huailai-2025.txt"]["status"]);
        foreach (var bad in new[] { "空文件-2025.pdf", "截断-2025.pdf", "网页-2025.pdf" })
        {
            var d = documents[bad];
            Assert.True((string?)d["status"] == "error", $"{bad}: {d.ToJsonString()}");
            Assert.Contains(bad, (string?)d["error"]);
        }
        Assert.Equal((1, 3), ((int)batch["done"]!, (int)batch["failed"]!));
        var overview = await admin.GetJsonAsync($"/api/batches/{Id(submitted)}/overview");
        Assert.Equal("error", (string?)overview.Items("documents").First()["status"]);
        // The batch report still carries the readable document.
        var json = JsonNode.Parse(await Report(admin, Id(submitted), "json", "application/json"))!;
        Assert.Contains(json["documents"]!.AsArray(), d => (string?)d!["source"] == "huailai-2025.txt");
    }

    [Fact]
    public async Task Organisations_are_isolated_and_roles_limit_what_a_user_may_do()
    {
        // Organisation A is the bootstrap one ("admin"); B is new, with a user of every role.
        using var adminA = await Host.AdminAsync();
        var b = Host.CreateOrganisation("iso-b", Password);
        var a = Host.CreateOrganisation("iso-a", Password, Host.DemoOrganisation);

        var batchA = await adminA.WaitForBatchAsync(Id(await adminA.UploadBatchAsync(Seed("huailai-2025.txt"))));
        var docA = Id(batchA.Items("documents").Single());
        var findingA = Id((await adminA.GetJsonAsync($"/api/findings?batch={Id(batchA)}")).Items().First());

        using var reviewerB = await Host.LoginAsync(b.Reviewer.UserName, Password);
        var me = await reviewerB.GetJsonAsync("/api/me");
        Assert.Equal((b.Org.Name, "reviewer"), ((string?)me["organisation"], (string?)me["role"]));
        foreach (var url in new[]
        {
            $"/api/batches/{Id(batchA)}", $"/api/batches/{Id(batchA)}/overview", $"/api/batches/{Id(batchA)}/report.json",
            $"/api/documents/{docA}", $"/api/documents/{docA}/file", $"/api/documents/{docA}/report.json",
            $"/api/documents/{docA}/layout", $"/api/documents/{docA}/pages/1", $"/api/documents/{docA}/crops/x.png",
            $"/api/findings/{findingA}/history",
        })
        {
            var response = await reviewerB.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
        }
        var review = await reviewerB.PostAsJsonAsync($"/api/findings/{findingA}/review", new { action = "dismiss", reason = "越权" });
        Assert.Equal(HttpStatusCode.NotFound, review.StatusCode);
        Assert.Equal("open", (string?)(await adminA.GetJsonAsync($"/api/findings?batch={Id(batchA)}")).Items().Single(f => Id(f) == findingA)["review"]!["status"]);
        Assert.Equal(0, (int)(await reviewerB.GetJsonAsync("/api/batches"))["total"]!);
        Assert.Equal(0, (int)(await reviewerB.GetJsonAsync("/api/findings"))["total"]!);
        Assert.Equal(0, (int)(await reviewerB.GetJsonAsync($"/api/findings?batch={Id(batchA)}"))["total"]!);
        Assert.All((await reviewerB.GetJsonAsync("/api/rules")).Items("rules"), r => Assert.Equal(0, (int)r["hits"]!));
        var exportB = await reviewerB.GetStringAsync("/api/findings/export.csv");
        var exportA = await adminA.GetStringAsync($"/api/findings/export.csv?batch={Id(batchA)}");
        Assert.Contains("huailai-2025.txt", exportA);
        Assert.DoesNotContain("huailai-2025.txt", exportB);

        // API key of B's uploader: acts as that user, in B only.
        using var keyB = Host.WithApiKey(Host.CreateApiKey(b.Uploader));
        me = await keyB.GetJsonAsync("/api/me");
        Assert.Equal((b.Uploader.UserName, b.Org.Name, "uploader"), ((string?)me["userName"], (string?)me["organisation"], (string?)me["role"]));
        Assert.Equal(HttpStatusCode.NotFound, (await keyB.GetAsync($"/api/batches/{Id(batchA)}")).StatusCode);
        var batchB = await keyB.WaitForBatchAsync(Id(await keyB.UploadBatchAsync(Seed("huailai-2025.txt"))));
        Assert.Equal(b.Uploader.UserName, (string?)batchB["createdBy"]);
        Assert.Equal([Id(batchB)], (await keyB.GetJsonAsync("/api/batches")).Items().Select(Id));
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/batches/{Id(batchB)}")).StatusCode);
        Assert.DoesNotContain((await adminA.GetJsonAsync("/api/batches")).Items(), x => Id(x) == Id(batchB));
        var findingB = Id((await keyB.GetJsonAsync($"/api/findings?batch={Id(batchB)}")).Items().First());
        Assert.Equal(HttpStatusCode.NotFound, (await adminA.GetAsync($"/api/findings/{findingB}/history")).StatusCode);

        // Same file content in both organisations: one blob, two documents, findings counted per organisation.
        Assert.Equal(
            (await adminA.GetJsonAsync($"/api/findings?batch={Id(batchA)}"))["total"]!.GetValue<int>(),
            (await keyB.GetJsonAsync($"/api/findings?batch={Id(batchB)}"))["total"]!.GetValue<int>());

        using var bad = Host.WithApiKey(PasswordHasher.NewApiKey());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bad.GetAsync("/api/batches")).StatusCode);
        using var anonymous = Host.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/batches")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.UploadAsync(null, Seed("huailai-2025.txt"))).StatusCode);

        // Roles: a reviewer cannot upload; an uploader (cookie or key) cannot triage or run sweeps; a reviewer can triage.
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerB.UploadAsync(null, Seed("huailai-2025.txt"))).StatusCode);
        using var uploaderB = await Host.LoginAsync(b.Uploader.UserName, Password);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await uploaderB.PostAsJsonAsync($"/api/findings/{findingB}/review", new { action = "confirm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await keyB.PostAsJsonAsync($"/api/findings/{findingB}/review", new { action = "confirm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await uploaderB.PostAsync("/api/sweeps/reaudit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerB.PostAsync("/api/sweeps/reaudit", null)).StatusCode);
        Assert.Equal("open", (string?)(await keyB.GetJsonAsync($"/api/findings?batch={Id(batchB)}")).Items().Single(f => Id(f) == findingB)["review"]!["status"]);
        var confirmed = await reviewerB.PostAsJsonAsync($"/api/findings/{findingB}/review", new { action = "confirm" });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        // A's reviewer, who may triage, still cannot touch B's finding.
        using var reviewerA = await Host.LoginAsync(a.Reviewer.UserName, Password);
        Assert.Equal(HttpStatusCode.NotFound,
            (await reviewerA.PostAsJsonAsync($"/api/findings/{findingB}/review", new { action = "reopen" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewerA.UploadAsync(null, Seed("huailai-2025.txt"))).StatusCode);
        using var uploaderA = await Host.LoginAsync(a.Uploader.UserName, Password);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await uploaderA.PostAsJsonAsync($"/api/findings/{findingA}/review", new { action = "confirm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await uploaderA.UploadAsync(null, Seed("huailai-2025.txt"))).StatusCode);
    }

    [Fact]
    public async Task Triage_needs_a_reason_to_dismiss_and_keeps_a_history_with_the_user()
    {
        var org = Host.CreateOrganisation("triage", Password, Host.DemoOrganisation);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        using var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        using var admin = await Host.AdminAsync();
        var batch = await uploader.WaitForBatchAsync(Id(await uploader.UploadBatchAsync(Seed("xushui-2022.txt"))));
        var finding = (await reviewer.GetJsonAsync($"/api/findings?batch={Id(batch)}")).Items().First();
        var id = Id(finding);
        var url = $"/api/findings/{id}/review";

        var noReason = await reviewer.PostAsJsonAsync(url, new { action = "dismiss" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("理由", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync(url, new { action = "dismiss", reason = "   " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reviewer.PostAsJsonAsync(url, new { action = "delete", reason = "x" })).StatusCode);
        Assert.Empty((await reviewer.GetJsonAsync($"/api/findings/{id}/history")).AsArray());

        var dismissed = await Review(reviewer, url, new { action = "dismiss", reason = "单位已在附注中说明", comment = "见第3页" });
        Assert.Equal(("dismissed", "单位已在附注中说明", org.Reviewer.UserName),
            ((string?)dismissed["review"]!["status"], (string?)dismissed["review"]!["reason"], (string?)dismissed["review"]!["user"]));
        var commented = await Review(admin, url, new { action = "comment", comment = "同意驳回" });
        Assert.Equal(("dismissed", "单位已在附注中说明", "同意驳回", "admin"),
            ((string?)commented["review"]!["status"], (string?)commented["review"]!["reason"], (string?)commented["review"]!["comment"],
             (string?)commented["review"]!["user"]));
        await Review(reviewer, url, new { action = "reopen" });
        var confirmed = await Review(reviewer, url, new { action = "confirm", comment = "复查后确认" });
        Assert.Equal("confirmed", (string?)confirmed["review"]!["status"]);

        var history = (await uploader.GetJsonAsync($"/api/findings/{id}/history")).AsArray().Select(e => e!).ToList();
        Assert.Equal(
            [("dismiss", org.Reviewer.UserName), ("comment", "admin"), ("reopen", org.Reviewer.UserName), ("confirm", org.Reviewer.UserName)],
            history.Select(e => ((string)e["action"]!, (string)e["user"]!)));
        Assert.Equal("单位已在附注中说明", (string?)history[0]["reason"]);
        Assert.Equal("同意驳回", (string?)history[1]["comment"]);
        var times = history.Select(e => (DateTimeOffset)e["at"]!).ToList();
        Assert.Equal(times.Order(), times);

        var byStatus = await uploader.GetJsonAsync($"/api/findings?batch={Id(batch)}&status=confirmed");
        Assert.Equal([id], byStatus.Items().Select(Id));
    }

    [Fact]
    public async Task Dismissing_one_finding_leaves_a_similar_finding_of_the_same_table_open()
    {
        // huailai-2025 has two indicators of one performance table whose value has the wrong unit for a rate
        // (业务处理及时率 ≤30天, 预算控制率 ≤450万元): one rule, one table, one column.
        using var admin = await Host.AdminAsync();
        var batch = await admin.WaitForBatchAsync(Id(await admin.UploadBatchAsync(Seed("huailai-2025.txt"))));
        var pair = (await admin.GetJsonAsync($"/api/findings?batch={Id(batch)}&rule=II-RATE-UNIT")).Items()
            .Where(f => ((string)f["message"]!).Contains("业务处理及时率") || ((string)f["message"]!).Contains("预算控制率"))
            .OrderBy(f => ((string)f["message"]!).Contains("预算控制率")).ToList();
        Assert.Equal(2, pair.Count);
        Assert.NotEqual(Id(pair[0]), Id(pair[1]));

        await Review(admin, $"/api/findings/{Id(pair[0])}/review", new { action = "dismiss", reason = "时效以天计，可接受" });
        var after = (await admin.GetJsonAsync($"/api/findings?batch={Id(batch)}&rule=II-RATE-UNIT")).Items().ToDictionary(Id);
        Assert.Equal("dismissed", (string?)after[Id(pair[0])]["review"]!["status"]);
        Assert.Equal("open", (string?)after[Id(pair[1])]["review"]!["status"]);
        Assert.Empty((await admin.GetJsonAsync($"/api/findings/{Id(pair[1])}/history")).AsArray());
    }

    private static async Task<JsonNode> Review(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}

public sealed class SqliteServiceApiTests(SqliteServiceHostFixture fixture)
    : ServiceApiTests(fixture), IClassFixture<SqliteServiceHostFixture>;

public sealed class PostgresServiceApiTests(PostgresServiceHostFixture fixture)
    : ServiceApiTests(fixture), IClassFixture<PostgresServiceHostFixture>;
