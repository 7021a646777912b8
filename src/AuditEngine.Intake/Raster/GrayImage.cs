using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AuditEngine.Intake.Raster;

/// <summary>A rectangle in image pixels (origin top-left).</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;
    public int Bottom => Y + Height;

    public PixelRect Inflate(int by, int maxWidth, int maxHeight)
    {
        var x = Math.Max(0, X - by);
        var y = Math.Max(0, Y - by);
        return new PixelRect(x, y, Math.Min(maxWidth, Right + by) - x, Math.Min(maxHeight, Bottom + by) - y);
    }
}

/// <summary>
/// An 8-bit grayscale raster (0 = black, 255 = white), row-major. The one image type intake passes between
/// page rendering (pdftoppm), image decoding, table-grid detection, OCR and evidence crops.
/// </summary>
public sealed class GrayImage
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public GrayImage(int width, int height, byte[]? pixels = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "image must not be empty");
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[checked(width * height)];
        if (Pixels.Length != width * height) throw new ArgumentException("pixel buffer does not match the size", nameof(pixels));
    }

    public byte this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    public GrayImage Crop(PixelRect r)
    {
        var x0 = Math.Clamp(r.X, 0, Width - 1);
        var y0 = Math.Clamp(r.Y, 0, Height - 1);
        var w = Math.Clamp(r.Right, x0 + 1, Width) - x0;
        var h = Math.Clamp(r.Bottom, y0 + 1, Height) - y0;
        var crop = new GrayImage(w, h);
        for (var y = 0; y < h; y++)
            Buffer.BlockCopy(Pixels, (y0 + y) * Width + x0, crop.Pixels, y * w, w);
        return crop;
    }

    /// <summary>Reads a binary PGM (P5), the format <c>pdftoppm -gray</c> writes.</summary>
    public static GrayImage FromPgm(byte[] data)
    {
        var pos = 0;
        string Next()
        {
            while (pos < data.Length)
            {
                if (data[pos] == '#') { while (pos < data.Length && data[pos] != '\n') pos++; }
                else if (char.IsWhiteSpace((char)data[pos])) pos++;
                else break;
            }
            var start = pos;
            while (pos < data.Length && !char.IsWhiteSpace((char)data[pos])) pos++;
            return Encoding.ASCII.GetString(data, start, pos - start);
        }
        if (Next() != "P5") throw new InvalidDataException("not a binary PGM image");
        var width = int.Parse(Next());
        var height = int.Parse(Next());
        var max = int.Parse(Next());
        pos++;
        if (max > 255) throw new InvalidDataException("16-bit PGM is not supported");
        if (data.Length - pos < width * height) throw new InvalidDataException("PGM image is truncated");
        var pixels = new byte[width * height];
        Buffer.BlockCopy(data, pos, pixels, 0, pixels.Length);
        return new GrayImage(width, height, pixels);
    }

    /// <summary>
    /// Reads the next binary PGM (P5) from a stream of PGMs written back to back (<c>pdftoppm -gray</c> to standard
    /// output); <c>null</c> at the end of the stream. Reads only the image's own bytes, so the next one stays intact.
    /// A <paramref name="reuse"/> buffer of exactly the image's size receives the pixels instead of a new array.
    /// </summary>
    public static GrayImage? ReadPgm(Stream stream, byte[]? reuse = null)
    {
        var first = stream.ReadByte();
        if (first < 0) return null;
        string Next()
        {
            var token = new StringBuilder();
            int c;
            while (true)
            {
                c = stream.ReadByte();
                if (c < 0) throw new EndOfStreamException("PGM header is truncated");
                if (c == '#') { while (c >= 0 && c != '\n') c = stream.ReadByte(); }
                else if (!char.IsWhiteSpace((char)c)) break;
            }
            while (c >= 0 && !char.IsWhiteSpace((char)c))
            {
                if (token.Length > 16) throw new InvalidDataException("not a binary PGM image");
                token.Append((char)c);
                c = stream.ReadByte();
            }
            // The single whitespace after the last header field has been consumed here, as the format requires.
            return token.ToString();
        }
        var magic = (char)first + Next();
        if (magic != "P5") throw new InvalidDataException("not a binary PGM image");
        if (!int.TryParse(Next(), out var width) || !int.TryParse(Next(), out var height) || !int.TryParse(Next(), out var max)
            || width <= 0 || height <= 0 || (long)width * height > int.MaxValue)
            throw new InvalidDataException("PGM header is invalid");
        if (max > 255) throw new InvalidDataException("16-bit PGM is not supported");
        var pixels = reuse is not null && reuse.Length == width * height ? reuse : GC.AllocateUninitializedArray<byte>(width * height);
        stream.ReadExactly(pixels);
        return new GrayImage(width, height, pixels);
    }

    /// <summary>Encodes as an 8-bit grayscale PNG (evidence crops, page images).</summary>
    public byte[] ToPng()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 0; // grayscale
        WriteChunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            {
                for (var y = 0; y < Height; y++)
                {
                    z.WriteByte(0); // filter: none
                    z.Write(Pixels, y * Width, Width);
                }
            }
            WriteChunk(png, "IDAT", raw.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32.Compute(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        s.Write(len);
    }

    private static class Crc32
    {
        private static readonly uint[] Table = Build();

        private static uint[] Build()
        {
            var t = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                t[n] = c;
            }
            return t;
        }

        public static uint Compute(byte[] a, byte[] b)
        {
            var c = 0xFFFFFFFFu;
            foreach (var x in a) c = Table[(c ^ x) & 0xFF] ^ (c >> 8);
            foreach (var x in b) c = Table[(c ^ x) & 0xFF] ^ (c >> 8);
            return c ^ 0xFFFFFFFFu;
        }
    }
}
