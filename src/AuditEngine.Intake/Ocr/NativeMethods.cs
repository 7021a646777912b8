using System.Runtime.InteropServices;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// The slice of Tesseract's C API (tesseract/capi.h, libtesseract5 5.3) the OCR engines use. Bound by the Debian
/// runtime soname so only the runtime package is needed, never the -dev headers.
/// </summary>
internal static unsafe partial class TessApi
{
    public const string Library = "libtesseract.so.5";

    // TessPageSegMode values (capi.h enum order).
    public const int PsmSingleBlock = 6;
    public const int PsmSingleLine = 7;
    public const int PsmRawLine = 13;

    // TessPageIteratorLevel values.
    public const int RilWord = 3;
    public const int RilSymbol = 4;

    [LibraryImport(Library)] public static partial nint TessBaseAPICreate();
    [LibraryImport(Library)] public static partial void TessBaseAPIDelete(nint handle);
    [LibraryImport(Library)] public static partial void TessBaseAPIEnd(nint handle);
    [LibraryImport(Library)] public static partial nint TessVersion();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(nint handle, string name, string value);

    /// <summary>Returns 0 on success, -1 when the traineddata cannot be loaded.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit3(nint handle, string dataPath, string language);

    [LibraryImport(Library)] public static partial void TessBaseAPISetPageSegMode(nint handle, int mode);

    /// <summary>Tesseract copies the pixels into its own Pix, so the buffer only has to stay pinned for the call.</summary>
    [LibraryImport(Library)]
    public static partial void TessBaseAPISetImage(nint handle, byte* data, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library)] public static partial void TessBaseAPISetSourceResolution(nint handle, int ppi);
    [LibraryImport(Library)] public static partial int TessBaseAPIRecognize(nint handle, nint monitor);
    [LibraryImport(Library)] public static partial nint TessBaseAPIGetUTF8Text(nint handle);
    [LibraryImport(Library)] public static partial int TessBaseAPIMeanTextConf(nint handle);
    [LibraryImport(Library)] public static partial void TessDeleteText(nint text);
    [LibraryImport(Library)] public static partial void TessBaseAPIClear(nint handle);

    [LibraryImport(Library)] public static partial nint TessBaseAPIGetIterator(nint handle);
    [LibraryImport(Library)] public static partial void TessResultIteratorDelete(nint iterator);
    [LibraryImport(Library)] public static partial int TessResultIteratorNext(nint iterator, int level);
    [LibraryImport(Library)] public static partial nint TessResultIteratorGetUTF8Text(nint iterator, int level);
    [LibraryImport(Library)] public static partial float TessResultIteratorConfidence(nint iterator, int level);
    [LibraryImport(Library)] public static partial nint TessResultIteratorGetPageIteratorConst(nint iterator);

    [LibraryImport(Library)] public static partial int TessPageIteratorIsAtBeginningOf(nint pageIterator, int level);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorBoundingBox(nint pageIterator, int level, out int left, out int top, out int right, out int bottom);

    /// <summary>Copies a Tesseract-owned UTF-8 string and frees it with TessDeleteText.</summary>
    public static string TakeText(nint text)
    {
        if (text == 0) return "";
        try { return Marshal.PtrToStringUTF8(text) ?? ""; }
        finally { TessDeleteText(text); }
    }
}

/// <summary>The slice of Leptonica (allheaders.h, liblept5 1.82) used for decoding, skew and rotation.</summary>
internal static unsafe partial class LeptApi
{
    public const string Library = "liblept.so.5";

    public const int RotateAreaMap = 1;   // L_ROTATE_AREA_MAP
    public const int BringInWhite = 1;    // L_BRING_IN_WHITE
    public const int SeverityNone = 6;    // L_SEVERITY_NONE

    [LibraryImport(Library)] public static partial int setMsgSeverity(int severity);
    [LibraryImport(Library)] public static partial nint pixReadMem(byte* data, nuint size);

    [LibraryImport(Library)]
    public static partial int pixReadHeaderMem(byte* data, nuint size, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int isColormapped);

    [LibraryImport(Library)] public static partial nint pixCreate(int width, int height, int depth);
    [LibraryImport(Library)] public static partial void pixDestroy(ref nint pix);
    [LibraryImport(Library)] public static partial int pixGetWidth(nint pix);
    [LibraryImport(Library)] public static partial int pixGetHeight(nint pix);
    [LibraryImport(Library)] public static partial int pixGetDepth(nint pix);
    [LibraryImport(Library)] public static partial int pixGetWpl(nint pix);
    [LibraryImport(Library)] public static partial uint* pixGetData(nint pix);
    [LibraryImport(Library)] public static partial nint pixConvertTo8(nint pix, int colormapFlag);
    [LibraryImport(Library)] public static partial nint pixThresholdToBinary(nint pix, int threshold);
    [LibraryImport(Library)] public static partial int pixFindSkew(nint pix, out float angleDegrees, out float confidence);
    [LibraryImport(Library)] public static partial nint pixRotate(nint pix, float angleRadians, int type, int incolor, int width, int height);
    [LibraryImport(Library)] public static partial int pixWriteMemJpeg(out nint data, out nuint size, nint pix, int quality, int progressive);
    [LibraryImport(Library)] public static partial int pixWriteMemPng(out nint data, out nuint size, nint pix, float gamma);
    [LibraryImport(Library)] public static partial void lept_free(nint pointer);

    /// <summary>Destroys a Pix handle when the caller is done; null handles are fine.</summary>
    public static void Destroy(nint pix)
    {
        if (pix != 0) pixDestroy(ref pix);
    }
}
