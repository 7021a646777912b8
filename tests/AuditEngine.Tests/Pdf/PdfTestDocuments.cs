using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AuditEngine.Tests.Pdf;

/// <summary>
/// Test PDFs made once per test class from HTML with LibreOffice (soffice --headless --convert-to pdf): a titled
/// 6 × 4 ruled table with merged header cells, and a 部门预算支出总表 that runs onto a second page under a repeated
/// header, with a running 单位 header and "- N -" page numbers in the page furniture.
/// </summary>
public sealed class PdfTestDocuments : IDisposable
{
    public const int SplitTableRows = 40;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "auditengine-pdftest-" + Guid.NewGuid().ToString("N"));
    private readonly Lazy<byte[]> _budget;
    private readonly Lazy<byte[]> _encrypted;
    private readonly Lazy<byte[]> _unruled;

    public PdfTestDocuments()
    {
        Directory.CreateDirectory(_directory);
        _budget = new Lazy<byte[]>(() => Convert(BudgetHtml(), "budget", encrypt: false));
        _encrypted = new Lazy<byte[]>(() => Convert(BudgetHtml(), "secret", encrypt: true));
        _unruled = new Lazy<byte[]>(() => Convert(UnruledHtml, "unruled", encrypt: false));
    }

    public byte[] Budget => _budget.Value;
    public byte[] Encrypted => _encrypted.Value;
    /// <summary>A borderless table of figures under a title, read by column alignment.</summary>
    public byte[] Unruled => _unruled.Value;

    private const string UnruledHtml = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"></head><body style="font-family: 'Noto Sans CJK SC'; font-size: 10.5pt">
        <p>财政拨款“三公”经费支出表</p>
        <table border="0" cellspacing="0" cellpadding="2" width="600">
        <tr><td width="240">项目</td><td width="120">2025年</td><td width="120">2024年</td><td width="120">增减</td></tr>
        <tr><td>因公出国（境）费</td><td>12.00</td><td>15.50</td><td>-3.50</td></tr>
        <tr><td>公务接待费</td><td>8.20</td><td>9.00</td><td>-0.80</td></tr>
        <tr><td>公务用车购置及运行维护费</td><td>30.45</td><td>28.00</td><td>2.45</td></tr>
        <tr><td>合计</td><td>50.65</td><td>52.50</td><td>-1.85</td></tr>
        </table>
        <p>三公经费比上年减少，主要原因是压减出国任务。</p>
        </body></html>
        """;

    public static (string Code, string Name, decimal Basic, decimal Project) SplitRow(int i) =>
        ((2010101 + i).ToString(CultureInfo.InvariantCulture), $"行政运行{i}", 1000m + i * 7.31m, 600m + i * 3.11m);

    public static string Amount(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    private static string BudgetHtml()
    {
        var html = new StringBuilder("""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><style>
            body { font-family: "Noto Sans CJK SC"; font-size: 10.5pt; }
            td { border: 1px solid #000; }
            </style></head><body>
            <div title="header"><p>单位：万元</p></div>
            <div title="footer"><p align="center">- <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> -</p></div>
            <p>部门预算收支总表</p>
            <p>单位：万元</p>
            <table border="1" cellspacing="0" cellpadding="3" width="600">
            <tr><td rowspan="2" width="220">项目</td><td colspan="2">本年预算</td><td rowspan="2" width="160">备注</td></tr>
            <tr><td width="110">金额</td><td width="110">比上年</td></tr>
            <tr><td>一般公共预算拨款收入</td><td>4230.21</td><td>12.50</td><td>财政拨款</td></tr>
            <tr><td>事业收入</td><td>318.00</td><td>-3.20</td><td>无</td></tr>
            <tr><td>其他收入</td><td>0.00</td><td>0.00</td><td></td></tr>
            <tr><td>收入总计</td><td>4548.21</td><td>9.30</td><td>合计</td></tr>
            </table>
            <p>说明：以上数据为预算数。</p>
            <p>部门预算支出总表</p>
            <p>单位：万元</p>
            <table border="1" cellspacing="0" cellpadding="3" width="600">
            <thead><tr><td width="100">科目编码</td><td width="170">科目名称</td><td width="110">合计</td><td width="110">基本支出</td><td width="110">项目支出</td></tr></thead>
            <tbody>
            """);
        for (var i = 0; i < SplitTableRows; i++)
        {
            var (code, name, basic, project) = SplitRow(i);
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{code}</td><td>{name}</td><td>{Amount(basic + project)}</td><td>{Amount(basic)}</td><td>{Amount(project)}</td></tr>\n");
        }
        html.Append("</tbody></table><p>注：本表数据为测试数据。</p></body></html>");
        return html.ToString();
    }

    private byte[] Convert(string html, string stem, bool encrypt)
    {
        var source = Path.Combine(_directory, stem + ".html");
        File.WriteAllText(source, html, new UTF8Encoding(false));
        var filter = encrypt
            ? "pdf:writer_pdf_Export:{\"EncryptFile\":{\"type\":\"boolean\",\"value\":\"true\"},\"DocumentOpenPassword\":{\"type\":\"string\",\"value\":\"secret\"}}"
            : "pdf";
        var start = new ProcessStartInfo("soffice") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // A private profile: LibreOffice refuses to run twice on one profile, and other test runs may be converting.
        foreach (var a in new[] { "-env:UserInstallation=file://" + Path.Combine(_directory, "profile-" + stem), "--headless", "--infilter=HTML (StarWriter)", "--convert-to", filter, "--outdir", _directory, source })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2))) { process.Kill(true); throw new TimeoutException("soffice did not finish"); }
        var pdf = Path.Combine(_directory, stem + ".pdf");
        if (!File.Exists(pdf)) throw new InvalidOperationException("soffice produced no PDF for " + stem);
        return File.ReadAllBytes(pdf);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
