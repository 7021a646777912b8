using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>Batches and their documents, each document's stored result and layout (<see cref="IBatchStore"/>).</summary>
internal sealed class SqlBatchStore(SqlDatabase database) : SqlRole(database), IBatchStore
{
    public (BatchRecord Batch, IReadOnlyList<DocumentRecord> Documents) CreateBatch(
        long organisationId, string name, string createdBy, string source, IReadOnlyList<NewDocument> documents)
    {
        using var c = Open();
        using var tx = c.BeginTransaction();
        var now = Now();
        var batchId = Scalar<long>(c, tx,
            "INSERT INTO batches (organisation_id, name, created_at, created_by, source) VALUES (@org, @name, @at, @by, @source) RETURNING id",
            ("org", organisationId), ("name", name), ("at", now), ("by", createdBy), ("source", source));
        foreach (var d in documents)
        {
            Execute(c, tx,
                "INSERT INTO documents (batch_id, organisation_id, file_name, sha256, size, status, created_at) " +
                "VALUES (@batch, @org, @file, @sha, @size, @status, @at)",
                ("batch", batchId), ("org", organisationId), ("file", d.FileName), ("sha", d.Sha256), ("size", d.Size),
                ("status", DocumentStatus.Queued.Code()), ("at", now));
        }
        tx.Commit();
        return (GetBatch(c, organisationId, batchId)!, ListDocuments(c, batchId));
    }

    internal const string BatchColumns = """
        b.id, b.organisation_id, b.name, b.created_at, b.created_by, b.source,
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'queued'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'processing'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'done'),
        (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id AND d.status = 'error'),
        (SELECT COALESCE(SUM(d.errors), 0) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COALESCE(SUM(d.warnings), 0) FROM documents d WHERE d.batch_id = b.id),
        (SELECT COALESCE(SUM(d.infos), 0) FROM documents d WHERE d.batch_id = b.id)
        FROM batches b
        """;

    internal static BatchRecord ReadBatch(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), FromMs(r.GetInt64(3)), r.GetString(4), r.GetString(5),
        Int(r, 6), Int(r, 7), Int(r, 8), Int(r, 9), Int(r, 10), Int(r, 11), Int(r, 12), Int(r, 13));

    public Page<BatchRecord> ListBatches(long organisationId, int limit, int offset)
    {
        using var c = Open();
        var total = (int)Scalar<long>(c, null, "SELECT COUNT(*) FROM batches WHERE organisation_id = @org", ("org", organisationId));
        var items = Query(c, null, $"SELECT {BatchColumns} WHERE b.organisation_id = @org ORDER BY b.id DESC LIMIT @limit OFFSET @offset",
            ReadBatch, ("org", organisationId), ("limit", limit), ("offset", offset));
        return new Page<BatchRecord>(total, items);
    }

    public BatchRecord? GetBatch(long organisationId, long batchId)
    {
        using var c = Open();
        return GetBatch(c, organisationId, batchId);
    }

    private static BatchRecord? GetBatch(DbConnection c, long organisationId, long batchId) =>
        Query(c, null, $"SELECT {BatchColumns} WHERE b.id = @id AND b.organisation_id = @org", ReadBatch,
            ("id", batchId), ("org", organisationId)).FirstOrDefault();

    private const string DocumentColumns =
        "id, batch_id, organisation_id, file_name, sha256, size, status, error, department, year, rule_set_version, " +
        "audited_at, elapsed, errors, warnings, infos, created_at, document_type FROM documents";

    private static DocumentRecord ReadDocument(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetString(3), r.GetString(4), r.GetInt64(5), DocumentStatuses.Parse(r.GetString(6)),
        NullableString(r, 7), NullableString(r, 8), r.IsDBNull(9) ? null : Int(r, 9), ReadType(r, 17), NullableString(r, 10),
        r.IsDBNull(11) ? null : FromMs(r.GetInt64(11)), r.GetDouble(12), Int(r, 13), Int(r, 14), Int(r, 15), FromMs(r.GetInt64(16)));

    public IReadOnlyList<DocumentRecord> ListDocuments(long batchId)
    {
        using var c = Open();
        return ListDocuments(c, batchId);
    }

    private static IReadOnlyList<DocumentRecord> ListDocuments(DbConnection c, long batchId) =>
        Query(c, null, $"SELECT {DocumentColumns} WHERE batch_id = @batch ORDER BY id", ReadDocument, ("batch", batchId));

    public DocumentRecord? GetDocument(long? organisationId, long documentId)
    {
        using var c = Open();
        return organisationId is { } org
            ? Query(c, null, $"SELECT {DocumentColumns} WHERE id = @id AND organisation_id = @org", ReadDocument, ("id", documentId), ("org", org)).FirstOrDefault()
            : Query(c, null, $"SELECT {DocumentColumns} WHERE id = @id", ReadDocument, ("id", documentId)).FirstOrDefault();
    }

    public string? GetResultJson(long documentId)
    {
        using var c = Open();
        return Query(c, null, "SELECT result_json FROM documents WHERE id = @id", r => NullableString(r, 0), ("id", documentId)).FirstOrDefault();
    }

    public string? GetLayoutJson(long documentId) => GetLayoutUtf8(documentId) is { } blob ? Encoding.UTF8.GetString(blob) : null;

    public byte[]? GetLayoutUtf8(long documentId)
    {
        using var c = Open();
        return Query(c, null, "SELECT b.content FROM documents d JOIN blobs b ON b.sha256 = d.layout_sha WHERE d.id = @id",
            r => (byte[])r.GetValue(0), ("id", documentId)).FirstOrDefault();
    }

    public DocumentRecord? FindDisclosure(long organisationId, string department, int year)
    {
        using var c = Open();
        return Query(c, null,
            $"SELECT {DocumentColumns} WHERE organisation_id = @org AND department = @department AND year = @year AND status = 'done' ORDER BY id DESC LIMIT 1",
            ReadDocument, ("org", organisationId), ("department", department), ("year", year)).FirstOrDefault();
    }
}
