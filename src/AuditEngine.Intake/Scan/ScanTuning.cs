namespace AuditEngine.Intake.Scan;

/// <summary>
/// How <see cref="ScanReader"/> hands text to Tesseract. <see cref="Current"/> is what docs/benchmarks.md measured
/// best; <see cref="Previous"/> is the path before it, kept so the intake bench (<c>--intake --compare</c>) can time
/// both on the same pages in one run on a shared machine.
/// </summary>
/// <param name="RawLines">
/// Text cells that print one line are read as raw lines (page-segmentation mode 13) with the glyphs taking
/// <see cref="LineGlyphShare"/> of the image height, instead of as a single block that Tesseract lays out itself.
/// </param>
internal sealed record ScanTuning(bool RawLines)
{
    /// <summary>
    /// Share of the image height the glyphs of a raw line take. Tesseract scales the line to the LSTM's 48 px input,
    /// whose cost is per column: half the height is about two thirds of the columns a laid-out line gets. Measured on
    /// langfang's 13 pages at 300 dpi: 0.75 no faster, 0.6 and 0.5 faster with the same characters read.
    /// </summary>
    public const double LineGlyphShare = 0.5;

    /// <summary>Pages scanned at less than this resolution read every text cell as a block.</summary>
    public const int MinRawLineDpi = 300;

    public static readonly ScanTuning Current = new(RawLines: true);
    public static readonly ScanTuning Previous = new(RawLines: false);
}
