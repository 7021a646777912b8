namespace AuditEngine.Model;

/// <summary>
/// Records which cells and figures a rule read while it evaluated one item, so that a finding can point at
/// exactly the values it rests on without the rule author listing them. Per thread: a rule evaluation
/// runs start to end on one thread.
/// </summary>
public static class EvidenceTrail
{
    [ThreadStatic] private static List<IHasProvenance>? current;

    public static void Record(IHasProvenance? source)
    {
        if (source is null || current is null) return;
        if (current.Count < 64 && !current.Contains(source)) current.Add(source);
    }

    /// <summary>Starts recording on this thread; the returned list fills as values are read.</summary>
    public static List<IHasProvenance> Begin()
    {
        current = [];
        return current;
    }

    /// <summary>
    /// Starts recording into a caller-owned list, cleared first. The rules engine reuses one list per thread so
    /// evaluating an item that passes allocates nothing here.
    /// </summary>
    public static List<IHasProvenance> Begin(List<IHasProvenance> buffer)
    {
        buffer.Clear();
        current = buffer;
        return buffer;
    }

    public static void End() => current = null;

    /// <summary>What this thread's evaluation has read so far, or null outside one.</summary>
    public static IReadOnlyList<IHasProvenance>? Current => current;
}
