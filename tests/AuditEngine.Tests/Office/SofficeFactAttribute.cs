using System.Diagnostics;
using AuditEngine.Intake.Office;

namespace AuditEngine.Tests.Office;

/// <summary>A fact that needs LibreOffice; reported as skipped (not passed) on machines without it.</summary>
public sealed class SofficeFactAttribute : FactAttribute
{
    public SofficeFactAttribute()
    {
        if (LegacyOfficeConverter.FindSoffice() is null) Skip = "LibreOffice (soffice) is not installed";
    }
}

/// <summary>Runs soffice directly, independent of the converter under test, to make legacy files for the tests.</summary>
internal static class Soffice
{
    public static byte[] Convert(byte[] bytes, string inputExtension, string target)
    {
        var work = Directory.CreateTempSubdirectory("auditengine-test-soffice-");
        try
        {
            var input = Path.Combine(work.FullName, "sample" + inputExtension);
            File.WriteAllBytes(input, bytes);
            var start = new ProcessStartInfo(LegacyOfficeConverter.FindSoffice()!)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         $"-env:UserInstallation=file://{work.FullName}/profile", "--headless", "--norestore",
                         "--convert-to", target, "--outdir", work.FullName, input,
                     })
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(120)), "soffice did not finish");
            var produced = Path.Combine(work.FullName, "sample." + target);
            Assert.True(File.Exists(produced), $"soffice produced nothing: {output.Result} {error.Result}");
            return File.ReadAllBytes(produced);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
