using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Tests.Ocr;

public class LeptonicaTests
{
    public LeptonicaTests() => OcrFixture.RequireOcr();

    [Fact]
    public void DecodesPngExactly()
    {
        var image = Leptonica.Decode(OcrFixture.TablePng);
        Assert.Equal((721, 494), (image.Width, image.Height));
        // Round trip through the managed encoder proves the word/byte order of Leptonica's rows is undone.
        var again = Leptonica.Decode(image.ToPng());
        Assert.Equal(image.Pixels, again.Pixels);
    }

    [Fact]
    public void PixelOrderSurvivesLeptonicaRoundTrip()
    {
        // Odd width, so rows are padded to 32-bit words, and every pixel of a row has a different value.
        var image = new GrayImage(37, 5);
        for (var y = 0; y < image.Height; y++)
            for (var x = 0; x < image.Width; x++) image[x, y] = (byte)(x * 7 + y * 40);
        Assert.Equal(image.Pixels, Leptonica.Decode(Leptonica.EncodePng(image)).Pixels);
    }

    [Fact]
    public void DecodesJpegToGray()
    {
        var source = OcrFixture.Table;
        var jpeg = Leptonica.EncodeJpeg(source, 90);
        Assert.Equal(new byte[] { 0xFF, 0xD8 }, jpeg[..2]);
        Assert.True(jpeg.Length < source.Width * source.Height / 2, "JPEG should compress the page");

        var decoded = Leptonica.Decode(jpeg);
        Assert.Equal((source.Width, source.Height), (decoded.Width, decoded.Height));
        var meanError = source.Pixels.Zip(decoded.Pixels, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanError < 3, $"mean error {meanError}");
    }

    [Fact]
    public void DecodesColourBmpToLuminance()
    {
        // 2×1 24-bit BMP: a pure red and a pure white pixel (BGR order, rows padded to 4 bytes).
        var bmp = new byte[54 + 8];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), 8);
        new byte[] { 0, 0, 255, 255, 255, 255, 0, 0 }.CopyTo(bmp, 54);

        var image = Leptonica.Decode(bmp);
        Assert.Equal((2, 1), (image.Width, image.Height));
        Assert.InRange(image[0, 0], 40, 110); // red is a mid-dark gray
        Assert.Equal(255, image[1, 0]);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("\u0089PNG\r\n\u001a\n truncated")]
    public void GarbageThrowsInvalidData(string text)
    {
        Assert.Throws<InvalidDataException>(() => Leptonica.Decode(Encoding.Latin1.GetBytes(text)));
    }

    [Fact]
    public void EmptyBytesThrowInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Leptonica.Decode([]));
        Assert.Throws<InvalidDataException>(() => Leptonica.PeekSize([]));
        Assert.Throws<InvalidDataException>(() => Leptonica.PeekSize("garbage bytes here"u8.ToArray()));
    }

    [Fact]
    public void PeekSizeReadsTheHeaderOfAHugeImageWithoutDecodingIt()
    {
        // A 30000×30000 PNG whose pixel data is a few bytes: the header is valid, decoding it would need 900 MB.
        var png = PngHeaderOnly(30000, 30000);
        Assert.Equal((30000, 30000), Leptonica.PeekSize(png));
    }

    [Fact]
    public void PeekSizeReadsPngAndJpegHeaders()
    {
        Assert.Equal((721, 494), Leptonica.PeekSize(OcrFixture.TablePng));
        Assert.Equal((721, 494), Leptonica.PeekSize(Leptonica.EncodeJpeg(OcrFixture.Table, 75)));
    }

    [Fact]
    public void FindSkewMeasuresARotationWithLeptonicaSign()
    {
        var straight = OcrFixture.Table;
        Assert.InRange(Leptonica.FindSkewDegrees(straight), -0.15, 0.15);

        // Rotate(+a) turns the page clockwise; FindSkewDegrees reports the angle that undoes it, ≈ −a.
        var rotated = Leptonica.Rotate(straight, 1.2);
        var skew = Leptonica.FindSkewDegrees(rotated);
        Assert.InRange(skew, -1.35, -1.05);
        Assert.InRange(Leptonica.FindSkewDegrees(Leptonica.Rotate(rotated, skew)), -0.15, 0.15);

        Assert.InRange(Leptonica.FindSkewDegrees(Leptonica.Rotate(straight, -1.2)), 1.05, 1.35);
    }

    [Fact]
    public void FindSkewOfABlankPageIsZero()
    {
        var blank = new GrayImage(400, 300);
        blank.Pixels.AsSpan().Fill(255);
        Assert.Equal(0, Leptonica.FindSkewDegrees(blank));
    }

    [Fact]
    public void RotateKeepsTheSizeAndFillsWithWhite()
    {
        var black = new GrayImage(200, 100); // all 0
        var rotated = Leptonica.Rotate(black, 10);
        Assert.Equal((200, 100), (rotated.Width, rotated.Height));
        Assert.Equal(255, rotated[0, 0]);
        Assert.Equal(255, rotated[199, 99]);
        Assert.True(rotated[100, 50] < 10);
    }

    [Fact]
    public void DeskewedPageStillReads()
    {
        var rotated = Leptonica.Rotate(OcrFixture.Table, 1.2);
        var deskewed = Leptonica.Rotate(rotated, Leptonica.FindSkewDegrees(rotated));
        var cell = OcrFixture.Cell("132,372.61");
        Assert.Equal("132,372.61", Tesseract.Recognize(deskewed, cell.Region.Inflate(2, deskewed.Width, deskewed.Height), OcrMode.Numeric).Text);
    }

    private static byte[] PngHeaderOnly(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        Chunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true)) z.Write(new byte[16]);
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        s.Write(word);
        s.Write(typeBytes);
        s.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32([.. typeBytes, .. data]));
        s.Write(word);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return crc ^ 0xFFFFFFFFu;
    }
}
