using AuditEngine.AzureFake;
using AuditEngine.Intake;

// A fake Azure AI Document Intelligence on 127.0.0.1 for trying `auditengine extract --ocr azure` by hand
// (docs/azure-di.md). Every uploaded file gets the same answer and the same scenario.
const string usage = """
    Usage: dotnet run --project tools/AuditEngine.AzureFake -- [--port N] [--key KEY]
             (--answer FILE | --seed FILE) [--scenario succeed|unauthorized|throttled|server-error|hang|malformed|no-tables]
           dotnet run --project tools/AuditEngine.AzureFake -- --seed FILE --write-answer OUT.json

      --answer FILE   an operation body, or an azure-rest-api-specs example (its responses.200.body is replayed),
                      e.g. ../shared/azure-di/GetAnalyzeDocumentResult.json
      --seed FILE     any file intake reads (a seed text): its tables and paragraphs rebuilt as a prebuilt-layout answer
      --key KEY       the key to accept (default: $AUDITENGINE_AZURE_DI_KEY, else "fake-key")
      --port N        default 0: a free port; the endpoint is printed on stdout
    """;

int port = 0;
string? answerPath = null, seedPath = null, writeAnswer = null;
var key = Environment.GetEnvironmentVariable("AUDITENGINE_AZURE_DI_KEY") is { Length: > 0 } k ? k : "fake-key";
var scenario = FakeScenario.Succeed;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port": port = int.Parse(Next()); break;
        case "--answer": answerPath = Next(); break;
        case "--seed": seedPath = Next(); break;
        case "--key": key = Next(); break;
        case "--write-answer": writeAnswer = Next(); break;
        case "--scenario":
            scenario = Next() switch
            {
                "succeed" => FakeScenario.Succeed,
                "unauthorized" => FakeScenario.Unauthorized,
                "throttled" => FakeScenario.ThrottledThenSucceed,
                "server-error" => FakeScenario.ServerError,
                "hang" => FakeScenario.Hang,
                "malformed" => FakeScenario.MalformedJson,
                "no-tables" => FakeScenario.NoTables,
                var other => throw new ArgumentException($"unknown scenario {other}"),
            };
            break;
        case "-h" or "--help": Console.WriteLine(usage); return 0;
        default: Console.Error.WriteLine(usage); return 2;
    }
}
if ((answerPath is null) == (seedPath is null)) { Console.Error.WriteLine(usage); return 2; }

var answer = answerPath is not null ? AzureAnswers.Load(answerPath) : AzureAnswers.FromLayout(DocumentReader.Read(seedPath!));
if (writeAnswer is not null)
{
    File.WriteAllText(writeAnswer, answer.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"answer written: {writeAnswer}");
    return 0;
}

await using var fake = await FakeDocumentIntelligence.StartAsync(key, answer, port);
fake.DefaultScenario = scenario;
Console.WriteLine($"endpoint: {fake.Endpoint}");
Console.WriteLine($"scenario: {scenario}; answer: {answerPath ?? seedPath}; Ctrl+C to stop");
var stop = new TaskCompletionSource();
// The app is started, not run, so the host's own console lifetime does not end the process: SIGINT/SIGTERM do.
using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.TrySetResult(); });
using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
await stop.Task;
return 0;
