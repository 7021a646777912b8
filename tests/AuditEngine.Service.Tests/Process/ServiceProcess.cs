using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace AuditEngine.Service.Tests.Process;

/// <summary>
/// The built service (AuditEngine.Service.dll) run as a real process with `dotnet`, on a given data directory and
/// configuration; its console output is kept for failure messages.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(System.Diagnostics.Process process, int port)
    {
        _process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }
    public Uri BaseAddress { get; }
    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>AuditEngine.Service.dll beside the test binaries (the project reference copies it), else its own bin/.</summary>
    public static string ServiceDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "AuditEngine.Service.dll");
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json"))) return beside;
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var own = Path.Combine(TestPaths.Root, "src", "AuditEngine.Service", "bin", configuration, "net10.0", "AuditEngine.Service.dll");
        return File.Exists(own) ? own : throw new FileNotFoundException("AuditEngine.Service.dll not built", own);
    }

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the service and waits until /api/health answers.</summary>
    /// <param name="environment">Variables set for the process (e.g. its own TMPDIR).</param>
    public static async Task<ServiceProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = TestPaths.Root,
        };
        start.ArgumentList.Add(ServiceDll());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        foreach (var (key, value) in settings) start.ArgumentList.Add($"--{key}={value}");
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var service = new ServiceProcess(process, port);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the service exited with {process.ExitCode} before answering:\n{service.Output}");
            try
            {
                if ((await probe.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK) return service;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
            {
                service.Dispose();
                throw new TimeoutException($"the service did not answer /api/health within {timeout ?? TimeSpan.FromSeconds(90)}:\n{service.Output}");
            }
            await Task.Delay(250);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    /// <summary>A client that logs in and keeps the session cookie.</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60),
        };
        var response = await client.PostAsJsonAsync("/api/login", new { userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login: {(int)response.StatusCode}\n{Output}");
        return client;
    }

    /// <summary>kill -9: no shutdown code runs, as on a power cut or an OOM kill.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: false);
        if (!_process.WaitForExit(30_000)) throw new TimeoutException("the killed service did not exit");
    }

    /// <summary>SIGTERM, the orderly stop (waits for running jobs); SIGKILL if it takes too long.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", _process.Id.ToString()])) kill.WaitForExit();
        if (!_process.WaitForExit(60_000)) KillHard();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(30_000);
            }
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
    }
}
