namespace AuditEngine.Intake.AzureDi;

/// <summary>Why an analysis through Azure Document Intelligence gave no layout.</summary>
public enum AzureFailure
{
    /// <summary>401/403: wrong key, or a key for another resource.</summary>
    Unauthorized,
    /// <summary>429 on every attempt.</summary>
    Throttled,
    /// <summary>5xx on every attempt, or the connection failing.</summary>
    ServerError,
    /// <summary>Another 4xx: the service refused the file (too large, unsupported, corrupt).</summary>
    Rejected,
    /// <summary>The total timeout passed before the result was ready.</summary>
    Timeout,
    /// <summary>The answer is not the JSON the API documents.</summary>
    MalformedAnswer,
    /// <summary>The operation ended with status failed or canceled.</summary>
    AnalysisFailed,
    /// <summary>The result holds no table: nothing a budget audit could use.</summary>
    NoTables,
}

/// <summary>
/// An analysis failed. The message says what happened in Chinese, then English; it never carries the key (the client
/// redacts it from anything the server echoes).
/// </summary>
public sealed class AzureLayoutException(AzureFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public AzureFailure Failure { get; } = failure;
}
