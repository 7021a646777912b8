namespace AuditEngine.Intake;

/// <summary>A file could not be read at all. The message names the file and the problem, in Chinese.</summary>
public sealed class IntakeException(string source, string problem, Exception? inner = null)
    : Exception($"{source}: {problem}", inner)
{
    public string Source { get; } = source;
    public string Problem { get; } = problem;
}
