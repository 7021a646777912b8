using AuditEngine.Pipeline;
using AuditEngine.Reports;

namespace AuditEngine.Cli;

/// <summary>
/// Prints one line per finished document on stderr. Synchronous on purpose: Progress&lt;T&gt; would post to the
/// thread pool and lines could appear after the summary.
/// </summary>
public sealed class ProgressPrinter(TextWriter error) : IProgress<AuditProgress>
{
    public void Report(AuditProgress value)
    {
        var r = value.Result;
        var outcome = r.Status == AuditEngine.Model.ResultStatus.Ok ? $"{r.Findings.Count} 条问题" : $"无法读取：{r.Error}";
        error.WriteLine($"[{value.Completed}/{value.Total}] {ReportText.FileName(r.Source)} … {outcome}");
    }
}
