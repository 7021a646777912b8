using AuditEngine.Model;

namespace AuditEngine.Pipeline.Fixtures;

/// <summary>What one fixture gave: the rules that fired (with their first finding), those evaluated, or why it could not run.</summary>
public sealed record FixtureResult(
    string File,
    string Description,
    IReadOnlyList<string> Expected,
    IReadOnlyDictionary<string, Finding> Fired,
    IReadOnlySet<string> Evaluated,
    string? Error,
    IReadOnlyDictionary<string, Severity>? ExpectedSeverity = null,
    IReadOnlyDictionary<string, Severity>? FiredSeverity = null)
{
    public string Name => File.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? File[..^5] : File;

    public static FixtureResult Broken(string file, string error, string description = "", IReadOnlyList<string>? expected = null) =>
        new(file, description, expected ?? [], new Dictionary<string, Finding>(), new HashSet<string>(), error);

    /// <summary>Expected to fire and did not.</summary>
    public IReadOnlyList<string> Missing => Error is null ? Expected.Where(id => !Fired.ContainsKey(id)).ToList() : [];

    /// <summary>Fired though not expected.</summary>
    public IReadOnlyList<string> Unexpected => Error is null ? Fired.Keys.Where(id => !Expected.Contains(id)).ToList() : [];

    /// <summary>Fired as expected, but its most severe finding is not of the severity the fixture pins.</summary>
    public IReadOnlyList<string> WrongSeverity => Error is null && ExpectedSeverity is { } expected
        ? expected.Where(e => FiredSeverity?.TryGetValue(e.Key, out var got) == true && got != e.Value).Select(e => e.Key).ToList()
        : [];

    public bool IsMismatch => Error is null && (Missing.Count > 0 || Unexpected.Count > 0 || WrongSeverity.Count > 0);
}

public enum CoverageStatus
{
    /// <summary>Fires in one fixture and is evaluated silently in another.</summary>
    Covered,
    /// <summary>No fixture where it fires.</summary>
    NeverFires,
    /// <summary>No fixture where it is evaluated and stays silent.</summary>
    NeverSilent,
    /// <summary>Neither.</summary>
    Uncovered,
    /// <summary>Switched off (Enabled: false): needs no fixture.</summary>
    Disabled,
}

/// <summary>Where one rule fires and where it is evaluated and silent.</summary>
public sealed record RuleCoverage(string RuleId, bool Enabled, IReadOnlyList<string> FiresIn, IReadOnlyList<string> SilentIn)
{
    public CoverageStatus Status => !Enabled ? CoverageStatus.Disabled
        : FiresIn.Count > 0 && SilentIn.Count > 0 ? CoverageStatus.Covered
        : FiresIn.Count > 0 ? CoverageStatus.NeverSilent
        : SilentIn.Count > 0 ? CoverageStatus.NeverFires
        : CoverageStatus.Uncovered;

    public bool IsGap => Status is CoverageStatus.NeverFires or CoverageStatus.NeverSilent or CoverageStatus.Uncovered;
}

/// <summary>The outcome of a fixture run: per fixture, per rule, and whether it passed.</summary>
public sealed record FixtureReport(string Directory, IReadOnlyList<FixtureResult> Fixtures, IReadOnlyList<RuleCoverage> Rules, TimeSpan Elapsed)
{
    public IReadOnlyList<FixtureResult> Mismatches => Fixtures.Where(f => f.IsMismatch).ToList();
    public IReadOnlyList<FixtureResult> BrokenFixtures => Fixtures.Where(f => f.Error is not null).ToList();
    public IReadOnlyList<RuleCoverage> Gaps => Rules.Where(r => r.IsGap).ToList();

    /// <summary>No mismatch, no broken fixture, every enabled rule covered both ways.</summary>
    public bool Passed => Mismatches.Count == 0 && BrokenFixtures.Count == 0 && Gaps.Count == 0;

    public string Summary =>
        $"规则夹具 rule fixtures: {Fixtures.Count} 个夹具 fixtures（不符 mismatched {Mismatches.Count}，无法运行 broken {BrokenFixtures.Count}）；" +
        $"{Rules.Count(r => r.Enabled)} 条启用规则 enabled rules：覆盖 covered {Rules.Count(r => r.Status == CoverageStatus.Covered)}，" +
        $"未覆盖 uncovered {Gaps.Count}；{Elapsed.TotalSeconds:0.00} s — {(Passed ? "通过 PASSED" : "失败 FAILED")}";

    /// <summary>The table (rule id | fires in | silent in | status), then mismatches, broken fixtures and the summary line.</summary>
    public void Write(TextWriter output)
    {
        var idWidth = Math.Max(8, Rules.Select(r => r.RuleId.Length).DefaultIfEmpty(0).Max());
        output.WriteLine($"{"rule id".PadRight(idWidth)}  {"fires in 触发",-34}  {"silent in 静默",-34}  status 状态");
        foreach (var rule in Rules)
            output.WriteLine($"{rule.RuleId.PadRight(idWidth)}  {Cell(rule.FiresIn),-34}  {Cell(rule.SilentIn),-34}  {StatusText(rule.Status)}");

        if (Mismatches.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("夹具不符 fixture mismatches:");
            foreach (var f in Mismatches)
            {
                output.WriteLine($"  {f.File}{(f.Description.Length > 0 ? "　" + f.Description : "")}");
                output.WriteLine($"    expected 应触发: {List(f.Expected)}");
                output.WriteLine($"    got 实际触发:    {List(f.Fired.Keys.ToList())}");
                foreach (var id in f.Missing) output.WriteLine($"    - {id}: 未触发 did not fire");
                foreach (var id in f.Unexpected) output.WriteLine($"    + {id}: {f.Fired[id].Message}");
                foreach (var id in f.WrongSeverity)
                    output.WriteLine($"    ! {id}: 严重程度 severity {f.FiredSeverity![id].ToString().ToLowerInvariant()}，应为 expected {f.ExpectedSeverity![id].ToString().ToLowerInvariant()}");
            }
        }
        if (BrokenFixtures.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("无法运行的夹具 broken fixtures:");
            foreach (var f in BrokenFixtures) output.WriteLine($"  {f.File}: {f.Error}");
        }
        output.WriteLine();
        output.WriteLine(Summary);
    }

    private static string Cell(IReadOnlyList<string> fixtures) => fixtures.Count switch
    {
        0 => "—",
        1 => Shorten(fixtures[0]),
        _ => $"{fixtures.Count}: {Shorten(fixtures[0])}, …",
    };

    private static string Shorten(string s) => s.Length <= 28 ? s : s[..27] + "…";

    private static string List(IReadOnlyList<string> ids) => ids.Count == 0 ? "（无 none）" : string.Join(", ", ids.Order(StringComparer.Ordinal));

    private static string StatusText(CoverageStatus status) => status switch
    {
        CoverageStatus.Covered => "ok",
        CoverageStatus.NeverFires => "缺触发夹具 never fires",
        CoverageStatus.NeverSilent => "缺静默夹具 never silent",
        CoverageStatus.Uncovered => "未覆盖 uncovered",
        _ => "停用 disabled",
    };
}
