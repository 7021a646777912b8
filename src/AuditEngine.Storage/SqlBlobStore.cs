using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>Content-addressed blobs and the images kept with documents (<see cref="IBlobStore"/>).</summary>
internal sealed class SqlBlobStore(SqlDatabase database) : SqlRole(database), IBlobStore
{
    public bool PutBlob(string sha256, byte[] content)
    {
        using var c = Open();
        return PutBlob(c, null, sha256, content);
    }

    /// <summary>Stores a blob within another role's transaction (an audit's layout and images).</summary>
    internal static bool PutBlob(DbConnection c, DbTransaction? tx, string sha256, byte[] content) =>
        Execute(c, tx, "INSERT INTO blobs (sha256, size, content) VALUES (@sha, @size, @content) ON CONFLICT (sha256) DO NOTHING",
            ("sha", sha256), ("size", (long)content.Length), ("content", content)) > 0;

    public byte[]? GetBlob(string sha256)
    {
        using var c = Open();
        return Query(c, null, "SELECT content FROM blobs WHERE sha256 = @sha", r => (byte[])r.GetValue(0), ("sha", sha256)).FirstOrDefault();
    }

    public byte[]? GetDocumentImage(long documentId, string name)
    {
        using var c = Open();
        return Query(c, null,
            "SELECT b.content FROM document_images i JOIN blobs b ON b.sha256 = i.sha256 WHERE i.document_id = @id AND i.name = @name",
            r => (byte[])r.GetValue(0), ("id", documentId), ("name", name)).FirstOrDefault();
    }

    public void PutDocumentImage(long documentId, string name, byte[] content)
    {
        var sha = Sha256(content);
        using var c = Open();
        using var tx = c.BeginTransaction();
        PutBlob(c, tx, sha, content);
        Execute(c, tx, "INSERT INTO document_images (document_id, name, sha256) VALUES (@doc, @name, @sha) " +
            "ON CONFLICT (document_id, name) DO UPDATE SET sha256 = @sha", ("doc", documentId), ("name", name), ("sha", sha));
        tx.Commit();
    }
}
