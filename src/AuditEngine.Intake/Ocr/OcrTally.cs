namespace AuditEngine.Intake.Ocr;

/// <summary>
/// What Tesseract was asked on the calling thread since <see cref="Reset"/>: recognitions, characters returned and
/// thread CPU seconds, by engine and by what the reader was doing (<see cref="Stage"/>). The intake bench prints it per
/// page to show where a page's time goes; counting costs two clock reads per recognition or stage.
/// </summary>
internal static class OcrTally
{
    [ThreadStatic] private static Counts? current;
    [ThreadStatic] private static string? stage;

    public static Counts Current => current ??= new Counts();

    public static void Reset() => current = new Counts();

    internal static void Add(bool numeric, bool enlarged, int characters, double cpuSeconds)
    {
        var c = Current;
        if (numeric) { c.NumericCalls++; c.NumericCharacters += characters; c.NumericCpu += cpuSeconds; }
        else { c.TextCalls++; c.TextCharacters += characters; c.TextCpu += cpuSeconds; }
        if (enlarged) c.EnlargedCalls++;
        var key = (stage ?? "other") + (numeric ? ":eng" : "");
        var (calls, chars, cpu) = c.Recognitions.GetValueOrDefault(key);
        c.Recognitions[key] = (calls + 1, chars + characters, cpu + cpuSeconds);
    }

    /// <summary>
    /// Names what the calling thread does until the scope is disposed: its CPU (recognitions included) is added to
    /// <see cref="Counts.Stages"/> and its recognitions to <see cref="Counts.Recognitions"/> under that name.
    /// </summary>
    public static StageScope Stage(string name) => new(name);

    internal readonly struct StageScope : IDisposable
    {
        private readonly string? outer;
        private readonly string name;
        private readonly double start;

        public StageScope(string name)
        {
            (outer, this.name, start) = (stage, name, LibC.ThreadCpuSeconds());
            stage = name;
        }

        public void Dispose()
        {
            stage = outer;
            var stages = Current.Stages;
            stages[name] = stages.GetValueOrDefault(name) + LibC.ThreadCpuSeconds() - start;
        }
    }

    internal sealed class Counts
    {
        public int TextCalls, NumericCalls, EnlargedCalls, TextCharacters, NumericCharacters;

        /// <summary>
        /// Narrative raw lines: figures the glyph templates confirmed, stretches read again, of those placed by position
        /// with their neighbours, lines read again whole.
        /// </summary>
        public int FiguresChecked, StretchesReread, StretchesAligned, LinesReread;
        public double TextCpu, NumericCpu;

        /// <summary>Thread CPU by stage, inclusive of the stages inside it.</summary>
        public Dictionary<string, double> Stages { get; } = [];

        /// <summary>Recognitions by the stage that asked for them (“:eng” for the digit engine).</summary>
        public Dictionary<string, (int Calls, int Characters, double Cpu)> Recognitions { get; } = [];
    }
}
