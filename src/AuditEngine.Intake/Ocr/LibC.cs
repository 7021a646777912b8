using System.Runtime.InteropServices;

namespace AuditEngine.Intake.Ocr;

/// <summary>The C library's environment: .NET's Environment.SetEnvironmentVariable does not reach native getenv on Unix.</summary>
internal static partial class LibC
{
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    /// <summary>Sets a variable unless the user already chose a value.</summary>
    public static void SetEnvironment(string name, string value)
    {
        try { SetEnv(name, value, overwrite: 0); }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec { public long Seconds; public long Nanoseconds; }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    private const int ClockThreadCpuTime = 3;

    /// <summary>
    /// CPU seconds the calling thread has used (CLOCK_THREAD_CPUTIME_ID), or 0 where the C library lacks it. Pages are
    /// read on several threads at once, so a page's cost is its own thread's CPU, not the process's.
    /// </summary>
    public static double ThreadCpuSeconds()
    {
        try { return ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? t.Seconds + t.Nanoseconds / 1e9 : 0; }
        catch (DllNotFoundException) { return 0; }
        catch (EntryPointNotFoundException) { return 0; }
    }
}
