using AuditEngine.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AuditEngine.Service.Tests.Storage;

/// <summary>A store of one backend on a fresh database, shared by the tests of one class.</summary>
public abstract class StoreFixture : IDisposable
{
    public abstract AuditStore Store { get; }

    /// <summary>Runs a scalar query straight on the database (to see what the interface does not show, e.g. blob rows).</summary>
    public abstract long Count(string sql, string parameter, object value);

    /// <summary>Runs a statement straight on the database (e.g. to give it the shape an older version left).</summary>
    public abstract void Execute(string sql);

    /// <summary>A second store object on the same database: another node or a restarted process.</summary>
    public abstract AuditStore OpenAnother();

    public abstract void Dispose();
}

public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly TempDirectory _dir = TestPaths.NewTemp("store");
    private readonly AuditStore _store;

    public SqliteStoreFixture()
    {
        _store = AuditStores.Open("sqlite", DatabasePath, null);
    }

    private string DatabasePath => Path.Combine(_dir.Path, "audit.db");
    public override AuditStore Store => _store;
    public override AuditStore OpenAnother() => AuditStores.Open("sqlite", DatabasePath, null);

    public override long Count(string sql, string parameter, object value)
    {
        using var c = new SqliteConnection($"Data Source={DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue(parameter, value);
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    public override void Execute(string sql)
    {
        using var c = new SqliteConnection($"Data Source={DatabasePath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}

public sealed class PostgresStoreFixture : StoreFixture
{
    private readonly string _connectionString = TestPostgres.CreateDatabase("store");
    private readonly AuditStore _store;

    public PostgresStoreFixture()
    {
        _store = AuditStores.Open("postgres", null, _connectionString);
    }

    public override AuditStore Store => _store;
    public override AuditStore OpenAnother() => AuditStores.Open("postgres", null, _connectionString);

    public override long Count(string sql, string parameter, object value)
    {
        using var c = new NpgsqlConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue(parameter, value);
        return Convert.ToInt64(cmd.ExecuteScalar());
    }

    public override void Execute(string sql)
    {
        using var c = new NpgsqlConnection(_connectionString);
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public override void Dispose()
    {
        (_store as IDisposable)?.Dispose();
        TestPostgres.DropDatabase(_connectionString);
    }
}
