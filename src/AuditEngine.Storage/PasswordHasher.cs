using System.Security.Cryptography;

namespace AuditEngine.Storage;

/// <summary>PBKDF2-SHA256 password hashes as "pbkdf2$iterations$salt$hash" (base64), and API keys by SHA-256.</summary>
public static class PasswordHasher
{
    private const int Iterations = 100_000;

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, Iterations, HashAlgorithmName.SHA256, 32);
        return $"pbkdf2${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts is not ["pbkdf2", var iterations, var salt, var hash] || !int.TryParse(iterations, out var n)) return false;
        var expected = Convert.FromBase64String(hash);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, Convert.FromBase64String(salt), n, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    // A hash of a random password, made once: checking against it costs what checking a real user costs.
    private static readonly Lazy<string> Dummy = new(() => Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))));

    /// <summary>
    /// Verifies against a user's hash, or, when there is no such user (null), against a dummy hash and answers false:
    /// a login takes as long for an unknown name as for a known one, so timing does not tell which names exist.
    /// </summary>
    public static bool VerifyOrDummy(string password, string? stored)
    {
        var ok = Verify(password, stored ?? Dummy.Value);
        return stored is not null && ok;
    }

    /// <summary>A new API key: "ae_" and 32 random bytes, URL-safe.</summary>
    public static string NewApiKey() =>
        "ae_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Keys are long random strings, so a plain SHA-256 is enough to keep them unreadable at rest.</summary>
    public static string HashApiKey(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));
}
