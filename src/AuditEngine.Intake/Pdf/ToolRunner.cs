using System.Diagnostics;
using System.Text;

namespace AuditEngine.Intake.Pdf;

/// <summary>Result of one external tool run: exit code and the (bounded) text it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>
/// Runs a command-line tool with an argument list (no shell, so file names never need quoting), a wall-clock
/// limit and bounded capture: a hostile or broken PDF must not hang intake or fill memory through a tool's output.
/// </summary>
internal static class ToolRunner
{
    private const int MaxCapturedChars = 256 * 1024;

    public static ToolResult Run(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{tool} is not installed (poppler-utils is required for PDF intake)", e);
        }
        var output = ReadBounded(process.StandardOutput);
        var error = ReadBounded(process.StandardError);
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new TimeoutException($"{tool} did not finish within {timeout.TotalSeconds:0} s");
        }
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Keeps the first part of a stream and drains the rest, so the child never blocks on a full pipe.</summary>
    private static async Task<string> ReadBounded(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            if (kept.Length < MaxCapturedChars) kept.Append(buffer, 0, Math.Min(n, MaxCapturedChars - kept.Length));
        return kept.ToString();
    }
}
