namespace AuditEngine.Intake;

/// <summary>A file could not be read at all. The message names the file and the problem, in Chinese.</summary>
public sealed class IntakeException(string source, string problem, Exception? inner = null)
    : Exception($"{source}: {problem}", inner)
{
    /// <summary>The file that could not be read (Exception.Source names the throwing assembly, so not that).</summary>
    public string FileName { get; } = source;
    public string Problem { get; } = problem;
}
