using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// Deleting batches (<see cref="IBatchRetention"/>) on both backends: everything of the batch goes, blobs only it used go,
/// a file (or image) another batch also has stays, other batches are untouched, and a batch being audited is refused.
/// Tests of one class run one after another, so counts of whole tables before and after are exact.
/// </summary>
public abstract class BatchRetentionContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;
    private IBatchRetention Retention => fixture.Store.Retention;

    private static readonly string[] Tables =
    [
        "organisations", "users", "api_keys", "blobs", "batches", "documents", "document_images", "findings", "reviews",
        "review_events", "audit_runs", "protection_keys",
    ];

    private Dictionary<string, long> CountAll() => Tables.ToDictionary(t => t, t => fixture.Count($"SELECT COUNT(*) FROM {t} WHERE 1 = @one", "one", 1));

    private long BlobRows(string sha) => fixture.Count("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha", "sha", sha);

    private Organisation NewOrganisation(string label) => Store.Identity.CreateOrganisation($"{label}-{Guid.NewGuid():N}");

    private NewDocument File(string name, byte[] content)
    {
        var sha = ContentHash.Sha256(content);
        Store.Blobs.PutBlob(sha, content);
        return new NewDocument(name, sha, content.Length);
    }

    private static byte[] Unique(string text) => Encoding.UTF8.GetBytes(text + Guid.NewGuid());

    private static Finding NewFinding(string rule, int row) => new()
    {
        RuleId = rule, RuleName = rule, Category = "inconsistency", Severity = Severity.Error, Message = $"{rule} 第 {row} 行不平",
        Evidence = [new Evidence(1, row, "部门收支总表", row, "合计", "1.00")],
    };

    /// <summary>Audits a document with two findings, a layout, the given images, and reviews its first finding twice.</summary>
    private void Audit(Organisation org, DocumentRecord doc, string layout, params DocumentImage[] images)
    {
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a")!;
        var result = new DocumentResult
        {
            Source = doc.FileName, Department = "保留局", Year = 2024, Findings = [NewFinding("R1", 1), NewFinding("R2", 2)],
        };
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", layout, "{}", images)));
        var finding = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items[0];
        Store.Findings.ReviewFinding(org.Id, finding.Id, "confirm", null, "确认", "reviewer");
        Store.Findings.ReviewFinding(org.Id, finding.Id, "comment", null, "备注", "reviewer");
    }

    [Fact]
    public void Deleting_a_batch_removes_its_rows_and_the_blobs_only_it_used_and_keeps_shared_ones_and_the_other_batch()
    {
        var org = NewOrganisation("retention");
        var shared = Unique("同一文件 shared upload");
        var sharedImage = new DocumentImage("page-1.png", Unique("shared image"));
        var (a, aDocs) = Store.Batches.CreateBatch(org.Id, "要删除的批次", "admin", "test",
            [File("共享.txt", shared), File("独有.txt", Unique("only in A"))]);
        var (b, bDocs) = Store.Batches.CreateBatch(org.Id, "保留的批次", "admin", "test", [File("共享.txt", shared), File("B.txt", Unique("only in B"))]);
        var aLayout = "{\"a\":\"" + Guid.NewGuid() + "\"}";
        var aImage = new DocumentImage("crop-1.png", Unique("image only in A"));
        Audit(org, aDocs[0], aLayout, sharedImage, aImage);
        Audit(org, aDocs[1], aLayout); // the same layout twice within A: one blob, removed once
        Store.Blobs.PutDocumentImage(aDocs[1].Id, "page-9.png", Unique("rendered on request"));
        Audit(org, bDocs[0], "{\"b\":1}", sharedImage);
        var bFindings = Store.Findings.QueryFindings(org.Id, new FindingFilter { Batches = [b.Id] }, 10, 0);
        var before = CountAll();

        var deleted = Retention.DeleteBatch(org.Id, a.Id);

        Assert.Equal(BatchDeletionStatus.Deleted, deleted.Status);
        Assert.Equal(("要删除的批次", 2, 4, 2, 4, 2, 3), (deleted.Name, deleted.Documents, deleted.Findings, deleted.Reviews,
            deleted.ReviewEvents, deleted.AuditRuns, deleted.Images));
        // Removed: A's own upload, A's layout, A's own image and the rendered page; kept: the shared upload and image.
        Assert.Equal((4, 2), (deleted.BlobsRemoved, deleted.BlobsKept));
        var after = CountAll();
        var expected = new Dictionary<string, long>(before)
        {
            ["batches"] = before["batches"] - 1, ["documents"] = before["documents"] - 2, ["findings"] = before["findings"] - 4,
            ["reviews"] = before["reviews"] - 2, ["review_events"] = before["review_events"] - 4,
            ["audit_runs"] = before["audit_runs"] - 2, ["document_images"] = before["document_images"] - 3,
            ["blobs"] = before["blobs"] - 4,
        };
        Assert.Equal(expected, after);

        Assert.Null(Store.Batches.GetBatch(org.Id, a.Id));
        Assert.Null(Store.Batches.GetDocument(null, aDocs[0].Id));
        Assert.Empty(Store.Ledger.ListAuditRuns(aDocs[0].Id));
        Assert.Equal(0, BlobRows(aDocs[1].Sha256));
        Assert.Equal(0, BlobRows(ContentHash.Sha256(Encoding.UTF8.GetBytes(aLayout))));
        Assert.Equal(0, BlobRows(ContentHash.Sha256(aImage.Png)));
        Assert.Equal(shared, Store.Blobs.GetBlob(ContentHash.Sha256(shared)));

        // The other batch reads as before: documents, findings with their reviews, the shared image.
        Assert.Equal(2, Store.Batches.GetBatch(org.Id, b.Id)!.Total);
        Assert.Equal(bFindings.Items.Select(f => (f.Id, f.Finding.Message, f.Review.Status)),
            Store.Findings.QueryFindings(org.Id, new FindingFilter { Batches = [b.Id] }, 10, 0).Items.Select(f => (f.Id, f.Finding.Message, f.Review.Status)));
        Assert.Equal(sharedImage.Png, Store.Blobs.GetDocumentImage(bDocs[0].Id, "page-1.png"));
        Assert.Equal("{\"b\":1}", Store.Batches.GetLayoutJson(bDocs[0].Id));
        Assert.Equal(2, Store.Findings.ListTriageHistory(org.Id).Count);

        // A worker whose job outlived the batch finds nothing to claim.
        Assert.Null(Store.Ledger.BeginAudit(aDocs[0].Id, "node-b"));
        Assert.Equal(BatchDeletionStatus.NotFound, Retention.DeleteBatch(org.Id, a.Id).Status);
    }

    [Fact]
    public void A_batch_with_a_document_being_audited_is_refused_untouched_and_can_be_deleted_once_the_audit_ends()
    {
        var org = NewOrganisation("busy");
        var (batch, docs) = Store.Batches.CreateBatch(org.Id, "审核中", "admin", "test", [File("a.txt", Unique("a")), File("b.txt", Unique("b"))]);
        var claim = Store.Ledger.BeginAudit(docs[0].Id, "node-a")!;
        var before = CountAll();

        var refused = Retention.DeleteBatch(org.Id, batch.Id);

        Assert.Equal(BatchDeletionStatus.Busy, refused.Status);
        Assert.Equal(before, CountAll());
        Assert.True(Store.Ledger.FailAudit(docs[0].Id, claim, "无法读取", "v1", "node-a", 0.1));
        Assert.Equal(BatchDeletionStatus.Deleted, Retention.DeleteBatch(org.Id, batch.Id).Status);
        Assert.Equal(before["documents"] - 2, CountAll()["documents"]);
    }

    [Fact]
    public void Another_organisations_batch_is_not_found_and_kept_and_no_organisation_means_any()
    {
        var org = NewOrganisation("owner");
        var stranger = NewOrganisation("stranger");
        var (batch, _) = Store.Batches.CreateBatch(org.Id, "别人的批次", "admin", "test", [File("a.txt", Unique("a"))]);

        Assert.Equal(BatchDeletionStatus.NotFound, Retention.DeleteBatch(stranger.Id, batch.Id).Status);
        Assert.NotNull(Store.Batches.GetBatch(org.Id, batch.Id));
        Assert.Equal(BatchDeletionStatus.NotFound, Retention.DeleteBatch(org.Id, long.MaxValue).Status);

        var deleted = Retention.DeleteBatch(null, batch.Id);
        Assert.Equal((BatchDeletionStatus.Deleted, org.Id), (deleted.Status, deleted.OrganisationId));
        Assert.Null(Store.Batches.GetBatch(org.Id, batch.Id));
    }

    [Fact]
    public void Batches_created_before_a_cutoff_are_listed_oldest_first()
    {
        var org = NewOrganisation("aged");
        var (old, _) = Store.Batches.CreateBatch(org.Id, "旧", "admin", "test", [File("a.txt", Unique("a"))]);
        var (older, _) = Store.Batches.CreateBatch(org.Id, "更旧", "admin", "test", [File("b.txt", Unique("b"))]);
        var (recent, _) = Store.Batches.CreateBatch(org.Id, "新", "admin", "test", [File("c.txt", Unique("c"))]);
        var now = DateTimeOffset.UtcNow;
        fixture.Execute($"UPDATE batches SET created_at = {now.AddYears(-20).AddDays(-1).ToUnixTimeMilliseconds()} WHERE id = {old.Id}");
        fixture.Execute($"UPDATE batches SET created_at = {now.AddYears(-20).AddDays(-2).ToUnixTimeMilliseconds()} WHERE id = {older.Id}");

        var listed = Retention.ListBatchesCreatedBefore(now.AddYears(-20), 10);

        Assert.Equal([older.Id, old.Id], listed.Select(b => b.Id));
        Assert.Equal([older.Id], Retention.ListBatchesCreatedBefore(now.AddYears(-20), 1).Select(b => b.Id));
        Assert.DoesNotContain(recent.Id, Retention.ListBatchesCreatedBefore(now.AddDays(-1), 1000).Select(b => b.Id));
        foreach (var b in listed) Retention.DeleteBatch(null, b.Id); // leave no aged batch for other tests of the class
    }
}

public sealed class SqliteBatchRetentionContractTests(SqliteStoreFixture fixture)
    : BatchRetentionContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresBatchRetentionContractTests(PostgresStoreFixture fixture)
    : BatchRetentionContractTests(fixture), IClassFixture<PostgresStoreFixture>;
