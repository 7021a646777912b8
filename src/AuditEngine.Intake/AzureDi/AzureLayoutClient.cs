using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AuditEngine.Intake.Providers;

namespace AuditEngine.Intake.AzureDi;

/// <summary>
/// A small client of the Document Intelligence analyze API (prebuilt-layout, api-version 2024-11-30): POST the file,
/// take the 202's Operation-Location, poll it until the status is final. 429 and 5xx answers (and dropped
/// connections) are retried with backoff, honouring Retry-After; the whole analysis has one total timeout.
/// Our own client because the Azure SDK is not in our package registry; the contract is tested against a fake server.
/// </summary>
public sealed class AzureLayoutClient(HttpClient http, AzureLayoutSettings settings)
{
    /// <summary>The header the service reads the resource key from.</summary>
    public const string KeyHeader = "Ocp-Apim-Subscription-Key";

    public AzureLayoutSettings Settings { get; } = settings;

    /// <summary>The analyze URL for this endpoint; <paramref name="pages"/> like "1-2,4" limits the pages analysed.</summary>
    public Uri AnalyzeUri(string? pages = null)
    {
        var baseUrl = Settings.Endpoint.ToString().TrimEnd('/');
        var url = $"{baseUrl}/documentintelligence/documentModels/{AzureLayoutSettings.ModelId}:analyze?api-version={AzureLayoutSettings.ApiVersion}";
        if (pages is not null && !pages.All(c => char.IsAsciiDigit(c) || c is ',' or '-'))
            throw new ArgumentException("pages: page numbers and ranges only, as 1-2,4", nameof(pages));
        return new Uri(pages is null ? url : url + "&pages=" + pages);
    }

    /// <summary>Analyses one file; throws <see cref="AzureLayoutException"/> on every failure.</summary>
    public async Task<AnalyzeResult> AnalyzeAsync(byte[] content, string contentType, string? pages = null, CancellationToken cancellationToken = default)
    {
        using var total = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        total.CancelAfter(Settings.Timeout);
        try
        {
            var operation = await StartAsync(content, contentType, pages, total.Token).ConfigureAwait(false);
            return await PollAsync(operation, total.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (total.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AzureLayoutException(AzureFailure.Timeout,
                $"Azure 文档智能在 {Settings.Timeout.TotalSeconds:0} 秒内未完成分析（超时） / analysis did not finish within {Settings.Timeout.TotalSeconds:0} s (timeout)", e);
        }
    }

    private async Task<Uri> StartAsync(byte[] content, string contentType, string? pages, CancellationToken ct)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, AnalyzeUri(pages)) { Content = new ByteArrayContent(content) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            return request;
        }, "提交 submit", ct).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                $"Azure 文档智能提交后应答 HTTP {(int)response.StatusCode}，而不是 202 / the analyze request answered {(int)response.StatusCode}, not 202");
        var location = response.Headers.TryGetValues("Operation-Location", out var values) ? values.FirstOrDefault() : null;
        if (location is null || !Uri.TryCreate(location, UriKind.Absolute, out var operation))
            throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                "Azure 文档智能的 202 应答缺少有效的 Operation-Location / the 202 answer has no valid Operation-Location header");
        // The key goes with every poll: only ever to the host it was configured for.
        if (!string.Equals(operation.Host, Settings.Endpoint.Host, StringComparison.OrdinalIgnoreCase) || operation.Port != Settings.Endpoint.Port)
            throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                $"Operation-Location 指向另一台主机 {operation.Host}，为保护密钥不予访问 / Operation-Location points to another host; not followed");
        return operation;
    }

    private async Task<AnalyzeResult> PollAsync(Uri operation, CancellationToken ct)
    {
        while (true)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, operation), "查询结果 poll", ct).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
                throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                    $"Azure 文档智能查询结果应答 HTTP {(int)response.StatusCode} / polling answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            AnalyzeOperation? state;
            try { state = JsonSerializer.Deserialize<AnalyzeOperation>(body, AzureJson.Options); }
            catch (JsonException e)
            {
                throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                    $"Azure 文档智能返回的结果不是有效的 JSON（{Redact(FirstLine(e.Message))}） / the answer is not valid JSON", e);
            }
            switch (state?.State)
            {
                case AnalyzeStatus.NotStarted or AnalyzeStatus.Running:
                    await Task.Delay(Wait(response, Settings.PollInterval), ct).ConfigureAwait(false);
                    continue;
                case AnalyzeStatus.Succeeded when state.AnalyzeResult is { Pages: not null } result:
                    return result;
                case AnalyzeStatus.Succeeded:
                    throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                        "Azure 文档智能报告成功，但结果缺少 analyzeResult.pages / succeeded without analyzeResult.pages");
                case AnalyzeStatus.Failed or AnalyzeStatus.Canceled:
                    throw new AzureLayoutException(AzureFailure.AnalysisFailed,
                        $"Azure 文档智能分析失败（{Describe(state.Error)}） / analysis {state.Status}: {Describe(state.Error)}");
                default:
                    throw new AzureLayoutException(AzureFailure.MalformedAnswer,
                        $"Azure 文档智能返回了未知状态 “{Redact(state?.Status ?? "(无)")}” / unknown operation status");
            }
        }
    }

    /// <summary>
    /// Sends a request (made afresh per attempt: a request message cannot be sent twice), retrying 429, 5xx and
    /// connection failures. 401/403 and other 4xx are final: retrying a wrong key or a refused file cannot help.
    /// </summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> create, string step, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = create();
            request.Headers.Add(KeyHeader, Settings.Key);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                if (attempt < Settings.MaxRetries)
                {
                    await Task.Delay(Backoff(attempt), ct).ConfigureAwait(false);
                    continue;
                }
                // HttpRequestException messages name the host and the socket error, never headers.
                throw new AzureLayoutException(AzureFailure.ServerError,
                    $"无法连接 Azure 文档智能（{step}，已重试 {attempt} 次：{Redact(e.Message)}） / cannot reach the service after {attempt} retries", e);
            }

            var status = (int)response.StatusCode;
            if (status is 401 or 403)
            {
                var detail = await ErrorDetail(response, ct).ConfigureAwait(false);
                response.Dispose();
                throw new AzureLayoutException(AzureFailure.Unauthorized,
                    $"Azure 文档智能拒绝访问（HTTP {status}，请检查密钥与终结点 {OcrSettings.KeyVariable}/{OcrSettings.EndpointVariable}；{detail}） / access denied (HTTP {status}): check the key and endpoint");
            }
            if (status == 429 || status >= 500)
            {
                if (attempt < Settings.MaxRetries)
                {
                    var wait = Wait(response, Backoff(attempt));
                    response.Dispose();
                    await Task.Delay(wait, ct).ConfigureAwait(false);
                    continue;
                }
                var detail = await ErrorDetail(response, ct).ConfigureAwait(false);
                response.Dispose();
                throw status == 429
                    ? new AzureLayoutException(AzureFailure.Throttled,
                        $"Azure 文档智能持续限流（HTTP 429，{step}，已重试 {attempt} 次；{detail}） / throttled (HTTP 429) after {attempt} retries")
                    : new AzureLayoutException(AzureFailure.ServerError,
                        $"Azure 文档智能服务出错（HTTP {status}，{step}，已重试 {attempt} 次；{detail}） / server error (HTTP {status}) after {attempt} retries");
            }
            if (status >= 400)
            {
                var detail = await ErrorDetail(response, ct).ConfigureAwait(false);
                response.Dispose();
                throw new AzureLayoutException(AzureFailure.Rejected,
                    $"Azure 文档智能拒绝了该文件（HTTP {status}，{detail}） / the service refused the file (HTTP {status})");
            }
            return response;
        }
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(Settings.MaxRetryDelay.Ticks, Settings.RetryDelay.Ticks * (1L << Math.Min(attempt, 16))));

    /// <summary>
    /// How long the server asks us to wait: retry-after-ms (Azure's own, finer), else Retry-After in seconds or as a
    /// date; else <paramref name="fallback"/>. Capped, so a server asking for an hour meets the total timeout instead.
    /// </summary>
    private TimeSpan Wait(HttpResponseMessage response, TimeSpan fallback)
    {
        TimeSpan? asked = null;
        foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            if (asked is null && response.Headers.TryGetValues(name, out var ms) && double.TryParse(ms.FirstOrDefault(), out var millis) && millis >= 0)
                asked = TimeSpan.FromMilliseconds(millis);
        if (asked is null && response.Headers.RetryAfter is { } retryAfter)
            asked = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        var wait = asked ?? fallback;
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        return wait > Settings.MaxRetryDelay ? Settings.MaxRetryDelay : wait;
    }

    /// <summary>The service's error code and message, shortened and with the key taken out should the server echo it.</summary>
    private async Task<string> ErrorDetail(HttpResponseMessage response, CancellationToken ct)
    {
        string body;
        try { body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false); }
        catch (HttpRequestException) { return "无应答内容 no body"; }
        try
        {
            if (JsonSerializer.Deserialize<AzureErrorBody>(body, AzureJson.Options)?.Error is { } error) return Describe(error);
        }
        catch (JsonException) { }
        return body.Length == 0 ? "无应答内容 no body" : Redact(Shorten(body));
    }

    private string Describe(AzureError? error) =>
        error is null ? "无错误说明 no error detail" : Redact(Shorten($"{error.Code}: {error.Message}"));

    /// <summary>Whatever a server sends back may quote the request; the key is never passed on.</summary>
    internal string Redact(string text) =>
        Settings.Key.Length == 0 ? text : text.Replace(Settings.Key, "***", StringComparison.Ordinal);

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length <= 200 ? text : text[..200] + "…";
    }

    private static string FirstLine(string text) => Shorten(text.Split('\n')[0]);
}
