using System.Diagnostics;

namespace AuditEngine.SampleGen;

/// <summary>Runs an external tool (LibreOffice, poppler) with a time limit, killing its whole tree when it hangs.</summary>
public static class ProcessRunner
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static Result Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        // Read both streams concurrently: a tool that fills one pipe while we wait on the other would deadlock.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit();
            throw new TimeoutException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:0} s");
        }
        process.WaitForExit();
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs and throws with the tool's own message when it fails.</summary>
    public static string RunChecked(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var result = Run(fileName, arguments, timeout, workingDirectory);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        return result.StandardOutput;
    }
}
