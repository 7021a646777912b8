namespace AuditEngine.Intake.Providers;

/// <summary>Which engine reads page images.</summary>
public enum OcrProvider
{
    /// <summary>Local Tesseract (the default; nothing leaves the machine).</summary>
    Local,
    /// <summary>Azure AI Document Intelligence, model prebuilt-layout, over REST.</summary>
    Azure,
}

/// <summary>Which pages of a PDF go to Azure.</summary>
public enum AzurePdfScope
{
    /// <summary>Only pages without a text layer (scans); digital pages are read locally, exactly and for free.</summary>
    ScannedPages,
    /// <summary>The whole PDF, digital pages included (when the local reading of a digital PDF is not trusted).</summary>
    AllPages,
}

/// <summary>
/// Where and how to reach Azure Document Intelligence. The key is a secret: <see cref="ToString"/> leaves it out,
/// so logging the settings (or an exception quoting them) never shows it.
/// </summary>
public sealed record AzureLayoutSettings(Uri Endpoint, string Key)
{
    public const string ApiVersion = "2024-11-30";
    public const string ModelId = "prebuilt-layout";

    /// <summary>The whole analysis of one file, upload, polls and retries included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries of a 429 or 5xx answer (or a dropped connection) before the file is given up.</summary>
    public int MaxRetries { get; init; } = 4;

    /// <summary>First wait before a retry when the server gives no Retry-After; doubled on every further retry.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Wait between polls when the server gives no Retry-After.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait honoured from a Retry-After header; the total timeout still applies.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    public AzurePdfScope PdfScope { get; init; } = AzurePdfScope.ScannedPages;

    // The key is left out on purpose: records print every property by default.
    public override string ToString() =>
        $"AzureLayoutSettings {{ Endpoint = {Endpoint}, Key = ***, Timeout = {Timeout}, MaxRetries = {MaxRetries}, PdfScope = {PdfScope} }}";
}

/// <summary>The OCR settings of a run: the provider and, for Azure, how to reach it.</summary>
public sealed record OcrSettings(OcrProvider Provider, AzureLayoutSettings? Azure = null)
{
    public const string ProviderVariable = "AUDITENGINE_OCR";
    public const string EndpointVariable = "AUDITENGINE_AZURE_DI_ENDPOINT";
    public const string KeyVariable = "AUDITENGINE_AZURE_DI_KEY";
    public const string KeyFileVariable = "AUDITENGINE_AZURE_DI_KEY_FILE";
    public const string TimeoutVariable = "AUDITENGINE_AZURE_DI_TIMEOUT_SECONDS";
    public const string PdfScopeVariable = "AUDITENGINE_AZURE_DI_PDF";

    public static readonly OcrSettings Local = new(OcrProvider.Local);

    /// <summary>
    /// Reads the settings from environment variables; <paramref name="provider"/> (the CLI's --ocr) wins over
    /// AUDITENGINE_OCR. Throws <see cref="OcrSettingsException"/> with a message naming the missing or bad setting
    /// (never its value: it may be the key).
    /// </summary>
    public static OcrSettings FromEnvironment(string? provider = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var kind = ParseProvider(provider ?? environment(ProviderVariable));
        if (kind == OcrProvider.Local) return Local;

        var endpointText = environment(EndpointVariable);
        if (string.IsNullOrWhiteSpace(endpointText))
            throw new OcrSettingsException($"使用 Azure 文档智能需要设置 {EndpointVariable}（例如 https://名称.cognitiveservices.azure.com） / Azure OCR needs {EndpointVariable}");
        if (!Uri.TryCreate(endpointText.Trim(), UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
            throw new OcrSettingsException($"{EndpointVariable} 不是有效的 http(s) 地址 / is not an http(s) URL");

        var key = environment(KeyVariable);
        if (string.IsNullOrWhiteSpace(key) && environment(KeyFileVariable) is { Length: > 0 } keyFile)
        {
            // A secret file (Docker/Kubernetes secrets) keeps the key out of the process environment.
            try { key = File.ReadAllText(keyFile); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OcrSettingsException($"无法读取 {KeyFileVariable} 指定的密钥文件 {keyFile} / cannot read the key file: {e.GetType().Name}");
            }
        }
        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
            throw new OcrSettingsException($"使用 Azure 文档智能需要密钥：设置 {KeyVariable} 或 {KeyFileVariable} / Azure OCR needs a key: set {KeyVariable} or {KeyFileVariable}");

        var settings = new AzureLayoutSettings(endpoint, key);
        if (environment(TimeoutVariable) is { Length: > 0 } timeoutText)
        {
            if (!int.TryParse(timeoutText, out var seconds) || seconds < 1)
                throw new OcrSettingsException($"{TimeoutVariable} 需要正整数秒 / needs a positive number of seconds");
            settings = settings with { Timeout = TimeSpan.FromSeconds(seconds) };
        }
        if (environment(PdfScopeVariable) is { Length: > 0 } scope)
        {
            settings = settings with
            {
                PdfScope = scope.Trim().ToLowerInvariant() switch
                {
                    "scanned" => AzurePdfScope.ScannedPages,
                    "all" => AzurePdfScope.AllPages,
                    _ => throw new OcrSettingsException($"{PdfScopeVariable} 只能是 scanned 或 all / must be scanned or all"),
                },
            };
        }
        return new OcrSettings(OcrProvider.Azure, settings);
    }

    public static OcrProvider ParseProvider(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "local" or "tesseract" => OcrProvider.Local,
        "azure" => OcrProvider.Azure,
        _ => throw new OcrSettingsException($"未知的 OCR 引擎 unknown OCR provider: {text}（可用 local|azure）"),
    };

    /// <summary>The provider these settings describe.</summary>
    public ILayoutProvider CreateProvider() => Provider == OcrProvider.Local
        ? LocalOcrProvider.Instance
        : new AzureDi.AzureLayoutProvider(Azure!);
}

/// <summary>The OCR settings are missing or wrong; the message names the setting, never a secret value.</summary>
public sealed class OcrSettingsException(string message) : Exception(message);
