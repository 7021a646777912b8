using AuditEngine.AzureFake;
using AuditEngine.Cli;
using AuditEngine.Intake;
using AuditEngine.Intake.AzureDi;
using AuditEngine.Intake.Providers;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Recognition;
using AuditEngine.Rules;

namespace AuditEngine.Tests.AzureDi;

/// <summary>
/// The Azure path end to end: a budget-table answer built from a seed in the service's shape audits to that seed's
/// findings; in a batch every failing file gets its own error and the others are audited; the CLI's
/// <c>--ocr azure</c> prints the tables; settings never show the key.
/// </summary>
public sealed class AzureAuditTests(FakeServerFixture server) : IClassFixture<FakeServerFixture>, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("auditengine-azure-").FullName;
    private static readonly RuleSet Rules = RuleSet.Load(RepositoryPaths.Rules);

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public static TheoryData<string> Seeds() =>
        new() { "xushui-2022.txt", "huailai-2025.txt", "jiaozuo-2025.ocr.md", "langfang-guangyang-2025.txt", "xinglong-2024.md" };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_seed_read_through_azure_audits_to_the_seeds_findings(string seed)
    {
        var path = RepositoryPaths.Seed(seed);
        var expected = Findings(DocumentReader.Read(path));
        var png = FakeServerFixture.UniquePng();
        server.Fake.Register(png, FakeScenario.Succeed, AzureAnswers.FromLayout(DocumentReader.Read(path)));

        using var provider = server.Provider();
        var layout = DocumentReader.Read(png, seed + ".png", provider);
        var actual = Findings(layout);

        Assert.True(layout.Pages.Count > 1, "the answer should span several pages");
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{seed} through Azure: {missing.Count} findings lost, {extra.Count} gained\n- " + string.Join("\n- ", missing) + "\n+ " + string.Join("\n+ ", extra));
        // Equal and empty would prove nothing: every seed but the clean langfang has real defects.
        if (!seed.StartsWith("langfang", StringComparison.Ordinal))
            Assert.Contains(expected, f => !f.StartsWith("EX-", StringComparison.Ordinal));
        Assert.NotEmpty(layout.Tables);
    }

    [Fact]
    public void In_a_batch_each_failure_gets_its_own_error_and_the_others_are_audited()
    {
        var seed = RepositoryPaths.Seed("xushui-2022.txt");
        var budget = AzureAnswers.FromLayout(DocumentReader.Read(seed));
        var files = new Dictionary<string, FakeScenario>
        {
            ["a-ok.png"] = FakeScenario.Succeed,
            ["b-401.png"] = FakeScenario.Unauthorized,
            ["c-429-then-ok.png"] = FakeScenario.ThrottledThenSucceed,
            ["d-500.png"] = FakeScenario.ServerError,
            ["e-timeout.png"] = FakeScenario.Hang,
            ["f-malformed.png"] = FakeScenario.MalformedJson,
            ["g-no-tables.png"] = FakeScenario.NoTables,
        };
        foreach (var (name, scenario) in files)
        {
            var png = FakeServerFixture.UniquePng();
            server.Fake.Register(png, scenario, budget);
            File.WriteAllBytes(Path.Combine(dir, name), png);
        }
        File.Copy(seed, Path.Combine(dir, "h-text.txt"));

        // The total timeout per file must end the hanging one, and leave the others time to answer even when the whole
        // suite runs at once: at 3 s the 500 file's four quick attempts ran out of it under load (a timeout, not HTTP 500).
        using var provider = server.Provider(timeout: TimeSpan.FromSeconds(10));
        var results = new AuditPipeline(Rules) { LayoutProvider = provider }.Run([dir]);

        var byName = results.ToDictionary(r => Path.GetFileName(r.Source));
        Assert.Equal(8, byName.Count);
        foreach (var ok in new[] { "a-ok.png", "c-429-then-ok.png", "h-text.txt" })
        {
            Assert.Equal(AuditEngine.Model.ResultStatus.Ok, byName[ok].Status);
            Assert.Contains(byName[ok].Findings, f => f.RuleId == "UT-OPERATING-PARTS");
        }
        foreach (var (name, words) in new[]
                 {
                     ("b-401.png", "HTTP 401"), ("d-500.png", "HTTP 500"), ("e-timeout.png", "超时"),
                     ("f-malformed.png", "JSON"), ("g-no-tables.png", "表格"),
                 })
        {
            var r = byName[name];
            Assert.Equal(AuditEngine.Model.ResultStatus.Error, r.Status);
            Assert.Contains(name, r.Error);
            Assert.Contains(words, r.Error);
            Assert.DoesNotContain(FakeServerFixture.Key, r.Error);
        }
    }

    [Fact]
    public void Extract_with_ocr_azure_prints_the_tables_the_service_found()
    {
        var png = Path.Combine(dir, "invoice.png");
        File.WriteAllBytes(png, FakeServerFixture.UniquePng());
        var endpoint = Environment.GetEnvironmentVariable(OcrSettings.EndpointVariable);
        var key = Environment.GetEnvironmentVariable(OcrSettings.KeyVariable);
        Environment.SetEnvironmentVariable(OcrSettings.EndpointVariable, server.Fake.Endpoint.ToString());
        Environment.SetEnvironmentVariable(OcrSettings.KeyVariable, FakeServerFixture.Key);
        try
        {
            var error = new StringWriter();
            using var stdout = new MemoryStream();
            var code = CliApp.Run(["extract", "--ocr", "azure", png], new CliConsole(new StringWriter(), error, () => stdout));

            Assert.True(code == 0, error.ToString());
            var json = System.Text.Json.JsonDocument.Parse(stdout.ToArray()).RootElement;
            var tables = json.GetProperty("tables").EnumerateArray().ToList();
            Assert.Equal(3, tables.Count);
            Assert.Contains(tables, t => t.GetProperty("cells").EnumerateArray()
                .Any(c => c.GetProperty("text").GetString() == "DATE" && c.GetProperty("kind").GetString() == "columnHeader"));
            Assert.DoesNotContain(FakeServerFixture.Key, error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OcrSettings.EndpointVariable, endpoint);
            Environment.SetEnvironmentVariable(OcrSettings.KeyVariable, key);
        }
    }

    [Fact]
    public void Settings_come_from_the_environment_or_a_key_file_and_never_print_the_key()
    {
        var keyFile = Path.Combine(dir, "key");
        File.WriteAllText(keyFile, FakeServerFixture.Key + "\n");
        var env = new Dictionary<string, string?>
        {
            [OcrSettings.ProviderVariable] = "azure",
            [OcrSettings.EndpointVariable] = "https://example.cognitiveservices.azure.com/",
            [OcrSettings.KeyFileVariable] = keyFile,
            [OcrSettings.TimeoutVariable] = "45",
        };

        var settings = OcrSettings.FromEnvironment(null, n => env.GetValueOrDefault(n));

        Assert.Equal(OcrProvider.Azure, settings.Provider);
        Assert.Equal(FakeServerFixture.Key, settings.Azure!.Key);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.Azure.Timeout);
        Assert.DoesNotContain(FakeServerFixture.Key, settings.ToString());
        Assert.DoesNotContain(FakeServerFixture.Key, settings.Azure.ToString());
        Assert.IsType<AzureLayoutProvider>(settings.CreateProvider());
        // The flag wins over the environment, and local needs nothing else.
        Assert.Same(LocalOcrProvider.Instance, OcrSettings.FromEnvironment("local", n => env.GetValueOrDefault(n)).CreateProvider());
        Assert.Same(LocalOcrProvider.Instance, OcrSettings.FromEnvironment(null, _ => null).CreateProvider());
    }

    [Fact]
    public void Missing_or_wrong_settings_name_the_setting_and_not_the_key()
    {
        var noEndpoint = Assert.Throws<OcrSettingsException>(() =>
            OcrSettings.FromEnvironment("azure", n => n == OcrSettings.KeyVariable ? FakeServerFixture.Key : null));
        Assert.Contains(OcrSettings.EndpointVariable, noEndpoint.Message);
        Assert.DoesNotContain(FakeServerFixture.Key, noEndpoint.Message);

        var noKey = Assert.Throws<OcrSettingsException>(() =>
            OcrSettings.FromEnvironment("azure", n => n == OcrSettings.EndpointVariable ? "https://x.cognitiveservices.azure.com" : null));
        Assert.Contains(OcrSettings.KeyVariable, noKey.Message);

        var badTimeout = Assert.Throws<OcrSettingsException>(() => OcrSettings.FromEnvironment("azure", n => n switch
        {
            OcrSettings.EndpointVariable => "https://x.cognitiveservices.azure.com",
            OcrSettings.KeyVariable => FakeServerFixture.Key,
            OcrSettings.TimeoutVariable => "soon",
            _ => null,
        }));
        Assert.Contains(OcrSettings.TimeoutVariable, badTimeout.Message);
        Assert.DoesNotContain(FakeServerFixture.Key, badTimeout.Message);

        Assert.Throws<OcrSettingsException>(() => OcrSettings.ParseProvider("gcp"));
    }

    [Fact]
    public void The_ocr_option_takes_azure_or_local_on_audit_and_extract_only()
    {
        Assert.Equal("azure", CommandLine.Parse(["extract", "--ocr", "azure", "a.png"]).Ocr);
        Assert.Equal("local", CommandLine.Parse(["audit", "--ocr=local", "a.png"]).Ocr);
        Assert.Null(CommandLine.Parse(["audit", "a.png"]).Ocr);
        Assert.Contains("--ocr", CommandLine.Parse(["extract", "--ocr", "gcp", "a.png"]).Error);
        Assert.Contains("--ocr", CommandLine.Parse(["extract", "a.png", "--ocr"]).Error);
        Assert.Contains("--ocr", CommandLine.Parse(["rules", "--ocr", "azure"]).Error);
    }

    [Fact]
    public void The_cli_refuses_azure_without_settings_before_reading_anything()
    {
        var error = new StringWriter();
        var endpoint = Environment.GetEnvironmentVariable(OcrSettings.EndpointVariable);
        Environment.SetEnvironmentVariable(OcrSettings.EndpointVariable, null);
        try
        {
            var code = CliApp.Run(["audit", "--ocr", "azure", RepositoryPaths.Seed("xushui-2022.txt")],
                new CliConsole(new StringWriter(), error, () => new MemoryStream()));
            Assert.Equal(2, code);
            Assert.Contains(OcrSettings.EndpointVariable, error.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(OcrSettings.EndpointVariable, endpoint);
        }
    }

    /// <summary>Findings as “rule | severity | message”: what a reviewer reads, without where it was read.</summary>
    private static List<string> Findings(Layout layout) =>
        Rules.Run(Recognizer.Recognise(layout, Rules.Profiles)).Select(f => $"{f.RuleId} | {f.Severity} | {f.Message}").Order(StringComparer.Ordinal).ToList();
}
