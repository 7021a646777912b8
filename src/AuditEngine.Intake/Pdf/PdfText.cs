using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>A word of the PDF text layer with its box in PDF points (origin top-left, as pdftotext reports it).</summary>
public sealed record PdfWord(string Text, BoundingBox Box);

/// <summary>A text line as pdftotext grouped it; <see cref="Block"/> numbers the line's block on its page.</summary>
public sealed record PdfLine(IReadOnlyList<PdfWord> Words, BoundingBox Box, int Block);

/// <summary>The text layer of one page: its size in points and its lines in pdftotext's reading order.</summary>
public sealed record PdfTextPage(int Number, double Width, double Height, IReadOnlyList<PdfLine> Lines)
{
    public int CharacterCount => Lines.Sum(l => l.Words.Sum(w => w.Text.Length));
}
