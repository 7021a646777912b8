using AuditEngine.Model;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordParagraph = DocumentFormat.OpenXml.Wordprocessing.Paragraph;

namespace AuditEngine.Intake.Office;

/// <summary>
/// Reads a DOCX body in document order: paragraphs (headings included) become paragraph blocks, tables become layout
/// tables. DOCX has no fixed pages, so everything is on page 1 and <see cref="LayoutBlock.Line"/> is a running
/// number — one per paragraph and one per table row — that evidence can point at.
/// Headers, footers, text boxes and footnotes are not read: disclosures keep their figures in the body.
/// </summary>
public static class DocxReader
{
    private const string Kind = "DOCX";

    public static Layout Read(byte[] bytes, string name)
    {
        OfficeFailure.RejectNonPackage(bytes, name, Kind);
        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(bytes, writable: false), isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                       ?? throw new IntakeException(name, "DOCX 文件没有正文部分，无法读取");
            var layout = new Layout { Source = name };
            layout.Pages.Add(new LayoutPage { Number = 1 });
            ReadBody(body, layout);
            return layout;
        }
        catch (Exception ex) when (ex is not IntakeException && OfficeFailure.IsDamage(ex))
        {
            throw OfficeFailure.Damaged(name, Kind, ex);
        }
    }

    private static void ReadBody(Body body, Layout layout)
    {
        var line = 0;
        int NextLine() => ++line;
        foreach (var block in DocxText.Blocks(body))
        {
            switch (block)
            {
                case WordParagraph p:
                    var text = DocxText.Paragraph(p);
                    if (text.Length > 0) layout.Blocks.Add(new AuditEngine.Model.Paragraph { Text = text, Line = NextLine() });
                    break;
                case Table t:
                    if (DocxTableReader.Read(t, NextLine) is { } table) layout.Blocks.Add(table);
                    break;
                case AltChunk:
                    // Some web-to-Word exporters put the whole content in an embedded HTML chunk that Word renders
                    // on open; its text is not in the body, so say so rather than return a silently empty document.
                    layout.Notes.Add(new ExtractionNote("DOCX 中含有嵌入的外部内容块（altChunk，常见于网页导出的文档），其内容未能读取，请用 Word 另存为标准 DOCX 后重新上传",
                        new Provenance(Page: 1, Line: line + 1)));
                    break;
            }
        }
    }
}
