using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// The <see cref="IDisclosureOverview"/> contract on both backends: the departments × years grid, the change against
/// the year before, and one disclosure per department, year and type however often it was uploaded.
/// </summary>
public abstract class DisclosureOverviewContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;
    private IDisclosureOverview Overview => fixture.Store.Overview;

    private Organisation NewOrganisation(string label) => Store.Identity.CreateOrganisation($"{label}-{Guid.NewGuid():N}");

    private DocumentRecord Upload(Organisation org, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name + Guid.NewGuid());
        var sha = ContentHash.Sha256(bytes);
        Store.Blobs.PutBlob(sha, bytes);
        return Store.Batches.CreateBatch(org.Id, "批次 " + name, "tester", "test", [new NewDocument(name, sha, bytes.Length)]).Documents[0];
    }

    private static Finding Error(int i) => new()
    {
        RuleId = $"R-{i}", RuleName = "规则", Category = "inconsistency", Severity = Severity.Error, Message = $"问题 {i}",
        Evidence = [new Evidence(1, i, "部门收支总表", i, "合计", "1.00")],
    };

    /// <summary>Uploads a document in a batch of its own and records its audit with the given errors and figures.</summary>
    private DocumentRecord Audited(Organisation org, string department, int year, DocumentType type, int errors, KeyFigures figures)
    {
        var doc = Upload(org, $"{department}{year}{type.Chinese()}.pdf");
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        var result = new DocumentResult
        {
            Source = doc.FileName, Department = department, Year = year, DocumentType = type, Figures = figures,
            Findings = Enumerable.Range(1, errors).Select(Error).ToList(),
        };
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", null, "{\"documents\":[]}", [])));
        return doc;
    }

    [Fact]
    public void Each_department_year_and_type_is_one_entry_with_its_figures_and_the_change_against_the_year_before()
    {
        var org = NewOrganisation("grid");
        var a2024 = Audited(org, "甲局", 2024, DocumentType.DepartmentBudget, 1, new KeyFigures(500.00m, 7.00m, 38.50m));
        var a2025 = Audited(org, "甲局", 2025, DocumentType.DepartmentBudget, 3, new KeyFigures(520.00m, 8.00m, 40.00m));
        var aFinal = Audited(org, "甲局", 2025, DocumentType.DepartmentFinalAccount, 0, new KeyFigures(510.25m, 7.80m, null));
        var b2025 = Audited(org, "乙局", 2025, DocumentType.DepartmentBudget, 2, KeyFigures.None);
        // Another organisation's disclosure of the same department never shows.
        Audited(NewOrganisation("other"), "甲局", 2023, DocumentType.DepartmentBudget, 5, new KeyFigures(1m, 1m, 1m));

        var all = Overview.ListDisclosures(org.Id);
        Assert.Equal(
            [("乙局", 2025, DocumentType.DepartmentBudget), ("甲局", 2024, DocumentType.DepartmentBudget),
             ("甲局", 2025, DocumentType.DepartmentBudget), ("甲局", 2025, DocumentType.DepartmentFinalAccount)],
            all.Select(d => (d.Key.Department, d.Key.Year, d.Key.Type)).OrderBy(k => k.Department, StringComparer.Ordinal).ThenBy(k => k.Year).ThenBy(k => k.Type));

        var budget2025 = all.Single(d => d.Latest.DocumentId == a2025.Id);
        Assert.Equal(new KeyFigures(520.00m, 8.00m, 40.00m), budget2025.Latest.Figures);
        Assert.Equal(3, budget2025.Latest.Errors);
        Assert.Equal(a2024.Id, budget2025.PreviousYear?.DocumentId);
        Assert.Equal(1.00m, budget2025.SanGongChange);
        Assert.Equal(14.29m, budget2025.SanGongChangeRate);
        Assert.Equal(20.00m, budget2025.TotalChange);
        Assert.Equal(1.50m, budget2025.OperatingCostChange);
        Assert.Equal(2, budget2025.ErrorsChange);

        // A 决算 is compared with 决算, never with the 预算 of the year before.
        var final = all.Single(d => d.Latest.DocumentId == aFinal.Id);
        Assert.Null(final.PreviousYear);
        Assert.Null(final.SanGongChange);
        Assert.Null(final.ErrorsChange);
        Assert.Equal(new KeyFigures(510.25m, 7.80m, null), final.Latest.Figures);
        // The first year has nothing to compare with; a document stating no figures reads them as null.
        Assert.Null(all.Single(d => d.Latest.DocumentId == a2024.Id).PreviousYear);
        Assert.Equal(KeyFigures.None, all.Single(d => d.Latest.DocumentId == b2025.Id).Latest.Figures);

        var budgets = Overview.ListDisclosures(org.Id, DocumentType.DepartmentBudget);
        Assert.Equal([a2024.Id, a2025.Id, b2025.Id], budgets.Select(d => d.Latest.DocumentId).Order());
        Assert.All(all, d => Assert.Equal(1, d.Versions));
    }

    [Fact]
    public void A_disclosure_uploaded_again_in_any_batch_is_one_entry_with_the_latest_counts_and_the_earlier_uploads_listed()
    {
        var org = NewOrganisation("versions");
        var previous = Audited(org, "丙局", 2024, DocumentType.DepartmentBudget, 0, new KeyFigures(100m, 5.00m, 10m));
        var first = Audited(org, "丙局", 2025, DocumentType.DepartmentBudget, 4, new KeyFigures(100m, 6.00m, 10m));
        var second = Audited(org, "丙局", 2025, DocumentType.DepartmentBudget, 1, new KeyFigures(100m, 6.50m, 10m));
        // A third upload still queued is not a version yet: the overview shows what was audited.
        var queued = Upload(org, "丙局2025部门预算（第三版）.pdf");
        Assert.NotEqual(first.BatchId, second.BatchId);

        var disclosures = Overview.ListDisclosures(org.Id);
        Assert.Equal(2, disclosures.Count);
        var d2025 = disclosures.Single(d => d.Key.Year == 2025);
        Assert.Equal(2, d2025.Versions);
        Assert.Equal(second.Id, d2025.Latest.DocumentId);
        Assert.Equal(1, d2025.Latest.Errors);
        Assert.Equal(6.50m, d2025.Latest.Figures.SanGong);
        var earlier = Assert.Single(d2025.Earlier);
        Assert.Equal((first.Id, first.BatchId, 4, 6.00m), (earlier.DocumentId, earlier.BatchId, earlier.Errors, earlier.Figures.SanGong));
        Assert.DoesNotContain(queued.Id, disclosures.SelectMany(d => d.Earlier.Select(e => e.DocumentId).Append(d.Latest.DocumentId)));
        // The change is the latest version's.
        Assert.Equal(previous.Id, d2025.PreviousYear?.DocumentId);
        Assert.Equal(1.50m, d2025.SanGongChange);
        Assert.Equal(1, d2025.ErrorsChange);

        // The year before uploaded again: the later year compares with its newest upload.
        var previousAgain = Audited(org, "丙局", 2024, DocumentType.DepartmentBudget, 2, new KeyFigures(100m, 4.00m, 10m));
        var again = Overview.ListDisclosures(org.Id).Single(d => d.Key.Year == 2025);
        Assert.Equal(previousAgain.Id, again.PreviousYear?.DocumentId);
        Assert.Equal(2.50m, again.SanGongChange);
        Assert.Equal(-1, again.ErrorsChange);
        Assert.Equal([previous.Id], Overview.ListDisclosures(org.Id).Single(d => d.Key.Year == 2024).Earlier.Select(e => e.DocumentId));

        // Queued again for a re-audit (a new rule set), every upload keeps its last result until the new one is in.
        Assert.Contains(second.Id, Store.Ledger.RequeueStale("v2"));
        var requeued = Overview.ListDisclosures(org.Id).Single(d => d.Key.Year == 2025);
        Assert.Equal((second.Id, 1, 2), (requeued.Latest.DocumentId, requeued.Latest.Errors, requeued.Versions));
    }

    [Fact]
    public void A_failed_audit_takes_the_upload_out_until_it_is_audited_again()
    {
        var org = NewOrganisation("failed");
        var good = Audited(org, "戊局", 2025, DocumentType.DepartmentBudget, 2, new KeyFigures(10m, 1m, 1m));
        var broken = Audited(org, "戊局", 2025, DocumentType.DepartmentBudget, 0, new KeyFigures(10m, 2m, 1m));
        Assert.Equal(broken.Id, Overview.ListDisclosures(org.Id).Single().Latest.DocumentId);

        // Re-audited (a new rule set) and failing this time: the earlier upload is the disclosure again.
        Assert.Contains(broken.Id, Store.Ledger.RequeueStale("v2"));
        var claim = Store.Ledger.BeginAudit(broken.Id, "node-a")!;
        Assert.True(Store.Ledger.FailAudit(broken.Id, claim, "无法读取", "v2", "node-a", 0.1));
        var after = Overview.ListDisclosures(org.Id).Single();
        Assert.Equal((good.Id, 1, 2), (after.Latest.DocumentId, after.Versions, after.Latest.Errors));
    }

    [Fact]
    public void Documents_audited_before_figures_were_kept_are_listed_with_their_type_once_the_store_is_migrated()
    {
        var org = NewOrganisation("upgrade");
        var old = Audited(org, "己局", 2024, DocumentType.DepartmentFinalAccount, 1, new KeyFigures(10m, 1m, 1m));
        // The store as the version before the figures left it: no row for the document, schema version 2.
        fixture.Execute($"DELETE FROM document_figures WHERE document_id = {old.Id}");
        fixture.Execute("DELETE FROM schema_version WHERE version >= 3");
        Assert.Empty(Overview.ListDisclosures(org.Id));

        Store.Schema.Migrate();
        fixture.OpenAnother().Schema.Migrate();

        var listed = Overview.ListDisclosures(org.Id).Single();
        Assert.Equal((old.Id, DocumentType.DepartmentFinalAccount, 1), (listed.Latest.DocumentId, listed.Key.Type, listed.Latest.Errors));
        // Figures come with the next audit.
        Assert.Equal(KeyFigures.None, listed.Latest.Figures);
    }

    [Fact]
    public void Figures_keep_every_decimal_the_document_printed()
    {
        var org = NewOrganisation("precision");
        // 元 figures become 万元 with four decimals; large totals keep their cents.
        Audited(org, "丁局", 2025, DocumentType.DepartmentBudget, 0, new KeyFigures(123456789.12m, 12.3456m, 0.01m));
        Assert.Equal(new KeyFigures(123456789.12m, 12.3456m, 0.01m), Overview.ListDisclosures(org.Id).Single().Latest.Figures);
    }
}

public sealed class SqliteDisclosureOverviewContractTests(SqliteStoreFixture fixture)
    : DisclosureOverviewContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDisclosureOverviewContractTests(PostgresStoreFixture fixture)
    : DisclosureOverviewContractTests(fixture), IClassFixture<PostgresStoreFixture>;
