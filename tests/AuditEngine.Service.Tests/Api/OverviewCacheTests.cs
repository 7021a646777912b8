using System.Text;
using AuditEngine.Model;
using AuditEngine.Service.Api;
using AuditEngine.Service.Tests.Storage;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// The departments × years overview kept in memory (<see cref="OverviewCache"/>) on both backends: node A keeps it, and
/// every write that changes it, made through node B (a second store object on the same database), shows on node A's
/// next read. Each test fails if the write leaves the stamp where it was.
/// </summary>
public abstract class OverviewCacheTests(StoreFixture fixture)
{
    /// <summary>Node A: the node whose cache is read.</summary>
    private AuditStore NodeA => fixture.Store;

    private Organisation NewOrganisation(string label) => NodeA.Identity.CreateOrganisation($"{label}-{Guid.NewGuid():N}");

    private static DocumentRecord Upload(AuditStore node, Organisation org, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name + Guid.NewGuid());
        var sha = ContentHash.Sha256(bytes);
        node.Blobs.PutBlob(sha, bytes);
        return node.Batches.CreateBatch(org.Id, "批次 " + name, "tester", "test", [new NewDocument(name, sha, bytes.Length)]).Documents[0];
    }

    private static Finding Error(int i) => new()
    {
        RuleId = $"R-{i}", RuleName = "规则", Category = "inconsistency", Severity = Severity.Error, Message = $"问题 {i}",
        Evidence = [new Evidence(1, i, "部门收支总表", i, "合计", "1.00")],
    };

    /// <summary>Claims the document on <paramref name="node"/> and records an audit that read it as given.</summary>
    private static void Complete(AuditStore node, DocumentRecord doc, string department, int year, int errors, decimal sanGong)
    {
        var claim = node.Ledger.BeginAudit(doc.Id, "node") ?? throw new InvalidOperationException("no claim");
        var result = new DocumentResult
        {
            Source = doc.FileName, Department = department, Year = year, DocumentType = DocumentType.DepartmentBudget,
            Figures = new KeyFigures(100m, sanGong, 10m), Findings = Enumerable.Range(1, errors).Select(Error).ToList(),
        };
        Assert.True(node.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node", null, "{\"documents\":[]}", [])));
    }

    private static DocumentRecord Audited(AuditStore node, Organisation org, string department, int year, int errors, decimal sanGong)
    {
        var doc = Upload(node, org, $"{department}{year}.pdf");
        Complete(node, doc, department, year, errors, sanGong);
        return doc;
    }

    private static IReadOnlyList<(string Department, int Year, long Document, int Errors)> Shown(OverviewCache cache, Organisation org) =>
        cache.Get(org.Id).Grid(null).Page().Departments.SelectMany(d => d.Disclosures)
            .Select(d => (d.Department, d.Year, d.DocumentId, d.Errors)).ToList();

    [Fact]
    public void Kept_while_nothing_changed_and_another_organisation_writing_does_not_count()
    {
        using var nodeB = fixture.OpenAnother();
        var org = NewOrganisation("kept");
        Audited(NodeA, org, "甲局", 2025, 1, 5m);
        var cache = new OverviewCache(NodeA.Overview);

        var first = cache.Get(org.Id);
        Assert.Same(first, cache.Get(org.Id));
        Audited(nodeB, NewOrganisation("other"), "甲局", 2025, 2, 5m);
        Assert.Same(first, cache.Get(org.Id));
    }

    [Fact]
    public void A_new_audit_on_another_node_shows_at_once()
    {
        using var nodeB = fixture.OpenAnother();
        var org = NewOrganisation("new-audit");
        var a2024 = Audited(NodeA, org, "乙局", 2024, 1, 5m);
        var cache = new OverviewCache(NodeA.Overview);
        Assert.Equal([("乙局", 2024, a2024.Id, 1)], Shown(cache, org));

        var a2025 = Audited(nodeB, org, "乙局", 2025, 3, 8m);
        Assert.Equal([("乙局", 2024, a2024.Id, 1), ("乙局", 2025, a2025.Id, 3)], Shown(cache, org));
        var grid = cache.Get(org.Id).Grid(DocumentType.DepartmentBudget).Page();
        Assert.Equal(3.00m, grid.Outliers.SanGongGrowth.Single().SanGongChange);
        Assert.NotNull(cache.Get(org.Id).Find(new DisclosureKey("乙局", 2025, DocumentType.DepartmentBudget)));
    }

    [Fact]
    public void A_failed_reaudit_on_another_node_takes_the_upload_out_at_once()
    {
        using var nodeB = fixture.OpenAnother();
        var org = NewOrganisation("failed");
        var good = Audited(NodeA, org, "丙局", 2025, 2, 5m);
        var broken = Audited(NodeA, org, "丙局", 2025, 0, 6m);
        var cache = new OverviewCache(NodeA.Overview);
        Assert.Equal([("丙局", 2025, broken.Id, 0)], Shown(cache, org));

        // Read again on node B (queued: still shown with its last result), then failing there.
        Assert.True(nodeB.Intake.RequestReread(org.Id, broken.Id));
        Assert.Equal([("丙局", 2025, broken.Id, 0)], Shown(cache, org));
        var claim = nodeB.Ledger.BeginAudit(broken.Id, "node-b")!;
        Assert.True(nodeB.Ledger.FailAudit(broken.Id, claim, "无法读取", "v1", "node-b", 0.1));

        Assert.Equal([("丙局", 2025, good.Id, 2)], Shown(cache, org));
        Assert.Null(cache.Get(org.Id).Find(new DisclosureKey("丙局", 2025, DocumentType.DepartmentBudget))?.Earlier.SingleOrDefault());
    }

    [Fact]
    public void A_reaudit_on_another_node_that_reads_another_department_moves_the_disclosure_at_once()
    {
        using var nodeB = fixture.OpenAnother();
        var org = NewOrganisation("department");
        var doc = Audited(NodeA, org, "丁局", 2025, 1, 5m);
        var cache = new OverviewCache(NodeA.Overview);
        Assert.Equal([("丁局", 2025, doc.Id, 1)], Shown(cache, org));

        Assert.True(nodeB.Intake.RequestReread(org.Id, doc.Id));
        Complete(nodeB, doc, "戊局", 2025, 4, 5m);

        Assert.Equal([("戊局", 2025, doc.Id, 4)], Shown(cache, org));
        Assert.Null(cache.Get(org.Id).Find(new DisclosureKey("丁局", 2025, DocumentType.DepartmentBudget)));
        Assert.Contains("戊局", Encoding.UTF8.GetString(cache.Get(org.Id).Grid(null).Csv()));
    }

    [Fact]
    public void A_batch_deleted_on_another_node_leaves_at_once()
    {
        using var nodeB = fixture.OpenAnother();
        var org = NewOrganisation("deleted");
        var kept = Audited(NodeA, org, "己局", 2024, 1, 5m);
        var gone = Audited(NodeA, org, "己局", 2025, 2, 6m);
        var cache = new OverviewCache(NodeA.Overview);
        Assert.Equal(2, Shown(cache, org).Count);

        Assert.Equal(BatchDeletionStatus.Deleted, nodeB.Retention.DeleteBatch(org.Id, gone.BatchId).Status);

        Assert.Equal([("己局", 2024, kept.Id, 1)], Shown(cache, org));
    }

    [Fact]
    public void A_schema_step_applied_by_another_node_is_seen_as_a_change()
    {
        var org = NewOrganisation("migrated");
        var doc = Audited(NodeA, org, "庚局", 2025, 1, 5m);
        // As a store upgraded to version 6 has it: no count yet for an organisation that nothing has changed since.
        fixture.Execute($"DELETE FROM overview_changes WHERE organisation_id = {org.Id}");
        var cache = new OverviewCache(NodeA.Overview);
        Assert.Equal([("庚局", 2025, doc.Id, 1)], Shown(cache, org));

        // A later step that rewrites the rows the overview reads, as node B's newer build would apply it.
        fixture.Execute($"UPDATE documents SET errors = 7 WHERE id = {doc.Id}");
        fixture.Execute($"DELETE FROM schema_version WHERE version >= {SchemaMigrations.OverviewStamped}");
        using (var nodeB = fixture.OpenAnother()) nodeB.Schema.Migrate();

        Assert.Equal([("庚局", 2025, doc.Id, 7)], Shown(cache, org));
    }
}

public sealed class SqliteOverviewCacheTests(SqliteStoreFixture fixture) : OverviewCacheTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresOverviewCacheTests(PostgresStoreFixture fixture) : OverviewCacheTests(fixture), IClassFixture<PostgresStoreFixture>;
