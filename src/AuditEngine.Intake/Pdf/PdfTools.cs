using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AuditEngine.Intake.Raster;

namespace AuditEngine.Intake.Pdf;

/// <summary>What <c>pdfinfo</c> says about a document.</summary>
internal sealed record PdfDocumentInfo(int Pages, bool Encrypted, double Width, double Height);

/// <summary>
/// One PDF handed to poppler: the bytes are written once to a private temporary directory, the poppler tools are
/// run on that file, and the directory is removed on dispose. Every failure becomes an <see cref="IntakeException"/>
/// naming the uploaded file, in Chinese, because that is what reviewers read.
/// </summary>
internal sealed partial class PdfTools : IDisposable
{
    private static readonly TimeSpan InfoTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    /// <summary>Text layers beyond this are not budget disclosures but something pathological.</summary>
    private const long MaxTextLayerBytes = 256L * 1024 * 1024;

    private readonly string _directory;
    private readonly string _file;

    public string Name { get; }

    public PdfTools(byte[] bytes, string name)
    {
        Name = name;
        _directory = Path.Combine(Path.GetTempPath(), "auditengine-pdf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _file = Path.Combine(_directory, "document.pdf");
        File.WriteAllBytes(_file, bytes);
    }

    public void Dispose()
    {
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public PdfDocumentInfo Info()
    {
        var result = Run("pdfinfo", [_file], InfoTimeout);
        if (result.ExitCode != 0)
        {
            if (result.Error.Contains("password", StringComparison.OrdinalIgnoreCase))
                throw new IntakeException(Name, "PDF 已加密（需要打开密码），无法读取内容；请提供未加密的文件");
            throw new IntakeException(Name, "PDF 文件已损坏，无法解析（" + FirstLine(result.Error) + "）");
        }
        var pages = Field(result.Output, "Pages") is { } p && int.TryParse(p, out var n) ? n : 0;
        var encrypted = Field(result.Output, "Encrypted")?.StartsWith("yes", StringComparison.Ordinal) == true;
        double width = 0, height = 0;
        if (Field(result.Output, "Page size") is { } size && PageSize().Match(size) is { Success: true } m)
        {
            width = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            height = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        if (pages <= 0) throw new IntakeException(Name, "PDF 文件没有任何页面");
        return new PdfDocumentInfo(pages, encrypted, width, height);
    }

    /// <summary>The text layer of all pages with word boxes in points.</summary>
    public List<PdfTextPage> Text(int pageCount)
    {
        var output = Path.Combine(_directory, "text.html");
        var timeout = TimeSpan.FromSeconds(60 + pageCount);
        var result = Run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", _file, output], timeout);
        if (result.ExitCode != 0 || !File.Exists(output))
        {
            if (result.Error.Contains("password", StringComparison.OrdinalIgnoreCase) || result.Error.Contains("Copying of text", StringComparison.Ordinal))
                throw new IntakeException(Name, "PDF 已加密，不允许提取文字；请提供未加密的文件");
            throw new IntakeException(Name, "无法提取 PDF 文字层（" + FirstLine(result.Error) + "）");
        }
        if (new FileInfo(output).Length > MaxTextLayerBytes)
            throw new IntakeException(Name, "PDF 文字层异常庞大，已拒绝处理");
        using var stream = File.OpenRead(output);
        try
        {
            return BboxLayoutParser.Parse(stream);
        }
        catch (System.Xml.XmlException e)
        {
            throw new IntakeException(Name, "PDF 文字层无法解析", e);
        }
        finally
        {
            stream.Dispose();
            File.Delete(output);
        }
    }

    /// <summary>Renders pages <paramref name="first"/>..<paramref name="last"/> (1-based) as grayscale images.</summary>
    public List<GrayImage> Render(int first, int last, int dpi, bool antialiasVectors = true)
    {
        var prefix = Path.Combine(_directory, "page");
        var args = new List<string> { "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture) };
        // Rulings drawn crisp (no anti-aliasing) survive binarisation even when thinner than a pixel.
        if (!antialiasVectors) args.AddRange(["-aaVector", "no"]);
        args.AddRange([_file, prefix]);
        var result = Run("pdftoppm", args, TimeSpan.FromTicks(RenderTimeout.Ticks + TimeSpan.FromSeconds(5).Ticks * (last - first)));
        var files = Directory.GetFiles(_directory, "page*.pgm").OrderBy(PageNumberOf).ToList();
        try
        {
            if (result.ExitCode != 0 && files.Count == 0)
                throw new IntakeException(Name, $"无法渲染 PDF 第 {first} 页（{FirstLine(result.Error)}）");
            var images = new List<GrayImage>(files.Count);
            foreach (var f in files)
            {
                try { images.Add(GrayImage.FromPgm(File.ReadAllBytes(f))); }
                catch (InvalidDataException e) { throw new IntakeException(Name, $"PDF 第 {first + images.Count} 页渲染结果无法读取", e); }
            }
            if (images.Count != last - first + 1)
                throw new IntakeException(Name, $"PDF 第 {first}–{last} 页只渲染出 {images.Count} 页，文件可能已损坏");
            return images;
        }
        finally
        {
            foreach (var f in files) File.Delete(f);
        }
    }

    /// <summary>
    /// Renders pages <paramref name="first"/>..<paramref name="last"/> (1-based) in one pdftoppm run and yields them in
    /// page order as they arrive on its standard output (pdftoppm writes one binary PGM after another when given no
    /// output root). One run parses the document's embedded fonts once instead of once per batch, no page touches
    /// the disk, and the pipe's back-pressure keeps at most a page or two in memory while the caller works on the
    /// previous one. Abandoning the enumeration stops pdftoppm. With <paramref name="reuseBuffer"/> each page is read
    /// into the previous page's pixel buffer (same size): for callers done with a page before asking for the next.
    /// </summary>
    public IEnumerable<GrayImage> RenderStream(int first, int last, int dpi, bool antialiasVectors = true, bool reuseBuffer = false)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftoppm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-gray", "-r", dpi.ToString(CultureInfo.InvariantCulture), "-f", first.ToString(CultureInfo.InvariantCulture), "-l", last.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        // Rulings drawn crisp (no anti-aliasing) survive binarisation even when thinner than a pixel.
        if (!antialiasVectors) { start.ArgumentList.Add("-aaVector"); start.ArgumentList.Add("no"); }
        start.ArgumentList.Add(_file);
        var timeout = TimeSpan.FromTicks(RenderTimeout.Ticks + TimeSpan.FromSeconds(5).Ticks * (last - first));
        using var process = new System.Diagnostics.Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("pdftoppm is not installed (poppler-utils is required for PDF intake)", e);
        }
        var timedOut = false;
        using var timer = new Timer(_ =>
        {
            timedOut = true;
            // The run may have ended (and the process been disposed) just as the timer fired: nothing to stop then.
            try { process.Kill(entireProcessTree: true); } catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or ObjectDisposedException) { }
        }, null, timeout, Timeout.InfiniteTimeSpan);
        var error = DrainBounded(process.StandardError);
        var output = process.StandardOutput.BaseStream;
        var finished = false;
        byte[]? previous = null;
        try
        {
            for (var n = first; n <= last; n++)
            {
                GrayImage? image;
                try { image = GrayImage.ReadPgm(output, previous); }
                catch (InvalidDataException e) { throw new IntakeException(Name, $"PDF 第 {n} 页渲染结果无法读取", e); }
                catch (EndOfStreamException e) { throw Failure(n, e); }
                if (image is null) throw Failure(n, null);
                if (reuseBuffer) previous = image.Pixels;
                // The clock runs for pdftoppm, not for the caller: pages are read (OCR'd) between two renders, and a
                // scan of 13 pages at 2–5 s of OCR each overran the whole stream's 60 s + 5 s a page on a busy
                // machine. The timer stops while the caller holds a page, and each next page gets the full allowance.
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                yield return image;
                timer.Change(timeout, Timeout.InfiniteTimeSpan);
            }
            finished = true;
        }
        finally
        {
            if (!finished || !process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
                process.WaitForExit();
            }
        }

        IntakeException Failure(int page, Exception? inner)
        {
            if (!timedOut) process.WaitForExit(TimeSpan.FromSeconds(5));
            if (timedOut)
                return new IntakeException(Name, $"PDF 处理超时（pdftoppm 超过 {timeout.TotalSeconds:0} 秒），文件可能异常", new TimeoutException($"pdftoppm did not finish within {timeout.TotalSeconds:0} s"));
            var message = error.Wait(TimeSpan.FromSeconds(5)) ? error.Result : "";
            return page == first
                ? new IntakeException(Name, $"无法渲染 PDF 第 {first} 页（{FirstLine(message)}）", inner!)
                : new IntakeException(Name, $"PDF 第 {first}–{last} 页只渲染出 {page - first} 页，文件可能已损坏", inner!);
        }
    }

    /// <summary>Keeps the first part of a text stream and drains the rest, so the child never blocks on a full pipe.</summary>
    private static async Task<string> DrainBounded(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            if (kept.Length < 64 * 1024) kept.Append(buffer, 0, Math.Min(n, 64 * 1024 - kept.Length));
        return kept.ToString();
    }

    private ToolResult Run(string tool, IEnumerable<string> args, TimeSpan timeout)
    {
        try
        {
            return ExternalTool.Run(tool, args, timeout);
        }
        catch (ToolMissingException e)
        {
            throw new InvalidOperationException($"{tool} is not installed (poppler-utils is required for PDF intake)", e);
        }
        catch (TimeoutException e)
        {
            throw new IntakeException(Name, $"PDF 处理超时（{tool} 超过 {timeout.TotalSeconds:0} 秒），文件可能异常", e);
        }
    }

    /// <summary>pdftoppm names pages page-1.pgm or page-001.pgm depending on the page count.</summary>
    private static int PageNumberOf(string path)
    {
        var stem = Path.GetFileNameWithoutExtension(path);
        var dash = stem.LastIndexOf('-');
        return int.TryParse(stem.AsSpan(dash + 1), out var n) ? n : int.MaxValue;
    }

    private static string? Field(string output, string name)
    {
        foreach (var line in output.Split('\n'))
            if (line.StartsWith(name + ":", StringComparison.Ordinal)) return line[(name.Length + 1)..].Trim();
        return null;
    }

    private static string FirstLine(string error)
    {
        var line = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "未知错误";
        return line.Length > 120 ? line[..120] : line;
    }

    [GeneratedRegex(@"([\d.]+)\s*x\s*([\d.]+)")]
    private static partial Regex PageSize();
}
