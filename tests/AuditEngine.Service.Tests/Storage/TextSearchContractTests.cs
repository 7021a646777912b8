using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// The findings text search (q) on both backends, through its index (SQLite FTS5 trigram, PostgreSQL pg_trgm): the
/// same findings as a substring test of every message, for Chinese texts of two characters (shorter than a trigram)
/// and more, after re-audits and batch deletion have changed the indexed messages.
/// </summary>
public abstract class TextSearchContractTests(StoreFixture fixture)
{
    private AuditStore Store => fixture.Store;

    private List<DocumentRecord> Batch(Organisation org, int documents)
    {
        var files = Enumerable.Range(0, documents).Select(i =>
        {
            var bytes = Encoding.UTF8.GetBytes($"{i}-{Guid.NewGuid()}");
            var sha = ContentHash.Sha256(bytes);
            Store.Blobs.PutBlob(sha, bytes);
            return new NewDocument($"d{i}.pdf", sha, bytes.Length);
        }).ToList();
        return [.. Store.Batches.CreateBatch(org.Id, "批次", "tester", "test", files).Documents];
    }

    private void Audit(DocumentRecord doc, params string[] messages)
    {
        var claim = Store.Ledger.BeginAudit(doc.Id, "node-a") ?? throw new InvalidOperationException("no claim");
        var findings = messages.Select((m, i) => new Finding
        {
            RuleId = "R-" + i, RuleName = "规则", Category = "narrative", Severity = Severity.Warning, Message = m,
            Evidence = [new Evidence(1, i, "说明", i, "", "")],
        }).ToList();
        var result = new DocumentResult { Source = doc.FileName, Department = "甲局", Year = 2024, Findings = findings };
        Assert.True(Store.Ledger.CompleteAudit(doc.Id, claim, new AuditOutcome(result, "v1", "node-a", null, "{\"documents\":[]}", [])));
    }

    private List<string> Search(Organisation org, string text) =>
        [.. Store.Findings.QueryFindings(org.Id, new FindingFilter { Text = text }, 1000, 0).Items.Select(f => f.Finding.Message).Order(StringComparer.Ordinal)];

    private List<string> Expected(Organisation org, string text) =>
        [.. Store.Findings.QueryFindings(org.Id, new FindingFilter(), 1000, 0).Items.Select(f => f.Finding.Message)
            .Where(m => m.Contains(text, AsciiCase)).Order(StringComparer.Ordinal)];

    /// <summary>SQLite's LIKE folds ASCII case, PostgreSQL's does not (the messages here fold the same either way).</summary>
    private StringComparison AsciiCase => fixture is SqliteStoreFixture ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    [Fact]
    public void Search_finds_exactly_the_messages_holding_the_text_through_reaudits_and_deletion()
    {
        var org = Store.Identity.CreateOrganisation($"search-{Guid.NewGuid():N}");
        var other = Store.Identity.CreateOrganisation($"search-other-{Guid.NewGuid():N}");
        var docs = Batch(org, 3);
        var later = Batch(org, 1);
        Audit(docs[0], "网络安全经费未说明", "信息网络建设支出增长", "三公经费公务接待费增长");
        Audit(docs[1], "安全生产支出未说明", "网络安全与信息化项目绩效目标缺失");
        Audit(docs[2], "网络 安全（有空格）", "Total 合计 mismatch");
        Audit(later[0], "网络安全培训费", "网络");
        Audit(Batch(other, 1)[0], "网络安全经费未说明");
        string[] texts = ["网络安全", "网络", "安全", "经费未说明", "合计", "络安", "TOTAL 合计", "不存在的文字"];

        void AssertAll()
        {
            foreach (var text in texts)
            {
                var expected = Expected(org, text);
                Assert.Equal(expected, Search(org, text));
                Assert.Equal(expected.Count, Store.Findings.QueryFindings(org.Id, new FindingFilter { Text = text }, 1, 0).Total);
            }
        }

        AssertAll();
        Assert.Equal(3, Search(org, "网络安全").Count);     // not the other organisation's
        Assert.Equal(6, Search(org, "网络").Count);
        Assert.Single(Search(org, "合计"));
        Assert.Equal(fixture is SqliteStoreFixture ? 1 : 0, Search(org, "TOTAL 合计").Count);

        // Re-audit: the old messages leave the index, the new ones enter it.
        Assert.Equal(4, Store.Ledger.RequeueDisclosures(org.Id, "甲局", 2024).Count);
        Audit(docs[0], "网络安全经费已说明");
        Audit(docs[1], "安全生产支出未说明", "网络安全与信息化项目绩效目标缺失");
        Audit(docs[2], "无问题");
        Audit(later[0], "网络安全培训费", "网络");
        AssertAll();
        Assert.Empty(Search(org, "经费未说明"));
        Assert.Single(Search(org, "经费已说明"));

        // A failed re-audit removes the document's messages.
        Assert.Single(Store.Ledger.RequeueDisclosures(org.Id, "甲局", 2024).Where(id => id == docs[1].Id));
        var claim = Store.Ledger.BeginAudit(docs[1].Id, "node-a")!;
        Assert.True(Store.Ledger.FailAudit(docs[1].Id, claim, "读取失败", "v1", "node-a", 0.1));
        AssertAll();
        Assert.Empty(Search(org, "安全生产"));
        foreach (var id in new[] { docs[0].Id, docs[2].Id, later[0].Id })
            Audit(Store.Batches.GetDocument(org.Id, id)!, id == later[0].Id ? ["网络安全培训费", "网络"] : ["网络安全经费已说明"]);

        // Deleting a batch removes its messages from the index.
        Assert.Equal(BatchDeletionStatus.Deleted, Store.Retention.DeleteBatch(org.Id, later[0].BatchId).Status);
        AssertAll();
        Assert.Empty(Search(org, "培训费"));
        Assert.Equal(2, Search(org, "网络安全").Count);     // docs 0 and 2, re-audited with the same message
        Assert.Equal(2, Search(org, "经费已说明").Count);
    }
}

public sealed class SqliteTextSearchContractTests(SqliteStoreFixture fixture)
    : TextSearchContractTests(fixture), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTextSearchContractTests(PostgresStoreFixture fixture)
    : TextSearchContractTests(fixture), IClassFixture<PostgresStoreFixture>;
