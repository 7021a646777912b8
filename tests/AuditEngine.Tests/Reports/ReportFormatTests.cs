using AuditEngine.Reports;

namespace AuditEngine.Tests.Reports;

public class ReportFormatTests
{
    [Theory]
    [InlineData("out/report.html", ReportFormat.Html)]
    [InlineData("report.HTM", ReportFormat.Html)]
    [InlineData("a/b.json", ReportFormat.Json)]
    [InlineData("x.csv", ReportFormat.Csv)]
    [InlineData("问题清单.xlsx", ReportFormat.Xlsx)]
    [InlineData("out/审核报告.PDF", ReportFormat.Pdf)]
    public void Picks_writer_by_extension(string path, ReportFormat expected)
    {
        Assert.Equal(expected, ReportFormats.FromPath(path));
        Assert.Equal(expected, ReportWriters.ForPath(path).Format);
    }

    [Fact]
    public void Unknown_extension_falls_back_to_json()
    {
        Assert.Null(ReportFormats.FromPath("report.txt"));
        Assert.Equal(ReportFormat.Json, ReportWriters.ForPath("report.txt").Format);
    }

    [Theory]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.Html)]
    [InlineData(ReportFormat.Csv)]
    [InlineData(ReportFormat.Xlsx)]
    [InlineData(ReportFormat.Pdf)]
    public void Every_format_round_trips_through_its_name(ReportFormat format)
    {
        Assert.True(ReportFormats.TryParse(format.Name(), out var parsed));
        Assert.Equal(format, parsed);
        Assert.Equal(format, ReportWriters.For(format).Format);
        Assert.Equal(format, ReportFormats.FromPath("r" + format.Extension()));
    }
}
