using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;
using AuditEngine.Model;

namespace AuditEngine.Pipeline;

/// <summary>
/// Cuts the page image around each value a finding rests on, for scanned pages, so a reviewer sees what OCR saw.
/// Each crop (PNG) goes to a <see cref="ICropSink"/>; the evidence records what the sink returns (a file path for the
/// CLI, a name the store serves for the service).
/// </summary>
public sealed class EvidenceCrops(ICropSink sink)
{
    /// <summary>Points of context kept around the cell: enough to see its row and column neighbours.</summary>
    private const double MarginPoints = 18;

    /// <summary>Crops written as PNG files into <paramref name="directory"/> (the CLI's crops beside its report).</summary>
    public EvidenceCrops(string directory) : this(new CropFolder(directory)) { }

    public ICropSink Sink { get; } = sink;

    public IReadOnlyList<Finding> Attach(string source, IReadOnlyList<LayoutPage> pages, IReadOnlyList<Finding> findings)
    {
        var images = pages.Where(p => p.Image is not null && p.Width > 0).ToDictionary(p => p.Number);
        if (images.Count == 0) return findings;
        var decoded = new Dictionary<int, GrayImage>();
        var stem = Path.GetFileNameWithoutExtension(source);
        var count = 0;
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings)
        {
            var evidence = new List<Evidence>(f.Evidence.Count);
            foreach (var e in f.Evidence)
            {
                if (e is not { Page: { } page, Box: { } box, Crop: null } || !images.TryGetValue(page, out var layoutPage))
                {
                    evidence.Add(e);
                    continue;
                }
                if (!decoded.TryGetValue(page, out var image))
                {
                    image = decoded[page] = Leptonica.Decode(layoutPage.Image!);
                }
                var scale = image.Width / layoutPage.Width;
                var rect = new PixelRect((int)(box.X * scale), (int)(box.Y * scale), (int)Math.Ceiling(box.Width * scale), (int)Math.Ceiling(box.Height * scale))
                    .Inflate((int)(MarginPoints * scale), image.Width, image.Height);
                var crop = Sink.Put($"{stem}-p{page}-{++count}.png", image.Crop(rect).ToPng());
                evidence.Add(e with { Crop = crop });
            }
            result.Add(f with { Evidence = evidence });
        }
        return result;
    }

    /// <summary>Drops the page images of <paramref name="pages"/> once their crops are cut (or they were stored).</summary>
    public static void ReleaseImages(IEnumerable<LayoutPage>? pages)
    {
        foreach (var page in pages ?? []) page.Image = null;
    }
}

/// <summary>Where evidence crops go; returns what the evidence records to find the crop again.</summary>
public interface ICropSink
{
    string Put(string name, byte[] png);
}

/// <summary>Crops as PNG files in a folder (the CLI writes them beside its report); the evidence records their path.</summary>
public sealed class CropFolder(string directory) : ICropSink
{
    public string Directory { get; } = directory;

    public string Put(string name, byte[] png)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, png);
        return path;
    }
}

/// <summary>
/// Crops held in memory (one audit in the service): the evidence records the name, the caller stores the images with
/// the result and the API serves them by that name.
/// </summary>
public sealed class CropsInMemory : ICropSink
{
    private readonly List<(string Name, byte[] Png)> crops = [];

    public IReadOnlyList<(string Name, byte[] Png)> Crops => crops;

    public string Put(string name, byte[] png)
    {
        lock (crops) crops.Add((name, png));
        return name;
    }
}
