using AuditEngine.Pipeline;
using AuditEngine.Reports;
using AuditEngine.Rules;

namespace AuditEngine.Tests.Forms;

/// <summary>A finding on a scanned page carries a crop of the page around its cell, and the HTML report shows it.</summary>
public sealed class EvidenceCropTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "auditengine-crops-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Findings_on_a_scan_carry_png_crops_that_the_html_report_embeds()
    {
        var pipeline = new AuditPipeline(RuleSet.Load(RepositoryPaths.Rules)) { Crops = new EvidenceCrops(dir) };
        var result = Assert.Single(pipeline.Run([RepositoryPaths.Generated("xinglong-2024.scan300.pdf")]));
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, result.Status);

        var cropped = result.Findings.SelectMany(f => f.Evidence).Where(e => e.Crop is not null).ToList();
        Assert.NotEmpty(cropped);
        foreach (var e in cropped)
        {
            Assert.StartsWith(dir, e.Crop);
            var png = File.ReadAllBytes(e.Crop!);
            Assert.True(png.Length > 100 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', e.Crop);
            Assert.NotNull(e.Box);
        }

        using var html = new MemoryStream();
        ReportWriters.For(ReportFormat.Html).Write([result], html);
        Assert.Contains("data:image/png;base64,", System.Text.Encoding.UTF8.GetString(html.ToArray()));
    }
}
