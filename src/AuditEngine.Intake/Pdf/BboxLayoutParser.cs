using System.Globalization;
using System.Xml;
using AuditEngine.Model;

namespace AuditEngine.Intake.Pdf;

/// <summary>Parses the XHTML that <c>pdftotext -bbox-layout</c> writes (page / flow / block / line / word).</summary>
internal static class BboxLayoutParser
{
    public static List<PdfTextPage> Parse(Stream xhtml)
    {
        var settings = new XmlReaderSettings
        {
            // pdftotext declares the XHTML DTD; resolving it would go to the network.
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            // Text layers of broken PDFs carry control characters XML forbids; keep reading instead of failing.
            CheckCharacters = false,
            IgnoreWhitespace = true,
        };
        var pages = new List<PdfTextPage>();
        using var reader = XmlReader.Create(xhtml, settings);
        double width = 0, height = 0;
        var lines = new List<PdfLine>();
        var words = new List<PdfWord>();
        BoundingBox lineBox = default, wordBox = default;
        var wordText = new System.Text.StringBuilder();
        var inWord = false;
        var block = -1;
        var inPage = false;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "page":
                        width = Number(reader, "width");
                        height = Number(reader, "height");
                        lines = [];
                        block = -1;
                        inPage = true;
                        if (reader.IsEmptyElement) { pages.Add(new PdfTextPage(pages.Count + 1, width, height, lines)); inPage = false; }
                        break;
                    case "block":
                        block++;
                        break;
                    case "line":
                        lineBox = Box(reader);
                        words = [];
                        break;
                    case "word":
                        wordBox = Box(reader);
                        wordText.Clear();
                        inWord = !reader.IsEmptyElement;
                        break;
                }
            }
            else if (inWord && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                wordText.Append(reader.Value);
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.LocalName == "word" && inWord)
                {
                    inWord = false;
                    var text = wordText.ToString().Trim();
                    if (text.Length > 0) words.Add(new PdfWord(text, wordBox));
                }
                else if (reader.LocalName == "line") EndLine();
                else if (reader.LocalName == "page" && inPage)
                {
                    pages.Add(new PdfTextPage(pages.Count + 1, width, height, lines));
                    inPage = false;
                }
            }
        }
        return pages;

        void EndLine()
        {
            if (words.Count > 0) lines.Add(new PdfLine(words, lineBox, Math.Max(block, 0)));
            words = [];
        }
    }

    private static BoundingBox Box(XmlReader r)
    {
        var x0 = Number(r, "xMin");
        var y0 = Number(r, "yMin");
        return new BoundingBox(x0, y0, Number(r, "xMax") - x0, Number(r, "yMax") - y0);
    }

    private static double Number(XmlReader r, string name) =>
        double.TryParse(r.GetAttribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
