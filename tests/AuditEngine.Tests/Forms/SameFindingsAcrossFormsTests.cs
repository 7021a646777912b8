using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;
using AuditEngine.SampleGen;

namespace AuditEngine.Tests.Forms;

/// <summary>
/// Renders every seed disclosure into the forms bureaus upload (a Word file, and the PDF LibreOffice prints from it)
/// and checks the audit finds exactly what it finds in the seed's text: same rules, same severities, same messages
/// with the same figures. Recognition must not depend on how a table reached it.
/// </summary>
public sealed class SameFindingsAcrossFormsTests : IClassFixture<SameFindingsAcrossFormsTests.GeneratedForms>
{
    public sealed class GeneratedForms : IDisposable
    {
        public string Root { get; } = RepositoryPaths.Root;
        public string Directory { get; } = Path.Combine(Path.GetTempPath(), "auditengine-forms-" + Guid.NewGuid().ToString("N")[..8]);
        public RuleSet Rules { get; }

        public GeneratedForms()
        {
            Rules = RuleSet.Load(Path.Combine(Root, "rules"));
            SampleGenerator.Run(new GeneratorOptions
            {
                OutputDirectory = Directory,
                Seeds = [Path.Combine(Root, "samples", "seeds")],
                Forms = OutputForms.Docx | OutputForms.Pdf,
            });
        }

        public void Dispose()
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        }
    }

    private readonly GeneratedForms forms;

    public SameFindingsAcrossFormsTests(GeneratedForms forms) => this.forms = forms;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var seed in new[] { "huailai-2025.txt", "jiaozuo-2025.ocr.md", "langfang-guangyang-2025.txt", "xinglong-2024.md", "xushui-2022.txt" })
            foreach (var form in new[] { ".docx", ".pdf" })
                data.Add(seed, form);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Audit_of_a_generated_form_matches_the_audit_of_the_text(string seed, string form)
    {
        var expected = Audit(Path.Combine(forms.Root, "samples", "seeds", seed));
        var generated = Path.Combine(forms.Directory, Path.GetFileNameWithoutExtension(seed) + form);
        Assert.True(File.Exists(generated), $"the generator did not write {generated}");
        var actual = Audit(generated);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{seed} as {form}: {missing.Count} findings lost, {extra.Count} gained\n- " + string.Join("\n- ", missing) + "\n+ " + string.Join("\n+ ", extra));
        // Equal and empty proves nothing: every seed but the clean langfang has real defects to find.
        if (!seed.StartsWith("langfang", StringComparison.Ordinal))
            Assert.Contains(expected, f => !f.StartsWith("EX-", StringComparison.Ordinal));
    }

    /// <summary>Findings as “rule | severity | message”: what a reviewer reads, without where it was read.</summary>
    private List<string> Audit(string path)
    {
        var doc = Recognizer.Recognise(DocumentReader.Read(path));
        return forms.Rules.Run(doc).Select(f => $"{f.RuleId} | {f.Severity} | {f.Message}").Order(StringComparer.Ordinal).ToList();
    }
}
