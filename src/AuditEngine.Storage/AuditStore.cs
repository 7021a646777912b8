namespace AuditEngine.Storage;

/// <summary>
/// Everything the service keeps, by role: each role is a small interface with one SQL implementation, and all of them
/// share one <see cref="SqlDatabase"/> (<see cref="SqliteDatabase"/> or <see cref="PostgresDatabase"/>), which gives the
/// backend's connections and dialect. Consumers take the narrowest role they need (the service registers each one);
/// this object only wires them together. Every role is safe to call from many threads and from several processes
/// sharing one database.
/// </summary>
public sealed class AuditStore : IDisposable
{
    public AuditStore(SqlDatabase database)
    {
        Database = database;
        Schema = new SqlSchema(database);
        Identity = new SqlIdentityStore(database);
        Blobs = new SqlBlobStore(database);
        Batches = new SqlBatchStore(database);
        Ledger = new SqlAuditLedger(database);
        var findings = new SqlFindingStore(database);
        Findings = findings;
        FindingCounts = findings;
        Triage = new SqlBulkTriage(database, findings);
        Overview = new SqlDisclosureOverview(database);
        Retention = new SqlBatchRetention(database);
        Intake = new SqlIntakeRequests(database);
    }

    public SqlDatabase Database { get; }

    public ISchemaHistory Schema { get; }

    /// <summary>Organisations, users, API keys, data-protection keys.</summary>
    public IIdentityStore Identity { get; }

    /// <summary>Content-addressed files and layouts, document images.</summary>
    public IBlobStore Blobs { get; }

    /// <summary>Batches, documents, stored results and layouts.</summary>
    public IBatchStore Batches { get; }

    /// <summary>Claims, audit outcomes, re-queueing, the audit_runs ledger.</summary>
    public IAuditLedger Ledger { get; }

    /// <summary>Findings, facets, reviews, the triage trail.</summary>
    public IFindingStore Findings { get; }

    /// <summary>The findings' kept facet counts, and the grouped pass they must equal.</summary>
    public IFindingCounts FindingCounts { get; }

    /// <summary>Bulk triage of many findings in one decision.</summary>
    public IBulkTriage Triage { get; }

    /// <summary>Departments × years across batches.</summary>
    public IDisclosureOverview Overview { get; }

    /// <summary>Deleting batches and the blobs only they used.</summary>
    public IBatchRetention Retention { get; }

    /// <summary>Asking for a document to be read again.</summary>
    public IIntakeRequests Intake { get; }

    public void Dispose() => (Database as IDisposable)?.Dispose();
}
