using System.IO.Compression;
using AuditEngine.Service.Hosting;
using AuditEngine.Service.Processing;

namespace AuditEngine.Service.Tests.Processing;

/// <summary>The size and count limits of an upload refuse the files past them, each with its reason, and keep the rest.</summary>
public sealed class UploadLimitTests
{
    private static IncomingFile Seed(string name) => new(name, File.ReadAllBytes(TestPaths.Seed(name)));

    [Fact]
    public void Files_past_the_count_limit_are_refused_and_the_first_ones_kept()
    {
        var unpacker = new UploadUnpacker(new UploadLimits { MaxFiles = 2 });
        var result = unpacker.Unpack([Seed("huailai-2025.txt"), Seed("xushui-2022.txt"), Seed("jiaozuo-2025.ocr.md")]);
        Assert.Equal(["huailai-2025.txt", "xushui-2022.txt"], result.Files.Select(f => f.Name));
        var refused = Assert.Single(result.Refused);
        Assert.Equal("jiaozuo-2025.ocr.md", refused.Name);
        Assert.Contains("上限 2", refused.Reason);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_inside_a_zip_too()
    {
        var big = Seed("jiaozuo-2025.ocr.md");
        var small = Seed("xushui-2022.txt");
        var limits = new UploadLimits { MaxFileBytes = small.Content.Length + 1 };
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var entry = archive.CreateEntry("in/jiaozuo.md").Open()) entry.Write(big.Content);
            using (var entry = archive.CreateEntry("in/xushui.txt").Open()) entry.Write(small.Content);
        }
        var result = new UploadUnpacker(limits).Unpack([new IncomingFile("batch.zip", zip.ToArray()), big]);

        Assert.Equal(["batch.zip/in/xushui.txt"], result.Files.Select(f => f.Name));
        Assert.Equal(["batch.zip/in/jiaozuo.md", "jiaozuo-2025.ocr.md"], result.Refused.Select(r => r.Name));
        Assert.All(result.Refused, r => Assert.Contains("文件过大", r.Reason));
    }

    [Fact]
    public void The_batch_size_limit_refuses_what_would_pass_it()
    {
        var a = Seed("huailai-2025.txt");
        var b = Seed("xushui-2022.txt");
        var result = new UploadUnpacker(new UploadLimits { MaxBatchBytes = a.Content.Length + b.Content.Length - 1 }).Unpack([a, b]);
        Assert.Equal([a.Name], result.Files.Select(f => f.Name));
        Assert.Contains("批次总大小超过上限", Assert.Single(result.Refused).Reason);
    }
}
