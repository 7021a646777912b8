using System.Runtime.InteropServices;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// Renders single glyphs of an installed font through FreeType (libfreetype.so.6, which poppler already pulls in),
/// for the glyph templates of <see cref="GlyphClassifier"/>. Only the few calls needed, bound to the runtime soname.
/// </summary>
internal static unsafe partial class FreeType
{
    private const string Library = "libfreetype.so.6";
    private const int LoadRender = 1 << 2; // FT_LOAD_RENDER

    // Offsets in FT_FaceRec and FT_GlyphSlotRec on LP64 (freetype.h, stable since FreeType 2.1): the face's glyph slot,
    // and the slot's FT_Bitmap (rows, width, pitch, buffer). Only 8-bit gray bitmaps are read (FT_LOAD_RENDER's default).
    private const int FaceGlyphOffset = 152;
    private const int SlotBitmapOffset = 152;

    [LibraryImport(Library)] private static partial int FT_Init_FreeType(out nint library);
    [LibraryImport(Library)] private static partial int FT_Done_FreeType(nint library);
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)] private static partial int FT_New_Face(nint library, string path, nint faceIndex, out nint face);
    [LibraryImport(Library)] private static partial int FT_Done_Face(nint face);
    [LibraryImport(Library)] private static partial int FT_Set_Pixel_Sizes(nint face, uint width, uint height);
    [LibraryImport(Library)] private static partial int FT_Load_Char(nint face, nuint charCode, int flags);

    /// <summary>
    /// Each character of <paramref name="characters"/> rendered black on white at <paramref name="pixelSize"/>, cut to its
    /// ink; characters the font lacks are left out. Empty when FreeType or the font cannot be loaded (never throws).
    /// </summary>
    public static IReadOnlyList<(char Character, GrayImage Image)> Render(string fontPath, int faceIndex, string characters, int pixelSize)
    {
        var glyphs = new List<(char, GrayImage)>();
        if (!File.Exists(fontPath) || !NativeLibrary.TryLoad(Library, typeof(FreeType).Assembly, null, out _)) return glyphs;
        try
        {
            if (FT_Init_FreeType(out var library) != 0) return glyphs;
            try
            {
                if (FT_New_Face(library, fontPath, faceIndex, out var face) != 0) return glyphs;
                try
                {
                    if (FT_Set_Pixel_Sizes(face, 0, (uint)pixelSize) != 0) return glyphs;
                    foreach (var c in characters)
                        if (FT_Load_Char(face, c, LoadRender) == 0 && ReadSlot(face) is { } image) glyphs.Add((c, image));
                }
                finally { FT_Done_Face(face); }
            }
            finally { FT_Done_FreeType(library); }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { glyphs.Clear(); }
        return glyphs;
    }

    private static GrayImage? ReadSlot(nint face)
    {
        var slot = *(byte**)((byte*)face + FaceGlyphOffset);
        var bitmap = slot + SlotBitmapOffset;
        var rows = *(int*)bitmap;
        var width = *(int*)(bitmap + 4);
        var pitch = *(int*)(bitmap + 8);
        var buffer = *(byte**)(bitmap + 16);
        if (rows <= 0 || width <= 0 || buffer == null || pitch < width) return null;
        var image = new GrayImage(width, rows);
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < width; x++)
                image[x, y] = (byte)(255 - buffer[y * pitch + x]); // FreeType coverage: 255 = ink
        return image;
    }
}
