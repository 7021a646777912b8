namespace AuditEngine.Storage;

/// <summary>Opens the store a configuration names: "sqlite" with a file path (the default) or "postgres" with a connection string.</summary>
public static class AuditStores
{
    /// <summary>Opens the database and creates or upgrades its schema.</summary>
    public static AuditStore Open(string provider, string? sqlitePath, string? postgresConnectionString)
    {
        SqlDatabase database = provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => new SqliteDatabase(sqlitePath ?? throw new ArgumentException("存储配置缺少 SQLite 文件路径 (Storage:SqlitePath)")),
            "postgres" or "postgresql" => new PostgresDatabase(
                string.IsNullOrWhiteSpace(postgresConnectionString)
                    ? throw new ArgumentException("存储配置缺少 PostgreSQL 连接串 (Storage:Postgres)")
                    : postgresConnectionString),
            _ => throw new ArgumentException($"未知的存储类型 unknown storage provider: {provider}（可用 sqlite 或 postgres）"),
        };
        var store = new AuditStore(database);
        store.Schema.Migrate();
        return store;
    }
}
