using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AuditEngine.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// The service in memory (WebApplicationFactory over the real Program) on a temporary data directory and a fresh
/// database of the chosen backend; the bootstrap admin "admin" of 示范财政局 has <see cref="AdminPassword"/>.
/// Nothing is seeded, and the cron sweeps are off: tests fire sweeps through the API.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    public const string AdminPassword = "管理员-Test-密码-1";
    private readonly TempDirectory _data = TestPaths.NewTemp("host");
    private readonly string? _postgres;
    private readonly Dictionary<string, string?> _settings;

    /// <param name="settings">More AuditEngine:… settings, or overrides of the defaults above.</param>
    public ServiceHost(Backend backend, string? rulesDirectory = null, int workers = 2, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Backend = backend;
        if (backend == Backend.Postgres) _postgres = TestPostgres.CreateDatabase("api");
        _settings = new()
        {
            ["AuditEngine:DataDirectory"] = _data.Path,
            ["AuditEngine:SeedSamples"] = "false",
            ["AuditEngine:FirstAdminPassword"] = AdminPassword,
            ["AuditEngine:RulesDirectory"] = rulesDirectory ?? TestPaths.Rules,
            ["AuditEngine:Workers"] = workers.ToString(),
            ["AuditEngine:NodeName"] = "test-host",
            ["AuditEngine:Sweeps:InboxCron"] = "",
            ["AuditEngine:Sweeps:ReauditCron"] = "",
            ["AuditEngine:Storage:Provider"] = backend == Backend.Postgres ? "postgres" : "sqlite",
            ["AuditEngine:Storage:Postgres"] = _postgres,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) _settings[key] = value;
    }

    /// <summary>Every log line the service wrote, rendered (the file sink is asynchronous; this is not).</summary>
    public CapturedLog Log { get; } = new();

    public Backend Backend { get; }
    public string DataDirectory => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
            if (value is not null) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestClientAddress>();
            services.AddSingleton<ILoggerProvider>(Log);
        });
    }

    public AuditStore Store => Services.GetRequiredService<AuditStore>();

    /// <summary>A client logged in with the session cookie.</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var response = await client.PostAsJsonAsync("/api/login", new { userName, password });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login {userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public Task<HttpClient> AdminAsync() => LoginAsync("admin", AdminPassword);

    /// <summary>A client that sends an API key and no cookie.</summary>
    public HttpClient WithApiKey(string key)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>
    /// Users with <paramref name="password"/>, one per role, in a new organisation (or, with <paramref name="existing"/>,
    /// in that one); user names are prefixed.
    /// </summary>
    public TestOrganisation CreateOrganisation(string prefix, string password, Organisation? existing = null)
    {
        var org = existing ?? Store.Identity.CreateOrganisation($"{prefix}财政局-{Guid.NewGuid():N}"[..24]);
        var hash = PasswordHasher.Hash(password);
        UserAccount User(Role role) => Store.Identity.CreateUser(org.Id, $"{prefix}-{role.Name()}", $"{prefix} {role.Name()}", role, hash);
        return new TestOrganisation(org, User(Role.Admin), User(Role.Uploader), User(Role.Reviewer));
    }

    /// <summary>The organisation the bootstrap made, which "admin" belongs to.</summary>
    public Organisation DemoOrganisation => Store.Identity.FindOrganisation(AuditEngine.Service.Hosting.Bootstrap.DemoOrganisation)!;

    /// <summary>A new API key of a user; the key itself (only its hash is stored).</summary>
    public string CreateApiKey(UserAccount user)
    {
        var key = PasswordHasher.NewApiKey();
        Store.Identity.CreateApiKey(user.Id, "test", PasswordHasher.HashApiKey(key));
        return key;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        SqliteConnection.ClearAllPools();
        if (_postgres is not null) TestPostgres.DropDatabase(_postgres);
        _data.Dispose();
    }
}

/// <summary>
/// The in-memory server has no client address; a test names one in <see cref="Header"/>, so tests of per-address
/// throttling do not share one address. Test hosts only.
/// </summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}

/// <summary>Keeps every log message the service writes, for tests of what is (and is not) logged.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();
    public IReadOnlyList<string> Lines => _lines.ToList();
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(CapturedLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) log._lines.Enqueue(formatter(state, exception));
        }
    }
}

public sealed record TestOrganisation(Organisation Org, UserAccount Admin, UserAccount Uploader, UserAccount Reviewer);

/// <summary>Calls of the documented API used by several tests.</summary>
public static class Api
{
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, string? name, params (string FileName, byte[] Content)[] files)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (fileName, content) in files)
        {
            var part = new ByteArrayContent(content);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(part, "files", fileName);
        }
        if (name is not null) form.Add(new StringContent(name), "name");
        return await client.PostAsync("/api/batches", form);
    }

    /// <summary>Uploads and expects 202 with a batch; returns the answer.</summary>
    public static async Task<JsonObject> UploadBatchAsync(this HttpClient client, params (string FileName, byte[] Content)[] files)
    {
        var response = await client.UploadAsync(null, files);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"upload: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonNode> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    /// <summary>Polls GET /api/batches/{id} until its status is done; fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonObject> WaitForBatchAsync(this HttpClient client, long batchId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        JsonObject batch;
        while (true)
        {
            batch = (await client.GetJsonAsync($"/api/batches/{batchId}")).AsObject();
            if ((string?)batch["status"] == "done") return batch;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"batch {batchId} not done after {timeout ?? TimeSpan.FromMinutes(3)}: {batch.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public static IEnumerable<JsonObject> Items(this JsonNode list, string property = "items") =>
        list[property]!.AsArray().Select(n => n!.AsObject());
}
