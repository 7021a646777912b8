using System.Globalization;
using System.IO.Compression;
using System.Text;
using AuditEngine.Intake.Raster;

namespace AuditEngine.SampleGen;

/// <summary>
/// Writes an image-only PDF, one page per scan, the way scanner software does: each page is a single 8-bit
/// DeviceGray image XObject drawn over the whole page, with no text layer. JPEG pages are embedded as they are
/// (DCTDecode), others are Flate-compressed. The page size comes from the pixel size and the dpi, so an A4 scan
/// yields an A4 page.
/// </summary>
public static class ScannedPdfWriter
{
    public sealed record Page(GrayImage Image, byte[]? Jpeg);

    public static void Write(string path, IReadOnlyList<Page> pages, int dpi)
    {
        if (pages.Count == 0) throw new ArgumentException("a PDF needs at least one page", nameof(pages));
        using var file = File.Create(path);
        var pdf = new PdfObjectWriter(file);
        pdf.Raw("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n");

        // Object numbers: 1 catalog, 2 page tree, then per page: page, content, image.
        var pageIds = Enumerable.Range(0, pages.Count).Select(i => 3 + 3 * i).ToList();
        pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Object(2, $"<< /Type /Pages /Kids [{string.Join(" ", pageIds.Select(id => $"{id} 0 R"))}] /Count {pages.Count} >>");
        for (var i = 0; i < pages.Count; i++)
        {
            var (image, jpeg) = (pages[i].Image, pages[i].Jpeg);
            var id = pageIds[i];
            var width = Points(image.Width, dpi);
            var height = Points(image.Height, dpi);
            pdf.Object(id, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] " +
                           $"/Resources << /XObject << /Im0 {id + 2} 0 R >> >> /Contents {id + 1} 0 R >>");
            pdf.Stream(id + 1, "", Encoding.ASCII.GetBytes($"q {width} 0 0 {height} 0 0 cm /Im0 Do Q\n"));
            var imageDict = $"/Type /XObject /Subtype /Image /Width {image.Width} /Height {image.Height} " +
                            "/ColorSpace /DeviceGray /BitsPerComponent 8 ";
            if (jpeg is not null) pdf.Stream(id + 2, imageDict + "/Filter /DCTDecode", jpeg);
            else pdf.Stream(id + 2, imageDict + "/Filter /FlateDecode", Deflate(image.Pixels));
        }
        pdf.Finish(rootId: 1);
    }

    private static string Points(int pixels, int dpi) => (pixels * 72.0 / dpi).ToString("0.###", CultureInfo.InvariantCulture);

    private static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var z = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true)) z.Write(data);
        return buffer.ToArray();
    }

    /// <summary>Tracks byte offsets of numbered objects so the cross-reference table is exact.</summary>
    private sealed class PdfObjectWriter(Stream output)
    {
        private readonly SortedDictionary<int, long> _offsets = new();

        public void Raw(string text) => output.Write(Encoding.Latin1.GetBytes(text));

        public void Object(int id, string body)
        {
            _offsets[id] = output.Position;
            Raw($"{id} 0 obj\n{body}\nendobj\n");
        }

        public void Stream(int id, string dictionary, byte[] data)
        {
            _offsets[id] = output.Position;
            Raw($"{id} 0 obj\n<< {dictionary} /Length {data.Length} >>\nstream\n");
            output.Write(data);
            Raw("\nendstream\nendobj\n");
        }

        public void Finish(int rootId)
        {
            var xref = output.Position;
            var count = _offsets.Keys.Max() + 1;
            var sb = new StringBuilder();
            sb.Append($"xref\n0 {count}\n0000000000 65535 f \n");
            for (var id = 1; id < count; id++)
                sb.Append(_offsets.TryGetValue(id, out var at) ? $"{at:D10} 00000 n \n" : "0000000000 65535 f \n");
            sb.Append($"trailer\n<< /Size {count} /Root {rootId} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            Raw(sb.ToString());
        }
    }
}
