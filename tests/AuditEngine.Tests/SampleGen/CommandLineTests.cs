using AuditEngine.SampleGen;

namespace AuditEngine.Tests.SampleGen;

public sealed class CommandLineTests
{
    [Fact]
    public void Parses_forms_dpis_seed_pages_and_scan_settings()
    {
        var o = CommandLine.Parse(["--out", "o", "--seeds", "a.txt,b", "--forms", "pdf,scan", "--dpi", "300",
            "--seed", "9", "--pages", "2", "--jpeg", "0", "--white-clip", "230", "--no-fold"]);
        Assert.Equal("o", o.OutputDirectory);
        Assert.Equal(["a.txt", "b"], o.Seeds);
        Assert.Equal(OutputForms.Pdf | OutputForms.Scan, o.Forms);
        Assert.Equal([300], o.Dpis);
        Assert.Equal((9, 2), (o.Seed, o.MaxPages));
        Assert.Null(o.Scan.JpegQuality);
        Assert.Equal(230, o.Scan.WhiteClip);
        Assert.False(o.Scan.FoldShadow);
        Assert.True(o.Scan.Blur);
    }

    [Theory]
    [InlineData("--forms", "docx")]
    [InlineData("--out", "o", "--forms", "tiff")]
    [InlineData("--out", "o", "--pages", "0")]
    [InlineData("--out", "o", "--bogus")]
    [InlineData("--out")]
    public void Rejects_bad_command_lines(params string[] args) =>
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(args));
}
