using System.Globalization;

namespace AuditEngine.SampleGen;

/// <summary>Parses the generator's command line into <see cref="GeneratorOptions"/>.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage: AuditEngine.SampleGen --out DIR [--seeds PATH[,PATH…]] [--forms docx,pdf,scan] [--dpi 200,300]
                                     [--seed 1] [--pages N] [--max-angle 1.5] [--noise 6] [--jpeg 75|0]
                                     [--no-blur] [--no-fold] [--white-clip 235]
          --seeds   seed files or directories (default samples/seeds)
          --pages   scan only the first N pages
          --noise   largest per-page noise σ in grey levels (0 = none)
          --jpeg    JPEG quality of the scan round trip (0 = lossless pages)
          --white-clip  grey level from which the scanner turns background white (smaller files)
        or:    AuditEngine.SampleGen scan IN.pdf OUT.pdf [--dpi 300] [--seed 1]
          renders any PDF and passes its pages through the same simulated scanner (a scanned copy of a real document)
        """;

    /// <exception cref="ArgumentException">unknown option, missing value or bad number</exception>
    public static GeneratorOptions Parse(IReadOnlyList<string> args)
    {
        string? output = null;
        var options = new GeneratorOptions { OutputDirectory = "" };
        var scan = new ScanSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--out": output = Value(); break;
                case "--seeds": options = options with { Seeds = List(Value()) }; break;
                case "--forms": options = options with { Forms = Forms(Value()) }; break;
                case "--dpi": options = options with { Dpis = List(Value()).Select(d => Positive(name, d)).ToList() }; break;
                case "--seed": options = options with { Seed = Integer(name, Value()) }; break;
                case "--pages": options = options with { MaxPages = Positive(name, Value()) }; break;
                case "--max-angle": scan = scan with { MaxAngleDegrees = Number(name, Value()) }; break;
                case "--noise": scan = scan with { MaxNoiseSigma = Number(name, Value()) }; break;
                case "--jpeg":
                    var quality = Integer(name, Value());
                    if (quality is < 0 or > 100) throw new ArgumentException("--jpeg takes a quality 1–100, or 0 for none");
                    scan = scan with { JpegQuality = quality == 0 ? null : quality };
                    break;
                case "--white-clip":
                    var level = Integer(name, Value());
                    if (level is < 1 or > 255) throw new ArgumentException("--white-clip takes a grey level 1–255");
                    scan = scan with { WhiteClip = level };
                    break;
                case "--no-blur": scan = scan with { Blur = false }; break;
                case "--no-fold": scan = scan with { FoldShadow = false }; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }
        if (string.IsNullOrWhiteSpace(output)) throw new ArgumentException("--out is required");
        return options with { OutputDirectory = output, Scan = scan };
    }

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static OutputForms Forms(string value)
    {
        var forms = OutputForms.None;
        foreach (var f in List(value))
            forms |= f.ToLowerInvariant() switch
            {
                "docx" => OutputForms.Docx,
                "pdf" => OutputForms.Pdf,
                "scan" => OutputForms.Scan,
                _ => throw new ArgumentException($"unknown form {f} (docx, pdf, scan)"),
            };
        return forms == OutputForms.None ? throw new ArgumentException("--forms names no form") : forms;
    }

    private static int Integer(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"{name}: {value} is not a whole number");

    private static int Positive(string name, string value) =>
        Integer(name, value) is var n and > 0 ? n : throw new ArgumentException($"{name}: {value} must be positive");

    private static double Number(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new ArgumentException($"{name}: {value} is not a non-negative number");
}
