namespace AuditEngine.AzureFake;

/// <summary>How the fake answers one file: the service's good path and the failures a client must survive.</summary>
public enum FakeScenario
{
    /// <summary>202, one poll “running” (with Retry-After), then “succeeded” with the answer.</summary>
    Succeed,
    /// <summary>401 on the analyze request, whose error message quotes the key sent (a client must not pass it on).</summary>
    Unauthorized,
    /// <summary>429 with Retry-After on the first analyze request and on the first poll, then as <see cref="Succeed"/>.</summary>
    ThrottledThenSucceed,
    /// <summary>500 on every analyze request.</summary>
    ServerError,
    /// <summary>202, then polls are never answered: only the client's total timeout ends the wait.</summary>
    Hang,
    /// <summary>202, then a 200 poll whose body is cut-off JSON.</summary>
    MalformedJson,
    /// <summary>As <see cref="Succeed"/>, with every table taken out of the answer.</summary>
    NoTables,
}
