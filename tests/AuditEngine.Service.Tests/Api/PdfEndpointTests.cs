using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// Issue 19 items 2 and 3 through the API: report.pdf per document and per batch (the cover names the organisation and
/// the batch; a dismissal's reviewer and reason are in it), annotated.pdf per document and per finding, and the
/// refusals: a non-PDF upload cannot be annotated, an unknown finding is 404.
/// </summary>
public abstract class PdfEndpointTests(ServiceHostFixture fixture)
{
    private const string Password = "测试-Passw0rd";
    private const string BatchName = "PDF 接口测试批次";
    private const string Reason = "接口测试：四舍五入差异";
    private ServiceHost Host => fixture.Host;

    private static long Id(JsonNode node) => (long)node["id"]!;

    [Fact]
    public async Task Pdf_reports_and_annotated_pdfs_are_served_with_organisation_batch_and_reviews()
    {
        var org = Host.CreateOrganisation("pdfapi", Password, Host.DemoOrganisation);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        using var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        var scan = File.ReadAllBytes(TestPaths.Generated("xinglong-2024.scan300.pdf"));
        var upload = await uploader.UploadAsync(BatchName, ("xinglong-2024.scan300.pdf", scan),
            ("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt"))));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var batchId = Id(JsonNode.Parse(await upload.Content.ReadAsStringAsync())!);
        var batch = await uploader.WaitForBatchAsync(batchId, TimeSpan.FromMinutes(5));
        var documents = batch.Items("documents").ToDictionary(d => (string)d["fileName"]!, Id);
        var scanId = documents["xinglong-2024.scan300.pdf"];

        var findings = (await reviewer.GetJsonAsync($"/api/findings?document={scanId}&limit=1000")).Items().ToList();
        var located = findings.First(f => f["evidence"]!.AsArray().Any(e => e!["box"] is not null));
        var response = await reviewer.PostAsJsonAsync($"/api/findings/{Id(located)}/review", new { action = "dismiss", reason = Reason });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The document's report: the organisation on the cover, every rule and the dismissal with reviewer and reason.
        var report = await GetPdfAsync(reviewer, $"/api/documents/{scanId}/report.pdf");
        var cover = Compact(PdfText(report, 1));
        Assert.Contains(org.Org.Name, cover);
        Assert.Contains(Compact(BatchName), cover);
        var text = Compact(PdfText(report));
        foreach (var f in findings) Assert.Contains((string)f["ruleId"]!, text);
        Assert.Contains("审核状态：已排除", text);
        Assert.Contains("审核人：" + org.Reviewer.UserName, text);
        Assert.Contains("理由：" + Compact(Reason), text);

        // The batch's report covers both documents.
        var batchText = Compact(PdfText(await GetPdfAsync(reviewer, $"/api/batches/{batchId}/report.pdf")));
        Assert.Contains("xinglong-2024.scan300.pdf", batchText);
        Assert.Contains("xushui-2022.txt", batchText);

        // The annotated scan keeps its pages and notes the dismissed finding; one finding alone when asked.
        var annotated = await GetPdfAsync(reviewer, $"/api/documents/{scanId}/annotated.pdf");
        Assert.Equal(PdfPages(scan), PdfPages(annotated));
        var annotatedText = Compact(PdfText(annotated));
        Assert.Contains((string)located["ruleId"]!, annotatedText);
        Assert.Contains("已排除", annotatedText);
        var one = Compact(PdfText(await GetPdfAsync(reviewer, $"/api/documents/{scanId}/annotated.pdf?finding={Id(located)}")));
        Assert.Contains((string)located["ruleId"]!, one);
        var others = findings.Select(f => (string)f["ruleId"]!).Where(r => r != (string)located["ruleId"]!).ToList();
        Assert.NotEmpty(others);
        foreach (var other in others) Assert.DoesNotContain(other, one);
        Assert.DoesNotContain("待审核", one);

        // Refusals: an unknown finding; a text upload (annotation applies to PDFs); another organisation's document.
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/api/documents/{scanId}/annotated.pdf?finding=99999999")).StatusCode);
        var text400 = await reviewer.GetAsync($"/api/documents/{documents["xushui-2022.txt"]}/annotated.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, text400.StatusCode);
        Assert.Contains("PDF", await text400.Content.ReadAsStringAsync());
        var elsewhere = Host.CreateOrganisation("pdfelsewhere", Password);
        using var stranger = await Host.LoginAsync(elsewhere.Reviewer.UserName, Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/documents/{scanId}/annotated.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/documents/{scanId}/report.pdf")).StatusCode);
    }

    private static async Task<byte[]> GetPdfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(body, 0, 5));
        return body;
    }

    private static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static int PdfPages(byte[] pdf)
    {
        var info = Poppler("pdfinfo", pdf);
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static string PdfText(byte[] pdf, int? page = null) => page is { } p
        ? Poppler("pdftotext", pdf, "-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture), "-enc", "UTF-8")
        : Poppler("pdftotext", pdf, "-enc", "UTF-8");

    /// <summary>Runs a poppler tool on the PDF (written to a temporary file); pdftotext writes to stdout.</summary>
    private static string Poppler(string tool, byte[] pdf, params string[] args)
    {
        var path = Path.Combine(Path.GetTempPath(), "auditengine-api-pdf-" + Guid.NewGuid().ToString("N")[..8] + ".pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args) start.ArgumentList.Add(a);
            start.ArgumentList.Add(path);
            if (tool == "pdftotext") start.ArgumentList.Add("-");
            using var process = System.Diagnostics.Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{tool}: {error.Result}");
            return output;
        }
        finally { File.Delete(path); }
    }
}

public sealed class SqlitePdfEndpointTests(SqliteServiceHostFixture fixture) : PdfEndpointTests(fixture), IClassFixture<SqliteServiceHostFixture>;
public sealed class PostgresPdfEndpointTests(PostgresServiceHostFixture fixture) : PdfEndpointTests(fixture), IClassFixture<PostgresServiceHostFixture>;
