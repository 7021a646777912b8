namespace AuditEngine.Testing;

/// <summary>Where the repository's own inputs are: tests read samples/ and rules/ from the checkout they run in. Linked into each test project.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AuditEngine.sln"))) return dir.FullName;
        throw new InvalidOperationException("AuditEngine.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;
    public static string Rules => Path.Combine(Root, "rules");
    public static string Seed(string name) => Path.Combine(Root, "samples", "seeds", name);
    public static string Generated(string name) => Path.Combine(Root, "samples", "generated", name);
}
