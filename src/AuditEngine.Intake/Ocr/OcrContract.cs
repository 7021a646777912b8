using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>How a region is read: free Chinese text, or a figure (digits, separators, sign).</summary>
public enum OcrMode { Text, Numeric }

/// <summary>Recognised text of one region with its mean confidence in 0..1.</summary>
public sealed record OcrText(string Text, double Confidence);

/// <summary>A recognised word with its box in image pixels and confidence in 0..1.</summary>
public sealed record OcrWord(string Text, PixelRect Box, double Confidence);

/// <summary>One symbol of a raw line with its box in page pixels, its confidence in 0..1, and whether a word starts with it.</summary>
internal sealed record LineSymbol(string Text, PixelRect Box, double Confidence, bool StartsWord);

/// <summary>A line read as a raw line: the reading, its symbols, and the box of the line's ink in page pixels.</summary>
internal sealed record RawLine(OcrText Read, IReadOnlyList<LineSymbol> Symbols, PixelRect Ink)
{
    public static readonly RawLine Blank = new(new OcrText("", 1), [], default);
}
