using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Ocr;

/// <summary>How a region is read: free Chinese text, or a figure (digits, separators, sign).</summary>
public enum OcrMode { Text, Numeric }

/// <summary>Recognised text of one region with its mean confidence in 0..1.</summary>
public sealed record OcrText(string Text, double Confidence);

/// <summary>A recognised word with its box in image pixels and confidence in 0..1.</summary>
public sealed record OcrWord(string Text, PixelRect Box, double Confidence);
