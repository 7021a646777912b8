using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>
/// The findings list's text search (q): a substring of the message, as <c>LIKE '%text%'</c>. Each backend may index it:
/// SQLite keeps an FTS5 trigram index of the messages (findings_text), PostgreSQL a pg_trgm GIN index that its planner
/// uses for the same LIKE. Both are created by schema step 5 (<see cref="SqlDatabase.BackendStatements"/>).
/// </summary>
internal static class SqlTextSearch
{
    /// <summary>
    /// SQLite: the FTS5 trigram index of the findings' messages (external content: it keeps no copy of the text) and its
    /// first fill. It is kept by <see cref="SqliteIndexText"/> and <see cref="SqliteUnindexText"/>, one statement per
    /// document, rather than by triggers: a trigger is compiled into every prepared INSERT of a finding, and measured
    /// (3,000 documents stored by the dashboard bench) that cost 4 ms a document, the statements about 1.
    /// </summary>
    internal static readonly string[] SqliteTextIndex =
    [
        "CREATE VIRTUAL TABLE IF NOT EXISTS findings_text USING fts5(message, content='findings', content_rowid='id', tokenize='trigram')",
        "INSERT INTO findings_text (findings_text) VALUES ('rebuild')",
    ];

    internal static void SqliteIndexText(DbConnection c, DbTransaction tx, string where, (string Name, object? Value)[] parameters) =>
        SqlRole.Execute(c, tx, $"INSERT INTO findings_text (rowid, message) SELECT id, message FROM findings WHERE {where}", parameters);

    /// <summary>An external-content FTS5 row is removed by giving it the text it was indexed with, read before the row goes.</summary>
    internal static void SqliteUnindexText(DbConnection c, DbTransaction tx, string where, (string Name, object? Value)[] parameters) =>
        SqlRole.Execute(c, tx, $"INSERT INTO findings_text (findings_text, rowid, message) SELECT 'delete', id, message FROM findings WHERE {where}",
            parameters);

    /// <summary>
    /// SQLite's condition: the trigram index gives the candidates when every run of text between wildcards is at least
    /// three characters long (a trigram needs three); the LIKE on them keeps the answer exactly the plain LIKE's (FTS5
    /// folds the case of more than ASCII). Shorter texts, such as two-character Chinese words, scan as before.
    /// </summary>
    internal static string SqliteTextMatch(string text) =>
        text.Split('%', '_').All(run => run.Length >= 3)
            ? "f.id IN (SELECT rowid FROM findings_text WHERE findings_text.message LIKE @text) AND f.message LIKE @text"
            : "f.message LIKE @text";

    /// <summary>
    /// PostgreSQL: pg_trgm ships with PostgreSQL (contrib) and is a trusted extension, but a server may lack it or the
    /// role may not create it: then no index is made and the search scans as before.
    /// </summary>
    internal static readonly string[] PostgresTextIndex =
    [
        """
        DO $$ BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
        EXCEPTION WHEN OTHERS THEN
            RAISE NOTICE 'pg_trgm not available: the findings text search scans the messages';
        END $$
        """,
        """
        DO $$ BEGIN
            IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
                EXECUTE 'CREATE INDEX IF NOT EXISTS ix_findings_message_trgm ON findings USING gin (message gin_trgm_ops)';
            END IF;
        END $$
        """,
    ];
}
