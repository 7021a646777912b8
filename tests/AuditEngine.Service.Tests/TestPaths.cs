namespace AuditEngine.Service.Tests;

/// <summary>Where the repository's own inputs are: the tests read samples/ and rules/ of the checkout they run in.</summary>
public static class TestPaths
{
    public static string Root => RepositoryPaths.Root;
    public static string Rules => RepositoryPaths.Rules;
    public static string Seed(string name) => RepositoryPaths.Seed(name);
    public static string Generated(string name) => RepositoryPaths.Generated(name);

    public static readonly string[] SeedNames =
    [
        "jiaozuo-2025.ocr.md", "xinglong-2024.md", "huailai-2025.txt", "xushui-2022.txt", "langfang-guangyang-2025.txt",
    ];

    /// <summary>A fresh temporary directory, removed by <see cref="TempDirectory.Dispose"/>.</summary>
    public static TempDirectory NewTemp(string label) => new(label);

    /// <summary>A copy of rules/ that a test may edit.</summary>
    public static string CopyRules(string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Rules, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(Rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }
}

public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string label)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ae-svc-{label}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
