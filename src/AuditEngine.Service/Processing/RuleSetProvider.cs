using AuditEngine.Rules;

namespace AuditEngine.Service.Processing;

/// <summary>
/// The rule set in force. Rules are data: an edited rules/ folder is picked up by <see cref="Refresh"/> (called by
/// the re-audit sweep and before each document) without a restart. A folder that no longer loads keeps the last
/// good set in force and the load error is logged, so one bad edit never stops the service.
/// </summary>
public sealed class RuleSetProvider(string directory, ILogger<RuleSetProvider> logger)
{
    private readonly object _gate = new();
    private RuleSet _current = RuleSet.Load(directory);
    private DateTime _checkedAt = DateTime.UtcNow;
    private string _stamp = Stamp(directory);

    public string Directory { get; } = directory;

    public RuleSet Current
    {
        get
        {
            // Looking at file times is cheap but not free: at most once a second per node.
            if (DateTime.UtcNow - _checkedAt > TimeSpan.FromSeconds(1)) Refresh();
            return _current;
        }
    }

    /// <summary>Reloads when any rule file changed; returns the set in force.</summary>
    public RuleSet Refresh()
    {
        lock (_gate)
        {
            _checkedAt = DateTime.UtcNow;
            var stamp = Stamp(Directory);
            if (stamp == _stamp) return _current;
            try
            {
                var loaded = RuleSet.Load(Directory);
                if (loaded.Version != _current.Version)
                    logger.LogInformation("规则集已更新 rule set changed {OldVersion} → {NewVersion}", _current.Version, loaded.Version);
                _current = loaded;
                _stamp = stamp;
            }
            catch (RuleLoadException e)
            {
                logger.LogError("规则目录 {Directory} 载入失败，继续使用版本 {Version}：{Errors}", Directory, _current.Version, e.Message);
                _stamp = stamp;
            }
            return _current;
        }
    }

    private static string Stamp(string directory) =>
        string.Join('|', System.IO.Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            // Rule fixtures (tests/) are not part of the set: editing one needs no reload.
            .Where(f => !Path.GetRelativePath(directory, f).Replace('\\', '/').StartsWith(RuleSet.FixtureFolder + "/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => $"{f}:{File.GetLastWriteTimeUtc(f).Ticks}:{new FileInfo(f).Length}"));
}
