namespace AuditEngine.Intake.Ocr;

/// <summary>
/// What Tesseract was asked on the calling thread since <see cref="Reset"/>: recognitions, characters returned and
/// thread CPU seconds, by engine. The intake bench prints it per page to show where a page's time goes; counting costs
/// two clock reads per recognition.
/// </summary>
internal static class OcrTally
{
    [ThreadStatic] private static Counts? current;

    public static Counts Current => current ??= new Counts();

    public static void Reset() => current = new Counts();

    internal static void Add(bool numeric, bool enlarged, int characters, double cpuSeconds)
    {
        var c = Current;
        if (numeric) { c.NumericCalls++; c.NumericCharacters += characters; c.NumericCpu += cpuSeconds; }
        else { c.TextCalls++; c.TextCharacters += characters; c.TextCpu += cpuSeconds; }
        if (enlarged) c.EnlargedCalls++;
    }

    internal sealed class Counts
    {
        public int TextCalls, NumericCalls, EnlargedCalls, TextCharacters, NumericCharacters;

        /// <summary>Narrative raw lines: figures the glyph templates confirmed, stretches read again, lines read again whole.</summary>
        public int FiguresChecked, StretchesReread, LinesReread;
        public double TextCpu, NumericCpu;
    }
}
