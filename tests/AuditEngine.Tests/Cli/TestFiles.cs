using AuditEngine.Pipeline;

namespace AuditEngine.Tests.Cli;

/// <summary>Temporary folders and the repository's seed files for pipeline and CLI tests.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("auditengine-test-").FullName;

    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content ?? "");
        return path;
    }

    public string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

internal static class Repository
{
    public static string Root => RepositoryPaths.Root;


    public static string Seed(string name) => System.IO.Path.Combine(Root, "samples", "seeds", name);

    /// <summary>The repository's rule catalogue when it has one, else an empty folder, so tests run before and after the rules land.</summary>
    public static string RulesOr(TempFolder temp) =>
        Directory.Exists(System.IO.Path.Combine(Root, RulesLocator.FolderName))
            ? System.IO.Path.Combine(Root, RulesLocator.FolderName)
            : temp.Folder("rules-empty");
}
