using AuditEngine.TestSupport;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AuditEngine.Reports;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AuditEngine.Service.Tests.Api;

/// <summary>
/// Issue 19, the reviewer's workflow: every export and report carries each finding's triage, the triage history is
/// exported in order with the state before and after, and the HTML report opens in the browser.
/// </summary>
public abstract class TriageExportTests(ServiceHostFixture fixture)
{
    private const string Password = "导出-Passw0rd";
    private const string Reason = "单位已在附注中说明，核对无误";
    private ServiceHost Host => fixture.Host;

    private static long Id(JsonNode node) => (long)node["id"]!;

    /// <summary>A reviewed batch: one finding dismissed with <see cref="Reason"/>, one confirmed after a reopen, the rest open.</summary>
    private sealed record Reviewed(TestOrganisation Org, HttpClient Reviewer, long BatchId, long DocumentId, JsonObject Dismissed, JsonObject Confirmed);

    private async Task<Reviewed> ReviewedBatchAsync(string prefix)
    {
        var org = Host.CreateOrganisation(prefix, Password, Host.DemoOrganisation);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        var seed = ("xushui-2022.txt", File.ReadAllBytes(TestPaths.Seed("xushui-2022.txt")));
        var batch = await uploader.WaitForBatchAsync(Id(await uploader.UploadBatchAsync(seed)));
        var findings = (await reviewer.GetJsonAsync($"/api/findings?batch={Id(batch)}&limit=1000")).Items().ToList();
        // Findings the tests can find again in a report by rule and message alone.
        var unique = findings.GroupBy(f => ((string?)f["ruleId"], (string?)f["message"])).Where(g => g.Count() == 1).Select(g => g.Single()).ToList();
        Assert.True(unique.Count >= 2, $"xushui-2022.txt should give at least two distinct findings, got {findings.Count}");
        var dismissed = unique[0];
        var confirmed = unique[1];

        await Review(reviewer, Id(dismissed), new { action = "dismiss", reason = Reason, comment = "见第3页附注" });
        await Review(reviewer, Id(confirmed), new { action = "confirm" });
        await Review(reviewer, Id(confirmed), new { action = "reopen" });
        await Review(reviewer, Id(confirmed), new { action = "confirm", comment = "复查后确认" });
        return new Reviewed(org, reviewer, Id(batch), (long)dismissed["documentId"]!, dismissed, confirmed);
    }

    private static async Task Review(HttpClient client, long findingId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/findings/{findingId}/review", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"review: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Csv_reports_and_the_findings_export_carry_each_findings_review()
    {
        var r = await ReviewedBatchAsync("csvtriage");
        foreach (var url in new[]
        {
            $"/api/batches/{r.BatchId}/report.csv", $"/api/documents/{r.DocumentId}/report.csv", $"/api/findings/export.csv?batch={r.BatchId}",
        })
        {
            var (header, rows) = Csv.Read(Encoding.UTF8.GetString(await r.Reviewer.GetByteArrayAsync(url)).TrimStart('\uFEFF'));
            Assert.Equal(FindingRows.Keys, header);

            var dismissed = Assert.Single(rows, x => Matches(x, r.Dismissed));
            Assert.Equal(("dismissed", r.Org.Reviewer.UserName, Reason, "见第3页附注"),
                (dismissed["reviewStatus"], dismissed["reviewer"], dismissed["reviewReason"], dismissed["reviewComment"]));
            Assert.True(DateTimeOffset.TryParse(dismissed["reviewedAt"], out var at), url + ": " + dismissed["reviewedAt"]);
            Assert.InRange(at, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));

            var confirmed = Assert.Single(rows, x => Matches(x, r.Confirmed));
            Assert.Equal(("confirmed", r.Org.Reviewer.UserName, "", "复查后确认"),
                (confirmed["reviewStatus"], confirmed["reviewer"], confirmed["reviewReason"], confirmed["reviewComment"]));

            // Untouched findings say open, with nobody, no time and no reason.
            var open = rows.Where(x => !Matches(x, r.Dismissed) && !Matches(x, r.Confirmed)).ToList();
            Assert.NotEmpty(open);
            Assert.All(open, x => Assert.Equal(("open", "", "", ""), (x["reviewStatus"], x["reviewer"], x["reviewedAt"], x["reviewReason"])));
        }
    }

    /// <summary>
    /// Exports asked again are sent from memory while their findings and reviews stand still (CsvExportCache), and after
    /// a change the kept one is brought up to date row by row (FindingsCsvExport.Update): a review, a reopen, a comment,
    /// a bulk decision, a re-audit that replaces a document's rows and a deleted batch must each show in the next export
    /// at once, a filter on status must pick the rows anew and a sort on status order them anew. Each export asked under
    /// its own key (an ignored parameter) is built afresh: the kept one must equal it byte for byte.
    /// </summary>
    [Fact]
    public async Task A_kept_findings_export_follows_every_review_made_after_it()
    {
        var r = await ReviewedBatchAsync("exportkept");
        var fresh = 0;
        async Task<byte[]> Kept(string query)
        {
            var kept = await r.Reviewer.GetByteArrayAsync($"/api/findings/export.csv?{query}");
            var again = await r.Reviewer.GetByteArrayAsync($"/api/findings/export.csv?{query}");
            var built = await r.Reviewer.GetByteArrayAsync($"/api/findings/export.csv?{query}&fresh={++fresh}");
            Assert.Equal(built, kept);
            Assert.Equal(built, again);
            return kept;
        }
        List<IReadOnlyDictionary<string, string>> Rows(byte[] csv) => Csv.Read(Encoding.UTF8.GetString(csv).TrimStart('\uFEFF')).Rows;

        var batch = $"batch={r.BatchId}";
        var byStatus = batch + "&sort=status&order=desc";
        var before = Rows(await Kept(batch));
        var openBefore = Rows(await Kept(batch + "&status=open"));
        await Kept(byStatus);
        Assert.Equal("dismissed", Assert.Single(before, x => Matches(x, r.Dismissed))["reviewStatus"]);

        await Review(r.Reviewer, Id(r.Dismissed), new { action = "reopen" });
        var reopened = Rows(await Kept(batch));
        var row = Assert.Single(reopened, x => Matches(x, r.Dismissed));
        Assert.Equal(("open", ""), (row["reviewStatus"], row["reviewReason"]));
        Assert.Equal(openBefore.Count + 1, Rows(await Kept(batch + "&status=open")).Count);
        await Kept(byStatus);

        await Review(r.Reviewer, Id(r.Dismissed), new { action = "comment", comment = "补充说明" });
        Assert.Equal("补充说明", Assert.Single(Rows(await Kept(batch)), x => Matches(x, r.Dismissed))["reviewComment"]);

        var bulk = await r.Reviewer.PostAsJsonAsync("/api/findings/review-bulk",
            new { filter = new { batch = new[] { r.BatchId } }, action = "dismiss", reason = Reason });
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        var dismissedCsv = await Kept(batch);
        var dismissed = Rows(dismissedCsv);
        Assert.Equal(before.Count, dismissed.Count);
        Assert.All(dismissed, x => Assert.Equal(("dismissed", Reason), (x["reviewStatus"], x["reviewReason"])));
        Assert.Empty(Rows(await Kept(batch + "&status=open")));
        await Kept(byStatus);

        // A re-audit (a reread) of the same file finds the same: the document's rows stay, ids and reviews with them
        // (rows replaced when findings change are AuditStoreContractTests' part), and so does the file. A review made
        // after it shows next, under each filter and sort.
        var ids = (await r.Reviewer.GetJsonAsync($"/api/findings?{batch}&limit=1000")).Items().Select(Id).ToList();
        Assert.Equal(HttpStatusCode.Accepted, (await r.Reviewer.PostAsync($"/api/documents/{r.DocumentId}/reread", null)).StatusCode);
        await r.Reviewer.WaitForBatchAsync(r.BatchId);
        var reaudited = (await r.Reviewer.GetJsonAsync($"/api/findings?{batch}&limit=1000")).Items().ToList();
        Assert.Equal(ids.Order(), reaudited.Select(Id).Order());
        Assert.Equal(dismissedCsv, await Kept(batch));
        Assert.Empty(Rows(await Kept(batch + "&status=open")));
        await Kept(byStatus);
        await Review(r.Reviewer, Id(reaudited[0]), new { action = "reopen" });
        Assert.Single(Rows(await Kept(batch)), x => x["reviewStatus"] == "open");
        Assert.Single(Rows(await Kept(batch + "&status=open")));
        await Kept(byStatus);

        // A deleted batch's rows leave an export of two batches.
        using var uploader = await Host.LoginAsync(r.Org.Uploader.UserName, Password);
        var seed = ("huailai-2025.txt", File.ReadAllBytes(TestPaths.Seed("huailai-2025.txt")));
        var other = Id(await uploader.WaitForBatchAsync(Id(await uploader.UploadBatchAsync(seed))));
        var both = $"batch={r.BatchId},{other}";
        Assert.True(Rows(await Kept(both)).Count > dismissed.Count);
        // Under a sort on status the documents come in the order of their first row: one confirmed finding of the new
        // batch (confirmed sorts before dismissed) puts its document first.
        Assert.Equal(r.Dismissed["fileName"]!.ToString(), Rows(await Kept(both + "&sort=status"))[0]["source"]);
        var otherFinding = (await r.Reviewer.GetJsonAsync($"/api/findings?batch={other}&limit=1")).Items().Single();
        await Review(r.Reviewer, Id(otherFinding), new { action = "confirm" });
        Assert.Equal("huailai-2025.txt", Rows(await Kept(both + "&sort=status"))[0]["source"]);
        using var admin = await Host.LoginAsync(r.Org.Admin.UserName, Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/batches/{other}")).StatusCode);
        Assert.Equal(dismissed.Count, Rows(await Kept(both)).Count);
        Assert.Equal(dismissed.Count, Rows(await Kept(both + "&sort=status")).Count);
    }

    [Fact]
    public async Task The_findings_export_is_each_documents_report_rows_documents_in_the_order_the_filtered_list_first_shows_them()
    {
        var org = Host.CreateOrganisation("exportorder", Password, Host.DemoOrganisation);
        using var uploader = await Host.LoginAsync(org.Uploader.UserName, Password);
        using var reviewer = await Host.LoginAsync(org.Reviewer.UserName, Password);
        var seeds = new[] { "xushui-2022.txt", "huailai-2025.txt", "langfang-guangyang-2025.txt", "xinglong-2024.md" }
            .Select(n => (n, File.ReadAllBytes(TestPaths.Seed(n)))).ToArray();
        var batch = Id(await uploader.WaitForBatchAsync(Id(await uploader.UploadBatchAsync(seeds))));
        var all = (await reviewer.GetJsonAsync($"/api/findings?batch={batch}&limit=1000")).Items().ToList();
        Assert.True(all.Select(f => (long)f["documentId"]!).Distinct().Count() >= 3, "the seeds should give findings in three documents at least");
        // Reviews with text that needs quoting, so the review columns and the quoting are compared too.
        await Review(reviewer, Id(all[0]), new { action = "dismiss", reason = Reason, comment = "逗号, \"引号\"\n第二行" });
        await Review(reviewer, Id(all[^1]), new { action = "confirm", comment = "复查后确认" });

        async Task<List<List<string>>> Export(string query) =>
            Csv.Parse(Encoding.UTF8.GetString(await reviewer.GetByteArrayAsync($"/api/findings/export.csv?{query}")));

        // Every column of every row: the export of a batch is each document's own report, documents in the order their
        // first finding takes in the list (severest first), each document's rows as its report orders them.
        var listed = (await reviewer.GetJsonAsync($"/api/findings?batch={batch}&limit=1000")).Items().Select(f => (long)f["documentId"]!).Distinct();
        var expected = new List<List<string>>();
        foreach (var document in listed)
        {
            var report = Csv.Parse(Encoding.UTF8.GetString(await reviewer.GetByteArrayAsync($"/api/documents/{document}/report.csv")));
            if (expected.Count == 0) expected.Add(report[0]);
            expected.AddRange(report.Skip(1));
        }
        var export = await Export($"batch={batch}");
        Assert.Equal(expected.Count, export.Count);
        for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i], export[i]);

        // Under other sorts and filters: documents in the order the list first shows them, each document's findings
        // severest first, then by category, ties in the list's order.
        var columns = FindingRows.Keys.ToList();
        foreach (var query in new[] { $"batch={batch}&sort=rule&order=desc", $"batch={batch}&sort=file&order=desc&status=open", $"batch={batch}&severity=warning,info" })
        {
            var list = (await reviewer.GetJsonAsync($"/api/findings?{query}&limit=1000")).Items().ToList();
            var order = list.Select(f => (long)f["documentId"]!).Distinct().ToList();
            var want = list
                .Select((f, i) => (f, i))
                .OrderBy(x => order.IndexOf((long)x.f["documentId"]!))
                .ThenByDescending(x => ReportText.TryParseSeverity((string?)x.f["severity"], out var s) ? s : default)
                .ThenBy(x => ReportText.CategoryOrder((string)x.f["category"]!))
                .ThenBy(x => x.i)
                .Select(x => $"{x.f["fileName"]}|{x.f["ruleId"]}|{x.f["message"]}|{x.f["review"]!["status"]}");
            var got = (await Export(query)).Skip(1).Select(r =>
                $"{r[columns.IndexOf("source")]}|{r[columns.IndexOf("ruleId")]}|{r[columns.IndexOf("message")]}|{r[columns.IndexOf("reviewStatus")]}");
            Assert.Equal(want, got);
        }
    }

    [Fact]
    public async Task Xlsx_reports_and_the_findings_export_carry_each_findings_review_read_back_with_openxml()
    {
        var r = await ReviewedBatchAsync("xlsxtriage");
        foreach (var url in new[]
        {
            $"/api/batches/{r.BatchId}/report.xlsx", $"/api/documents/{r.DocumentId}/report.xlsx", $"/api/findings/export.xlsx?batch={r.BatchId}",
        })
        {
            var sheet = ReadSheet(await r.Reviewer.GetByteArrayAsync(url), XlsxReportWriter.FindingsSheet);
            Assert.Equal(FindingRows.ChineseHeaders, sheet[0]);
            var rows = sheet.Skip(1).Select(values => FindingRows.ChineseHeaders.Select((h, i) => (h, v: i < values.Count ? values[i] : ""))
                .ToDictionary(x => x.h, x => x.v)).ToList();
            var dismissed = Assert.Single(rows, x => x["规则编号"] == (string?)r.Dismissed["ruleId"] && x["问题说明"] == (string?)r.Dismissed["message"]);
            Assert.Equal(("已排除", r.Org.Reviewer.UserName, Reason), (dismissed["审核状态"], dismissed["审核人"], dismissed["审核理由"]));
            Assert.NotEqual("", dismissed["审核时间"]);
            var confirmed = Assert.Single(rows, x => x["规则编号"] == (string?)r.Confirmed["ruleId"] && x["问题说明"] == (string?)r.Confirmed["message"]);
            Assert.Equal("已确认", confirmed["审核状态"]);
            Assert.Contains(rows, x => x["审核状态"] == "待审核" && x["审核人"] == "");
        }
    }

    [Fact]
    public async Task Json_and_html_reports_carry_each_findings_review_and_the_html_opens_inline()
    {
        var r = await ReviewedBatchAsync("jsontriage");
        var json = await r.Reviewer.GetJsonAsync($"/api/batches/{r.BatchId}/report.json");
        var findings = json["documents"]!.AsArray().SelectMany(d => d!["findings"]!.AsArray()).Select(f => f!).ToList();
        var dismissed = Assert.Single(findings, f => (string?)f["ruleId"] == (string?)r.Dismissed["ruleId"] && (string?)f["message"] == (string?)r.Dismissed["message"]);
        Assert.Equal(("dismissed", "已排除", r.Org.Reviewer.UserName, Reason),
            ((string?)dismissed["review"]!["status"], (string?)dismissed["review"]!["statusName"], (string?)dismissed["review"]!["reviewer"],
             (string?)dismissed["review"]!["reason"]));
        Assert.NotNull(dismissed["review"]!["at"]);
        Assert.Contains(findings, f => (string?)f["review"]!["status"] == "open" && f["review"]!["reviewer"] is null);
        // The report reads back through the contract with its reviews.
        using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())))
        {
            var back = JsonReport.Read(stream).Documents.SelectMany(d => d.Findings).ToList();
            Assert.Contains(back, f => f.Review.State == AuditEngine.Model.ReviewState.Dismissed && f.Review.Reason == Reason);
        }

        foreach (var url in new[] { $"/api/batches/{r.BatchId}/report.html", $"/api/documents/{r.DocumentId}/report.html" })
        {
            var response = await r.Reviewer.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // Inline: the dashboard opens it in a tab, which an attachment would turn into a download.
            Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.EndsWith(".html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<span class=\"review-state dismissed\">已排除</span>", html);
            Assert.Contains(Reason, html);
            Assert.Contains(r.Org.Reviewer.UserName, html);
            Assert.Contains("<span class=\"review-state open\">待审核</span>", html);

            var download = await r.Reviewer.GetAsync(url + "?download=true");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        }
        // The other formats are files to save, as before.
        var csv = await r.Reviewer.GetAsync($"/api/batches/{r.BatchId}/report.csv");
        Assert.Equal("attachment", csv.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task The_triage_history_lists_every_decision_in_order_with_old_and_new_status_as_csv_and_json()
    {
        var r = await ReviewedBatchAsync("history");
        var user = r.Org.Reviewer.UserName;
        var json = (await r.Reviewer.GetJsonAsync($"/api/findings/history.json?batch={r.BatchId}")).AsArray().Select(e => e!).ToList();
        Assert.Equal(
        [
            (Id(r.Dismissed), "dismiss", "open", "dismissed", Reason),
            (Id(r.Confirmed), "confirm", "open", "confirmed", null),
            (Id(r.Confirmed), "reopen", "confirmed", "open", null),
            (Id(r.Confirmed), "confirm", "open", "confirmed", null),
        ], json.Select(e => ((long)e["findingId"]!, (string)e["action"]!, (string)e["fromStatus"]!, (string)e["toStatus"]!, (string?)e["reason"])));
        Assert.All(json, e =>
        {
            Assert.Equal((user, r.DocumentId, r.BatchId, "xushui-2022.txt"),
                ((string)e["user"]!, (long)e["documentId"]!, (long)e["batchId"]!, (string)e["fileName"]!));
            Assert.False(string.IsNullOrEmpty((string?)e["ruleId"]));
        });
        Assert.Equal(("已排除", "排除"), ((string?)json[0]["toStatusName"], (string?)json[0]["actionName"]));
        var times = json.Select(e => (DateTimeOffset)e["at"]!).ToList();
        Assert.Equal(times.Order(), times);

        var csvResponse = await r.Reviewer.GetAsync($"/api/findings/history.csv?batch={r.BatchId}");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"triage-history-batch-{r.BatchId}.csv", csvResponse.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var (header, rows) = Csv.Read(Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        Assert.Equal(AuditEngine.Service.Api.CsvTriageHistoryWriter.Keys, header);
        Assert.Equal(["dismiss:open>dismissed", "confirm:open>confirmed", "reopen:confirmed>open", "confirm:open>confirmed"],
            rows.Select(x => $"{x["action"]}:{x["fromStatus"]}>{x["toStatus"]}"));
        Assert.Equal((Reason, user, (string?)r.Dismissed["message"]), (rows[0]["reason"], rows[0]["user"], rows[0]["message"]));

        // Another organisation sees none of it; its own history is empty, and this batch is not its to ask for.
        var other = Host.CreateOrganisation("historyB", Password);
        using var outsider = await Host.LoginAsync(other.Reviewer.UserName, Password);
        Assert.Empty((await outsider.GetJsonAsync("/api/findings/history.json")).AsArray());
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/findings/history.csv?batch={r.BatchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await r.Reviewer.GetAsync("/api/findings/history.xlsx")).StatusCode);
    }

    private static bool Matches(IReadOnlyDictionary<string, string> row, JsonObject finding) =>
        row["ruleId"] == (string?)finding["ruleId"] && row["message"] == (string?)finding["message"];

    /// <summary>Every row of a sheet as cell texts by column (shared strings and inline strings both read).</summary>
    private static List<List<string>> ReadSheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == name);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return part.Worksheet.Descendants<Row>().Select(row =>
        {
            var values = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = ColumnIndex(cell.CellReference!.Value!);
                while (values.Count < column) values.Add("");
                values.Add(cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text)]
                    : cell.CellValue?.Text ?? "");
            }
            return values;
        }).ToList();
    }

    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var ch in reference.TakeWhile(char.IsLetter)) index = index * 26 + (ch - 'A' + 1);
        return index - 1;
    }
}
public sealed class SqliteTriageExportTests(SqliteServiceHostFixture fixture)
    : TriageExportTests(fixture), IClassFixture<SqliteServiceHostFixture>;

public sealed class PostgresTriageExportTests(PostgresServiceHostFixture fixture)
    : TriageExportTests(fixture), IClassFixture<PostgresServiceHostFixture>;
