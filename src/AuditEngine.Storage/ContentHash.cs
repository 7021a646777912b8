namespace AuditEngine.Storage;

/// <summary>The address of stored content (<see cref="IBlobStore"/>): its SHA-256 in lower-case hex.</summary>
public static class ContentHash
{
    public static string Sha256(byte[] content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
}
