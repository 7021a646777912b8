using AuditEngine.Intake;
using AuditEngine.Intake.Ocr;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.Forms;

/// <summary>
/// A theory for the seeds whose scans do not audit to the same findings yet (see docs/benchmarks.md, “Scans audited”):
/// it runs only when AUDITENGINE_SCAN_TESTS=1 and is reported as skipped otherwise.
/// </summary>
public sealed class ScanTheoryAttribute : TheoryAttribute
{
    public const string Variable = "AUDITENGINE_SCAN_TESTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    public ScanTheoryAttribute()
    {
        if (!Enabled) Skip = $"this seed's scan does not audit to the same findings yet; set {Variable}=1 to run it";
    }
}

/// <summary>
/// Every seed printed, scanned at 300 dpi (skewed, noisy, blurred, JPEG, a fold shadow: the generator's defaults) and
/// read back through OCR must give the audit the same findings as the seed's text: the same rules at the same
/// severities, with the same figures in their messages. The wording of a message may differ by two characters at most:
/// a message quotes table titles, which are OCR'd narrative (“冀财社” read as “碍财社”). One kind of finding is left out:
/// the info note that a page was deskewed (a scan has it and a text cannot). One class per seed, so that xunit reads the
/// scans in parallel.
/// </summary>
public sealed class LangfangScanAuditTests
{
    [Fact]
    public void Audit_of_the_300_dpi_scan_matches_the_audit_of_the_text() => ScanAudit.AssertSameFindings("langfang-guangyang-2025.txt");
}

/// <inheritdoc cref="LangfangScanAuditTests"/>
public sealed class HuailaiScanAuditTests
{
    [Fact]
    public void Audit_of_the_300_dpi_scan_matches_the_audit_of_the_text() => ScanAudit.AssertSameFindings("huailai-2025.txt");
}

/// <inheritdoc cref="LangfangScanAuditTests"/>
public sealed class XinglongScanAuditTests
{
    [Fact]
    public void Audit_of_the_300_dpi_scan_matches_the_audit_of_the_text() => ScanAudit.AssertSameFindings("xinglong-2024.md");
}

/// <inheritdoc cref="LangfangScanAuditTests"/>
public sealed class XushuiScanAuditTests
{
    [Fact]
    public void Audit_of_the_300_dpi_scan_matches_the_audit_of_the_text() => ScanAudit.AssertSameFindings("xushui-2022.txt");
}

public sealed class SameFindingsFromScansTests
{
    /// <summary>
    /// jiaozuo-2025.ocr: the seed is itself the OCR text of a scan, with garbled codes and half-read headers that a
    /// second print-and-scan cannot reproduce.
    /// </summary>
    public static TheoryData<string> NotYetMatching() => new("jiaozuo-2025.ocr.md");

    [ScanTheory]
    [MemberData(nameof(NotYetMatching))]
    public void Audit_of_a_300_dpi_scan_matches_the_audit_of_the_text_not_yet(string seed) => ScanAudit.AssertSameFindings(seed);

    [Fact]
    public void Findings_that_differ_in_a_figure_are_not_the_same()
    {
        const string text = "UT-TOTAL-ROW | Error | 《2025年部门收入预算表》合计 132465.29 万元，相差 92.68 万元。";
        Assert.True(ScanAudit.Same(text, text.Replace("2025年部门收入", "2025年部门收人")));
        Assert.False(ScanAudit.Same(text, text.Replace("92.68", "92.66")));
        Assert.False(ScanAudit.Same(text, text.Replace("| Error |", "| Warning |")));
        Assert.False(ScanAudit.Same(text, text.Replace("部门收入预算表", "部门支出预算总表")));
    }
}

internal static partial class ScanAudit
{
    private static readonly Lazy<RuleSet> Rules = new(() => RuleSet.Load(Path.Combine(RepositoryPaths.Root, "rules")));

    public static void AssertSameFindings(string seed)
    {
        Assert.True(Tesseract.IsAvailable, Tesseract.UnavailableReason);
        var directory = Path.Combine(Path.GetTempPath(), "auditengine-scan-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            SampleGenerator.Run(new GeneratorOptions
            {
                OutputDirectory = directory,
                Seeds = [Path.Combine(RepositoryPaths.Root, "samples", "seeds", seed)],
                Forms = OutputForms.Scan,
                Dpis = [300],
            });
            var scan = Path.Combine(directory, Path.GetFileNameWithoutExtension(seed) + ".scan300.pdf");
            Assert.True(File.Exists(scan), $"the generator did not write {scan}");
            var expected = Audit(Path.Combine(RepositoryPaths.Root, "samples", "seeds", seed));
            var actual = Audit(scan).Where(f => !IsDeskewNote(f)).ToList();

            var missing = new List<string>();
            foreach (var finding in expected)
            {
                var match = actual.FindIndex(a => Same(finding, a));
                if (match < 0) missing.Add(finding);
                else actual.RemoveAt(match);
            }
            Assert.True(missing.Count == 0 && actual.Count == 0,
                $"{seed} scanned: {missing.Count} findings lost, {actual.Count} gained\n- " + string.Join("\n- ", missing) + "\n+ " + string.Join("\n+ ", actual));
        }
        finally
        {
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>Findings as “rule | severity | message”, the same view as <see cref="SameFindingsAcrossFormsTests"/>.</summary>
    private static List<string> Audit(string path)
    {
        var doc = Recognizer.Recognise(DocumentReader.Read(path));
        return Rules.Value.Run(doc).Select(f => $"{f.RuleId} | {f.Severity} | {f.Message}").Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Same rule, severity and figures; the wording at most two characters apart.</summary>
    public static bool Same(string expected, string actual)
    {
        var (a, b) = (expected.Split(" | ", 3), actual.Split(" | ", 3));
        return a[0] == b[0] && a[1] == b[1]
               && Figures().Matches(a[2]).Select(m => m.Value).SequenceEqual(Figures().Matches(b[2]).Select(m => m.Value))
               && ChineseText.EditDistance(a[2], b[2]) <= 2;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial System.Text.RegularExpressions.Regex Figures();

    private static bool IsDeskewNote(string finding) =>
        finding.Contains($"| {Severity.Info} |", StringComparison.Ordinal) && finding.Contains("扫描件倾斜", StringComparison.Ordinal) && finding.Contains("已自动校正", StringComparison.Ordinal);
}
