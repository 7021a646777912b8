namespace AuditEngine.Storage;

/// <summary>
/// Who may use the service: organisations, their users (password hashes, security stamps, disabled flag) and API keys
/// (stored by hash), and the data-protection keys that let every node read every node's login cookies.
/// </summary>
public interface IIdentityStore
{
    Organisation CreateOrganisation(string name);
    Organisation? FindOrganisation(string name);
    IReadOnlyList<Organisation> ListOrganisations();
    UserAccount CreateUser(long organisationId, string userName, string displayName, Role role, string passwordHash);
    UserAccount? FindUser(string userName);
    IReadOnlyList<UserAccount> ListUsers(long organisationId);

    /// <summary>Sets a new password hash and a new security stamp: every session of the user ends.</summary>
    void SetPassword(long userId, string passwordHash);

    /// <summary>Disables or re-enables a user, with a new security stamp (a disabled user's sessions end at once).</summary>
    void SetUserDisabled(long userId, bool disabled);

    /// <summary>Gives the user a new security stamp, which ends every session issued before; returns it.</summary>
    string RenewSecurityStamp(long userId);

    /// <summary>Stores a key by its hash; the key itself is shown once by the caller and never stored.</summary>
    ApiKeyRecord CreateApiKey(long userId, string name, string keyHash, DateTimeOffset? expiresAt = null);

    /// <summary>Who a key acts for; null when unknown, revoked, expired, or its user is disabled.</summary>
    Principal? FindApiKey(string keyHash);

    /// <summary>The keys of an organisation's users (null: every organisation), revoked and expired ones included.</summary>
    IReadOnlyList<ApiKeyRecord> ListApiKeys(long? organisationId);

    /// <summary>Revokes a key of the organisation (null: any); false when there is no such key or it was already revoked.</summary>
    bool RevokeApiKey(long? organisationId, long keyId);

    /// <summary>ASP.NET Core data-protection keys (XML), shared so every node can read every node's login cookies.</summary>
    IReadOnlyList<string> ListProtectionKeys();
    void AddProtectionKey(string name, string xml);
}
