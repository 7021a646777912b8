using AuditEngine.Intake;

namespace AuditEngine.Tests.Intake;

/// <summary>The one runner of external tools: its limit holds for a silent tool, its capture is bounded, failures say what failed.</summary>
public sealed class ExternalToolTests
{
    [Fact]
    public void A_tool_that_prints_nothing_and_never_ends_is_killed_at_the_limit()
    {
        var e = Assert.Throws<TimeoutException>(() => ExternalTool.Run("sleep", ["600"], TimeSpan.FromSeconds(1)));
        Assert.Contains("sleep did not finish within 1 s", e.Message);
    }

    [Fact]
    public void A_tool_that_prints_without_end_is_captured_up_to_the_bound_and_still_killed()
    {
        Assert.Throws<TimeoutException>(() => ExternalTool.Run("yes", [], TimeSpan.FromSeconds(1), maxCapturedChars: 1000));
        var result = ExternalTool.Run("sh", ["-c", "head -c 3000000 /dev/zero | tr '\\0' x"], TimeSpan.FromMinutes(1), maxCapturedChars: 5000);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new string('x', 5000), result.Output);
    }

    [Fact]
    public void A_missing_tool_and_a_failing_one_say_which_and_why()
    {
        var missing = Assert.Throws<ToolMissingException>(() => ExternalTool.Run("no-such-tool-auditengine", [], TimeSpan.FromSeconds(5)));
        Assert.Equal("no-such-tool-auditengine", missing.Tool);
        var failed = Assert.Throws<InvalidOperationException>(() =>
            ExternalTool.RunChecked("sh", ["-c", "echo 文件已损坏 >&2; exit 3"], TimeSpan.FromSeconds(30)));
        Assert.Equal("sh failed (exit 3): 文件已损坏", failed.Message);
        Assert.Equal("a b\n", ExternalTool.RunChecked("echo", ["a b"], TimeSpan.FromSeconds(30)));
    }
}
