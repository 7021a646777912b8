using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace AuditEngine.ServiceHarness;

/// <summary>
/// One real service process (<c>dotnet AuditEngine.Service.dll --urls http://127.0.0.1:PORT</c>) configured through
/// AuditEngine__… environment variables, as an operator would run it, with an HTTP client logged in as the first admin.
/// Shared source of the cluster tests and the service benchmark.
/// </summary>
public sealed class ServiceNode : IAsyncDisposable
{
    public const string AdminPassword = "Harness-Admin-Pass-1";

    private readonly Process _process;
    private readonly StreamWriter _log;

    public string Name { get; }
    public Uri BaseAddress { get; }
    public string LogPath { get; }
    public HttpClient Http { get; }
    public bool HasExited => _process.HasExited;
    public int ProcessId => _process.Id;

    private ServiceNode(string name, Uri baseAddress, Process process, string logPath, StreamWriter log)
    {
        Name = name;
        BaseAddress = baseAddress;
        _process = process;
        LogPath = logPath;
        _log = log;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10),
        };
    }

    /// <summary>The built service next to the repository's sources, in the configuration this code was built in.</summary>
    public static string ServiceDll(string repositoryRoot)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var dll = Path.Combine(repositoryRoot, "src", "AuditEngine.Service", "bin", configuration, "net10.0", "AuditEngine.Service.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"the service is not built: {dll} (dotnet build -c {configuration})", dll);
        return dll;
    }

    /// <summary>
    /// Starts a node and waits until /api/health answers and the admin can log in.
    /// <paramref name="settings"/> are AuditEngine configuration keys ("Storage:Provider" → AuditEngine__Storage__Provider).
    /// </summary>
    public static async Task<ServiceNode> Start(string repositoryRoot, string name, string dataDirectory,
        IReadOnlyDictionary<string, string> settings, TimeSpan? startTimeout = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repositoryRoot,
        };
        start.ArgumentList.Add(ServiceDll(repositoryRoot));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["DataDirectory"] = dataDirectory,
            ["NodeName"] = name,
            ["RulesDirectory"] = Path.Combine(repositoryRoot, "rules"),
            ["SeedSamples"] = "false",
            ["FirstAdminPassword"] = AdminPassword,
            ["Sweeps:InboxCron"] = "",
            ["Sweeps:ReauditCron"] = "",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        foreach (var (key, value) in environment) start.Environment["AuditEngine__" + key.Replace(":", "__")] = value;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("ASPNETCORE_URLS");

        var logPath = Path.Combine(dataDirectory, $"node-{name}.out.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new ServiceNode(name, url, process, logPath, log);

        var deadline = Stopwatch.StartNew();
        var limit = startTimeout ?? TimeSpan.FromSeconds(90);
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"node {name} exited with {process.ExitCode} while starting:\n{node.LogTail()}");
            try
            {
                using var health = await node.Http.GetAsync("api/health");
                if (health.IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (deadline.Elapsed > limit)
            {
                await node.DisposeAsync();
                throw new TimeoutException($"node {name} did not answer /api/health within {limit.TotalSeconds:0} s:\n{node.LogTail()}");
            }
            await Task.Delay(200);
        }
        using var login = await node.Http.PostAsJsonAsync("api/login", new { userName = "admin", password = AdminPassword });
        if (!login.IsSuccessStatusCode)
            throw new InvalidOperationException($"node {name}: login failed {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        return node;
    }

    /// <summary>Uploads files as one batch; returns the batch id and the document ids in upload order.</summary>
    public async Task<(long BatchId, IReadOnlyList<long> DocumentIds)> Upload(string batchName, IEnumerable<string> files)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(batchName), "name");
        foreach (var file in files)
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(file)), "files", Path.GetFileName(file));
        using var answer = await Http.PostAsync("api/batches", form);
        var text = await answer.Content.ReadAsStringAsync();
        if (answer.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"upload to {Name} answered {(int)answer.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var refused = root.TryGetProperty("refused", out var r) && r.ValueKind == JsonValueKind.Array ? r.GetArrayLength() : 0;
        if (refused > 0) throw new InvalidOperationException($"upload to {Name}: {refused} files refused: {text}");
        var ids = root.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()).ToList();
        return (root.GetProperty("id").GetInt64(), ids);
    }

    public async Task<BatchState> GetBatch(long batchId)
    {
        using var answer = await Http.GetAsync($"api/batches/{batchId}");
        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var documents = root.GetProperty("documents").EnumerateArray().Select(d => new DocumentState(
            d.GetProperty("id").GetInt64(), d.GetProperty("fileName").GetString()!, d.GetProperty("status").GetString()!,
            d.GetProperty("elapsedSeconds").GetDouble(),
            d.GetProperty("auditedAt").ValueKind == JsonValueKind.Null ? null : d.GetProperty("auditedAt").GetDateTimeOffset(),
            d.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null)).ToList();
        return new BatchState(root.GetProperty("id").GetInt64(), root.GetProperty("status").GetString()!,
            root.GetProperty("total").GetInt32(), root.GetProperty("done").GetInt32(), root.GetProperty("failed").GetInt32(),
            root.GetProperty("createdAt").GetDateTimeOffset(), documents);
    }

    /// <summary>Polls until every document of the batch is done or failed.</summary>
    public async Task<BatchState> WaitForBatch(long batchId, TimeSpan timeout, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var state = await GetBatch(batchId);
            if (state.Done + state.Failed >= state.Total) return state;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"batch {batchId}: {state.Done} done, {state.Failed} failed of {state.Total} after {timeout.TotalSeconds:0} s");
            if (_process.HasExited)
                throw new InvalidOperationException($"node {Name} exited while waiting for batch {batchId}:\n{LogTail()}");
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// CPU seconds the node has used so far (user + system, its own and its waited-for children's: pdftoppm, pdftotext),
    /// from /proc; null where there is no /proc.
    /// </summary>
    public double? CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            // Fields after the command name in parentheses: state is field 3; utime, stime, cutime, cstime are 14-17.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i]));
            return ticks / 100.0; // USER_HZ, 100 on Linux
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>kill -9: no shutdown hooks, no Quartz stand-by, jobs left as they were.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    public string LogTail(int lines = 40)
    {
        lock (_log)
        {
            try { _log.Flush(); }
            catch (ObjectDisposedException) { }
        }
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException) { return "(no log)"; }
    }

    /// <summary>Stops the node politely (SIGTERM, waiting for running jobs), killing it if it does not stop in time.</summary>
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            try
            {
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
                term?.WaitForExit(5000);
            }
            catch (Exception) { }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { Kill(); }
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static void Append(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try { log.WriteLine(line); }
            catch (ObjectDisposedException) { } // output after the node was disposed
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed record DocumentState(long Id, string FileName, string Status, double ElapsedSeconds, DateTimeOffset? AuditedAt, string? Error);

public sealed record BatchState(long Id, string Status, int Total, int Done, int Failed, DateTimeOffset CreatedAt,
    IReadOnlyList<DocumentState> Documents);
