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

    /// <summary>The value at rank ⌈p·n⌉ of an ascending list; NaN when it is empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
