using System.Collections;
using System.Text.RegularExpressions;
using AuditEngine.Model;

namespace AuditEngine.Rules.Evaluation;

/// <summary>
/// A rule compiled to delegates. <see cref="Evaluate"/> runs when → LocalParams → balance values →
/// Expression → severity and message for one item and returns null when the item passes or is skipped.
/// </summary>
internal sealed class CompiledRule(
    RuleDefinition definition,
    Func<Disclosure, object?[], IEnumerable?>? scope,
    Func<Disclosure, object?[], object?, RuleOutcome?> evaluate,
    int[] globals,
    bool reportsEveryItem = false)
{
    /// <summary>
    /// The Expression is the constant <c>false</c>: every item that documentTypes, `when` and the scope let through is
    /// a finding, so those are the rule's condition and it is evaluated on every document it is run against.
    /// </summary>
    public bool ReportsEveryItem { get; } = reportsEveryItem;

    public const string LowConfidenceNote = "（依据的单元格识别置信度低，请人工核对）";
    private const int MaxEvidence = 64;

    public RuleDefinition Definition { get; } = definition;

    /// <summary>Per-thread evidence buffer: an item that passes leaves no garbage behind.</summary>
    [ThreadStatic] private static List<IHasProvenance>? trailBuffer;

    /// <summary>Appends this rule's findings on the document. Never throws: a failure becomes a warning finding.</summary>
    /// <param name="trace">null in normal runs; otherwise notes the rule when an item reaches its expression.</param>
    public void Run(Disclosure doc, GlobalValues g, List<Finding> findings, RuleTrace? trace = null)
    {
        foreach (var index in globals)
        {
            if (g.Errors[index] is { } globalError)
            {
                findings.Add(ErrorFinding(globalError, null, g.Evidence[index] ?? [], g, "GlobalParams"));
                return;
            }
        }

        if (scope is null)
        {
            EvaluateItem(doc, g, null, findings, trace);
            return;
        }

        IEnumerable? items;
        try
        {
            items = scope(doc, g.Values);
        }
        catch (Exception ex)
        {
            findings.Add(ErrorFinding(ex, null, [], g, "scope"));
            return;
        }
        if (items is null) return;

        try
        {
            foreach (var item in items) EvaluateItem(doc, g, item, findings, trace);
        }
        catch (Exception ex)
        {
            // Enumerating the scope itself failed (a throwing filter inside it); the items done so far stand.
            findings.Add(ErrorFinding(ex, null, [], g, "scope"));
        }
    }

    private void EvaluateItem(Disclosure doc, GlobalValues g, object? item, List<Finding> findings, RuleTrace? trace)
    {
        RuleOutcome? outcome = null;
        Exception? error = null;
        var trail = EvidenceTrail.Begin(trailBuffer ??= new List<IHasProvenance>(16));
        try
        {
            outcome = evaluate(doc, g.Values, item);
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            EvidenceTrail.End();
        }

        if (ReferenceEquals(outcome, RuleOutcome.Skipped)) return;
        trace?.MarkEvaluated(Definition.Id);
        if (error is not null)
        {
            findings.Add(ErrorFinding(error, item, trail, g, null));
            return;
        }
        if (outcome is null) return;

        var evidence = CollectEvidence(trail, g, item);
        if (!TryParseSeverity(outcome.Severity, out var severity))
        {
            findings.Add(Error($"严重程度表达式返回了 '{outcome.Severity}'，应为 error、warning 或 info", item, evidence));
            return;
        }
        var message = outcome.Message;
        if (severity == Severity.Error && evidence.Any(e => e.Confidence < Provenance.LowConfidence))
        {
            // An OCR misread is a likelier explanation than a real error; a reviewer must look first.
            severity = Severity.Warning;
            message += LowConfidenceNote;
        }
        findings.Add(new Finding
        {
            RuleId = Definition.Id,
            RuleName = Definition.Title,
            Category = Definition.Category,
            Severity = severity,
            Message = message,
            Evidence = evidence,
            Expected = outcome.Expected,
            Actual = outcome.Actual,
        });
    }

    /// <summary>What the rule read for this item, then what the GlobalParams it uses read; else the item itself.</summary>
    private List<Evidence> CollectEvidence(List<IHasProvenance> trail, GlobalValues g, object? item)
    {
        var sources = new List<IHasProvenance>(trail);
        foreach (var index in globals)
        {
            if (g.Evidence[index] is not { } read) continue;
            foreach (var s in read)
                if (sources.Count < MaxEvidence && !sources.Contains(s)) sources.Add(s);
        }
        if (sources.Count == 0 && item is IHasProvenance self) sources.Add(self);
        var evidence = new List<Evidence>(sources.Count);
        foreach (var s in sources) evidence.Add(Evidence.From(s));
        return evidence;
    }

    private Finding ErrorFinding(Exception ex, object? item, List<IHasProvenance> trail, GlobalValues g, string? stage)
    {
        var reason = ex switch
        {
            DivideByZeroException => "除数为 0",
            OverflowException => "数值超出范围",
            RegexMatchTimeoutException => "正则表达式匹配超时",
            ArgumentOutOfRangeException => "位置或长度超出范围（Substring 等）",
            InvalidCastException => "类型转换失败",
            _ => ex.Message,
        };
        if (stage is not null) reason = $"{stage}：{reason}";
        return Error(reason, item, CollectEvidence(trail, g, item));
    }

    private Finding Error(string reason, object? item, List<Evidence> evidence)
    {
        var subject = item is null ? "" : $"（对象：{item}）";
        return new Finding
        {
            RuleId = Definition.Id,
            RuleName = Definition.Title,
            Category = Definition.Category,
            Severity = Severity.Warning,
            Message = $"规则 {Definition.Id} 执行出错{subject}：{reason}",
            Evidence = evidence,
        };
    }

    public static bool TryParseSeverity(string? text, out Severity severity)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "error": severity = Severity.Error; return true;
            case "warning": severity = Severity.Warning; return true;
            case "info": severity = Severity.Info; return true;
            default: severity = Severity.Error; return false;
        }
    }
}
