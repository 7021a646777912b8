using AuditEngine.SampleGen;

GeneratorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

try
{
    var written = SampleGenerator.Run(options, Console.Error);
    foreach (var file in written) Console.WriteLine(file);
    return 0;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
{
    Console.Error.WriteLine("generation failed: " + e.Message);
    return 1;
}
