namespace AuditEngine.Storage;

/// <summary>
/// Where the service listens, as a client should call it: the service and the admin command share the default and
/// the note the service leaves in its data directory, so a printed curl example names the address really in use.
/// </summary>
public static class ServiceAddress
{
    /// <summary>The address when neither --urls, the urls setting nor ASPNETCORE_URLS chooses one.</summary>
    public const string Default = "http://127.0.0.1:5000";

    /// <summary>The note under the data directory in which a started service records its addresses, one a line.</summary>
    public const string NoteFileName = "service-urls.txt";

    /// <summary>
    /// The first of a semicolon-separated URL list (the format of --urls and ASPNETCORE_URLS) as a client calls it:
    /// a wildcard host (0.0.0.0, [::], *, +) listens on every interface and is reached locally as 127.0.0.1.
    /// Null when the list holds no http(s) URL.
    /// </summary>
    public static string? ForClients(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
        if (first is null) return null;
        var schemeEnd = first.IndexOf("://", StringComparison.Ordinal) + 3;
        var rest = first[schemeEnd..];
        foreach (var wildcard in new[] { "0.0.0.0", "[::]", "*", "+" })
            if (rest.StartsWith(wildcard + ":", StringComparison.Ordinal) || rest == wildcard)
                return first[..schemeEnd] + "127.0.0.1" + rest[wildcard.Length..].TrimEnd('/');
        return first.TrimEnd('/');
    }

    /// <summary>
    /// The address for a client, in order: one given (the admin command's --urls), the one the service last
    /// started with on this data directory, ASPNETCORE_URLS, then <see cref="Default"/>.
    /// </summary>
    public static string Resolve(string? given, string? dataDirectory, string? environmentUrls)
    {
        if (ForClients(given) is { } fromOption) return fromOption;
        if (dataDirectory is not null && ReadNote(dataDirectory) is { } noted) return noted;
        return ForClients(environmentUrls) ?? Default;
    }

    private static string? ReadNote(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, NoteFileName);
        try { return File.Exists(path) ? ForClients(string.Join(';', File.ReadAllLines(path))) : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
