namespace AuditEngine.Pipeline;

/// <summary>Turns the paths a user names (files and folders) into the list of files to audit.</summary>
public static class InputFiles
{
    /// <summary>
    /// Files are taken as named, even hidden ones: the user asked for them. Folders are walked recursively in
    /// ordinal name order, so a batch always comes out in the same order, skipping hidden files and folders
    /// (.git, editor droppings), README* files, which describe a folder rather than belong to the batch, and the
    /// *.truth.json ground truth of generated samples.
    /// A path that does not exist is kept, so the pipeline reports it as unreadable instead of silently dropping it.
    /// </summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Walk(path))
                    if (seen.Add(Path.GetFullPath(file))) files.Add(file);
            }
            else if (seen.Add(Path.GetFullPath(path)))
            {
                files.Add(path);
            }
        }
        return files;
    }

    private static IEnumerable<string> Walk(string directory)
    {
        foreach (var file in Directory.GetFiles(directory).Order(StringComparer.Ordinal))
            if (!IsHidden(file) && !IsReadme(file) && !IsTruthFile(file)) yield return file;
        foreach (var sub in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (IsHidden(sub)) continue;
            foreach (var file in Walk(sub)) yield return file;
        }
    }

    public static bool IsHidden(string path)
    {
        var name = Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        if (name.StartsWith('.')) return true;
        try { return (File.GetAttributes(path) & FileAttributes.Hidden) != 0; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Ground truth written next to generated samples (<c>*.truth.json</c>) describes a file; it is not one to audit.</summary>
    public static bool IsTruthFile(string path) => path.EndsWith(".truth.json", StringComparison.OrdinalIgnoreCase);

    public static bool IsReadme(string path) =>
        Path.GetFileName(path).StartsWith("README", StringComparison.OrdinalIgnoreCase);
}
