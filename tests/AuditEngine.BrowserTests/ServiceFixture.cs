using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AuditEngine.BrowserTests;

/// <summary>
/// Starts the real AuditEngine.Service on a free 127.0.0.1 port with a fresh temporary data directory, and one headless
/// Debian Chromium driven by Playwright (never a downloaded browser). AUDITENGINE_TEST_URL (with AUDITENGINE_TEST_USER and
/// AUDITENGINE_TEST_PASSWORD) points the tests at a service that is already running instead.
/// </summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _service;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();

    public string RepoRoot { get; } = FindRepoRoot();
    public string BaseUrl { get; private set; } = "";
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "auditengine-browser-" + Guid.NewGuid().ToString("N")[..8]);
    public string UserName { get; private set; } = "admin";
    public string Password { get; private set; } = "";
    public string ScreenshotDirectory => Path.Combine(RepoRoot, "TestResults", "screenshots");

    /// <summary>Saves a screenshot under <see cref="ScreenshotDirectory"/> and names it in the test's output.</summary>
    public async Task ShotAsync(IPage page, string name, Xunit.Abstractions.ITestOutputHelper output, bool fullPage)
    {
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        output.WriteLine($"screenshot: {path}");
    }
    public string DownloadDirectory => Path.Combine(RepoRoot, "TestResults", "downloads");
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public string ServiceOutput { get { lock (_outputLock) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        Directory.CreateDirectory(DownloadDirectory);
        var external = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_URL");
        if (!string.IsNullOrEmpty(external))
        {
            BaseUrl = external.TrimEnd('/');
            UserName = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_USER") ?? "admin";
            Password = Environment.GetEnvironmentVariable("AUDITENGINE_TEST_PASSWORD") ?? "admin";
        }
        else
        {
            await StartServiceAsync();
        }

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    private async Task StartServiceAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        Password = "Browser-" + Guid.NewGuid().ToString("N")[..12];
        var projectDir = Path.Combine(RepoRoot, "src", "AuditEngine.Service");
        var dll = FindServiceAssembly(projectDir);

        var psi = new ProcessStartInfo("dotnet")
        {
            // The content root is the project folder so that wwwroot is served from the sources.
            WorkingDirectory = projectDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var arg in ServiceArguments(BaseUrl)) psi.ArgumentList.Add(arg);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in ServiceEnvironment()) psi.Environment[key] = value;

        _service = Process.Start(psi) ?? throw new InvalidOperationException("无法启动服务进程");
        _service.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_outputLock) _output.AppendLine(e.Data); };
        _service.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_outputLock) _output.AppendLine(e.Data); };
        _service.BeginOutputReadLine();
        _service.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (_service.HasExited)
                throw new InvalidOperationException($"服务进程已退出（{_service.ExitCode}）：\n{ServiceOutput}");
            try
            {
                var response = await http.GetAsync($"{BaseUrl}/api/health");
                if (response.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"服务未在 90 秒内启动：\n{ServiceOutput}");
            await Task.Delay(250);
        }
    }

    /// <summary>Command-line arguments of the service: its address.</summary>
    private static IEnumerable<string> ServiceArguments(string url)
    {
        yield return "--urls";
        yield return url;
    }

    /// <summary>
    /// The "AuditEngine" configuration section through the environment: a fresh data directory, the repository's rules,
    /// the first admin's password (so the test knows it) and no sample batch seeded on the new store.
    /// </summary>
    private IEnumerable<(string, string)> ServiceEnvironment()
    {
        yield return ("AuditEngine__DataDirectory", DataDirectory);
        yield return ("AuditEngine__RulesDirectory", Path.Combine(RepoRoot, "rules"));
        yield return ("AuditEngine__FirstAdminPassword", Password);
        yield return ("AuditEngine__SeedSamples", "false");
    }

    private static string FindServiceAssembly(string projectDir)
    {
        var candidates = new[] { "Release", "Debug" }
            .Select(c => Path.Combine(projectDir, "bin", c, "net10.0", "AuditEngine.Service.dll"))
            .Where(File.Exists)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .ToList();
        if (candidates.Count == 0)
            throw new FileNotFoundException($"找不到已构建的 AuditEngine.Service.dll（{projectDir}/bin）；请先 dotnet build");
        return candidates[0];
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "AuditEngine.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("找不到 AuditEngine.sln");
    }

    public async Task DisposeAsync()
    {
        if (Browser != null) await Browser.CloseAsync();
        Playwright?.Dispose();
        if (_service is { HasExited: false })
        {
            _service.Kill(entireProcessTree: true);
            await _service.WaitForExitAsync();
        }
        _service?.Dispose();
        try { if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class ServiceCollection : ICollectionFixture<ServiceFixture>
{
    public const string Name = "service";
}
