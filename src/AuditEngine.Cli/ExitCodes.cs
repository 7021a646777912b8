namespace AuditEngine.Cli;

public static class ExitCodes
{
    /// <summary>Every document was read and none has an error-severity finding.</summary>
    public const int Clean = 0;
    /// <summary>Some document has an error-severity finding: the audit worked and found problems.</summary>
    public const int Findings = 1;
    /// <summary>Bad usage, an input that could not be read, invalid rules, or a report that could not be written.</summary>
    public const int Failure = 2;
}
