using System.IO.Compression;
using System.Text.Json.Nodes;
using AuditEngine.AzureFake;
using AuditEngine.Intake;
using AuditEngine.Intake.AzureDi;
using AuditEngine.Intake.Providers;

namespace AuditEngine.Tests.AzureDi;

/// <summary>
/// One fake Document Intelligence on a free 127.0.0.1 port for a test class, replaying the public invoice example
/// (../shared/azure-di) unless a file is registered with another answer or scenario.
/// </summary>
public sealed class FakeServerFixture : IAsyncLifetime
{
    /// <summary>A key that looks like one; the tests check it never reaches a message.</summary>
    public const string Key = "4f1c9d2ab37e45c8a0d61e2b9f7c3a55";

    public FakeDocumentIntelligence Fake { get; private set; } = null!;

    public JsonNode Invoice { get; } = AzureAnswers.Load(SharedExample("GetAnalyzeDocumentResult.json"));

    public static string SharedExample(string name) =>
        Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "azure-di", name));

    public async Task InitializeAsync()
    {
        Fake = await FakeDocumentIntelligence.StartAsync(Key, Invoice);
        // The service asks for 1–2 s between polls; the contract is the same with 0, and the tests stay quick.
        Fake.RetryAfterSeconds = 0;
    }

    public async Task DisposeAsync() => await Fake.DisposeAsync();

    /// <summary>Settings for this fake with short waits; the backoff and timeout behaviour is the same, only scaled.</summary>
    public AzureLayoutSettings Settings(TimeSpan? timeout = null) => Fake.Settings() with
    {
        RetryDelay = TimeSpan.FromMilliseconds(20),
        PollInterval = TimeSpan.FromMilliseconds(20),
        MaxRetries = 3,
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
    };

    public AzureLayoutProvider Provider(TimeSpan? timeout = null) => new(Settings(timeout));

    private static int pngCounter;

    /// <summary>
    /// A small valid grayscale PNG, different on every call: the fake picks the answer by content, so each test's
    /// file gets its own scenario.
    /// </summary>
    public static byte[] UniquePng()
    {
        var width = 40 + Interlocked.Increment(ref pngCounter);
        const int height = 30;
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++) raw.WriteByte((byte)((x + y) % 7 == 0 ? 0 : 255));
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) raw.WriteTo(z);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    /// <summary>PNG's CRC-32 (ISO 3309), bit by bit: a few hundred bytes per test image.</summary>
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
