using System.Text.Json.Nodes;
using AuditEngine.AzureFake;
using AuditEngine.Intake;
using AuditEngine.Intake.AzureDi;
using AuditEngine.Intake.Providers;
using AuditEngine.Model;

namespace AuditEngine.Tests.AzureDi;

/// <summary>
/// The Azure Document Intelligence client against a fake server replaying the public example answer (an invoice
/// page with three tables): what is sent (URL, api-version, key header, content type, polling), how the answer maps
/// onto the Layout, and one clear per-file error for each failure a real service gives.
/// </summary>
public sealed class AzureLayoutContractTests(FakeServerFixture server) : IClassFixture<FakeServerFixture>
{
    private FakeDocumentIntelligence Fake => server.Fake;

    private Layout Read(byte[] png, string name, TimeSpan? timeout = null)
    {
        using var provider = server.Provider(timeout);
        return DocumentReader.Read(png, name, provider);
    }

    private IntakeException ReadFails(FakeScenario scenario, string name, TimeSpan? timeout = null)
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, scenario);
        return Assert.Throws<IntakeException>(() => Read(png, name, timeout));
    }

    [Fact]
    public void The_invoice_example_maps_to_three_tables_with_cells_pages_boxes_and_kinds()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.Succeed);

        var layout = Read(png, "invoice.png");

        var tables = layout.Tables.ToList();
        Assert.Equal([(2, 6), (4, 8), (5, 2)], tables.Select(t => (t.RowCount, t.ColumnCount)).Order().ToList());
        Assert.Equal(32 + 12 + 10, tables.Sum(t => t.Cells.Count));
        var items = tables.Single(t => t.ColumnCount == 8);
        var date = items.Cells.Single(c => c.Row == 0 && c.Column == 0);
        Assert.Equal("DATE", date.Text);
        Assert.Equal(CellKind.ColumnHeader, date.Kind);
        Assert.Equal(1, date.Page);
        // Polygon [0.4932, 5.329, 1.3011, 5.3213, 1.3011, 5.6056, 0.5009, 5.6056] inches → its bounding box in points.
        var box = Assert.NotNull(date.Box);
        Assert.Equal(0.4932 * 72, box.X, 2);
        Assert.Equal(5.3213 * 72, box.Y, 2);
        Assert.Equal((1.3011 - 0.4932) * 72, box.Width, 2);
        var a123 = items.Cells.Single(c => c.Row == 1 && c.Column == 1);
        Assert.Equal("A123", a123.Text);
        Assert.Equal(CellKind.Content, a123.Kind);
        // A selection mark is part of the cell's spans but is no text of it.
        Assert.Equal("2", items.Cells.Single(c => c.Row == 1 && c.Column == 3).Text);

        // Page in points (8.5 × 11 in), read by OCR.
        var page = Assert.Single(layout.Pages);
        Assert.Equal((612.0, 792.0, true), (page.Width, page.Height, page.Scanned));
        // The uploaded image is the page image that evidence crops are cut from.
        Assert.Equal(png, page.Image);
        // Text outside tables becomes paragraphs (the example has no paragraphs array: its lines); table text does not.
        var paragraphs = layout.Paragraphs.Select(p => p.Text).ToList();
        Assert.Contains("CONTOSO LTD.", paragraphs);
        Assert.DoesNotContain("SALESPERSON", paragraphs);
        Assert.DoesNotContain("A123", paragraphs);
        // Reading order: the heading comes before the first table.
        Assert.True(layout.Blocks.FindIndex(b => b is Paragraph { Text: "CONTOSO LTD." }) < layout.Blocks.FindIndex(b => b is LayoutTable));
    }

    [Fact]
    public void The_request_follows_the_rest_contract_and_polls_until_succeeded()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.Succeed);
        var before = Fake.Requests.Count;

        Read(png, "contract.png");

        var requests = Fake.Requests.Skip(before).ToList();
        var post = Assert.Single(requests, r => r.Method == "POST");
        Assert.Equal("/documentintelligence/documentModels/prebuilt-layout:analyze", post.Path);
        Assert.Contains("api-version=2024-11-30", post.Query);
        Assert.Equal("image/png", post.ContentType);
        Assert.Equal(png.Length, post.BodyLength);
        Assert.All(requests, r => Assert.True(r.KeyMatched, $"{r.Method} {r.Path} without the key"));
        // The fake answers “running” first: the client must poll again rather than take it for the result.
        var polls = requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal(2, polls.Count);
        Assert.All(polls, p => Assert.StartsWith("/documentintelligence/documentModels/prebuilt-layout/analyzeResults/", p.Path));
    }

    [Fact]
    public void Cell_confidence_is_its_weakest_word_and_paragraph_confidence_the_length_weighted_mean()
    {
        var layout = new Layout { Source = "x" };
        layout.Blocks.Add(new Paragraph { Text = "部门 收支 总表" });
        var table = new LayoutTable();
        table.Cells.Add(new LayoutCell { Row = 0, Column = 0, Text = "合计" });
        table.Cells.Add(new LayoutCell { Row = 0, Column = 1, Text = "1,234.56 万元" });
        table.Cells.Add(new LayoutCell { Row = 1, Column = 0, Text = "" });
        table.Cells.Add(new LayoutCell { Row = 1, Column = 1, Text = "7.00" });
        layout.Blocks.Add(table);
        var answer = AzureAnswers.FromLayout(layout, confidence: 0.95);
        var words = answer["analyzeResult"]!["pages"]![0]!["words"]!.AsArray();
        words.Single(w => (string?)w!["content"] == "1,234.56")!["confidence"] = 0.42;
        words.Single(w => (string?)w!["content"] == "收支")!["confidence"] = 0.5;
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.Succeed, answer);

        var read = Read(png, "confidence.png");

        var cells = read.Tables.Single().Cells;
        Assert.Equal(0.42, cells.Single(c => c.Text == "1,234.56 万元").Confidence, 3);
        Assert.Equal(0.95, cells.Single(c => c.Text == "7.00").Confidence, 3);
        Assert.Equal(1.0, cells.Single(c => c.Text == "").Confidence, 3);
        // 部门 (2 × 0.95) + 收支 (2 × 0.5) + 总表 (2 × 0.95), over 6 characters.
        Assert.Equal((2 * 0.95 + 2 * 0.5 + 2 * 0.95) / 6, read.Paragraphs.Single().Confidence, 3);
    }

    [Fact]
    public void A_rejected_key_gives_a_clear_error_that_never_quotes_the_key()
    {
        var e = ReadFails(FakeScenario.Unauthorized, "scan-401.png");

        Assert.StartsWith("scan-401.png: ", e.Message);
        Assert.Contains("HTTP 401", e.Message);
        Assert.Contains("密钥", e.Message);
        // The fake's 401 body quotes the key it was sent; the message passes the server's words on, redacted.
        Assert.Contains("invalid subscription key '***'", e.Message);
        Assert.DoesNotContain(FakeServerFixture.Key, e.ToString());
        Assert.Equal(AzureFailure.Unauthorized, Assert.IsType<AzureLayoutException>(e.InnerException).Failure);
    }

    [Fact]
    public void Throttling_is_retried_after_the_servers_wait_and_then_succeeds()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.ThrottledThenSucceed);
        var before = Fake.Requests.Count;

        var layout = Read(png, "scan-429.png");

        Assert.Equal(3, layout.Tables.Count());
        var requests = Fake.Requests.Skip(before).ToList();
        // 429 then 202 on the analyze request; 429, running, succeeded on the polls.
        Assert.Equal(2, requests.Count(r => r.Method == "POST"));
        Assert.Equal(3, requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public void The_servers_retry_after_is_honoured_rather_than_the_clients_own_wait()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.ThrottledThenSucceed);
        // The client's own waits are an hour: only by taking the server's Retry-After (0 s here) can the read
        // finish before the total timeout; ignoring it would end in a timeout error instead.
        var settings = server.Settings(timeout: TimeSpan.FromSeconds(30)) with
        {
            RetryDelay = TimeSpan.FromHours(1),
            PollInterval = TimeSpan.FromHours(1),
            MaxRetryDelay = TimeSpan.FromHours(1),
        };
        using var provider = new AzureLayoutProvider(settings);

        var layout = DocumentReader.Read(png, "retry-after.png", provider);

        Assert.Equal(3, layout.Tables.Count());
    }

    [Fact]
    public void A_server_error_is_retried_with_backoff_then_reported()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.ServerError);
        var before = Fake.Requests.Count;

        var e = Assert.Throws<IntakeException>(() => Read(png, "scan-500.png"));

        Assert.StartsWith("scan-500.png: ", e.Message);
        Assert.Contains("HTTP 500", e.Message);
        Assert.Contains("已重试 3 次", e.Message);
        Assert.Equal(1 + server.Settings().MaxRetries, Fake.Requests.Skip(before).Count(r => r.Method == "POST"));
        Assert.Equal(AzureFailure.ServerError, Assert.IsType<AzureLayoutException>(e.InnerException).Failure);
    }

    [Fact]
    public void A_result_that_never_comes_ends_at_the_total_timeout()
    {
        var e = ReadFails(FakeScenario.Hang, "scan-hang.png", timeout: TimeSpan.FromSeconds(2));

        Assert.StartsWith("scan-hang.png: ", e.Message);
        Assert.Contains("超时", e.Message);
        Assert.Contains("timeout", e.Message);
        Assert.Equal(AzureFailure.Timeout, Assert.IsType<AzureLayoutException>(e.InnerException).Failure);
    }

    [Fact]
    public void Malformed_json_gives_a_clear_error()
    {
        var e = ReadFails(FakeScenario.MalformedJson, "scan-malformed.png");

        Assert.StartsWith("scan-malformed.png: ", e.Message);
        Assert.Contains("不是有效的 JSON", e.Message);
        Assert.Equal(AzureFailure.MalformedAnswer, Assert.IsType<AzureLayoutException>(e.InnerException).Failure);
    }

    [Fact]
    public void A_result_without_tables_gives_a_clear_error()
    {
        var e = ReadFails(FakeScenario.NoTables, "scan-no-tables.png");

        Assert.StartsWith("scan-no-tables.png: ", e.Message);
        Assert.Contains("未在文件中识别出任何表格", e.Message);
        Assert.Equal(AzureFailure.NoTables, Assert.IsType<AzureLayoutException>(e.InnerException).Failure);
    }

    [Fact]
    public void A_wrong_key_is_refused_by_the_server_and_not_echoed()
    {
        var png = FakeServerFixture.UniquePng();
        Fake.Register(png, FakeScenario.Succeed);
        const string wrong = "0000wrong-key-that-must-not-leak0000";
        using var provider = new AzureLayoutProvider(server.Settings() with { Key = wrong });

        var e = Assert.Throws<IntakeException>(() => DocumentReader.Read(png, "wrong-key.png", provider));

        Assert.Contains("HTTP 401", e.Message);
        Assert.DoesNotContain(wrong, e.ToString());
    }

    [Fact]
    public void Scanned_pdf_pages_are_sent_by_number_and_filled_in_page_order()
    {
        var pdf = File.ReadAllBytes(RepositoryPaths.Generated("xinglong-2024.scan300.pdf"));
        var budget = AzureAnswers.FromLayout(DocumentReader.Read(RepositoryPaths.Seed("xinglong-2024.md")));
        Fake.Register(pdf, FakeScenario.Succeed, budget);
        var before = Fake.Requests.Count;

        using var provider = server.Provider();
        var layout = DocumentReader.Read(pdf, "xinglong-2024.scan300.pdf", provider);

        var post = Assert.Single(Fake.Requests.Skip(before), r => r.Method == "POST");
        Assert.Equal("application/pdf", post.ContentType);
        Assert.Contains("pages=1,2", post.Query);
        // Only the PDF's two scanned pages are taken from the answer, in page order.
        Assert.Equal([1, 2], layout.Pages.Select(p => p.Number));
        Assert.All(layout.Blocks, b => Assert.InRange(b.Page, 1, 2));
        Assert.True(layout.Tables.Any());
        Assert.Equal(layout.Blocks.Select(b => b.Page).Order(), layout.Blocks.Select(b => b.Page));
        // Each scanned page keeps an image for evidence crops, as with local OCR.
        Assert.All(layout.Pages, p => Assert.True(p.Image is { Length: > 1000 } jpeg && jpeg[0] == 0xFF && jpeg[1] == 0xD8, $"page {p.Number} has no image"));
    }
}
