using System.Diagnostics;

namespace AuditEngine.Reports.Pdf;

/// <summary>Why a PDF could not be made (no Chromium, Chromium failed, the source is not a PDF).</summary>
public sealed class PdfOutputException(string message) : Exception(message);

/// <summary>
/// Prints HTML to PDF with headless Chromium. Chromium lays out Chinese text with the system's CJK fonts
/// (fonts-noto-cjk) and writes a ToUnicode map, so pdftotext and a reader's search get the characters back;
/// PDFsharp 6.2 cannot embed the CFF-outline Noto CJK fonts, which is why text goes through Chromium.
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates =
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>The Chromium binary: $AUDITENGINE_CHROMIUM, else the first of the usual paths that exists; null when none.</summary>
    public static string? Path
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("AUDITENGINE_CHROMIUM");
            if (!string.IsNullOrWhiteSpace(configured)) return File.Exists(configured) ? configured : null;
            return Candidates.FirstOrDefault(File.Exists);
        }
    }

    public static bool IsAvailable => Path is not null;

    /// <summary>
    /// A meta tag every printed page carries: inline styles and data: images only, so nothing in a document's text
    /// can make Chromium (which runs without its sandbox when the service runs as root) fetch anything.
    /// </summary>
    public const string NoNetworkPolicy =
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'\">";

    /// <summary>Prints one self-contained HTML page (its @page rules set paper size and margins) to PDF bytes.</summary>
    public static byte[] PrintToPdf(string html, TimeSpan? timeout = null)
    {
        var binary = Path ?? throw new PdfOutputException("生成 PDF 需要 Chromium（未找到 /usr/bin/chromium，可用 AUDITENGINE_CHROMIUM 指定）");
        var folder = Directory.CreateTempSubdirectory("auditengine-pdf-");
        try
        {
            var page = System.IO.Path.Combine(folder.FullName, "report.html");
            var pdf = System.IO.Path.Combine(folder.FullName, "report.pdf");
            File.WriteAllText(page, html, new System.Text.UTF8Encoding(false));
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
            };
            // Its own profile folder, so concurrent prints (service requests, parallel tests) never share a lock.
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--disable-extensions", "--disable-background-networking", "--disable-sync", "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                         $"--user-data-dir={System.IO.Path.Combine(folder.FullName, "profile")}",
                         $"--print-to-pdf={pdf}", new Uri(page).AbsoluteUri,
                     })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start) ?? throw new PdfOutputException("无法启动 Chromium");
            var stderr = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new PdfOutputException("Chromium 生成 PDF 超时");
            }
            if (!File.Exists(pdf) || new FileInfo(pdf).Length == 0)
                throw new PdfOutputException($"Chromium 未能生成 PDF（退出码 {process.ExitCode}）：{Tail(stderr.Result)}");
            return File.ReadAllBytes(pdf);
        }
        finally
        {
            try { folder.Delete(recursive: true); } catch (IOException) { /* a late Chromium child may still hold the profile */ }
        }
    }

    private static string Tail(string text) => text.Length <= 400 ? text.Trim() : text[^400..].Trim();
}
