namespace AuditEngine.SampleGen;

[Flags]
public enum OutputForms
{
    None = 0,
    Docx = 1,
    Pdf = 2,
    Scan = 4,
}

/// <summary>What one generator run produces; filled from the command line or directly by tests and benchmarks.</summary>
public sealed record GeneratorOptions
{
    public required string OutputDirectory { get; init; }
    /// <summary>Seed files to render; directories are expanded to the files they hold.</summary>
    public IReadOnlyList<string> Seeds { get; init; } = ["samples/seeds"];
    public OutputForms Forms { get; init; } = OutputForms.Docx | OutputForms.Pdf | OutputForms.Scan;
    public IReadOnlyList<int> Dpis { get; init; } = [200, 300];
    public int Seed { get; init; } = 1;
    /// <summary>Scan only the first N pages (keeps committed samples and benchmark runs small); null scans all.</summary>
    public int? MaxPages { get; init; }
    public ScanSettings Scan { get; init; } = new();

    /// <summary>Seed files in a stable order, whatever order the file system lists them in.</summary>
    public IEnumerable<string> SeedFiles() => Seeds
        .SelectMany(s => Directory.Exists(s) ? Directory.GetFiles(s).Order(StringComparer.Ordinal) : (IEnumerable<string>)[s])
        .Where(f => !Path.GetFileName(f).StartsWith('.'));
}
