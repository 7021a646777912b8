using System.Runtime.InteropServices;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// Image decoding, skew detection, rotation and JPEG encoding through Leptonica (liblept.so.5, the library
/// Tesseract itself links against, so it is present wherever OCR is). Every call works on its own Pix, which makes
/// these functions safe to call from several threads at once.
/// </summary>
public static unsafe class Leptonica
{
    private static readonly Lazy<string?> LoadError = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// Decodes PNG, JPEG, TIFF (first page), BMP, GIF, PNM or WebP bytes to 8-bit gray. Colour is converted to
    /// luminance and colormaps are flattened, so callers never see a palette.
    /// </summary>
    /// <exception cref="InvalidDataException">the bytes are not an image Leptonica can decode</exception>
    public static GrayImage Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        EnsureLoaded();
        if (bytes.Length == 0) throw new InvalidDataException("图像数据为空 empty image data");
        nint pix;
        fixed (byte* data = bytes) pix = LeptApi.pixReadMem(data, (nuint)bytes.Length);
        if (pix == 0) throw new InvalidDataException("无法解码图像（格式不支持或文件已损坏） image data cannot be decoded");
        try
        {
            if (LeptApi.pixGetDepth(pix) == 8) return ToGray(pix);
            // pixConvertTo8 also flattens a colormap when the depth is already 8, but only this branch needs a copy.
            var gray = LeptApi.pixConvertTo8(pix, 0);
            if (gray == 0) throw new InvalidDataException($"无法转换为灰度图像 cannot convert a {LeptApi.pixGetDepth(pix)}-bit image to gray");
            try { return ToGray(gray); }
            finally { LeptApi.Destroy(gray); }
        }
        finally { LeptApi.Destroy(pix); }
    }

    /// <summary>Reads only the image header, so a caller can refuse an oversized image before allocating its pixels.</summary>
    /// <exception cref="InvalidDataException">no recognisable image header</exception>
    public static (int Width, int Height) PeekSize(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        EnsureLoaded();
        if (bytes.Length == 0) throw new InvalidDataException("图像数据为空 empty image data");
        int result, width, height;
        fixed (byte* data = bytes)
            result = LeptApi.pixReadHeaderMem(data, (nuint)bytes.Length, out _, out width, out height, out _, out _, out _);
        if (result != 0 || width <= 0 || height <= 0)
            throw new InvalidDataException("无法读取图像尺寸 image header cannot be read");
        return (width, height);
    }

    /// <summary>
    /// Page skew in degrees from Leptonica's pixFindSkew on a binarised copy (threshold 128), or 0 when it cannot
    /// decide (too little text, blank page). Sign follows Leptonica: the returned angle is the rotation that
    /// deskews, so <c>Rotate(image, FindSkewDegrees(image))</c> straightens the page, and an image produced by
    /// <c>Rotate(straight, a)</c> measures ≈ −a.
    /// </summary>
    public static double FindSkewDegrees(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureLoaded();
        var gray = FromGray(image);
        try
        {
            var binary = LeptApi.pixThresholdToBinary(gray, 128);
            if (binary == 0) return 0;
            try
            {
                if (LeptApi.pixFindSkew(binary, out var angle, out var confidence) != 0) return 0;
                // Leptonica reports confidence 0 when the sweep found no clear peak; its angle is then meaningless.
                return confidence > 0 && float.IsFinite(angle) ? angle : 0;
            }
            finally { LeptApi.Destroy(binary); }
        }
        finally { LeptApi.Destroy(gray); }
    }

    /// <summary>
    /// Rotates about the centre by <paramref name="degrees"/> (positive = clockwise on screen, Leptonica's
    /// convention), keeping the size and filling the uncovered corners with white.
    /// </summary>
    public static GrayImage Rotate(GrayImage image, double degrees)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureLoaded();
        if (degrees == 0) return new GrayImage(image.Width, image.Height, (byte[])image.Pixels.Clone());
        var pix = FromGray(image);
        try
        {
            // width/height 0: no canvas expansion, so the result keeps the source size.
            var rotated = LeptApi.pixRotate(pix, (float)(degrees * Math.PI / 180), LeptApi.RotateAreaMap, LeptApi.BringInWhite, 0, 0);
            if (rotated == 0) throw new InvalidOperationException("Leptonica 旋转失败 pixRotate failed");
            try { return ToGray(rotated); }
            finally { LeptApi.Destroy(rotated); }
        }
        finally { LeptApi.Destroy(pix); }
    }

    /// <summary>Encodes as baseline grayscale JPEG (evidence images where PNG would be too large).</summary>
    public static byte[] EncodeJpeg(GrayImage image, int quality)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 100);
        EnsureLoaded();
        var pix = FromGray(image);
        try { return TakeBuffer(LeptApi.pixWriteMemJpeg(out var data, out var size, pix, quality, 0), data, size, "JPEG"); }
        finally { LeptApi.Destroy(pix); }
    }

    /// <summary>Encodes as 8-bit grayscale PNG with libpng's compression (smaller than <see cref="GrayImage.ToPng"/>).</summary>
    public static byte[] EncodePng(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        EnsureLoaded();
        var pix = FromGray(image);
        try { return TakeBuffer(LeptApi.pixWriteMemPng(out var data, out var size, pix, 0f), data, size, "PNG"); }
        finally { LeptApi.Destroy(pix); }
    }

    /// <summary>Null when liblept.so.5 loads; otherwise why not, in Chinese and English.</summary>
    internal static string? UnavailableReason => LoadError.Value;

    internal static void EnsureLoaded()
    {
        if (LoadError.Value is { } reason) throw new InvalidOperationException(reason);
    }

    private static string? Load()
    {
        try
        {
            // Leptonica prints every failed decode to stderr; callers get an exception instead.
            LeptApi.setMsgSeverity(LeptApi.SeverityNone);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return $"未安装 Leptonica 图像库（Debian 软件包 liblept5） Leptonica (liblept.so.5) is not installed: {e.Message}";
        }
    }

    private static byte[] TakeBuffer(int result, nint data, nuint size, string format)
    {
        try
        {
            if (result != 0 || data == 0 || size == 0) throw new InvalidOperationException($"Leptonica {format} 编码失败 encoding failed");
            var bytes = new byte[checked((int)size)];
            Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            if (data != 0) LeptApi.lept_free(data);
        }
    }

    /// <summary>
    /// Leptonica packs 8-bit pixels into 32-bit words with the leftmost pixel in the most significant byte, so on a
    /// little-endian machine pixel x of a row sits at byte x ^ 3.
    /// </summary>
    private static readonly int ByteSwizzle = BitConverter.IsLittleEndian ? 3 : 0;

    internal static nint FromGray(GrayImage image)
    {
        var pix = LeptApi.pixCreate(image.Width, image.Height, 8);
        if (pix == 0) throw new OutOfMemoryException($"Leptonica cannot allocate a {image.Width}×{image.Height} image");
        var data = (byte*)LeptApi.pixGetData(pix);
        var stride = LeptApi.pixGetWpl(pix) * 4;
        fixed (byte* source = image.Pixels)
        {
            for (var y = 0; y < image.Height; y++)
            {
                var row = data + (long)y * stride;
                var src = source + (long)y * image.Width;
                Buffer.MemoryCopy(src, row, stride, image.Width);
                // Word by word (vectorised): a byte loop over a 300 dpi page cost ≈ 10 ms a conversion.
                if (ByteSwizzle != 0)
                {
                    var words = new Span<uint>(row, stride / 4);
                    System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(words, words);
                }
            }
        }
        return pix;
    }

    private static GrayImage ToGray(nint pix)
    {
        int width = LeptApi.pixGetWidth(pix), height = LeptApi.pixGetHeight(pix);
        var image = new GrayImage(width, height);
        var data = (byte*)LeptApi.pixGetData(pix);
        var stride = LeptApi.pixGetWpl(pix) * 4;
        var swapped = new uint[stride / 4];
        fixed (byte* target = image.Pixels)
        fixed (uint* buffer = swapped)
        {
            for (var y = 0; y < height; y++)
            {
                var row = data + (long)y * stride;
                var dst = target + (long)y * width;
                if (ByteSwizzle == 0) Buffer.MemoryCopy(row, dst, width, width);
                else
                {
                    System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(new ReadOnlySpan<uint>(row, stride / 4), swapped);
                    Buffer.MemoryCopy(buffer, dst, width, width);
                }
            }
        }
        return image;
    }
}
