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
}
