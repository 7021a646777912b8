using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// The kept facet counts (<see cref="IFindingCounts"/>) on both backends: after every kind of write (audits, single and
/// bulk reviews, reopening, re-audits, a failed re-audit, batch deletion, the schema step's backfill) the facets they
/// answer equal the grouped pass over the findings, for every filter they serve.
/// </summary>
public abstract class FindingCountsContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;
    private IFindingCounts Counts => fixture.Store.FindingCounts;

    private (BatchRecord Batch, List<DocumentRecord> Documents) Batch(Organisation org, params string[] files)
    {
        var documents = files.Select(file =>
        {
            var bytes = Encoding.UTF8.GetBytes(file + Guid.NewGuid());
            var sha = ContentHash.Sha256(bytes);
            Store.Blobs.PutBlob(sha, bytes);
            return new NewDocument(file, sha, bytes.Length);
        }).ToList();
        var (batch, docs) = Store.Batches.CreateBatch(org.Id, "批次", "tester", "test", documents);
        return (batch, [.. docs]);
    }

    private void Audit(DocumentRecord doc, string? department, int? year, params Finding[] findings)
    {
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        var result = new DocumentResult { Source = doc.FileName, Department = department, Year = year, Findings = [.. findings] };
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", null, "{\"documents\":[]}", [])));
    }

    private static Finding F(string rule, int row, Severity severity = Severity.Error, string category = "inconsistency") => new()
    {
        RuleId = rule, RuleName = rule + " 名称", Category = category, Severity = severity, Message = $"{rule} 第 {row} 行不符",
        Evidence = [new Evidence(1, row, "部门收支总表", row, "合计", "1.00")],
    };

    private static string Show(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> facets) =>
        string.Join("\n", facets.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => f.Key + ": " + string.Join(", ", f.Value.Select(v => $"{v.Value}={v.Count}"))));

    /// <summary>Filters the kept counts serve: none, each dimension, combinations, and review statuses.</summary>
    private static IEnumerable<FindingFilter> Filters(Organisation org, long batch) =>
    [
        new FindingFilter(),
        new FindingFilter { Batches = [batch] },
        new FindingFilter { Categories = ["missing-section"] },
        new FindingFilter { Severities = [Severity.Warning, Severity.Info] },
        new FindingFilter { Rules = ["R-A", "R-C"] },
        new FindingFilter { Departments = ["甲局"], Years = [2024] },
        new FindingFilter { Years = [2023] },
        new FindingFilter { ReviewStatuses = [ReviewStatus.Open] },
        new FindingFilter { ReviewStatuses = [ReviewStatus.Dismissed, ReviewStatus.Confirmed] },
        new FindingFilter { Batches = [batch], ReviewStatuses = [ReviewStatus.Dismissed], Severities = [Severity.Error] },
    ];

    /// <summary>Every filter gives the same facets both ways; returns the unfiltered facets for further checks.</summary>
    private IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> AssertSame(Organisation org, long batch)
    {
        foreach (var filter in Filters(org, batch))
        {
            Assert.True(Counts.CountsFromSummary(filter));
            Assert.Equal(Show(Counts.CountFindingFacetsFromFindings(org.Id, filter)), Show(Store.Findings.CountFindingFacets(org.Id, filter)));
        }
        return Store.Findings.CountFindingFacets(org.Id, new FindingFilter());
    }

    private static int Count(IReadOnlyDictionary<string, IReadOnlyList<FacetCount>> facets, string name, string value) =>
        facets[name].SingleOrDefault(f => f.Value == value)?.Count ?? 0;

    [Fact]
    public void Kept_counts_equal_the_grouped_pass_after_audits_reviews_reaudits_and_deletion()
    {
        var org = Store.Identity.CreateOrganisation($"counts-{Guid.NewGuid():N}");
        var other = Store.Identity.CreateOrganisation($"counts-other-{Guid.NewGuid():N}");
        var (first, docs) = Batch(org, "a.pdf", "b.pdf", "c.pdf", "d.pdf");
        var (second, more) = Batch(org, "e.pdf", "f.pdf");
        Audit(docs[0], "甲局", 2024, F("R-A", 1), F("R-A", 2), F("R-B", 3, Severity.Warning), F("R-C", 4, Severity.Info, "missing-section"));
        Audit(docs[1], "甲局", 2023, F("R-A", 1), F("R-D", 2, Severity.Warning, "extraction"));
        Audit(docs[2], null, null, F("R-A", 1), F("R-B", 2, Severity.Warning));   // no department nor year
        Audit(docs[3], "乙局", 2024);                                               // no findings
        Audit(more[0], "甲局", 2024, F("R-A", 1), F("R-C", 2, Severity.Info, "missing-section"));
        Audit(more[1], "乙局", 2024, F("R-E", 1));
        Audit(Batch(other, "x.pdf").Documents[0], "甲局", 2024, F("R-A", 1), F("R-A", 2));

        var facets = AssertSame(org, first.Id);
        Assert.Equal(5, Count(facets, "rule", "R-A"));         // the other organisation's two are not counted
        Assert.Equal(11, Count(facets, "status", ReviewStatus.Open));
        Assert.Equal(3, Count(facets, "year", "2023") + Count(facets, "department", "乙局"));

        // Single reviews: confirmed, dismissed, and one dismissed then reopened (a review row whose status is open).
        var findings = Store.Findings.QueryFindings(org.Id, new FindingFilter(), 100, 0).Items;
        Store.Findings.ReviewFinding(org.Id, findings[0].Id, "confirm", null, null, "alice");
        Store.Findings.ReviewFinding(org.Id, findings[1].Id, "dismiss", "尾差", null, "alice");
        Store.Findings.ReviewFinding(org.Id, findings[2].Id, "dismiss", "尾差", null, "alice");
        Store.Findings.ReviewFinding(org.Id, findings[2].Id, "reopen", null, null, "alice");
        facets = AssertSame(org, first.Id);
        Assert.Equal((1, 1, 9), (Count(facets, "status", ReviewStatus.Confirmed), Count(facets, "status", ReviewStatus.Dismissed),
            Count(facets, "status", ReviewStatus.Open)));

        // Bulk triage: every warning of the first batch dismissed.
        var bulk = Store.Triage.ReviewFindings(org.Id,
            BulkSelection.OfFilter(new FindingFilter { Batches = [first.Id], Severities = [Severity.Warning] }), "dismiss", "批量", null, "bob", 1000);
        Assert.Equal(3, bulk.Matched);
        facets = AssertSame(org, first.Id);
        Assert.Equal(Count(facets, "status", ReviewStatus.Dismissed), 1 + bulk.Changed);

        // Re-audit of 甲局 2024 (two documents): new findings, one of them with the fingerprint of a reviewed one.
        Assert.Equal(2, Store.Ledger.RequeueDisclosures(org.Id, "甲局", 2024).Count);
        Audit(docs[0], "甲局", 2024, F("R-A", 1), F("R-F", 9, Severity.Warning, "extraction"));
        Audit(more[0], "丙局", 2022, F("R-C", 2, Severity.Info, "missing-section"), F("R-C", 3, Severity.Info, "missing-section"));
        facets = AssertSame(org, first.Id);
        Assert.Equal(1, Count(facets, "rule", "R-D"));          // the document not re-audited keeps its finding
        Assert.Equal(1, Count(facets, "rule", "R-B"));          // a.pdf's R-B is gone, c.pdf's stays
        Assert.Equal(2, Count(facets, "year", "2022"));

        // A failed re-audit removes the document's findings from the counts.
        Assert.Single(Store.Ledger.RequeueDisclosures(org.Id, "甲局", 2023));
        var claim = Store.Ledger.BeginAudit(docs[1].Id, "node-a")!;
        Assert.True(Store.Ledger.FailAudit(docs[1].Id, claim, "读取失败", "v1", "node-a", 0.1));
        facets = AssertSame(org, first.Id);
        Assert.Equal(0, Count(facets, "year", "2023"));

        // Deleting the second batch takes its counts with it.
        Assert.Equal(BatchDeletionStatus.Deleted, Store.Retention.DeleteBatch(org.Id, second.Id).Status);
        facets = AssertSame(org, first.Id);
        Assert.Equal(0, Count(facets, "year", "2022") + Count(facets, "rule", "R-E"));
        Assert.Equal(Store.Findings.QueryFindings(org.Id, new FindingFilter(), 100, 0).Total, facets["severity"].Sum(f => f.Count));
        Assert.Equal(0L, fixture.Count("SELECT COUNT(*) FROM finding_counts WHERE batch_id = @batch", "batch", second.Id));
    }

    [Fact]
    public void Text_and_document_filters_read_the_findings()
    {
        var org = Store.Identity.CreateOrganisation($"counts-text-{Guid.NewGuid():N}");
        var (_, docs) = Batch(org, "a.pdf", "b.pdf");
        Audit(docs[0], "甲局", 2024, F("R-A", 1), F("R-B", 2));
        Audit(docs[1], "甲局", 2024, F("R-A", 3));
        var byText = new FindingFilter { Text = "R-A 第" };
        var byDocument = new FindingFilter { Documents = [docs[0].Id] };
        Assert.False(Counts.CountsFromSummary(byText));
        Assert.False(Counts.CountsFromSummary(byDocument));
        Assert.Equal(2, Store.Findings.CountFindingFacets(org.Id, byText)["rule"].Single().Count);
        Assert.Equal(["R-A=1", "R-B=1"], Store.Findings.CountFindingFacets(org.Id, byDocument)["rule"].Select(f => $"{f.Value}={f.Count}"));
    }

    [Fact]
    public void Schema_step_5_backfills_the_counts_of_findings_stored_before_it()
    {
        var org = Store.Identity.CreateOrganisation($"counts-upgrade-{Guid.NewGuid():N}");
        var (batch, docs) = Batch(org, "a.pdf", "b.pdf");
        Audit(docs[0], "甲局", 2024, F("R-A", 1), F("R-B", 2, Severity.Warning));
        Audit(docs[1], null, null, F("R-A", 3));
        // The store as version 4 left it: no kept counts.
        fixture.Execute("DROP TABLE finding_counts");
        fixture.Execute("DELETE FROM schema_version WHERE version >= 5");

        var upgraded = fixture.OpenAnother();
        Assert.Equal(Show(upgraded.FindingCounts.CountFindingFacetsFromFindings(org.Id, new FindingFilter())),
            Show(upgraded.Findings.CountFindingFacets(org.Id, new FindingFilter())));
        Assert.Equal(2, upgraded.Findings.CountFindingFacets(org.Id, new FindingFilter { Batches = [batch.Id] })["rule"].Single(f => f.Value == "R-A").Count);
        (upgraded as IDisposable)?.Dispose();
    }
}

public sealed class SqliteFindingCountsContractTests(SqliteStoreFixture fixture)
    : FindingCountsContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresFindingCountsContractTests(PostgresStoreFixture fixture)
    : FindingCountsContractTests(fixture), IClassFixture<PostgresStoreFixture>;
