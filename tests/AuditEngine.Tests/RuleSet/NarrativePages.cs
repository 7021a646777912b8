using AuditEngine.Model;
using AuditEngine.Recognition;

namespace AuditEngine.Tests.RuleSetTests;

/// <summary>
/// A small disclosure as intake would hand it over: a cover on page 1 and narrative lines on a later page, printed or
/// read by OCR (confidence below 1), recognised and given its document type.
/// </summary>
internal static class NarrativePages
{
    public static Disclosure Recognise(DocumentType type, string[] cover, string[] lines, bool scanned = false, int page = 5)
    {
        var confidence = scanned ? 0.9 : 1.0;
        var layout = new Layout { Source = "t.pdf" };
        layout.Pages.Add(new LayoutPage { Number = 1, Scanned = scanned });
        if (page != 1) layout.Pages.Add(new LayoutPage { Number = page, Scanned = scanned });
        foreach (var t in cover) layout.Blocks.Add(new Paragraph { Text = t, Page = 1, Confidence = confidence });
        foreach (var t in lines) layout.Blocks.Add(new Paragraph { Text = t, Page = page, Confidence = confidence });
        var doc = Recognizer.Recognise(layout);
        doc.Type = type;
        return doc;
    }
}
