using System.Text;
using AuditEngine.Model;
using AuditEngine.Storage;
using Npgsql;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>
/// PostgreSQL reads committed rows only, so a deletion could miss a reference another transaction is adding to a blob
/// and remove the blob under it. The deletion's table lock makes it wait for such a writer: here an audit of another
/// batch's document that found its page image already stored (it is the deleted batch's too) and is about to commit.
/// </summary>
public sealed class PostgresBatchDeletionLockTests : IDisposable
{
    private readonly string _connectionString = TestPostgres.CreateDatabase("dellock");

    [Fact]
    public async Task A_deletion_waits_for_a_transaction_adding_a_reference_and_then_keeps_the_blob()
    {
        var store = AuditStores.Open("postgres", null, _connectionString);
        var org = store.Identity.CreateOrganisation("锁测试");
        NewDocument Put(string name)
        {
            var bytes = Encoding.UTF8.GetBytes(name + Guid.NewGuid());
            var sha = ContentHash.Sha256(bytes);
            store.Blobs.PutBlob(sha, bytes);
            return new NewDocument(name, sha, bytes.Length);
        }
        var (doomed, doomedDocs) = store.Batches.CreateBatch(org.Id, "要删除", "admin", "test", [Put("a.txt")]);
        var (_, keptDocs) = store.Batches.CreateBatch(org.Id, "保留", "admin", "test", [Put("b.txt")]);
        var image = Encoding.UTF8.GetBytes("同一页图像 " + Guid.NewGuid());
        store.Blobs.PutDocumentImage(doomedDocs[0].Id, "page-1.png", image);

        // Another writer references the same image blob and has not committed yet.
        await using var writer = new NpgsqlConnection(_connectionString);
        await writer.OpenAsync();
        await using var tx = await writer.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO document_images (document_id, name, sha256) VALUES (@doc, 'page-1.png', @sha)", writer, tx))
        {
            insert.Parameters.AddWithValue("doc", keptDocs[0].Id);
            insert.Parameters.AddWithValue("sha", ContentHash.Sha256(image));
            await insert.ExecuteNonQueryAsync();
        }

        var deletion = Task.Run(() => store.Retention.DeleteBatch(org.Id, doomed.Id));
        // The deletion is queued behind the writer: its lock request shows in pg_locks as not granted.
        await using (var watcher = new NpgsqlConnection(_connectionString))
        {
            await watcher.OpenAsync();
            await using var waiting = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation IN ('documents'::regclass, 'document_images'::regclass)", watcher);
            var until = DateTime.UtcNow.AddSeconds(30);
            while ((long)(await waiting.ExecuteScalarAsync())! == 0 && !deletion.IsCompleted && DateTime.UtcNow < until)
                await Task.Delay(20);
            Assert.False(deletion.IsCompleted, "the deletion did not wait for the writer");
        }
        await tx.CommitAsync();

        var result = await deletion;
        Assert.Equal((BatchDeletionStatus.Deleted, 1, 1), (result.Status, result.BlobsRemoved, result.BlobsKept));
        Assert.Equal(image, store.Blobs.GetDocumentImage(keptDocs[0].Id, "page-1.png"));
        (store as IDisposable)?.Dispose();
    }

    public void Dispose() => TestPostgres.DropDatabase(_connectionString);
}
