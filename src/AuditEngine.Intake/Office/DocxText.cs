using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace AuditEngine.Intake.Office;

/// <summary>Visible text of Word paragraphs and cells, in the order Word shows it.</summary>
internal static class DocxText
{
    /// <summary>
    /// Block-level children with content-control and custom-XML wrappers opened up: a table or paragraph inside
    /// <c>w:sdt</c> is still part of the body's reading order.
    /// </summary>
    public static IEnumerable<OpenXmlElement> Blocks(OpenXmlElement parent)
    {
        foreach (var child in parent.ChildElements)
        {
            if (child is SdtBlock or SdtContentBlock or CustomXmlBlock or SdtRow or SdtContentRow or CustomXmlRow
                or SdtCell or SdtContentCell or CustomXmlCell)
            {
                foreach (var inner in Blocks(child)) yield return inner;
            }
            else
            {
                yield return child;
            }
        }
    }

    public static string Paragraph(WordParagraph paragraph)
    {
        var sb = new StringBuilder();
        Append(paragraph, sb);
        return sb.ToString().Trim();
    }

    /// <summary>A cell's paragraphs joined by line breaks; a nested table contributes one line per row.</summary>
    public static string Cell(TableCell cell)
    {
        var lines = new List<string>();
        foreach (var block in Blocks(cell))
        {
            switch (block)
            {
                case WordParagraph p:
                    lines.Add(Paragraph(p));
                    break;
                case Table nested:
                    foreach (var row in Blocks(nested).OfType<TableRow>())
                        lines.Add(string.Join(" ", Blocks(row).OfType<TableCell>().Select(Cell).Where(t => t.Length > 0)));
                    break;
            }
        }
        return string.Join("\n", lines.Where(l => l.Length > 0));
    }

    private static void Append(OpenXmlElement element, StringBuilder sb)
    {
        switch (element)
        {
            case Text t:
                sb.Append(t.Text);
                return;
            case TabChar or PositionalTab:
                sb.Append(' ');
                return;
            case Break br:
                // Page and column breaks move text, they do not separate words on a line.
                if (br.Type is null || !br.Type.HasValue || br.Type.Value == BreakValues.TextWrapping) sb.Append('\n');
                return;
            case CarriageReturn:
                sb.Append('\n');
                return;
            case NoBreakHyphen:
                sb.Append('-');
                return;
            // Deleted revisions and field instructions are not shown; drawings and text boxes float outside the flow.
            case DeletedRun or DeletedText or FieldCode or DeletedFieldCode or ParagraphProperties or RunProperties
                or Drawing or Picture or EmbeddedObject or AlternateContent or TextBoxContent:
                return;
        }
        foreach (var child in element.ChildElements) Append(child, sb);
    }
}
