using System.Data.Common;

namespace AuditEngine.Storage;

/// <summary>Organisations, users, API keys and data-protection keys (<see cref="IIdentityStore"/>).</summary>
internal sealed class SqlIdentityStore(SqlDatabase database) : SqlRole(database), IIdentityStore
{
    public Organisation CreateOrganisation(string name)
    {
        using var c = Open();
        var id = Scalar<long>(c, null, "INSERT INTO organisations (name, created_at) VALUES (@name, @at) RETURNING id",
            ("name", name), ("at", Now()));
        return new Organisation(id, name);
    }

    public Organisation? FindOrganisation(string name)
    {
        using var c = Open();
        return Query(c, null, "SELECT id, name FROM organisations WHERE name = @name", r => new Organisation(r.GetInt64(0), r.GetString(1)),
            ("name", name)).FirstOrDefault();
    }

    public IReadOnlyList<Organisation> ListOrganisations()
    {
        using var c = Open();
        return Query(c, null, "SELECT id, name FROM organisations ORDER BY id", r => new Organisation(r.GetInt64(0), r.GetString(1)));
    }

    private const string UserColumns =
        "u.id, u.organisation_id, o.name, u.user_name, u.display_name, u.role, u.password_hash, u.disabled, u.security_stamp " +
        "FROM users u JOIN organisations o ON o.id = u.organisation_id";

    private static UserAccount ReadUser(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetString(4),
        Roles.TryParse(r.GetString(5), out var role) ? role : Role.Uploader, r.GetString(6),
        Int(r, 7) != 0, NullableString(r, 8) ?? "");

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public UserAccount CreateUser(long organisationId, string userName, string displayName, Role role, string passwordHash)
    {
        using var c = Open();
        var id = Scalar<long>(c, null,
            "INSERT INTO users (organisation_id, user_name, display_name, role, password_hash, created_at, disabled, security_stamp) " +
            "VALUES (@org, @user, @display, @role, @hash, @at, 0, @stamp) RETURNING id",
            ("org", organisationId), ("user", userName), ("display", displayName), ("role", role.Name()), ("hash", passwordHash), ("at", Now()),
            ("stamp", NewStamp()));
        return Query(c, null, $"SELECT {UserColumns} WHERE u.id = @id", ReadUser, ("id", id)).Single();
    }

    public UserAccount? FindUser(string userName)
    {
        using var c = Open();
        return Query(c, null, $"SELECT {UserColumns} WHERE u.user_name = @user", ReadUser, ("user", userName)).FirstOrDefault();
    }

    public IReadOnlyList<UserAccount> ListUsers(long organisationId)
    {
        using var c = Open();
        return Query(c, null, $"SELECT {UserColumns} WHERE u.organisation_id = @org ORDER BY u.id", ReadUser, ("org", organisationId));
    }

    public void SetPassword(long userId, string passwordHash)
    {
        using var c = Open();
        Execute(c, null, "UPDATE users SET password_hash = @hash, security_stamp = @stamp WHERE id = @id",
            ("hash", passwordHash), ("stamp", NewStamp()), ("id", userId));
    }

    public void SetUserDisabled(long userId, bool disabled)
    {
        using var c = Open();
        Execute(c, null, "UPDATE users SET disabled = @disabled, security_stamp = @stamp WHERE id = @id",
            ("disabled", disabled ? 1 : 0), ("stamp", NewStamp()), ("id", userId));
    }

    public string RenewSecurityStamp(long userId)
    {
        var stamp = NewStamp();
        using var c = Open();
        Execute(c, null, "UPDATE users SET security_stamp = @stamp WHERE id = @id", ("stamp", stamp), ("id", userId));
        return stamp;
    }

    private const string ApiKeyColumns =
        "k.id, k.user_id, u.user_name, u.organisation_id, k.name, k.created_at, k.expires_at, k.revoked_at " +
        "FROM api_keys k JOIN users u ON u.id = k.user_id";

    private static ApiKeyRecord ReadApiKey(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt64(3), r.GetString(4), FromMs(r.GetInt64(5)),
        r.IsDBNull(6) ? null : FromMs(r.GetInt64(6)), r.IsDBNull(7) ? null : FromMs(r.GetInt64(7)));

    public ApiKeyRecord CreateApiKey(long userId, string name, string keyHash, DateTimeOffset? expiresAt = null)
    {
        using var c = Open();
        var id = Scalar<long>(c, null,
            "INSERT INTO api_keys (user_id, name, key_hash, created_at, expires_at) VALUES (@user, @name, @hash, @at, @expires) RETURNING id",
            ("user", userId), ("name", name), ("hash", keyHash), ("at", Now()), ("expires", expiresAt?.ToUnixTimeMilliseconds()));
        return Query(c, null, $"SELECT {ApiKeyColumns} WHERE k.id = @id", ReadApiKey, ("id", id)).Single();
    }

    public Principal? FindApiKey(string keyHash)
    {
        using var c = Open();
        return Query(c, null,
            "SELECT o.id, o.name, u.user_name, u.role FROM api_keys k JOIN users u ON u.id = k.user_id " +
            "JOIN organisations o ON o.id = u.organisation_id WHERE k.key_hash = @hash AND k.revoked_at IS NULL " +
            "AND (k.expires_at IS NULL OR k.expires_at > @now) AND u.disabled = 0",
            r => new Principal(r.GetInt64(0), r.GetString(1), r.GetString(2),
                Roles.TryParse(r.GetString(3), out var role) ? role : Role.Uploader),
            ("hash", keyHash), ("now", Now())).FirstOrDefault();
    }

    public IReadOnlyList<ApiKeyRecord> ListApiKeys(long? organisationId)
    {
        using var c = Open();
        return organisationId is { } org
            ? Query(c, null, $"SELECT {ApiKeyColumns} WHERE u.organisation_id = @org ORDER BY k.id", ReadApiKey, ("org", org))
            : Query(c, null, $"SELECT {ApiKeyColumns} ORDER BY k.id", ReadApiKey);
    }

    public bool RevokeApiKey(long? organisationId, long keyId)
    {
        using var c = Open();
        // Two statements rather than "@org IS NULL": PostgreSQL cannot type a parameter that is only compared to NULL.
        const string sql = "UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL";
        return organisationId is { } org
            ? Execute(c, null, sql + " AND user_id IN (SELECT id FROM users WHERE organisation_id = @org)",
                ("at", Now()), ("id", keyId), ("org", org)) > 0
            : Execute(c, null, sql, ("at", Now()), ("id", keyId)) > 0;
    }

    public IReadOnlyList<string> ListProtectionKeys()
    {
        using var c = Open();
        return Query(c, null, "SELECT xml FROM protection_keys ORDER BY created_at", r => r.GetString(0));
    }

    public void AddProtectionKey(string name, string xml)
    {
        using var c = Open();
        Execute(c, null, "INSERT INTO protection_keys (name, xml, created_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING",
            ("name", name), ("xml", xml), ("at", Now()));
    }
}
