using System.Runtime.InteropServices;

namespace AuditEngine.Bench;

/// <summary>What every benchmark prints about the machine and its figures: CPU model, load, percentiles.</summary>
internal static class Machine
{
    public static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo)) return RuntimeInformation.ProcessArchitecture.ToString();
        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (!line.StartsWith("model name", StringComparison.Ordinal)) continue;
            var colon = line.IndexOf(':');
            if (colon >= 0) return line[(colon + 1)..].Trim();
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    /// <summary>The 1-minute load average: other work on the machine competes for its CPUs.</summary>
    public static string LoadAverage()
    {
        try { return File.ReadAllText("/proc/loadavg").Split(' ')[0]; }
        catch (IOException) { return "?"; }
    }

    /// <summary>
    /// CPU seconds used so far by every process named postgres on this machine (user + system, with the time of ended
    /// backends, which the postmaster's waited-for children's fields hold); null where there is no /proc. A database
    /// server on this machine shares its CPUs with the node, so a figure per document needs both.
    /// </summary>
    public static double? PostgresCpuSeconds()
    {
        if (!Directory.Exists("/proc/self")) return null;
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out _)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "postgres") continue;
                // Fields after the name: utime, stime, cutime, cstime are the 12th to 15th.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i]));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while it was read.
            }
        }
        return ticks / 100.0; // USER_HZ, 100 on Linux
    }

    /// <summary>The value at rank ⌈p·n⌉ of an ascending list; NaN when it is empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
