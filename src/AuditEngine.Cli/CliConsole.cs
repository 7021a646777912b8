namespace AuditEngine.Cli;

/// <summary>The streams the CLI talks to; tests pass in-memory ones.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenStandardOutput)
{
    public static CliConsole System => new(Console.Out, Console.Error, Console.OpenStandardOutput);
}
