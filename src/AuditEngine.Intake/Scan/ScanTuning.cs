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
/// <param name="NarrativeLines">
/// Narrative lines are read as raw lines, narrowed to <see cref="NarrativeSqueeze"/> of their width, with their
/// figures checked by glyph templates or read again as blocks and their doubtful symbols read again
/// (<see cref="NarrativeLine"/>), instead of each line as a block.
/// </param>
/// <param name="Aligned">
/// Narrative stretches whose careful read could not be placed by its neighbours are placed by position where that is
/// unambiguous, and fewer stretches are read again (<see cref="NarrativeLine"/>).
/// </param>
internal sealed record ScanTuning(bool RawLines, bool NarrativeLines, bool Aligned)
{
    /// <summary>
    /// Share of the image height the glyphs of a raw line take. Tesseract scales the line to the LSTM's 48 px input,
    /// whose cost is per column: half the height is about two thirds of the columns a laid-out line gets. Measured on
    /// langfang's 13 pages at 300 dpi: 0.75 no faster, 0.6 and 0.5 faster with the same characters read.
    /// </summary>
    public const double LineGlyphShare = 0.5;

    /// <summary>
    /// Width scale of narrative raw lines. Measured on langfang's narrative page (300 dpi, 47 lines, characters that
    /// differ from the block reading after figures are re-read): 1.0 2.23 s 8, 0.8 1.87 s 9, 0.75 2.09 s 17 (more
    /// re-reads), 0.7 2.64 s 22; Han characters survive 0.8, digits and marks are what suffer and are re-read.
    /// </summary>
    public const double NarrativeSqueeze = 0.8;

    /// <summary>Pages scanned at less than this resolution read every text cell as a block.</summary>
    public const int MinRawLineDpi = 300;

    public static readonly ScanTuning Current = new(RawLines: true, NarrativeLines: true, Aligned: true);
    public static readonly ScanTuning Previous = new(RawLines: true, NarrativeLines: true, Aligned: false);
}
