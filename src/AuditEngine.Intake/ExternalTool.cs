using System.Diagnostics;
using System.Text;

namespace AuditEngine.Intake;

/// <summary>Result of one external tool run: exit code and the (bounded) text it printed.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error);

/// <summary>A tool intake needs (poppler-utils, LibreOffice) is not installed.</summary>
public sealed class ToolMissingException(string tool, Exception inner)
    : InvalidOperationException($"{tool} is not installed (scripts/setup.sh installs it)", inner)
{
    public string Tool { get; } = tool;
}

/// <summary>
/// The one way the product runs a command-line tool (pdftotext, pdftoppm, LibreOffice): an argument list (no shell,
/// so file names never need quoting), a wall-clock limit that holds even when the tool prints nothing and never ends
/// (both pipes are drained concurrently while the limit runs, and the whole process tree is killed at the limit), and
/// bounded capture, so a hostile or broken file can neither hang intake nor fill memory through a tool's output.
/// pdftoppm's page stream (<c>PdfTools.RenderStream</c>) is the exception: binary pages read as they arrive.
/// </summary>
public static class ExternalTool
{
    public const int DefaultMaxCapturedChars = 256 * 1024;

    /// <exception cref="ToolMissingException">The tool is not installed.</exception>
    /// <exception cref="TimeoutException">It ran past <paramref name="timeout"/> and was killed.</exception>
    public static ToolResult Run(string tool, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        int maxCapturedChars = DefaultMaxCapturedChars)
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
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var a in arguments) start.ArgumentList.Add(a);

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolMissingException(Path.GetFileName(tool), e);
        }
        var output = ReadBounded(process.StandardOutput, maxCapturedChars);
        var error = ReadBounded(process.StandardError, maxCapturedChars);
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new TimeoutException($"{Path.GetFileName(tool)} did not finish within {timeout.TotalSeconds:0} s");
        }
        // The timed wait can return before the pipes are drained; this one waits for them.
        process.WaitForExit();
        return new ToolResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs and throws with the tool's own message when it exits with an error; returns what it printed.</summary>
    public static string RunChecked(string tool, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null,
        int maxCapturedChars = DefaultMaxCapturedChars)
    {
        var result = Run(tool, arguments, timeout, workingDirectory, maxCapturedChars);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed (exit {result.ExitCode}): {result.Error.Trim()}");
        return result.Output;
    }

    /// <summary>Keeps the first part of a stream and drains the rest, so the child never blocks on a full pipe.</summary>
    private static async Task<string> ReadBounded(StreamReader reader, int max)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            if (kept.Length < max) kept.Append(buffer, 0, Math.Min(n, max - kept.Length));
        return kept.ToString();
    }
}
