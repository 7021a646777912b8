using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using AuditEngine.Intake.AzureDi;
using AuditEngine.Intake.Providers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditEngine.AzureFake;

/// <summary>One request as the fake saw it, for tests to check what the client sent.</summary>
public sealed record SeenRequest(string Method, string Path, string Query, bool KeyMatched, string? ContentType, int BodyLength);

/// <summary>
/// A fake of the Document Intelligence analyze API on 127.0.0.1 (Kestrel, a free port unless one is given):
/// POST {endpoint}/documentintelligence/documentModels/prebuilt-layout:analyze?api-version=2024-11-30 answers 202
/// with Operation-Location; GET on it answers the operation state. What each uploaded file gets is chosen by its
/// content (SHA-256): <see cref="Register"/>; anything else gets <see cref="DefaultScenario"/> and <see cref="DefaultAnswer"/>.
/// </summary>
public sealed class FakeDocumentIntelligence : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, (FakeScenario Scenario, JsonNode? Answer)> byContent = new();
    private readonly ConcurrentDictionary<string, Operation> operations = new();
    private readonly ConcurrentDictionary<string, int> analyzeCalls = new();
    private readonly ConcurrentQueue<SeenRequest> seen = new();

    private sealed class Operation(FakeScenario scenario, JsonNode answer)
    {
        public FakeScenario Scenario { get; } = scenario;
        public JsonNode Answer { get; } = answer;
        public int Polls;
    }

    private FakeDocumentIntelligence(WebApplication app, string key, JsonNode answer)
    {
        this.app = app;
        Key = key;
        DefaultAnswer = answer;
    }

    /// <summary>The key the fake accepts in Ocp-Apim-Subscription-Key; any other gets 401, as the service does.</summary>
    public string Key { get; }

    /// <summary>The full operation body (<c>{"status": "succeeded", "analyzeResult": …}</c>) for files not registered.</summary>
    public JsonNode DefaultAnswer { get; set; }

    public FakeScenario DefaultScenario { get; set; } = FakeScenario.Succeed;

    /// <summary>Seconds sent in Retry-After with “running” and 429 answers (0 keeps tests quick; the service sends 1–2).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<SeenRequest> Requests => seen.ToList();

    public static async Task<FakeDocumentIntelligence> StartAsync(string key, JsonNode answer, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var fake = new FakeDocumentIntelligence(app, key, answer);
        app.MapPost("/documentintelligence/documentModels/{model}", fake.AnalyzeAsync);
        app.MapGet("/documentintelligence/documentModels/{model}/analyzeResults/{id}", fake.PollAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1").TrimEnd('/') + "/");
        return fake;
    }

    /// <summary>What a file with exactly these bytes gets.</summary>
    public void Register(byte[] content, FakeScenario scenario, JsonNode? answer = null) =>
        byContent[Hash(content)] = (scenario, answer);

    /// <summary>A client configured for this fake.</summary>
    public AzureLayoutSettings Settings() => new(Endpoint, Key);

    private async Task<IResult> AnalyzeAsync(HttpContext context, string model)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var keyMatched = context.Request.Headers[AzureLayoutClient.KeyHeader] == Key;
        seen.Enqueue(new SeenRequest("POST", context.Request.Path, context.Request.QueryString.Value ?? "", keyMatched,
            context.Request.ContentType, (int)body.Length));

        if (model != "prebuilt-layout:analyze")
            return Error(404, "ModelNotFound", $"The requested model '{model}' was not found.");
        if (context.Request.Query["api-version"] != AzureLayoutSettings.ApiVersion)
            return Error(404, "404", "Resource not found (unsupported api-version).");
        var hash = Hash(body.ToArray());
        var (scenario, answer) = byContent.TryGetValue(hash, out var registered) ? registered : (DefaultScenario, null);
        if (!keyMatched || scenario == FakeScenario.Unauthorized)
        {
            // Echoes the key it was given: proof that the client never passes a server's words on unredacted.
            var sent = context.Request.Headers[AzureLayoutClient.KeyHeader].ToString();
            return Error(401, "401", $"Access denied due to invalid subscription key '{sent}' or wrong API endpoint.");
        }
        if (body.Length == 0) return Error(400, "InvalidRequest", "Invalid request: empty body.");

        var calls = analyzeCalls.AddOrUpdate(hash, 1, (_, n) => n + 1);
        if (scenario == FakeScenario.ServerError) return Error(500, "InternalServerError", "An unexpected error occurred.");
        if (scenario == FakeScenario.ThrottledThenSucceed && calls == 1)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            return Error(429, "429", "Requests to the Analyze Document operation have exceeded the call rate limit. Please retry after 1 second.");
        }

        var id = Guid.NewGuid().ToString();
        var chosen = answer ?? DefaultAnswer;
        if (scenario == FakeScenario.NoTables) chosen = AzureAnswers.WithoutTables(chosen);
        operations[id] = new Operation(scenario, chosen);
        context.Response.Headers["Operation-Location"] =
            $"{Endpoint.ToString().TrimEnd('/')}/documentintelligence/documentModels/prebuilt-layout/analyzeResults/{id}?api-version={AzureLayoutSettings.ApiVersion}";
        return Results.StatusCode(202);
    }

    private async Task<IResult> PollAsync(HttpContext context, string model, string id)
    {
        var keyMatched = context.Request.Headers[AzureLayoutClient.KeyHeader] == Key;
        seen.Enqueue(new SeenRequest("GET", context.Request.Path, context.Request.QueryString.Value ?? "", keyMatched, null, 0));
        if (!keyMatched) return Error(401, "401", "Access denied due to invalid subscription key or wrong API endpoint.");
        if (!operations.TryGetValue(id, out var operation)) return Error(404, "NotFound", "Resource not found.");
        var polls = Interlocked.Increment(ref operation.Polls);
        switch (operation.Scenario)
        {
            case FakeScenario.Hang:
                // Never answers; the client's timeout cancels the request and Kestrel ends this handler.
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.StatusCode(500);
            case FakeScenario.MalformedJson:
                return Results.Text("{\"status\": \"succeeded\", \"analyzeResult\": {\"apiVersion\": \"2024-11-30\", \"pages\": [{\"pageNumber\": 1, \"words\": [",
                    "application/json", statusCode: 200);
            case FakeScenario.ThrottledThenSucceed when polls == 1:
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
                return Error(429, "429", "Requests to the Get Analyze Result operation have exceeded the call rate limit.");
        }
        // The first poll finds the analysis still running, as it usually is.
        if (polls == 1 || operation.Scenario == FakeScenario.ThrottledThenSucceed && polls == 2)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
            return Results.Text(new JsonObject { ["status"] = "running", ["createdDateTime"] = DateTimeOffset.UtcNow.ToString("O") }.ToJsonString(), "application/json");
        }
        return Results.Text(operation.Answer.ToJsonString(), "application/json", statusCode: 200);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }.ToJsonString(), "application/json", statusCode: status);

    private static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
