using System.Diagnostics;
using AuditEngine.ServiceHarness;

namespace AuditEngine.Bench;

/// <summary>
/// A node's memory around one large upload: resting working set before, peak (VmHWM) when the upload is answered, and
/// resting again once the batch is done and the node idle. The files are distinct damaged PDFs (random bytes behind
/// a PDF header), so every byte is received and stored, and each audit fails at once without dwarfing the upload.
/// With --compare ROOT, a second checkout's built service is measured the same way in the same run (before/after).
/// Usage: AuditEngine.Bench --upload-memory [--megabytes 900] [--file-megabytes 20] [--compare ROOT]
/// </summary>
public static class UploadMemoryBench
{
    public static async Task<int> Run(string[] args)
    {
        var megabytes = 900;
        var fileMegabytes = 20;
        var roots = new List<(string Name, string Root)> { ("this checkout", ServiceBench.RepositoryRoot()) };
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--megabytes" when value is not null: megabytes = int.Parse(value); i++; break;
                case "--file-megabytes" when value is not null: fileMegabytes = int.Parse(value); i++; break;
                case "--compare" when value is not null: roots.Insert(0, ($"{Path.GetFileName(value)} (compared)", value)); i++; break;
                default:
                    Console.Error.WriteLine($"unknown or incomplete argument: {args[i]}");
                    Console.Error.WriteLine("usage: AuditEngine.Bench --upload-memory [--megabytes N] [--file-megabytes N] [--compare ROOT]");
                    return 2;
            }
        }
        var directory = Path.Combine(Path.GetTempPath(), $"auditengine-upload-{megabytes}-{fileMegabytes}");
        var files = Files(directory, megabytes, fileMegabytes);
        Console.WriteLine($"upload memory: {files.Count} files of {fileMegabytes} MiB ({megabytes} MiB) in one batch; " +
                          $"machine {Environment.ProcessorCount} CPUs");
        Console.WriteLine($"{"service",-36} {"rest before MiB",16} {"peak MiB",9} {"rest after MiB",15} {"upload s",9}");
        foreach (var (name, root) in roots)
        {
            var work = Path.Combine(Path.GetTempPath(), "auditengine-upmem-" + Guid.NewGuid().ToString("N")[..8]);
            // The default installation; past its 1 GiB batch limit the limit is raised to take the whole upload.
            var settings = new Dictionary<string, string>();
            if (megabytes > 960) settings["Limits:MaxBatchBytes"] = ((long)(megabytes + 64) * 1024 * 1024).ToString();
            var node = await ServiceNode.Start(root, "upmem", work, settings);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                var before = Memory(node.ProcessId).Rss;
                var clock = Stopwatch.StartNew();
                var (batch, _) = await node.Upload("memory", files);
                var upload = clock.Elapsed;
                var peak = Memory(node.ProcessId).Peak;
                await node.WaitForBatch(batch, TimeSpan.FromMinutes(30), TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromSeconds(20));
                var after = Memory(node.ProcessId).Rss;
                Console.WriteLine($"{name,-36} {before,16:0} {peak,9:0} {after,15:0} {upload.TotalSeconds,9:0.0}");
                var health = System.Text.Json.Nodes.JsonNode.Parse(await node.Http.GetStringAsync("/api/health"))!["memory"];
                Console.WriteLine($"{"",-36} resting after: {Breakdown(node.ProcessId)}; managed heap {health?["managedHeapMiB"]} MiB, " +
                                  $"GC committed {health?["gcCommittedMiB"]} MiB");
            }
            finally
            {
                await node.DisposeAsync();
                try { Directory.Delete(work, recursive: true); }
                catch (IOException) { }
            }
        }
        Console.WriteLine("rest: VmRSS; peak: VmHWM (the process's highest resident set), read when the upload was answered.");
        return 0;
    }

    private static IReadOnlyList<string> Files(string directory, int megabytes, int fileMegabytes)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(19);
        var buffer = new byte[fileMegabytes * 1024 * 1024];
        return Enumerable.Range(0, megabytes / fileMegabytes).Select(i =>
        {
            var path = Path.Combine(directory, $"damaged-{i + 1:D3}.pdf");
            if (File.Exists(path) && new FileInfo(path).Length == buffer.Length) return path;
            random.NextBytes(buffer);
            "%PDF-1.4\n"u8.CopyTo(buffer);
            File.WriteAllBytes(path, buffer);
            return path;
        }).ToList();
    }

    /// <summary>Where the resting set lies: anonymous memory (managed and native heaps), mapped files, shared memory.</summary>
    private static string Breakdown(int processId)
    {
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return string.Join(", ", new[] { "RssAnon", "RssFile", "RssShmem" }.Select(name =>
            $"{name} {double.Parse(status.First(l => l.StartsWith(name)).Split(':')[1].Trim().Split(' ')[0]) / 1024:0} MiB"));
    }

    private static (double Rss, double Peak) Memory(int processId)
    {
        double Field(string[] lines, string name) =>
            double.Parse(lines.First(l => l.StartsWith(name)).Split(':')[1].Trim().Split(' ')[0]) / 1024;
        var status = File.ReadAllLines($"/proc/{processId}/status");
        return (Field(status, "VmRSS"), Field(status, "VmHWM"));
    }
}
