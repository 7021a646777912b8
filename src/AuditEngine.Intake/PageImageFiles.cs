using AuditEngine.Model;

namespace AuditEngine.Intake;

/// <summary>
/// Scanned pages keep their image (evidence crops are cut from it after the rules ran), in a folder of their own per
/// read under the temp path: two reads of the same file never share or delete each other's images. Whoever consumes
/// the layout releases it when the crops are made and the images stored (<see cref="Release"/>), so an audit leaves
/// the temp folder as it found it.
/// </summary>
public static class PageImageFiles
{
    public static string Root => Path.Combine(Path.GetTempPath(), "auditengine-pages");

    /// <summary>A new folder name for one read of content <paramref name="key"/> (created when the first image is saved).</summary>
    public static string NewFolder(string key) => Path.Combine(Root, $"{key}-{Guid.NewGuid():N}");

    /// <summary>Saves one page's image in <paramref name="folder"/>; returns its path.</summary>
    public static string Save(string folder, string fileName, byte[] content)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, fileName);
        File.WriteAllBytes(path, content);
        return path;
    }

    /// <summary>Deletes the page images of <paramref name="layout"/> that intake made (nothing outside <see cref="Root"/>).</summary>
    public static void Release(Layout? layout)
    {
        if (layout is not null) Release(layout.Pages);
    }

    /// <inheritdoc cref="Release(Layout?)"/>
    public static void Release(IEnumerable<LayoutPage>? pages)
    {
        if (pages is null) return;
        var root = Path.GetFullPath(Root) + Path.DirectorySeparatorChar;
        foreach (var page in pages)
        {
            if (page.ImagePath is not { } path) continue;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            page.ImagePath = null;
            if (folder is null || !(folder + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal)) continue;
            try
            {
                if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { /* in use elsewhere: the next release or a restart's sweep takes it */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
