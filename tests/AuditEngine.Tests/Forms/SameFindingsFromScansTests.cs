using AuditEngine.Intake;
using AuditEngine.Intake.Ocr;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.Forms;

/// <summary>
/// A theory that scans and OCRs whole documents: minutes per seed on one core, and known to fail today (see
/// docs/benchmarks.md, “Scans audited”), so it runs only when AUDITENGINE_SCAN_TESTS=1 and is reported as skipped otherwise.
/// </summary>
public sealed class ScanTheoryAttribute : TheoryAttribute
{
    public const string Variable = "AUDITENGINE_SCAN_TESTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public ScanTheoryAttribute()
    {
        if (!Enabled) Skip = $"whole-document scan audits are slow and do not match yet; set {Variable}=1 to run them";
    }
}

/// <summary>
/// Every seed printed, scanned at 300 dpi (skewed, noisy, blurred, JPEG, a fold shadow: the generator's defaults) and
/// read back through OCR must give the audit the same findings as the seed's text: same rules, same severities, same
/// messages with the same figures. One kind of finding is left out of the comparison: the info-level note that a page
/// was deskewed (a scan has it and a text cannot), and only when it says nothing but that.
/// </summary>
public sealed class SameFindingsFromScansTests : IClassFixture<SameFindingsFromScansTests.Scans>
{
    public sealed class Scans : IDisposable
    {
        public string Root { get; } = RepositoryPaths.Root;
        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "auditengine-scans-" + Guid.NewGuid().ToString("N")[..8]);
        public RuleSet Rules { get; }

        public Scans()
        {
            Rules = RuleSet.Load(Path.Combine(Root, "rules"));
            if (!ScanTheoryAttribute.Enabled || !Tesseract.IsAvailable) return;
            SampleGenerator.Run(new GeneratorOptions
            {
                OutputDirectory = Directory,
                Seeds = [Path.Combine(Root, "samples", "seeds")],
                Forms = OutputForms.Scan,
                Dpis = [300],
            });
        }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }
    }

    private readonly Scans scans;

    public SameFindingsFromScansTests(Scans scans) => this.scans = scans;

    public static TheoryData<string> Seeds() =>
        new("huailai-2025.txt", "jiaozuo-2025.ocr.md", "langfang-guangyang-2025.txt", "xinglong-2024.md", "xushui-2022.txt");

    [ScanTheory]
    [MemberData(nameof(Seeds))]
    public void Audit_of_a_300_dpi_scan_matches_the_audit_of_the_text(string seed)
    {
        Assert.True(Tesseract.IsAvailable, Tesseract.UnavailableReason);
        var expected = Audit(Path.Combine(scans.Root, "samples", "seeds", seed));
        var scan = Path.Combine(scans.Directory, Path.GetFileNameWithoutExtension(seed) + ".scan300.pdf");
        Assert.True(File.Exists(scan), $"the generator did not write {scan}");
        var actual = Audit(scan).Where(f => !IsDeskewNote(f)).ToList();

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{seed} scanned: {missing.Count} findings lost, {extra.Count} gained\n- " + string.Join("\n- ", missing) + "\n+ " + string.Join("\n+ ", extra));
    }

    /// <summary>Findings as “rule | severity | message”, the same view as <see cref="SameFindingsAcrossFormsTests"/>.</summary>
    private List<string> Audit(string path)
    {
        var doc = Recognizer.Recognise(DocumentReader.Read(path));
        return scans.Rules.Run(doc).Select(f => $"{f.RuleId} | {f.Severity} | {f.Message}").Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsDeskewNote(string finding) =>
        finding.Contains($"| {Severity.Info} |", StringComparison.Ordinal) && finding.Contains("扫描件倾斜", StringComparison.Ordinal) && finding.Contains("已自动校正", StringComparison.Ordinal);
}
