using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Rules;

namespace AuditEngine.Tests.PdfOutput;

/// <summary>The scanned seed sample audited once (OCR is slow), with evidence crops, shared by the PDF tests.</summary>
public sealed class ScanAudit : IDisposable
{
    public const string Sample = "xinglong-2024.scan300.pdf";
    private readonly string crops = Path.Combine(Path.GetTempPath(), "auditengine-pdf-crops-" + Guid.NewGuid().ToString("N")[..8]);

    public ScanAudit()
    {
        var rules = RuleSet.Load(RepositoryPaths.Rules);
        RuleSetVersion = rules.Version;
        var pipeline = new AuditPipeline(rules) { Crops = new EvidenceCrops(crops) };
        Result = Assert.Single(pipeline.Run([RepositoryPaths.Generated(Sample)]));
    }

    public DocumentResult Result { get; }
    public string RuleSetVersion { get; }
    public byte[] Source => File.ReadAllBytes(RepositoryPaths.Generated(Sample));

    public void Dispose()
    {
        if (Directory.Exists(crops)) Directory.Delete(crops, recursive: true);
    }
}
