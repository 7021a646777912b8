using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using AuditEngine.Model;

namespace AuditEngine.Storage;

/// <summary>
/// Base of each role's SQL implementation: the role's database and the ADO helpers every statement goes through. Times
/// are Unix milliseconds, so both backends read them alike.
/// </summary>
internal abstract class SqlRole(SqlDatabase database)
{
    /// <summary>How a finding's evidence is kept (findings.evidence_json): written by audits, read by the findings.</summary>
    internal static readonly JsonSerializerOptions EvidenceJson = new(JsonSerializerDefaults.Web);

    protected SqlDatabase Database { get; } = database;

    protected DbConnection Open() => Database.Open();

    // The dialect's hooks, under the names the roles' statements use.
    protected string TextMatch(string text) => Database.TextMatch(text);
    protected IReadOnlyList<string> BackendStatements(int version) => Database.BackendStatements(version);
    protected void BeforeFindingsDeleted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        Database.BeforeFindingsDeleted(c, tx, where, parameters);
    protected void AfterFindingsInserted(DbConnection c, DbTransaction tx, string where, params (string Name, object? Value)[] parameters) =>
        Database.AfterFindingsInserted(c, tx, where, parameters);

    internal static int Execute(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return cmd.ExecuteNonQuery();
    }

    internal static T Scalar<T>(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        return (T)Convert.ChangeType(cmd.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }

    internal static List<T> Query<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read,
        params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        using var reader = cmd.ExecuteReader();
        var list = new List<T>();
        while (reader.Read()) list.Add(read(reader));
        return list;
    }

    /// <summary>Like <see cref="Query{T}"/>, row by row while the caller enumerates: the reader stays open until it is done.</summary>
    internal static IEnumerable<T> Stream<T>(DbConnection c, DbTransaction? tx, string sql, Func<DbDataReader, T> read,
        params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(c, tx, sql, parameters);
        using var reader = cmd.ExecuteReader();
        while (reader.Read()) yield return read(reader);
    }

    private static DbCommand Command(DbConnection c, DbTransaction? tx, string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            // A typeless null lets each database infer the column's type.
            p.Value = value ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    /// <summary>An integer column as int: SQLite gives a long, PostgreSQL an int or a long; read unboxed where it can be
    /// (the overview reads four per row of 10,000).</summary>
    internal static int Int(DbDataReader r, int i)
    {
        var type = r.GetFieldType(i);
        return type == typeof(long) ? checked((int)r.GetInt64(i))
            : type == typeof(int) ? r.GetInt32(i)
            : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
    }
    internal static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    internal static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    internal static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
    /// <summary>
    /// The type is kept as its report code (department-final-account …), the same text the JSON contract uses. NULL
    /// (not audited yet, or audited before the column existed) and codes this version does not know read as Unknown.
    /// </summary>
    internal static DocumentType ReadType(DbDataReader r, int i) =>
        DocumentTypes.TryParse(NullableString(r, i), out var type) ? type : DocumentType.Unknown;

    internal static string Sha256(byte[] content) => ContentHash.Sha256(content);
}
