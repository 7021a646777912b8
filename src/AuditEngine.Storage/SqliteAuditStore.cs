using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Storage;

/// <summary>The embedded default: one SQLite file, in WAL mode so readers never wait for the workers' writes.</summary>
public sealed class SqliteAuditStore : SqlAuditStore
{
    private readonly string _connectionString;

    public SqliteAuditStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 60,
        }.ToString();
        using var c = Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode = WAL";
        cmd.ExecuteNonQuery();
    }

    public string DatabasePath { get; }

    protected override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";
    protected override string BlobType => "BLOB";
    protected override string FloatType => "REAL";
    protected override string ColumnCountQuery => "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";

    protected override string TextMatch(string text) => SqliteTextMatch(text);

    protected override IReadOnlyList<string> BackendStatements(int version) => version == 5 ? SqliteTextIndex : [];

    protected override void BeforeFindingsDeleted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        SqliteUnindexText(c, tx, where, parameters);

    protected override void AfterFindingsInserted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        SqliteIndexText(c, tx, where, parameters);

    protected override DbConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        // Writers from several workers queue on the file lock instead of failing at once.
        cmd.CommandText = "PRAGMA busy_timeout = 60000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL";
        cmd.ExecuteNonQuery();
        return c;
    }
}
