using AuditEngine.SampleGen;

// `scan IN.pdf OUT.pdf [--dpi N] [--seed N]`: any PDF (a real disclosure) through the same simulated scanner, so that
// the OCR path can be tried on documents the seeds were not made from.
if (args is ["scan", var input, var output, ..])
{
    try
    {
        var dpi = args.SkipWhile(a => a != "--dpi").Skip(1).Select(int.Parse).FirstOrDefault(300);
        var seed = args.SkipWhile(a => a != "--seed").Skip(1).Select(int.Parse).FirstOrDefault(1);
        var pages = RealPdfScanner.Scan(input, output, dpi, seed);
        Console.WriteLine($"{output}: {pages} pages scanned at {dpi} dpi");
        return 0;
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or FormatException)
    {
        Console.Error.WriteLine($"scan failed: {input}: {e.Message}");
        return 1;
    }
}

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
