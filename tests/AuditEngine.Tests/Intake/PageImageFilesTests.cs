using System.Security.Cryptography;
using AuditEngine.Intake;
using AuditEngine.Pipeline;
using AuditEngine.Tests.RuleSetTests;

namespace AuditEngine.Tests.IntakeTests;

/// <summary>An audit leaves the temp folder as it found it: scanned pages' images live only until the crops are cut.</summary>
public sealed class PageImageFilesTests : RuleTestBase
{
    [Fact]
    public void Auditing_a_scan_cuts_its_crops_and_then_deletes_its_page_images()
    {
        using var work = new TempFolder();
        // Two scanned pages made unique by bytes after their end, so no other test's read of the same scan can interfere.
        var photo = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "samples", "generated", "xinglong-2024.scan300.pdf"))
            .Concat(RandomNumberGenerator.GetBytes(16)).ToArray();
        var file = Path.Combine(work.Path, "scan.pdf");
        File.WriteAllBytes(file, photo);
        var key = Convert.ToHexString(SHA256.HashData(photo))[..16].ToLowerInvariant();

        var layout = DocumentReader.Read(file);
        var folders = layout.Pages.Select(p => Path.GetDirectoryName(p.ImagePath)).Distinct().ToList();
        var folder = Assert.Single(folders);
        Assert.True(Directory.Exists(folder));
        Assert.StartsWith(Path.Combine(PageImageFiles.Root, key), folder);
        PageImageFiles.Release(layout);
        Assert.False(Directory.Exists(folder));
        Assert.All(layout.Pages, p => Assert.Null(p.ImagePath));

        var crops = Path.Combine(work.Path, "crops");
        var result = Assert.Single(new AuditPipeline(Rules) { Crops = new EvidenceCrops(crops) }.RunFiles([file]));
        Assert.Equal(AuditEngine.Model.ResultStatus.Ok, result.Status);
        Assert.Contains(result.Findings.SelectMany(f => f.Evidence), e => e.Crop is { } crop && File.Exists(crop));
        Assert.Empty(Directory.Exists(PageImageFiles.Root) ? Directory.GetDirectories(PageImageFiles.Root, key + "*") : []);
    }

    [Fact]
    public void Release_deletes_nothing_outside_the_page_image_folder()
    {
        using var work = new TempFolder();
        var image = Path.Combine(work.Path, "page-1.jpg");
        File.WriteAllBytes(image, [1, 2, 3]);
        var layout = new AuditEngine.Model.Layout { Source = "x" };
        layout.Pages.Add(new AuditEngine.Model.LayoutPage { Number = 1, ImagePath = image });
        PageImageFiles.Release(layout);
        Assert.True(File.Exists(image));
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "auditengine-test-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
