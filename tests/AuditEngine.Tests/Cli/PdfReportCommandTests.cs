using AuditEngine.Cli;
using AuditEngine.Tests.PdfOutput;

namespace AuditEngine.Tests.Cli;

/// <summary>`auditengine audit … --out report.pdf`: the extension picks the PDF report, with the rule-set version on its cover.</summary>
public sealed class PdfReportCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "auditengine-pdfcli-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void Audit_writes_the_pdf_report_its_out_path_names()
    {
        var output = Path.Combine(dir, "report.pdf");
        var json = Path.Combine(dir, "report.json");
        var error = new StringWriter();
        var code = CliApp.Run(["audit", RepositoryPaths.Seed("xushui-2022.txt"), "--out", output, "--out", json, "--rules", RepositoryPaths.Rules, "--quiet"],
            new CliConsole(new StringWriter(), error, () => new MemoryStream()));
        Assert.True(code is ExitCodes.Clean or ExitCodes.Findings, error.ToString());

        var pdf = File.ReadAllBytes(output);
        using var jsonFile = File.OpenRead(json);
        var report = AuditEngine.Reports.JsonReport.Read(jsonFile);
        var cover = Poppler.Compact(Poppler.Text(pdf, page: 1));
        Assert.Contains(report.RuleSetVersion!, cover);
        var text = Poppler.Compact(Poppler.Text(pdf));
        var findings = report.Documents.Single().Findings;
        Assert.NotEmpty(findings);
        foreach (var f in findings) Assert.Contains(f.RuleId, text);
        // A CLI report has no reviews: every finding is open.
        Assert.Equal(findings.Count, System.Text.RegularExpressions.Regex.Matches(text, "审核状态：待审核").Count);
    }
}
