using AuditEngine.Intake;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Reports.Pdf;
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
        var (result, layout) = pipeline.AuditOne(Source, Sample);
        Result = result;
        // What the service keeps of the layout for annotation: page sizes and how far each scan was straightened.
        Pages = layout!.Pages.ToDictionary(p => p.Number, p => new PageGeometry(p.Width, p.Height, p.SkewDegrees));
    }

    public DocumentResult Result { get; }
    public IReadOnlyDictionary<int, PageGeometry> Pages { get; }
    public string RuleSetVersion { get; }
    public byte[] Source => File.ReadAllBytes(RepositoryPaths.Generated(Sample));

    public void Dispose()
    {
        if (Directory.Exists(crops)) Directory.Delete(crops, recursive: true);
    }
}
