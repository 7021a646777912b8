using AuditEngine.Intake;
using System.Globalization;
using System.Text;

namespace AuditEngine.Tests.PdfOutput;

/// <summary>Reads produced PDFs back the way a reviewer's tools do: pdftotext for text, pdftoppm for pixels, pdfinfo for pages.</summary>
internal static class Poppler
{
    public static int Pages(byte[] pdf)
    {
        var info = Run("pdfinfo", pdf, []);
        var line = info.Split('\n').First(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return int.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>The text of one page, or of the region x,y,w,h (points) of it.</summary>
    public static string Text(byte[] pdf, int? page = null, (double X, double Y, double W, double H)? region = null)
    {
        var args = new List<string>();
        if (page is { } p) args.AddRange(["-f", p.ToString(CultureInfo.InvariantCulture), "-l", p.ToString(CultureInfo.InvariantCulture)]);
        if (region is { } r)
            args.AddRange(["-r", "72", "-x", I(r.X), "-y", I(r.Y), "-W", I(r.W), "-H", I(r.H)]);
        return Run("pdftotext", pdf, [.. args, "-enc", "UTF-8"], toStdout: true);
    }

    /// <summary>Text with all white space removed, so CJK words broken across lines still match.</summary>
    public static string Compact(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    /// <summary>One page rendered at dpi as RGB.</summary>
    public static RgbImage Render(byte[] pdf, int page, int dpi)
    {
        var folder = Directory.CreateTempSubdirectory("auditengine-ppm-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var prefix = Path.Combine(folder.FullName, "page");
            Exec("pdftoppm", ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", page.ToString(CultureInfo.InvariantCulture),
                "-l", page.ToString(CultureInfo.InvariantCulture), "-singlefile", input, prefix]);
            return RgbImage.ReadPpm(File.ReadAllBytes(prefix + ".ppm"));
        }
        finally { folder.Delete(true); }
    }

    private static string I(double v) => ((int)Math.Round(v)).ToString(CultureInfo.InvariantCulture);

    private static string Run(string tool, byte[] pdf, IReadOnlyList<string> args, bool toStdout = false)
    {
        var folder = Directory.CreateTempSubdirectory("auditengine-poppler-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.pdf");
            File.WriteAllBytes(input, pdf);
            return Exec(tool, toStdout ? [.. args, input, "-"] : [.. args, input]);
        }
        finally { folder.Delete(true); }
    }

    // The product's runner: a time limit, both pipes drained; nothing of a page's text is cut.
    private static string Exec(string tool, IReadOnlyList<string> args) =>
        ExternalTool.RunChecked(tool, args, TimeSpan.FromMinutes(2), maxCapturedChars: int.MaxValue);
}

/// <summary>An RGB raster read from pdftoppm's PPM output.</summary>
internal sealed class RgbImage(int width, int height, byte[] pixels)
{
    public int Width => width;
    public int Height => height;

    public (byte R, byte G, byte B) At(int x, int y)
    {
        var i = (y * width + x) * 3;
        return (pixels[i], pixels[i + 1], pixels[i + 2]);
    }

    public bool IsRed(int x, int y)
    {
        if (x < 0 || y < 0 || x >= width || y >= height) return false;
        var (r, g, b) = At(x, y);
        return r > 180 && g < 90 && b < 90;
    }

    /// <summary>Whether any pixel within radius of (x, y) is red.</summary>
    public bool RedNear(int x, int y, int radius)
    {
        for (var dy = -radius; dy <= radius; dy++)
            for (var dx = -radius; dx <= radius; dx++)
                if (IsRed(x + dx, y + dy)) return true;
        return false;
    }

    public int CountRed() { var n = 0; for (var y = 0; y < height; y++) for (var x = 0; x < width; x++) if (IsRed(x, y)) n++; return n; }

    public static RgbImage ReadPpm(byte[] ppm)
    {
        // P6 header: magic, width, height, maxval, each separated by white space, then one byte of white space.
        var pos = 0;
        string Token()
        {
            while (char.IsWhiteSpace((char)ppm[pos])) pos++;
            var start = pos;
            while (!char.IsWhiteSpace((char)ppm[pos])) pos++;
            return Encoding.ASCII.GetString(ppm, start, pos - start);
        }
        if (Token() != "P6") throw new InvalidDataException("not a binary PPM");
        var w = int.Parse(Token(), CultureInfo.InvariantCulture);
        var h = int.Parse(Token(), CultureInfo.InvariantCulture);
        Token();
        pos++;
        return new RgbImage(w, h, ppm[pos..(pos + w * h * 3)]);
    }
}
