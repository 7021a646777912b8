using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// The AuditStore contract, run against both backends (<see cref="SqliteAuditStoreContractTests"/>,
/// <see cref="PostgresAuditStoreContractTests"/>). Each test makes its own organisation, so tests sharing the class's
/// database do not see each other's rows.
/// </summary>
public abstract class AuditStoreContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;

    private Organisation NewOrganisation(string label) => Store.Identity.CreateOrganisation($"{label}-{Guid.NewGuid():N}");

    private static byte[] Content(string text) => Encoding.UTF8.GetBytes(text + Guid.NewGuid());

    private (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) NewBatch(Organisation org, params string[] names)
    {
        var docs = names.Select(n =>
        {
            var bytes = Content(n);
            var sha = ContentHash.Sha256(bytes);
            Store.Blobs.PutBlob(sha, bytes);
            return new NewDocument(n, sha, bytes.Length);
        }).ToList();
        return Store.Batches.CreateBatch(org.Id, "批次 " + string.Join(",", names), "tester", "test", docs);
    }

    private static Finding NewFinding(string rule, string message, int page, int row, Severity severity = Severity.Error) => new()
    {
        RuleId = rule, RuleName = rule + " 名称", Category = "inconsistency", Severity = severity, Message = message,
        Evidence = [new Evidence(page, 10 + row, "部门收支总表", row, "合计", "100.00")],
        Expected = 100.00m, Actual = 99.99m,
    };

    private static AuditOutcome Outcome(string version, string node, params Finding[] findings)
    {
        var result = new DocumentResult
        {
            Source = "x.txt", Department = "测试局", Year = 2025, Findings = [.. findings], ElapsedSeconds = 0.5,
        };
        return new AuditOutcome(result, version, node, null, "{\"documents\":[]}", []);
    }

    private DocumentRecord Audited(Organisation org, string version, params Finding[] findings)
    {
        var doc = NewBatch(org, "a.txt").Documents[0];
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, Outcome(version, "node-a", findings)));
        return Store.Batches.GetDocument(org.Id, doc.Id)!;
    }

    [Fact]
    public void A_findings_evidence_reads_back_as_it_was_stored_with_boxes_crops_confidence_and_escaped_text()
    {
        var org = NewOrganisation("evidence");
        List<Evidence> evidence =
        [
            new(3, 120, "部门收支总表", 7, "合计", "1,234.50", 0.87, "crops/p3-1.png", new BoundingBox(12.5, 700.25, 80, 11.5)),
            new(null, null, null, null, null, null),
            new(1, 0, "表\"引号\"\\反斜杠", -1, "列\n换行\t", "≤30天 \u0001 😀 </script>", 1e-7, "", new BoundingBox(-0.5, 0, 1e6, 0.125)),
        ];
        var doc = Audited(org, "v1", NewFinding("R-EV", "证据", 1, 1) with { Evidence = evidence }, NewFinding("R-EV0", "无证据", 1, 2) with { Evidence = [] });
        var read = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items.ToDictionary(f => f.Finding.RuleId);
        Assert.Equal(evidence, read["R-EV"].Finding.Evidence);
        Assert.Empty(read["R-EV0"].Finding.Evidence);
        Assert.Equal(evidence, Store.Findings.GetFinding(org.Id, read["R-EV"].Id)!.Finding.Evidence);
    }

    [Fact]
    public void Findings_spanning_several_multi_row_inserts_are_stored_one_row_each_in_ordinal_order_with_every_field()
    {
        // More rows than two of the ledger's multi-row INSERTs carry (200 each), so the last is partial; nulls and varying fields.
        const int count = 407;
        var findings = Enumerable.Range(0, count).Select(i => NewFinding($"R-{i % 5}", $"第{i}条 “引号”", 1 + i % 3, i,
            i % 4 == 0 ? Severity.Warning : Severity.Error) with
        {
            Expected = i % 7 == 0 ? null : 100.5m + i, Actual = i % 11 == 0 ? null : i, Category = i % 2 == 0 ? "inconsistency" : "text",
        }).ToArray();
        var org = NewOrganisation("many-findings");
        var doc = Audited(org, "v1", findings);
        var stored = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, count + 10, 0).Items
            .OrderBy(f => f.Id).ToList();
        Assert.Equal(count, stored.Count);
        for (var i = 0; i < count; i++)
        {
            var f = stored[i];
            Assert.Equal(findings[i].Message, f.Finding.Message);
            Assert.Equal(findings[i].RuleId, f.Finding.RuleId);
            Assert.Equal(findings[i].RuleName, f.Finding.RuleName);
            Assert.Equal(findings[i].Category, f.Finding.Category);
            Assert.Equal(findings[i].Severity, f.Finding.Severity);
            Assert.Equal(findings[i].Expected, f.Finding.Expected);
            Assert.Equal(findings[i].Actual, f.Finding.Actual);
            Assert.Equal(findings[i].Evidence, f.Finding.Evidence);
            Assert.Equal((doc.Id, doc.BatchId, "a.txt", "测试局", (int?)2025), (f.DocumentId, f.BatchId, f.FileName, f.Department, f.Year));
        }
        Assert.Equal(FindingFingerprint.Of(findings), stored.Select(f => f.Fingerprint).ToList());
        var facets = Store.Findings.CountFindingFacets(org.Id, new FindingFilter { Documents = [doc.Id] });
        Assert.Equal(count, facets["severity"].Sum(c => c.Count));
    }

    [Fact]
    public void The_stored_layout_reads_back_as_the_bytes_written_and_as_the_same_text()
    {
        var org = NewOrganisation("layout-bytes");
        var doc = NewBatch(org, "a.txt").Documents[0];
        Assert.Null(Store.Batches.GetLayoutUtf8(doc.Id));
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a")!;
        const string layout = "{\"pages\":[{\"number\":1,\"text\":\"部门收支总表 “合计” 😀\"}]}";
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, Outcome("v1", "node-a") with { LayoutJson = layout }));
        Assert.Equal(Encoding.UTF8.GetBytes(layout), Store.Batches.GetLayoutUtf8(doc.Id));
        Assert.Equal(layout, Store.Batches.GetLayoutJson(doc.Id));
    }

    [Fact]
    public void Facets_count_the_filtered_findings_per_category_severity_status_rule_department_and_year()
    {
        var org = NewOrganisation("facets");
        var first = Audited(org, "v1", NewFinding("R-A", "一", 1, 1), NewFinding("R-A", "二", 1, 2),
            NewFinding("R-B", "三", 2, 1, Severity.Warning), NewFinding("R-C", "四", 3, 1, Severity.Info));
        Audited(org, "v1", NewFinding("R-A", "五", 1, 1, Severity.Warning));
        var ids = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [first.Id] }, 100, 0).Items.Select(f => f.Id).ToList();
        Store.Findings.ReviewFinding(org.Id, ids[0], "dismiss", "四舍五入", null, "审核员");
        Store.Findings.ReviewFinding(org.Id, ids[2], "confirm", null, null, "审核员");

        static Dictionary<string, int> Of(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> facets, string name) =>
            facets[name].ToDictionary(f => f.Value, f => f.Count);
        var all = Store.Findings.CountFindingFacets(org.Id, new FindingFilter());
        Assert.Equal(new Dictionary<string, int> { ["inconsistency"] = 5 }, Of(all, "category"));
        Assert.Equal(new Dictionary<string, int> { ["error"] = 2, ["warning"] = 2, ["info"] = 1 }, Of(all, "severity"));
        Assert.Equal(new Dictionary<string, int> { ["open"] = 3, ["dismissed"] = 1, ["confirmed"] = 1 }, Of(all, "status"));
        Assert.Equal(new Dictionary<string, int> { ["R-A"] = 3, ["R-B"] = 1, ["R-C"] = 1 }, Of(all, "rule"));
        Assert.Equal(new Dictionary<string, int> { ["测试局"] = 5 }, Of(all, "department"));
        Assert.Equal(new Dictionary<string, int> { ["2025"] = 5 }, Of(all, "year"));
        // Largest first, ties by value: the dashboard's filter lists do not reshuffle between requests.
        Assert.Equal(["R-A", "R-B", "R-C"], all["rule"].Select(f => f.Value));

        var filtered = Store.Findings.CountFindingFacets(org.Id, new FindingFilter { Severities = [Severity.Error, Severity.Warning], Documents = [first.Id] });
        Assert.Equal(new Dictionary<string, int> { ["R-A"] = 2, ["R-B"] = 1 }, Of(filtered, "rule"));
        Assert.Equal(new Dictionary<string, int> { ["dismissed"] = 1, ["open"] = 1, ["confirmed"] = 1 }, Of(filtered, "status"));
    }

    [Fact]
    public void Migrate_runs_again_on_an_existing_schema_and_another_store_object_sees_the_same_data()
    {
        var org = NewOrganisation("migrate");
        Store.Schema.Migrate();
        var other = fixture.OpenAnother();
        other.Schema.Migrate();
        Assert.Equal(org.Id, other.Identity.FindOrganisation(org.Name)?.Id);
    }

    private bool Complete(DocumentRecord doc, DocumentType type, params Finding[] findings)
    {
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        var result = new DocumentResult
        {
            Source = doc.FileName, Department = "测试局", Year = 2024, DocumentType = type, Findings = [.. findings],
        };
        return Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", null, "{\"documents\":[]}", []));
    }

    [Fact]
    public void A_re_audit_keeps_the_page_images_it_names_and_replaces_the_other_images()
    {
        var org = NewOrganisation("images");
        var doc = NewBatch(org, "scan.pdf").Documents[0];
        byte[] page = [1, 2, 3], oldCrop = [4, 5], newCrop = [6, 7];
        void Complete(IReadOnlyList<DocumentImage> images, IReadOnlyCollection<string>? kept)
        {
            var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
            var outcome = Outcome("v1", "node-a") with { Images = images, KeptImages = kept };
            Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, outcome));
            Store.Ledger.RequeueStale("v2");
        }

        Complete([new DocumentImage("page-1.png", page), new DocumentImage("crop-a.png", oldCrop)], null);
        Complete([new DocumentImage("crop-b.png", newCrop)], ["page-1.png"]);

        Assert.Equal(page, Store.Blobs.GetDocumentImage(doc.Id, "page-1.png"));
        Assert.Null(Store.Blobs.GetDocumentImage(doc.Id, "crop-a.png"));
        Assert.Equal(newCrop, Store.Blobs.GetDocumentImage(doc.Id, "crop-b.png"));

        // Nothing kept: every image is replaced.
        Complete([new DocumentImage("crop-c.png", oldCrop)], null);
        Assert.Null(Store.Blobs.GetDocumentImage(doc.Id, "page-1.png"));
        Assert.Equal(oldCrop, Store.Blobs.GetDocumentImage(doc.Id, "crop-c.png"));
    }

    [Fact]
    public void The_document_type_is_stored_with_the_result_and_given_back_with_the_document_and_its_findings()
    {
        var org = NewOrganisation("type");
        var (batch, docs) = NewBatch(org, "决算.pdf", "预算.pdf");
        Assert.All(docs, d => Assert.Equal(DocumentType.Unknown, d.DocumentType));

        Assert.True(Complete(docs[0], DocumentType.DepartmentFinalAccount, NewFinding("R-T", "决算问题", 1, 1)));
        Assert.True(Complete(docs[1], DocumentType.UnitBudget, NewFinding("R-T", "预算问题", 1, 1)));

        Assert.Equal(DocumentType.DepartmentFinalAccount, Store.Batches.GetDocument(org.Id, docs[0].Id)!.DocumentType);
        Assert.Equal(DocumentType.UnitBudget, Store.Batches.GetDocument(null, docs[1].Id)!.DocumentType);
        Assert.Equal([DocumentType.DepartmentFinalAccount, DocumentType.UnitBudget], Store.Batches.ListDocuments(batch.Id).Select(d => d.DocumentType));
        // Stored as the report contract's code, so the column reads the same as the JSON.
        Assert.Equal(1, fixture.Count("SELECT COUNT(*) FROM documents WHERE id = @id AND document_type = 'department-final-account'", "id", docs[0].Id));
        var findings = Store.Findings.QueryFindings(org.Id, new FindingFilter { Batches = [batch.Id] }, 10, 0).Items;
        Assert.Equal(DocumentType.DepartmentFinalAccount, findings.Single(f => f.DocumentId == docs[0].Id).DocumentType);
        Assert.Equal(DocumentType.UnitBudget, Store.Findings.GetFinding(org.Id, findings.Single(f => f.DocumentId == docs[1].Id).Id)!.DocumentType);

        // A re-audit that recognises the document otherwise replaces the type.
        Assert.Equal([docs[0].Id], Store.Ledger.RequeueStale("v2").Where(id => id == docs[0].Id));
        Assert.True(Complete(docs[0], DocumentType.Template));
        Assert.Equal(DocumentType.Template, Store.Batches.GetDocument(org.Id, docs[0].Id)!.DocumentType);
    }

    [Fact]
    public void Migrate_adds_the_document_type_column_to_a_store_made_before_it()
    {
        var org = NewOrganisation("upgrade");
        var old = NewBatch(org, "旧.pdf").Documents[0];
        Assert.True(Complete(old, DocumentType.DepartmentBudget));
        // The documents table as the version before the type left it.
        fixture.Execute("ALTER TABLE documents DROP COLUMN document_type");
        Assert.NotNull(Record.Exception(() => fixture.Count("SELECT COUNT(document_type) FROM documents WHERE id = @id", "id", old.Id)));

        Store.Schema.Migrate();
        fixture.OpenAnother().Schema.Migrate();

        // Rows from before read as Unknown (the column is NULL) until a re-audit fills it in.
        Assert.Equal(0, fixture.Count("SELECT COUNT(document_type) FROM documents WHERE id = @id", "id", old.Id));
        Assert.Equal(DocumentType.Unknown, Store.Batches.GetDocument(org.Id, old.Id)!.DocumentType);
        var fresh = NewBatch(org, "新.pdf").Documents[0];
        Assert.True(Complete(fresh, DocumentType.UnitFinalAccount));
        Assert.Equal(DocumentType.UnitFinalAccount, Store.Batches.GetDocument(org.Id, fresh.Id)!.DocumentType);
    }

    [Fact]
    public void Blobs_are_content_addressed_and_stored_once()
    {
        var bytes = Content("同一内容");
        var sha = ContentHash.Sha256(bytes);

        Assert.True(Store.Blobs.PutBlob(sha, bytes));
        Assert.False(Store.Blobs.PutBlob(sha, bytes));
        Assert.False(fixture.OpenAnother().Blobs.PutBlob(sha, [.. bytes]));
        Assert.Equal(bytes, Store.Blobs.GetBlob(sha));
        Assert.Equal(1, fixture.Count("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha", "sha", sha));
        Assert.Null(Store.Blobs.GetBlob(ContentHash.Sha256(Content("never stored"))));

        // Two documents of one content (in two batches) share the one blob.
        var org = NewOrganisation("blobs");
        var doc = new NewDocument("一.txt", sha, bytes.Length);
        var (_, first) = Store.Batches.CreateBatch(org.Id, "b1", "tester", "test", [doc, doc with { FileName = "二.txt" }]);
        var (_, second) = Store.Batches.CreateBatch(org.Id, "b2", "tester", "test", [doc]);
        Assert.All(first.Concat(second), d => Assert.Equal(sha, d.Sha256));
        Assert.Equal(1, fixture.Count("SELECT COUNT(*) FROM blobs WHERE sha256 = @sha", "sha", sha));
        Assert.Equal(3, fixture.Count("SELECT COUNT(*) FROM documents WHERE sha256 = @sha", "sha", sha));
    }

    [Fact]
    public void CreateBatch_makes_the_batch_and_its_queued_documents()
    {
        var org = NewOrganisation("batch");
        var (batch, docs) = NewBatch(org, "甲.txt", "乙.pdf", "丙.docx");

        Assert.Equal(org.Id, batch.OrganisationId);
        Assert.Equal((3, 3, 0, 0, 0), (batch.Total, batch.Queued, batch.Processing, batch.Done, batch.Failed));
        Assert.Equal("queued", batch.Status);
        Assert.Equal(["甲.txt", "乙.pdf", "丙.docx"], docs.Select(d => d.FileName));
        Assert.All(docs, d =>
        {
            Assert.Equal(DocumentStatus.Queued, d.Status);
            Assert.Equal(batch.Id, d.BatchId);
            Assert.Equal(org.Id, d.OrganisationId);
            Assert.Equal(d.Size, Store.Blobs.GetBlob(d.Sha256)!.Length);
        });
        Assert.Equal(docs.Select(d => d.Id), Store.Batches.ListDocuments(batch.Id).Select(d => d.Id));
        Assert.Equal(batch with { }, Store.Batches.GetBatch(org.Id, batch.Id));
        Assert.Subset(Store.Ledger.ListUnfinishedDocuments().ToHashSet(), docs.Select(d => d.Id).ToHashSet());

        var (later, _) = NewBatch(org, "丁.txt");
        var page = Store.Batches.ListBatches(org.Id, 10, 0);
        Assert.Equal(2, page.Total);
        Assert.Equal([later.Id, batch.Id], page.Items.Select(b => b.Id));
        Assert.Equal([batch.Id], Store.Batches.ListBatches(org.Id, 1, 1).Items.Select(b => b.Id));
    }

    [Fact]
    public void A_claim_superseded_by_another_node_cannot_complete_or_fail()
    {
        var org = NewOrganisation("claim");
        var doc = NewBatch(org, "a.txt").Documents[0];

        var stale = Store.Ledger.BeginAudit(doc.Id, "node-a");
        Assert.NotNull(stale);
        Assert.Equal(DocumentStatus.Processing, Store.Batches.GetDocument(org.Id, doc.Id)!.Status);
        // Node a died (or is slow); its job is recovered by node b, which claims the document anew.
        var current = Store.Ledger.BeginAudit(doc.Id, "node-b");
        Assert.NotNull(current);
        Assert.NotEqual(stale, current);

        Assert.False(Store.Ledger.CompleteAudit(doc.Id, stale!, Outcome("v1", "node-a", NewFinding("R-A", "旧节点", 1, 1))));
        Assert.False(Store.Ledger.FailAudit(doc.Id, stale!, "旧节点失败", "v1", "node-a", 1));
        Assert.Empty(Store.Ledger.ListAuditRuns(doc.Id));
        Assert.Equal(DocumentStatus.Processing, Store.Batches.GetDocument(org.Id, doc.Id)!.Status);

        Assert.True(Store.Ledger.CompleteAudit(doc.Id, current!, Outcome("v1", "node-b", NewFinding("R-A", "新节点", 1, 1))));
        var done = Store.Batches.GetDocument(org.Id, doc.Id)!;
        Assert.Equal((DocumentStatus.Done, "v1", 1), (done.Status, done.RuleSetVersion, done.Errors));
        Assert.Equal("node-b", Assert.Single(Store.Ledger.ListAuditRuns(doc.Id)).Node);
        Assert.Equal("新节点", Assert.Single(Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items).Finding.Message);

        // Done: no one can claim it again, and the winning claim is spent.
        Assert.Null(Store.Ledger.BeginAudit(doc.Id, "node-a"));
        Assert.Null(fixture.OpenAnother().Ledger.BeginAudit(doc.Id, "node-c"));
        Assert.False(Store.Ledger.CompleteAudit(doc.Id, current!, Outcome("v1", "node-b")));
        Assert.False(Store.Ledger.FailAudit(doc.Id, current!, "again", "v1", "node-b", 0));
        Assert.Single(Store.Ledger.ListAuditRuns(doc.Id));
        Assert.DoesNotContain(doc.Id, Store.Ledger.ListUnfinishedDocuments());
    }

    [Fact]
    public void A_failed_document_records_its_error_once_and_cannot_be_claimed()
    {
        var org = NewOrganisation("fail");
        var doc = NewBatch(org, "坏.pdf").Documents[0];
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a")!;
        Assert.True(Store.Ledger.FailAudit(doc.Id, claim, "坏.pdf: 无法读取", "v1", "node-a", 0.1));

        var failed = Store.Batches.GetDocument(org.Id, doc.Id)!;
        Assert.Equal((DocumentStatus.Error, "坏.pdf: 无法读取"), (failed.Status, failed.Error));
        Assert.Null(Store.Ledger.BeginAudit(doc.Id, "node-b"));
        Assert.Single(Store.Ledger.ListAuditRuns(doc.Id));
        var batch = Store.Batches.GetBatch(org.Id, doc.BatchId)!;
        Assert.Equal((1, 0, "done"), (batch.Failed, batch.Queued, batch.Status));
    }

    [Fact]
    public void Concurrent_claims_on_one_document_record_exactly_one_audit()
    {
        var org = NewOrganisation("race");
        var doc = NewBatch(org, "a.txt").Documents[0];
        var stores = Enumerable.Range(0, 4).Select(_ => fixture.OpenAnother()).ToList();
        var wins = 0;
        Parallel.For(0, 8, i =>
        {
            var store = stores[i % stores.Count];
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var claim = store.Ledger.BeginAudit(doc.Id, $"node-{i}");
                if (claim is null) return;
                if (store.Ledger.CompleteAudit(doc.Id, claim, Outcome("v1", $"node-{i}", NewFinding("R-A", "x", 1, 1))))
                {
                    Interlocked.Increment(ref wins);
                    return;
                }
            }
        });
        Assert.Equal(1, wins);
        Assert.Single(Store.Ledger.ListAuditRuns(doc.Id));
        Assert.Single(Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items);
    }

    [Fact]
    public void A_reaudit_that_finds_the_same_keeps_the_stored_findings_and_one_that_differs_rewrites_them()
    {
        var org = NewOrganisation("unchanged");
        Finding[] same = [NewFinding("R-SUM", "合计 100.00 与各项之和 99.99 不符", 1, 2), NewFinding("R-OTHER", "另一问题", 2, 5, Severity.Warning)];
        var doc = Audited(org, "v1", same);
        List<(long Id, string Message)> Stored() => Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items
            .OrderBy(f => f.Id).Select(f => (f.Id, f.Finding.Message)).ToList();
        var before = Stored();

        void Reaudit(string version, AuditOutcome outcome)
        {
            Assert.Contains(doc.Id, Store.Ledger.RequeueStale(version));
            var claim = Store.Ledger.BeginAudit(doc.Id, "node-b")!;
            Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, outcome));
        }

        // A rule edit that changes nothing this document shows: its rows stay as they were, ids included, while the
        // document records the new rule set and the run.
        Reaudit("v2", Outcome("v2", "node-b", same));
        Assert.Equal(before, Stored());
        Assert.Equal("v2", Store.Batches.GetDocument(org.Id, doc.Id)!.RuleSetVersion);
        Assert.Equal(["v1", "v2"], Store.Ledger.ListAuditRuns(doc.Id).Select(r => r.RuleSetVersion));

        // One message differs: the findings are written anew.
        Reaudit("v3", Outcome("v3", "node-b", NewFinding("R-SUM", "合计 100.00 与各项之和 99.98 不符", 1, 2), same[1]));
        var changed = Stored();
        Assert.Equal(["合计 100.00 与各项之和 99.98 不符", "另一问题"], changed.Select(f => f.Message));
        Assert.DoesNotContain(changed, f => before.Any(b => b.Id == f.Id));

        // The same findings under another department (recognition changed): the rows carry it, so they are rewritten.
        var moved = Outcome("v4", "node-b", NewFinding("R-SUM", "合计 100.00 与各项之和 99.98 不符", 1, 2), same[1]);
        Reaudit("v4", moved with { Result = moved.Result with { Department = "另一局" } });
        Assert.DoesNotContain(Stored(), f => changed.Any(b => b.Id == f.Id));
        Assert.Equal(2, Store.Findings.QueryFindings(org.Id, new FindingFilter { Departments = ["另一局"] }, 10, 0).Items.Count);
    }

    [Fact]
    public void Review_state_is_kept_across_a_reaudit_by_fingerprint()
    {
        var org = NewOrganisation("review");
        var doc = Audited(org, "v1",
            NewFinding("R-SUM", "合计 100.00 与各项之和 99.99 不符", 1, 2),
            NewFinding("R-OTHER", "另一问题", 2, 5, Severity.Warning));
        var findings = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items;
        var sum = findings.Single(f => f.Finding.RuleId == "R-SUM");
        var other = findings.Single(f => f.Finding.RuleId == "R-OTHER");

        var dismissed = Store.Findings.ReviewFinding(org.Id, sum.Id, "dismiss", "四舍五入差异", null, "审核员甲");
        Assert.Equal((ReviewStatus.Dismissed, "四舍五入差异", "审核员甲"), (dismissed!.Review.Status, dismissed.Review.Reason, dismissed.Review.User));
        Store.Findings.ReviewFinding(org.Id, sum.Id, "comment", null, "已与单位核实", "审核员乙");
        Store.Findings.ReviewFinding(org.Id, other.Id, "confirm", null, null, "审核员甲");

        // The rule set changes; the document is audited again. The sum finding's message changes (new figures) but
        // its rule and evidence location stay: the reviewer's judgement must stay with it. R-OTHER is no longer found.
        var requeued = Store.Ledger.RequeueStale("v2");
        Assert.Contains(doc.Id, requeued);
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-b")!;
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, Outcome("v2", "node-b",
            NewFinding("R-SUM", "合计 100.00 与各项之和 99.98 不符（规则已修订）", 1, 2),
            NewFinding("R-NEW", "新规则的问题", 3, 1))));

        var after = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items;
        Assert.Equal(["R-NEW", "R-SUM"], after.Select(f => f.Finding.RuleId).Order());
        var sumAfter = after.Single(f => f.Finding.RuleId == "R-SUM");
        Assert.Equal("合计 100.00 与各项之和 99.98 不符（规则已修订）", sumAfter.Finding.Message);
        Assert.Equal(ReviewStatus.Dismissed, sumAfter.Review.Status);
        Assert.Equal("四舍五入差异", sumAfter.Review.Reason);
        Assert.Equal("已与单位核实", sumAfter.Review.Comment);
        Assert.Equal(ReviewStatus.Open, after.Single(f => f.Finding.RuleId == "R-NEW").Review.Status);
        Assert.Equal(
            [("dismiss", "审核员甲"), ("comment", "审核员乙")],
            Store.Findings.ListReviewEvents(org.Id, sumAfter.Id).Select(e => (e.Action, e.User)));
        Assert.Equal(["v1", "v2"], Store.Ledger.ListAuditRuns(doc.Id).Select(r => r.RuleSetVersion));
        Assert.Equal([sumAfter.Id], Store.Findings.QueryFindings(org.Id,
            new FindingFilter { Documents = [doc.Id], ReviewStatuses = [ReviewStatus.Dismissed] }, 10, 0).Items.Select(f => f.Id));

        // Same rule, but the evidence moved to another row: a different finding, open again.
        Store.Ledger.RequeueStale("v3");
        claim = Store.Ledger.BeginAudit(doc.Id, "node-b")!;
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, Outcome("v3", "node-b", NewFinding("R-SUM", "移到另一行", 1, 3))));
        Assert.Equal(ReviewStatus.Open,
            Assert.Single(Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items).Review.Status);
    }

    [Fact]
    public void Findings_of_one_rule_in_one_table_column_keep_separate_reviews()
    {
        // Two indicators of one performance table with the same defect: same rule, page, table and column, no row;
        // only the line tells them apart (huailai-2025's II-RATE-UNIT findings look like this). A third repeats the
        // second's evidence exactly (jiaozuo-2025's EX-NOTE notes on one header line).
        static Finding Indicator(string message, int line, string column = "指标值") => new()
        {
            RuleId = "II-RATE-UNIT", RuleName = "比率的单位", Category = "implausible-indicator", Severity = Severity.Warning,
            Message = message, Evidence = [new Evidence(1, line, "城乡医疗救助绩效目标表", null, column, "≤30天")],
        };
        Finding[] Findings(string suffix) =>
        [
            Indicator("指标“业务处理及时率”单位是天" + suffix, 209),
            Indicator("指标“预算控制率”单位是万元" + suffix, 216),
            Indicator("同一行的另一条说明" + suffix, 216),
        ];
        var org = NewOrganisation("same-place");
        var doc = Audited(org, "v1", Findings(""));
        var stored = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items.OrderBy(f => f.Id).ToList();
        Assert.Equal(3, stored.Select(f => f.Fingerprint).Distinct().Count());

        Store.Findings.ReviewFinding(org.Id, stored[0].Id, "dismiss", "单位为天可接受", null, "审核员甲");
        Store.Findings.ReviewFinding(org.Id, stored[2].Id, "confirm", null, null, "审核员乙");
        var reviewed = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items.OrderBy(f => f.Id).ToList();
        Assert.Equal([ReviewStatus.Dismissed, ReviewStatus.Open, ReviewStatus.Confirmed], reviewed.Select(f => f.Review.Status));
        Assert.Equal(["dismiss"], Store.Findings.ListReviewEvents(org.Id, stored[0].Id).Select(e => e.Action));
        Assert.Empty(Store.Findings.ListReviewEvents(org.Id, stored[1].Id));

        // A re-audit that finds the same three keeps each one's own review.
        Store.Ledger.RequeueStale("v2");
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-b")!;
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, Outcome("v2", "node-b", Findings("（修订）"))));
        var after = Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [doc.Id] }, 10, 0).Items;
        Assert.Equal(ReviewStatus.Dismissed, after.Single(f => f.Finding.Message.StartsWith("指标“业务处理及时率”")).Review.Status);
        Assert.Equal(ReviewStatus.Open, after.Single(f => f.Finding.Message.StartsWith("指标“预算控制率”")).Review.Status);
        Assert.Equal(ReviewStatus.Confirmed, after.Single(f => f.Finding.Message.StartsWith("同一行")).Review.Status);
    }

    [Fact]
    public void Queries_of_one_organisation_never_return_anothers_rows()
    {
        var a = NewOrganisation("org-a");
        var b = NewOrganisation("org-b");
        var docA = Audited(a, "v1", NewFinding("R-ONLY-A", "甲单位的问题", 1, 1));
        var docB = Audited(b, "v1", NewFinding("R-ONLY-B", "乙单位的问题", 1, 1));
        var findingA = Assert.Single(Store.Findings.QueryFindings(a.Id, new FindingFilter { Documents = [docA.Id] }, 10, 0).Items);

        Assert.Null(Store.Batches.GetBatch(b.Id, docA.BatchId));
        Assert.Null(Store.Batches.GetDocument(b.Id, docA.Id));
        Assert.NotNull(Store.Batches.GetDocument(null, docA.Id));
        Assert.Null(Store.Findings.GetFinding(b.Id, findingA.Id));
        Assert.DoesNotContain(Store.Batches.ListBatches(b.Id, 100, 0).Items, x => x.Id == docA.BatchId);
        Assert.Equal([docB.BatchId], Store.Batches.ListBatches(b.Id, 100, 0).Items.Select(x => x.Id));

        var all = Store.Findings.QueryFindings(b.Id, new FindingFilter(), 1000, 0);
        Assert.All(all.Items, f => Assert.Equal(docB.Id, f.DocumentId));
        Assert.Equal(1, all.Total);
        // Filtering by the other organisation's batch or document finds nothing rather than leaking.
        Assert.Equal(0, Store.Findings.QueryFindings(b.Id, new FindingFilter { Batches = [docA.BatchId] }, 10, 0).Total);
        Assert.Equal(0, Store.Findings.QueryFindings(b.Id, new FindingFilter { Documents = [docA.Id] }, 10, 0).Total);
        Assert.Empty(Store.Findings.CountFindingsByDocument(b.Id, docA.BatchId));
        Assert.False(Store.Findings.CountFindingsByRule(b.Id).ContainsKey("R-ONLY-A"));
        Assert.Equal(1, Store.Findings.CountFindingsByRule(a.Id)["R-ONLY-A"]);
        Assert.Equal(docB.Id, Store.Batches.FindDisclosure(b.Id, "测试局", 2025)?.Id);

        Assert.Null(Store.Findings.ReviewFinding(b.Id, findingA.Id, "dismiss", "越权", null, "乙单位用户"));
        Assert.Empty(Store.Findings.ListReviewEvents(b.Id, findingA.Id));
        Assert.Empty(Store.Findings.ListReviewEvents(a.Id, findingA.Id));
        Assert.Equal(ReviewStatus.Open, Store.Findings.GetFinding(a.Id, findingA.Id)!.Review.Status);
    }

    [Fact]
    public void RequeueStale_puts_back_only_finished_documents_of_another_version()
    {
        var org = NewOrganisation("stale");
        var old = Audited(org, "v-old", NewFinding("R-A", "x", 1, 1));
        var current = Audited(org, "v-new");
        var failedDoc = NewBatch(org, "坏.pdf").Documents[0];
        var claim = Store.Ledger.BeginAudit(failedDoc.Id, "node-a")!;
        Store.Ledger.FailAudit(failedDoc.Id, claim, "坏.pdf: 无法读取", "v-old", "node-a", 0);
        var queued = NewBatch(org, "排队.txt").Documents[0];
        var processing = NewBatch(org, "处理中.txt").Documents[0];
        Assert.NotNull(Store.Ledger.BeginAudit(processing.Id, "node-a"));

        var requeued = Store.Ledger.RequeueStale("v-new");
        var mine = new[] { old.Id, current.Id, failedDoc.Id, queued.Id, processing.Id };
        Assert.Equal([old.Id, failedDoc.Id], requeued.Where(mine.Contains));
        Assert.Equal(requeued.Order(), requeued);
        Assert.Equal(DocumentStatus.Queued, Store.Batches.GetDocument(org.Id, old.Id)!.Status);
        Assert.Equal(DocumentStatus.Queued, Store.Batches.GetDocument(org.Id, failedDoc.Id)!.Status);
        Assert.Equal(DocumentStatus.Done, Store.Batches.GetDocument(org.Id, current.Id)!.Status);
        Assert.Equal(DocumentStatus.Processing, Store.Batches.GetDocument(org.Id, processing.Id)!.Status);
        Assert.Subset(Store.Ledger.ListUnfinishedDocuments().ToHashSet(), new HashSet<long> { old.Id, failedDoc.Id, queued.Id, processing.Id });
        // Until re-audited, the old findings stay visible.
        Assert.Single(Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [old.Id] }, 10, 0).Items);

        // Nothing is requeued twice.
        Assert.DoesNotContain(Store.Ledger.RequeueStale("v-new"), mine.Contains);

        claim = Store.Ledger.BeginAudit(old.Id, "node-b")!;
        Assert.True(Store.Ledger.CompleteAudit(old.Id, claim, Outcome("v-new", "node-b")));
        Assert.Equal(["v-old", "v-new"], Store.Ledger.ListAuditRuns(old.Id).Select(r => r.RuleSetVersion));
        Assert.Empty(Store.Findings.QueryFindings(org.Id, new FindingFilter { Documents = [old.Id] }, 10, 0).Items);
    }

    [Fact]
    public void Users_and_api_keys_belong_to_their_organisation()
    {
        var org = NewOrganisation("users");
        var name = "user-" + Guid.NewGuid().ToString("N")[..8];
        var user = Store.Identity.CreateUser(org.Id, name, "张三", Role.Reviewer, PasswordHasher.Hash("秘密123"));
        Assert.Equal((org.Id, org.Name, Role.Reviewer), (user.OrganisationId, user.OrganisationName, user.Role));
        Assert.True(PasswordHasher.Verify("秘密123", Store.Identity.FindUser(name)!.PasswordHash));
        Assert.False(PasswordHasher.Verify("wrong", Store.Identity.FindUser(name)!.PasswordHash));
        Assert.Equal([name], Store.Identity.ListUsers(org.Id).Select(u => u.UserName));

        var key = PasswordHasher.NewApiKey();
        Store.Identity.CreateApiKey(user.Id, "ci", PasswordHasher.HashApiKey(key));
        Assert.Equal(new Principal(org.Id, org.Name, name, Role.Reviewer), Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        Assert.Null(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key + "x")));
        Assert.Equal(0, fixture.Count("SELECT COUNT(*) FROM api_keys WHERE key_hash = @k", "k", key));
    }

    [Fact]
    public void Disabling_revoking_and_expiry_take_keys_out_and_stamps_change_on_every_account_change()
    {
        var org = NewOrganisation("revoke");
        var name = "rv-" + Guid.NewGuid().ToString("N")[..8];
        var user = Store.Identity.CreateUser(org.Id, name, "李四", Role.Uploader, PasswordHasher.Hash("秘密123"));
        Assert.False(user.Disabled);
        Assert.NotEmpty(user.SecurityStamp);

        var key = PasswordHasher.NewApiKey();
        var record = Store.Identity.CreateApiKey(user.Id, "ci", PasswordHasher.HashApiKey(key));
        var expired = PasswordHasher.NewApiKey();
        Store.Identity.CreateApiKey(user.Id, "old", PasswordHasher.HashApiKey(expired), DateTimeOffset.UtcNow.AddSeconds(-1));
        Assert.NotNull(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        Assert.Null(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(expired)));
        var now = DateTimeOffset.UtcNow;
        Assert.Equal([ApiKeyState.Active, ApiKeyState.Expired], Store.Identity.ListApiKeys(org.Id).Select(k => k.StateAt(now)));
        Assert.Empty(Store.Identity.ListApiKeys(NewOrganisation("other").Id));

        var stamps = new List<string> { user.SecurityStamp };
        Store.Identity.SetUserDisabled(user.Id, true);
        Assert.True(Store.Identity.FindUser(name)!.Disabled);
        Assert.Null(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        stamps.Add(Store.Identity.FindUser(name)!.SecurityStamp);
        Store.Identity.SetUserDisabled(user.Id, false);
        Assert.NotNull(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        stamps.Add(Store.Identity.FindUser(name)!.SecurityStamp);
        Store.Identity.SetPassword(user.Id, PasswordHasher.Hash("新的"));
        stamps.Add(Store.Identity.FindUser(name)!.SecurityStamp);
        stamps.Add(Store.Identity.RenewSecurityStamp(user.Id));
        Assert.Equal(stamps[^1], Store.Identity.FindUser(name)!.SecurityStamp);
        Assert.Equal(stamps.Count, stamps.Distinct().Count());

        Assert.False(Store.Identity.RevokeApiKey(NewOrganisation("stranger").Id, record.Id));
        Assert.NotNull(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        Assert.True(Store.Identity.RevokeApiKey(org.Id, record.Id));
        Assert.False(Store.Identity.RevokeApiKey(null, record.Id));
        Assert.Null(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        Assert.Equal(ApiKeyState.Revoked, Store.Identity.ListApiKeys(null).Single(k => k.Id == record.Id).StateAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Migrate_adds_the_account_columns_to_a_store_made_before_them()
    {
        var org = NewOrganisation("acct-upgrade");
        var name = "old-" + Guid.NewGuid().ToString("N")[..8];
        var user = Store.Identity.CreateUser(org.Id, name, "旧用户", Role.Reviewer, PasswordHasher.Hash("秘密123"));
        var key = PasswordHasher.NewApiKey();
        Store.Identity.CreateApiKey(user.Id, "ci", PasswordHasher.HashApiKey(key));
        // The tables as the version before accounts could be disabled and keys revoked left them.
        foreach (var (table, column) in new[] { ("users", "disabled"), ("users", "security_stamp"), ("api_keys", "expires_at"), ("api_keys", "revoked_at") })
            fixture.Execute($"ALTER TABLE {table} DROP COLUMN {column}");

        Store.Schema.Migrate();
        fixture.OpenAnother().Schema.Migrate();

        var upgraded = Store.Identity.FindUser(name)!;
        Assert.False(upgraded.Disabled);
        Assert.Equal("", upgraded.SecurityStamp);
        Assert.NotNull(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
        Store.Identity.SetUserDisabled(upgraded.Id, true);
        Assert.Null(Store.Identity.FindApiKey(PasswordHasher.HashApiKey(key)));
    }
}

public sealed class SqliteAuditStoreContractTests(SqliteStoreFixture fixture)
    : AuditStoreContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresAuditStoreContractTests(PostgresStoreFixture fixture)
    : AuditStoreContractTests(fixture), IClassFixture<PostgresStoreFixture>;
