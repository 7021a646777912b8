using AuditEngine.Intake;
using AuditEngine.Model;

namespace AuditEngine.Tests.IntakeTests;

/// <summary>
/// Each family of readers has its own version, so that a change to one (text dumps) does not have every stored layout
/// of the others (scans, to be OCR'd again) read from its file at the next re-audit.
/// </summary>
public sealed class ReaderVersionTests
{
    [Theory]
    [InlineData("samples/seeds/xushui-2022.txt", DocumentReader.TextVersion)]
    [InlineData("samples/generated/langfang-guangyang-2025.docx", DocumentReader.OfficeVersion)]
    [InlineData("samples/generated/langfang-guangyang-2025.pdf", DocumentReader.PagedVersion)]
    [InlineData("samples/generated/xinglong-2024.scan300-p2.png", DocumentReader.PagedVersion)]
    public void A_layout_is_stamped_with_its_readers_version_and_is_current(string input, string version)
    {
        var layout = DocumentReader.Read(Path.Combine(RepositoryPaths.Root, input));
        Assert.Equal(version, layout.IntakeVersion);
        Assert.True(DocumentReader.IsCurrent(layout));
        Assert.Contains(version, DocumentReader.Version);
    }

    [Fact]
    public void The_families_versions_differ_and_another_version_is_stale()
    {
        Assert.Equal(3, new[] { DocumentReader.TextVersion, DocumentReader.OfficeVersion, DocumentReader.PagedVersion }.Distinct().Count());
        Assert.False(DocumentReader.IsCurrent(Paged("intake-2026.12.06.4")));
        Assert.False(DocumentReader.IsCurrent(Paged(null)));
        Assert.False(DocumentReader.IsCurrent(Paged("paged-2000.01.01.1")));
    }

    [Fact]
    public void A_layout_of_the_version_all_readers_shared_is_current_unless_it_is_a_texts()
    {
        // Only the text reader changed after the shared version: PDFs and scans are reused, not OCR'd again.
        Assert.True(DocumentReader.IsCurrent(Paged("intake-2026.12.07.1")));
        Assert.True(DocumentReader.IsCurrent(Unpaged("报告.DOCX", "intake-2026.12.07.1")));
        Assert.False(DocumentReader.IsCurrent(Unpaged("a.txt", "intake-2026.12.07.1")));
        Assert.False(DocumentReader.IsCurrent(Unpaged("a.docx", "intake-2026.12.06.4")));
    }

    private static Layout Unpaged(string source, string version)
    {
        var layout = new Layout { Source = source, IntakeVersion = version };
        layout.Pages.Add(new LayoutPage { Number = 1 });
        return layout;
    }

    private static Layout Paged(string? version)
    {
        var layout = new Layout { Source = "a.pdf", IntakeVersion = version };
        layout.Pages.Add(new LayoutPage { Number = 1, Width = 595.28, Height = 841.89, Scanned = true });
        return layout;
    }
}
