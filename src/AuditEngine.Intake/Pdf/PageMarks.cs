using System.Text.RegularExpressions;

namespace AuditEngine.Intake.Pdf;

/// <summary>
/// Page furniture that must not reach the layout: page numbers would sit between a table and its continuation on
/// the next page and stop recognition from joining them.
/// </summary>
internal static partial class PageMarks
{
    /// <summary>Top or bottom band of the page where a bare number is a page number rather than content.</summary>
    private const double MarginShare = 0.12;

    public static bool IsPageNumber(string text, double top, double bottom, double pageHeight)
    {
        var t = text.Replace(" ", "").Replace("\u3000", "");
        if (Decorated().IsMatch(t)) return true;
        var inMargin = bottom <= pageHeight * MarginShare || top >= pageHeight * (1 - MarginShare);
        return inMargin && Bare().IsMatch(t);
    }

    [GeneratedRegex(@"^(?:[-–—－~]\d{1,4}[-–—－~]|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|[Pp]age\d{1,4}(?:of\d{1,4})?)$")]
    private static partial Regex Decorated();

    [GeneratedRegex(@"^\d{1,4}(?:/\d{1,4})?$")]
    private static partial Regex Bare();
}
