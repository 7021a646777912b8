using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Raster;
using AuditEngine.Model;

namespace AuditEngine.Pipeline;

/// <summary>
/// Cuts the page image around each value a finding rests on, for scanned pages, so a reviewer sees what OCR saw.
/// Crops are PNG files in one folder; the evidence records their path.
/// </summary>
public sealed class EvidenceCrops(string directory)
{
    /// <summary>Points of context kept around the cell: enough to see its row and column neighbours.</summary>
    private const double MarginPoints = 18;

    public string Directory { get; } = directory;

    public IReadOnlyList<Finding> Attach(string source, IReadOnlyList<LayoutPage> pages, IReadOnlyList<Finding> findings)
    {
        var images = pages.Where(p => p.ImagePath is not null && p.Width > 0).ToDictionary(p => p.Number);
        if (images.Count == 0) return findings;
        System.IO.Directory.CreateDirectory(Directory);
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
                    image = decoded[page] = Leptonica.Decode(File.ReadAllBytes(layoutPage.ImagePath!));
                }
                var scale = image.Width / layoutPage.Width;
                var rect = new PixelRect((int)(box.X * scale), (int)(box.Y * scale), (int)Math.Ceiling(box.Width * scale), (int)Math.Ceiling(box.Height * scale))
                    .Inflate((int)(MarginPoints * scale), image.Width, image.Height);
                var path = Path.Combine(Directory, $"{stem}-p{page}-{++count}.png");
                File.WriteAllBytes(path, image.Crop(rect).ToPng());
                evidence.Add(e with { Crop = path });
            }
            result.Add(f with { Evidence = evidence });
        }
        return result;
    }
}
