using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// Bulk triage (<see cref="IBulkTriage"/>) and the findings list's sort, on both backends: a bulk decision must leave
/// exactly what the same single reviews would have left (review rows and one history event per finding).
/// </summary>
public abstract class BulkTriageContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;
    private IBulkTriage Bulk => fixture.Store.Triage;

    private Organisation NewOrganisation(string label) => Store.Identity.CreateOrganisation($"{label}-{Guid.NewGuid():N}");

    /// <summary>An audited document of a department and year holding the findings.</summary>
    private DocumentRecord Audited(Organisation org, string file, string? department, int? year, params Finding[] findings)
    {
        var bytes = Encoding.UTF8.GetBytes(file + Guid.NewGuid());
        var sha = ContentHash.Sha256(bytes);
        Store.Blobs.PutBlob(sha, bytes);
        var doc = Store.Batches.CreateBatch(org.Id, "批次", "tester", "test", [new NewDocument(file, sha, bytes.Length)]).Documents[0];
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        var result = new DocumentResult { Source = file, Department = department, Year = year, Findings = [.. findings] };
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", null, "{\"documents\":[]}", [])));
        return doc;
    }

    private static Finding F(string rule, int row, Severity severity = Severity.Error, string category = "inconsistency") => new()
    {
        RuleId = rule, RuleName = rule + " 名称", Category = category, Severity = severity, Message = $"{rule} 第 {row} 行不符",
        Evidence = [new Evidence(1, row, "部门收支总表", row, "合计", "1.00")],
    };

    private List<StoredFinding> All(Organisation org, FindingFilter? filter = null) =>
        [.. Store.Findings.QueryFindings(org.Id, filter ?? new FindingFilter(), 10_000, 0).Items];

    [Fact]
    public void Bulk_dismiss_by_ids_leaves_what_single_reviews_leave_and_touches_nothing_else()
    {
        var org = NewOrganisation("bulk-ids");
        var other = NewOrganisation("bulk-other");
        Audited(org, "a.pdf", "甲局", 2024, F("R-A", 1), F("R-A", 2), F("R-B", 3), F("R-B", 4));
        Audited(other, "x.pdf", "乙局", 2024, F("R-A", 1));
        var findings = All(org);
        var foreign = All(other).Single();
        // One finding reviewed alone, for comparison; one was confirmed before and is now dismissed with the rest.
        Store.Findings.ReviewFinding(org.Id, findings[3].Id, "dismiss", "尾差", "单条", "alice");
        Store.Findings.ReviewFinding(org.Id, findings[1].Id, "confirm", null, "先确认", "alice");

        var result = Bulk.ReviewFindings(org.Id, BulkSelection.OfIds([findings[0].Id, findings[1].Id, foreign.Id, 999_999]),
            "dismiss", "已与原件核对", null, "bob", 10_000);

        Assert.Equal(new BulkTriageResult(2, 2, true), result);
        foreach (var id in new[] { findings[0].Id, findings[1].Id })
        {
            var after = Store.Findings.GetFinding(org.Id, id)!;
            Assert.Equal(ReviewStatus.Dismissed, after.Review.Status);
            Assert.Equal("已与原件核对", after.Review.Reason);
            Assert.Equal("bob", after.Review.User);
            var last = Store.Findings.ListReviewEvents(org.Id, id)[^1];
            Assert.Equal(("dismiss", "已与原件核对", (string?)null, "bob"), (last.Action, last.Reason, last.Comment, last.User));
        }
        // No comment given: the comment the finding had stays, as with a single review.
        Assert.Equal("先确认", Store.Findings.GetFinding(org.Id, findings[1].Id)!.Review.Comment);
        Assert.Single(Store.Findings.ListReviewEvents(org.Id, findings[0].Id));
        Assert.Equal(2, Store.Findings.ListReviewEvents(org.Id, findings[1].Id).Count);
        Assert.Equal(ReviewStatus.Open, Store.Findings.GetFinding(org.Id, findings[2].Id)!.Review.Status);
        Assert.Empty(Store.Findings.ListReviewEvents(org.Id, findings[2].Id));
        Assert.Equal(ReviewStatus.Open, Store.Findings.GetFinding(other.Id, foreign.Id)!.Review.Status);

        // The triage history replays the bulk events like single ones: confirmed → dismissed, open → dismissed.
        var history = Store.Findings.ListTriageHistory(org.Id);
        Assert.Equal(4, history.Count);
        var bulk = history.Where(e => e.User == "bob").OrderBy(e => e.FindingId).ToList();
        Assert.Equal(new[] { findings[0].Id, findings[1].Id }.Order(), bulk.Select(e => e.FindingId!.Value).Order().ToList());
        Assert.Contains(bulk, e => e.FindingId == findings[0].Id && e.From == ReviewState.Open && e.To == ReviewState.Dismissed);
        Assert.Contains(bulk, e => e.FindingId == findings[1].Id && e.From == ReviewState.Confirmed && e.To == ReviewState.Dismissed);
        Assert.Empty(Store.Findings.ListTriageHistory(other.Id));
    }

    [Fact]
    public void Bulk_by_filter_covers_every_matching_finding_beyond_one_page_and_counts_only_status_changes()
    {
        var org = NewOrganisation("bulk-filter");
        Audited(org, "a.pdf", "甲局", 2024, [.. Enumerable.Range(1, 130).Select(i => F("R-A", i))]);
        Audited(org, "b.pdf", "甲局", 2025, [.. Enumerable.Range(1, 30).Select(i => F("R-A", i)), .. Enumerable.Range(31, 20).Select(i => F("R-B", i))]);
        var filter = new FindingFilter { Rules = ["R-A"], Years = [2024] };
        Assert.Equal(100, Store.Findings.QueryFindings(org.Id, filter, 100, 0).Items.Count);

        var first = Bulk.ReviewFindings(org.Id, BulkSelection.OfFilter(filter), "dismiss", "模板表", "批量", "bob", 10_000);
        Assert.Equal(new BulkTriageResult(130, 130, true), first);
        Assert.Equal(130, Store.Findings.QueryFindings(org.Id, new FindingFilter { ReviewStatuses = ["dismissed"] }, 1, 0).Total);
        Assert.Equal(50, Store.Findings.QueryFindings(org.Id, new FindingFilter { ReviewStatuses = ["open"] }, 1, 0).Total);
        Assert.Equal(130, Store.Findings.ListTriageHistory(org.Id).Count);
        Assert.All(All(org, filter), f => Assert.Equal(("dismissed", "模板表", "批量"), (f.Review.Status, f.Review.Reason, f.Review.Comment)));

        // The same decision again changes no status but is recorded, as a repeated single review is.
        var again = Bulk.ReviewFindings(org.Id, BulkSelection.OfFilter(filter), "dismiss", "模板表", null, "carol", 10_000);
        Assert.Equal(new BulkTriageResult(130, 0, true), again);
        Assert.Equal(260, Store.Findings.ListTriageHistory(org.Id).Count);

        // Reopen clears the reason and keeps the comment; a status filter selects by the state before the decision.
        var reopened = Bulk.ReviewFindings(org.Id, BulkSelection.OfFilter(new FindingFilter { ReviewStatuses = ["dismissed"] }),
            "reopen", null, null, "bob", 10_000);
        Assert.Equal(new BulkTriageResult(130, 130, true), reopened);
        Assert.All(All(org, filter), f => Assert.Equal(("open", (string?)null, "批量"), (f.Review.Status, f.Review.Reason, f.Review.Comment)));
    }

    [Fact]
    public void A_selection_over_the_limit_is_refused_whole()
    {
        var org = NewOrganisation("bulk-limit");
        Audited(org, "a.pdf", "甲局", 2024, [.. Enumerable.Range(1, 6).Select(i => F("R-A", i))]);

        var result = Bulk.ReviewFindings(org.Id, BulkSelection.OfFilter(new FindingFilter()), "confirm", null, null, "bob", 5);

        Assert.Equal(new BulkTriageResult(6, 0, false), result);
        Assert.All(All(org), f => Assert.Equal(ReviewStatus.Open, f.Review.Status));
        Assert.Empty(Store.Findings.ListTriageHistory(org.Id));
        Assert.Equal(new BulkTriageResult(0, 0, true), Bulk.ReviewFindings(org.Id, BulkSelection.OfIds([]), "confirm", null, null, "bob", 5));
    }

    [Fact]
    public void The_list_sorts_by_each_whitelisted_field_both_ways_with_empty_values_last_and_pages_without_gaps()
    {
        var org = NewOrganisation("sort");
        Audited(org, "c.pdf", "丙局", 2023, F("R-C", 1, Severity.Info, "extraction"), F("R-A", 2, Severity.Error));
        Audited(org, "a.pdf", "甲局", 2025, F("R-B", 1, Severity.Warning, "missing-section"), F("R-D", 2, Severity.Error));
        Audited(org, "b.pdf", null, null, F("R-E", 1, Severity.Warning, "sangong-overrun"));
        var findings = All(org);
        Store.Findings.ReviewFinding(org.Id, findings.Single(f => f.Finding.RuleId == "R-D").Id, "dismiss", "理由", null, "bob");
        Store.Findings.ReviewFinding(org.Id, findings.Single(f => f.Finding.RuleId == "R-B").Id, "confirm", null, null, "bob");

        List<string> Rules(FindingSortField field, bool descending) =>
            [.. All(org, new FindingFilter { Sort = new FindingSort(field, descending) }).Select(f => f.Finding.RuleId)];

        Assert.Equal(["R-A", "R-B", "R-C", "R-D", "R-E"], Rules(FindingSortField.Rule, false));
        Assert.Equal(["R-E", "R-D", "R-C", "R-B", "R-A"], Rules(FindingSortField.Rule, true));
        // Ties keep the document order (c.pdf, a.pdf, b.pdf were stored in that order) and the place in the document.
        Assert.Equal(["R-C", "R-B", "R-E", "R-A", "R-D"], Rules(FindingSortField.Severity, false));
        Assert.Equal(["R-A", "R-D", "R-B", "R-E", "R-C"], Rules(FindingSortField.Severity, true));
        // Codepoint order on both backends: extraction < inconsistency < missing-section < sangong-overrun.
        Assert.Equal(["R-C", "R-A", "R-D", "R-B", "R-E"], Rules(FindingSortField.Category, false));
        // 丙 U+4E19 < 甲 U+7532; no department comes last either way.
        Assert.Equal(["R-C", "R-A", "R-B", "R-D", "R-E"], Rules(FindingSortField.Department, false));
        Assert.Equal(["R-B", "R-D", "R-C", "R-A", "R-E"], Rules(FindingSortField.Department, true));
        Assert.Equal(["R-C", "R-A", "R-B", "R-D", "R-E"], Rules(FindingSortField.Year, false));
        Assert.Equal(["R-B", "R-D", "R-C", "R-A", "R-E"], Rules(FindingSortField.Year, true));
        // confirmed < dismissed < open.
        Assert.Equal(["R-B", "R-D", "R-C", "R-A", "R-E"], Rules(FindingSortField.Status, false));
        Assert.Equal(["R-C", "R-A", "R-E", "R-D", "R-B"], Rules(FindingSortField.Status, true));
        Assert.Equal(["R-B", "R-D", "R-E", "R-C", "R-A"], Rules(FindingSortField.File, false));
        Assert.Equal(["R-C", "R-A", "R-E", "R-B", "R-D"], Rules(FindingSortField.File, true));
        Assert.Equal(["R-A", "R-D", "R-B", "R-E", "R-C"], Rules(FindingSortField.Default, false));

        // Paging in a sorted order gives every finding once.
        var sort = new FindingFilter { Sort = new FindingSort(FindingSortField.Severity, true) };
        var paged = Enumerable.Range(0, 3).SelectMany(p => Store.Findings.QueryFindings(org.Id, sort, 2, p * 2).Items).Select(f => f.Id).ToList();
        Assert.Equal(findings.Select(f => f.Id).Order(), paged.Order());
        Assert.Equal(5, paged.Distinct().Count());
    }
}

public sealed class SqliteBulkTriageContractTests(SqliteStoreFixture fixture)
    : BulkTriageContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresBulkTriageContractTests(PostgresStoreFixture fixture)
    : BulkTriageContractTests(fixture), IClassFixture<PostgresStoreFixture>;
