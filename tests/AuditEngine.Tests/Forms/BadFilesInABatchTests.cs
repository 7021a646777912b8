using System.Buffers.Binary;
using System.IO.Compression;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Rules;
using AuditEngine.Tests.Pdf;

namespace AuditEngine.Tests.Forms;

/// <summary>
/// One batch holding every kind of bad file bureaus upload next to a good one: each bad file gets its own clear
/// error naming it, the good one is audited, and nothing brings the process down.
/// </summary>
public sealed class BadFilesInABatchTests : IClassFixture<PdfTestDocuments>, IDisposable
{
    private readonly PdfTestDocuments pdfs;
    private readonly string dir = Path.Combine(Path.GetTempPath(), "auditengine-bad-" + Guid.NewGuid().ToString("N")[..8]);

    public BadFilesInABatchTests(PdfTestDocuments pdfs)
    {
        this.pdfs = pdfs;
        Directory.CreateDirectory(dir);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void Every_bad_file_gets_its_own_named_error_and_the_good_one_is_audited()
    {
        var root = RepositoryPaths.Root;
        var good = Path.Combine(dir, "a-good.txt");
        File.Copy(Path.Combine(root, "samples", "seeds", "xushui-2022.txt"), good);
        var truncated = Write("b-truncated.pdf", pdfs.Budget[..(pdfs.Budget.Length / 2)]);
        var encrypted = Write("c-encrypted.pdf", pdfs.Encrypted);
        var html = Write("d-really-html.pdf", "<!DOCTYPE html><html><body>404 Not Found</body></html>"u8.ToArray());
        var empty = Write("e-empty.pdf", []);
        var huge = Write("f-huge.png", PngHeader(30000, 30000));
        var garbage = Write("g-garbage.docx", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5]);

        var results = new AuditPipeline(RuleSet.Load(Path.Combine(root, "rules"))).Run([dir]);

        Assert.Equal(7, results.Count);
        var byName = results.ToDictionary(r => Path.GetFileName(r.Source));
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, byName["a-good.txt"].Status);
        Assert.Contains(byName["a-good.txt"].Findings, f => f.RuleId == "UT-OPERATING-PARTS");
        foreach (var (file, words) in new[]
                 {
                     (truncated, "不完整"), (encrypted, "加密"), (html, "HTML"), (empty, "0 字节"), (huge, "30000×30000"), (garbage, "损坏"),
                 })
        {
            var result = byName[Path.GetFileName(file)];
            Assert.Equal(AuditEngine.Model.ResultStatus.Error, result.Status);
            Assert.Contains(Path.GetFileName(file), result.Error);
            Assert.Contains(words, result.Error);
        }
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A PNG that declares a giant size in its header: the reader must refuse it before decoding.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        using var s = new MemoryStream();
        s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        Chunk(s, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zs = new ZLibStream(z, CompressionLevel.Fastest, leaveOpen: true)) zs.Write(new byte[1024]);
            Chunk(s, "IDAT", z.ToArray());
        }
        Chunk(s, "IEND", []);
        return s.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var t = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(t);
        s.Write(data);
        var crc = Crc32([.. t, .. data]);
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        s.Write(four);
    }

    private static uint Crc32(byte[] bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        return c ^ 0xFFFFFFFFu;
    }
}
