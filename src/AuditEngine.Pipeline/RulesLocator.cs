namespace AuditEngine.Pipeline;

/// <summary>Finds the rule catalogue when the user does not name one.</summary>
public static class RulesLocator
{
    public const string FolderName = "rules";

    /// <summary>
    /// The nearest <c>rules</c> folder walking up from the current directory (a checkout used in place), then from
    /// the application's own folder (an installed or built copy run from elsewhere); null when neither has one.
    /// </summary>
    public static string? Find(string? startDirectory = null) =>
        FindAbove(startDirectory ?? Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);

    private static string? FindAbove(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FolderName);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
