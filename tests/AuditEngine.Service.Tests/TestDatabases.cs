using Npgsql;

namespace AuditEngine.Service.Tests;

/// <summary>
/// PostgreSQL for the tests: the server AUDITENGINE_TEST_POSTGRES names (test.sh starts a private one). Each test class
/// gets a database of its own, made with CREATE DATABASE and dropped afterwards. Without the variable the PostgreSQL
/// tests fail, with a message saying so: they are never silently skipped.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "AUDITENGINE_TEST_POSTGRES";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} 未设置：PostgreSQL 测试需要一个 PostgreSQL 服务器。请用 ./test.sh 运行（它会启动私有的 PostgreSQL），" +
                $"或 `source scripts/postgres.sh; pg_test_start` 后再 export {Variable}. " +
                $"{Variable} is not set: the PostgreSQL tests need a server; run ./test.sh or set the variable.");

    /// <summary>Creates a new empty database on the server and returns its connection string.</summary>
    public static string CreateDatabase(string label)
    {
        var name = $"ae_{label}_{Guid.NewGuid():N}".ToLowerInvariant();
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        using (var c = new NpgsqlConnection(server.ConnectionString))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"CREATE DATABASE \"{name}\"";
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabase"/>; best effort (the server may be gone).</summary>
    public static void DropDatabase(string connectionString)
    {
        try
        {
            var target = new NpgsqlConnectionStringBuilder(connectionString);
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(ServerConnectionString);
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)";
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Console.Error.WriteLine($"could not drop test database: {e.Message}");
        }
    }
}

/// <summary>Which storage backend a test class runs against.</summary>
public enum Backend { Sqlite, Postgres }
