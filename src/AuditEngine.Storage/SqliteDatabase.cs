using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace AuditEngine.Storage;

/// <summary>The embedded default database: one SQLite file, in WAL mode so readers never wait for the workers' writes.</summary>
public sealed class SqliteDatabase : SqlDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string databasePath)
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

    public override string IdentityColumn => "INTEGER PRIMARY KEY AUTOINCREMENT";
    public override string BlobType => "BLOB";
    public override string FloatType => "REAL";
    public override string ColumnCountQuery => "SELECT COUNT(*) FROM pragma_table_info(@table) WHERE name = @column";

    public override string TextMatch(string text) => SqlTextSearch.SqliteTextMatch(text);

    public override IReadOnlyList<string> BackendStatements(int version) => version == 5 ? SqlTextSearch.SqliteTextIndex : [];

    public override void BeforeFindingsDeleted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        SqlTextSearch.SqliteUnindexText(c, tx, where, parameters);

    public override void AfterFindingsInserted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        SqlTextSearch.SqliteIndexText(c, tx, where, parameters);

    public override DbConnection Open()
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
