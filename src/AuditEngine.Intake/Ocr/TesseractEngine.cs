using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>
/// One initialised TessBaseAPI handle. A handle is not thread-safe, so each engine belongs to exactly one thread
/// (see <see cref="Tesseract"/>'s per-thread pool) and is reused for every region that thread reads.
/// </summary>
internal sealed unsafe class TesseractEngine : IDisposable
{
    private nint handle;
    private readonly int pageSegMode;

    public TesseractEngine(string dataPath, string language, int pageSegMode, IEnumerable<KeyValuePair<string, string>> variables)
    {
        this.pageSegMode = pageSegMode;
        handle = TessApi.TessBaseAPICreate();
        if (handle == 0) throw new InvalidOperationException("TessBaseAPICreate failed");
        try
        {
            // debug_file is a global parameter, so it silences the messages Init itself prints too.
            TessApi.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
            if (TessApi.TessBaseAPIInit3(handle, dataPath, language) != 0)
                throw new InvalidOperationException($"Tesseract 无法加载语言数据 cannot load traineddata '{language}' from {dataPath}");
            foreach (var (name, value) in variables)
                if (TessApi.TessBaseAPISetVariable(handle, name, value) == 0)
                    throw new InvalidOperationException($"Tesseract rejected variable {name}={value}");
            TessApi.TessBaseAPISetPageSegMode(handle, pageSegMode);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Recognises the whole of <paramref name="image"/> and returns the raw UTF-8 text and mean confidence (0..100).</summary>
    public (string Text, int Confidence) Read(GrayImage image, int sourceDpi)
    {
        SetImage(image, sourceDpi);
        try
        {
            var text = TessApi.TakeText(TessApi.TessBaseAPIGetUTF8Text(handle));
            return (text, TessApi.TessBaseAPIMeanTextConf(handle));
        }
        finally { TessApi.TessBaseAPIClear(handle); }
    }

    /// <summary>
    /// Recognises <paramref name="image"/> as one raw line (page-segmentation mode 13) and returns its text, mean
    /// confidence (0..100), and its symbols with their boxes in <paramref name="image"/>'s pixels.
    /// </summary>
    public (string Text, int Confidence, List<RawSymbol> Symbols) ReadRawLine(GrayImage image, int sourceDpi)
    {
        SetImage(image, sourceDpi);
        TessApi.TessBaseAPISetPageSegMode(handle, TessApi.PsmRawLine);
        try
        {
            var text = TessApi.TakeText(TessApi.TessBaseAPIGetUTF8Text(handle));
            var confidence = TessApi.TessBaseAPIMeanTextConf(handle);
            var symbols = new List<RawSymbol>();
            var iterator = TessApi.TessBaseAPIGetIterator(handle);
            if (iterator != 0)
            {
                try
                {
                    var page = TessApi.TessResultIteratorGetPageIteratorConst(iterator);
                    do
                    {
                        var symbol = TessApi.TakeText(TessApi.TessResultIteratorGetUTF8Text(iterator, TessApi.RilSymbol));
                        if (symbol.Length > 0 && TessApi.TessPageIteratorBoundingBox(page, TessApi.RilSymbol, out var l, out var t, out var r, out var b) != 0)
                            symbols.Add(new RawSymbol(symbol, l, t, r, b, TessApi.TessResultIteratorConfidence(iterator, TessApi.RilSymbol),
                                TessApi.TessPageIteratorIsAtBeginningOf(page, TessApi.RilWord) != 0));
                    }
                    while (TessApi.TessResultIteratorNext(iterator, TessApi.RilSymbol) != 0);
                }
                finally { TessApi.TessResultIteratorDelete(iterator); }
            }
            return (text, confidence, symbols);
        }
        finally
        {
            TessApi.TessBaseAPIClear(handle);
            TessApi.TessBaseAPISetPageSegMode(handle, pageSegMode);
        }
    }

    /// <summary>Recognises <paramref name="image"/> and lists its words with boxes in <paramref name="image"/>'s pixels.</summary>
    public List<(string Text, int Left, int Top, int Right, int Bottom, float Confidence)> ReadWords(GrayImage image, int sourceDpi)
    {
        SetImage(image, sourceDpi);
        var words = new List<(string, int, int, int, int, float)>();
        try
        {
            if (TessApi.TessBaseAPIRecognize(handle, 0) != 0) return words;
            var iterator = TessApi.TessBaseAPIGetIterator(handle);
            if (iterator == 0) return words;
            try
            {
                var page = TessApi.TessResultIteratorGetPageIteratorConst(iterator);
                do
                {
                    var text = TessApi.TakeText(TessApi.TessResultIteratorGetUTF8Text(iterator, TessApi.RilWord));
                    if (text.Length == 0) continue;
                    if (TessApi.TessPageIteratorBoundingBox(page, TessApi.RilWord, out var left, out var top, out var right, out var bottom) == 0) continue;
                    words.Add((text, left, top, right, bottom, TessApi.TessResultIteratorConfidence(iterator, TessApi.RilWord)));
                }
                while (TessApi.TessResultIteratorNext(iterator, TessApi.RilWord) != 0);
            }
            finally { TessApi.TessResultIteratorDelete(iterator); }
            return words;
        }
        finally { TessApi.TessBaseAPIClear(handle); }
    }

    private void SetImage(GrayImage image, int sourceDpi)
    {
        ObjectDisposedException.ThrowIf(handle == 0, this);
        fixed (byte* pixels = image.Pixels)
            TessApi.TessBaseAPISetImage(handle, pixels, image.Width, image.Height, 1, image.Width);
        // Without a resolution Tesseract guesses one from the glyph sizes and logs about it.
        TessApi.TessBaseAPISetSourceResolution(handle, sourceDpi);
    }

    public void Dispose()
    {
        if (handle == 0) return;
        TessApi.TessBaseAPIEnd(handle);
        TessApi.TessBaseAPIDelete(handle);
        handle = 0;
    }
}

/// <summary>One symbol of a raw line: its text, box (image pixels, top-left origin), confidence (0..100), and whether a word starts with it.</summary>
internal readonly record struct RawSymbol(string Text, int Left, int Top, int Right, int Bottom, float Confidence, bool StartsWord);
