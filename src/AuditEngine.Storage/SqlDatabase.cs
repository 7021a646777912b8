using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>
/// One database and its SQL dialect, shared by every role of a store (<see cref="AuditStore"/>): it opens connections,
/// names three column types, says how to look a column up and serialises what must not run twice at once. The roles'
/// statements are portable SQL; only what differs between backends lives here.
/// </summary>
public abstract class SqlDatabase
{
    /// <summary>Column type of an auto-numbered primary key, e.g. "INTEGER PRIMARY KEY AUTOINCREMENT".</summary>
    public abstract string IdentityColumn { get; }
    public abstract string BlobType { get; }
    public abstract string FloatType { get; }

    /// <summary>A query giving how many columns named @column table @table has (0 or 1).</summary>
    public abstract string ColumnCountQuery { get; }

    /// <summary>An open connection (pooled); the caller disposes it.</summary>
    public abstract DbConnection Open();

    /// <summary>Runs schema creation so that two nodes starting together do not both create the same table.</summary>
    public virtual void WithMigrationLock(DbConnection connection, Action create) => create();

    /// <summary>
    /// Taken first in a deletion's transaction, so that no other transaction adds a reference to a blob between the
    /// check that it is unreferenced and its removal, nor starts auditing one of the batch's documents. SQLite needs
    /// nothing: its write transactions begin IMMEDIATE and so already run one at a time.
    /// </summary>
    public virtual void LockForBatchDeletion(DbConnection c, DbTransaction tx)
    {
    }

    /// <summary>
    /// Taken in every transaction that inserts findings or review events, before it touches a row those of the others
    /// touch, and held to its commit: ids are then handed out in commit order, so a reader that sees an id sees every
    /// lower one. <see cref="FindingsStamp"/> and the findings export brought up to date from it (rows above the kept
    /// highest id, events above the kept last one) rest on that. SQLite's write transactions already run one at a time.
    /// </summary>
    public virtual void LockIdOrder(DbConnection c, DbTransaction tx)
    {
    }

    /// <summary>
    /// The transaction's commit returns without waiting for its log to reach the disk. Only for writes that can be made
    /// again from what is stored, should a crash of the database server lose the last of them: a claim (the document
    /// stays queued) and a re-audit from the stored layout (it stays processing, and is audited again as after a crash
    /// during the audit). SQLite's commits already do not wait (WAL, synchronous NORMAL).
    /// </summary>
    public virtual void CommitWithoutFlush(DbConnection c, DbTransaction tx)
    {
    }

    /// <summary>
    /// The condition on findings f for a search text whose LIKE pattern is in @text (<see cref="SqlTextSearch"/>). The
    /// plain LIKE reads every message of the organisation unless the backend has an index its planner uses for it
    /// (PostgreSQL's pg_trgm).
    /// </summary>
    public virtual string TextMatch(string text) => "f.message LIKE @text";

    /// <summary>Statements a backend adds to a schema step, run after the step's portable ones in the same transaction.</summary>
    public virtual IReadOnlyList<string> BackendStatements(int version) => [];

    /// <summary>
    /// Called in the transaction that deletes the findings matching <paramref name="where"/> (a condition on findings),
    /// before they go. Every statement that deletes findings calls it (CompleteAudit, FailAudit, DeleteBatch).
    /// </summary>
    public virtual void BeforeFindingsDeleted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters)
    {
    }

    /// <summary>Called in the transaction that inserted the findings matching <paramref name="where"/>, after they were.</summary>
    public virtual void AfterFindingsInserted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters)
    {
    }
}
