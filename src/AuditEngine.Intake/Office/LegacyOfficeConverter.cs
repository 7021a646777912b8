using System.Diagnostics;
using AuditEngine.Model;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Reads Word 97-2003 (.doc) and Excel 97-2003 (.xls) files by having LibreOffice convert them to DOCX / XLSX and
/// reading the result with <see cref="DocxReader"/> / <see cref="XlsxReader"/>. The binary formats are too large to
/// parse here, and LibreOffice's filters are the most faithful free ones. Each conversion runs in its own temporary
/// folder with its own LibreOffice profile, because two soffice processes sharing a profile block each other.
/// </summary>
public static class LegacyOfficeConverter
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    private const string NotInstalled = "旧版 Word/Excel 文件（.doc/.xls）需要安装 LibreOffice 才能读取";

    /// <param name="sofficePath">The soffice executable; null looks it up on PATH and in the usual install folders.</param>
    public static Layout Read(byte[] bytes, string name, string? sofficePath = null)
    {
        var target = TargetFor(bytes, name);
        var converted = Convert(bytes, name, target, sofficePath);
        return target == "docx" ? DocxReader.Read(converted, name) : XlsxReader.Read(converted, name);
    }

    /// <summary>
    /// Converts a file with LibreOffice to <paramref name="targetFormat"/> (an extension LibreOffice knows: docx, xlsx,
    /// doc, xls, pdf) and returns the converted bytes. The input's extension is taken from <paramref name="name"/>.
    /// </summary>
    public static byte[] Convert(byte[] bytes, string name, string targetFormat, string? sofficePath = null)
    {
        var soffice = sofficePath ?? FindSoffice();
        if (soffice is null || !File.Exists(soffice)) throw new IntakeException(name, NotInstalled);

        var work = Directory.CreateTempSubdirectory("auditengine-soffice-");
        try
        {
            // An ASCII input name keeps LibreOffice's command line and output naming free of encoding trouble.
            var input = Path.Combine(work.FullName, "document" + Path.GetExtension(name).ToLowerInvariant());
            var output = Path.Combine(work.FullName, "out");
            var profile = Path.Combine(work.FullName, "profile");
            File.WriteAllBytes(input, bytes);
            Run(soffice, input, output, profile, targetFormat, name);
            var produced = Path.Combine(output, "document." + targetFormat);
            if (!File.Exists(produced))
                throw new IntakeException(name, "LibreOffice 未能转换该文件（文件可能已损坏或设置了打开密码）");
            return File.ReadAllBytes(produced);
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>soffice on PATH (or libreoffice), else the places installers put it.</summary>
    public static string? FindSoffice()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "soffice.exe" } : ["soffice", "libreoffice"];
        var path = Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) ?? [];
        foreach (var dir in path)
            foreach (var n in names)
                if (File.Exists(Path.Combine(dir, n))) return Path.Combine(dir, n);
        string[] known =
        [
            "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
            "/Applications/LibreOffice.app/Contents/MacOS/soffice",
            @"C:\Program Files\LibreOffice\program\soffice.exe", @"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
        ];
        return known.FirstOrDefault(File.Exists);
    }

    private static string TargetFor(byte[] bytes, string name)
    {
        switch (FormatDetector.Detect(bytes))
        {
            case FileFormat.LegacyDoc:
                return "docx";
            case FileFormat.LegacyXls:
                return "xlsx";
            case FileFormat.EncryptedOffice:
                throw new IntakeException(name, "文件设置了打开密码（已加密），无法读取，请索取未加密的文件");
            case FileFormat.LegacyOffice:
                // The directory did not say; the extension is the only hint left.
                var ext = Path.GetExtension(name).ToLowerInvariant();
                if (ext is ".doc" or ".wps" or ".dot") return "docx";
                if (ext is ".xls" or ".et" or ".xlt") return "xlsx";
                throw new IntakeException(name, "无法判断该旧版 Office 文件是 Word 还是 Excel 文档");
            default:
                throw new IntakeException(name, "不是旧版 Word/Excel 文件（.doc/.xls）");
        }
    }

    private static void Run(string soffice, string input, string outDir, string profile, string target, string name)
    {
        string[] arguments =
        [
            "-env:UserInstallation=" + new Uri(profile + Path.DirectorySeparatorChar).AbsoluteUri,
            "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
            "--convert-to", target, "--outdir", outDir, input,
        ];
        ToolResult result;
        try
        {
            result = ExternalTool.Run(soffice, arguments, Timeout);
        }
        catch (ToolMissingException ex)
        {
            throw new IntakeException(name, NotInstalled, ex);
        }
        catch (TimeoutException ex)
        {
            throw new IntakeException(name, $"LibreOffice 转换超时（超过 {Timeout.TotalSeconds:0} 秒），文件可能过大或已损坏", ex);
        }
        if (result.ExitCode != 0)
            throw new IntakeException(name, $"LibreOffice 转换失败（退出码 {result.ExitCode}）",
                new InvalidOperationException((result.Error + result.Output).Trim()));
    }

    private static void TryDelete(DirectoryInfo dir)
    {
        try { dir.Delete(recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
