using System.Diagnostics;
using AuditEngine.Intake;
using AuditEngine.Intake.Providers;
using AuditEngine.Model;
using AuditEngine.Recognition;
using AuditEngine.Rules;

namespace AuditEngine.Pipeline;

/// <summary>
/// Reads, recognises and audits a batch of files. Reading is done for the whole batch first because a rule may
/// compare a disclosure with the same department's previous year, which can be any other file of the batch.
/// One bad file never stops the batch: it becomes a result with status "error".
/// </summary>
public sealed class AuditPipeline(RuleSet rules)
{
    public RuleSet Rules { get; } = rules;

    /// <summary>How many documents are processed at once; 1 runs everything on the calling thread's pace.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Audits files and folders (see <see cref="InputFiles.Expand"/>); results come back in input order.</summary>
    public IReadOnlyList<DocumentResult> Run(IEnumerable<string> paths, IProgress<AuditProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunFiles(InputFiles.Expand(paths), progress, cancellationToken);

    public IReadOnlyList<DocumentResult> RunFiles(IReadOnlyList<string> files, IProgress<AuditProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, MaxDegreeOfParallelism),
            CancellationToken = cancellationToken,
        };

        var read = new ReadOutcome[files.Count];
        Parallel.For(0, files.Count, options, i => read[i] = ReadOne(files[i]));

        LinkPreviousYears(read.Select(r => r.Disclosure).OfType<Disclosure>().ToList());

        var results = new DocumentResult[files.Count];
        var completed = 0;
        var gate = new object();
        Parallel.For(0, files.Count, options, i =>
        {
            results[i] = Audit(read[i]);
            // The crops are cut: the page images are no longer needed.
            EvidenceCrops.ReleaseImages(read[i].Pages);
            // Under a lock so a synchronous reporter prints whole lines with counts in order.
            lock (gate) progress?.Report(new AuditProgress(++completed, files.Count, results[i]));
        });
        return results;
    }

    /// <summary>
    /// Points each disclosure at the same department's disclosure of the year before when the batch holds it: a 预算
    /// at last year's 预算, a 决算 at last year's 决算 (their figures mean different things). Department names are
    /// compared after trimming; when a year appears twice, the first in input order wins.
    /// </summary>
    public static void LinkPreviousYears(IReadOnlyList<Disclosure> disclosures)
    {
        var byKey = new Dictionary<(string, int, bool), Disclosure>();
        foreach (var d in disclosures)
            if (Key(d) is { } key) byKey.TryAdd(key, d);
        foreach (var d in disclosures)
        {
            if (Key(d) is not { } key) continue;
            if (byKey.TryGetValue((key.Department, key.Year - 1, key.FinalAccount), out var previous)) d.PreviousYear = previous;
        }
    }

    private static (string Department, int Year, bool FinalAccount)? Key(Disclosure d) =>
        string.IsNullOrWhiteSpace(d.Department) || d.Year is not { } year ? null : (d.Department.Trim(), year, d.IsFinalAccount);

    private sealed record ReadOutcome(
        string Path, Disclosure? Disclosure, string? Error, TimeSpan Elapsed, IReadOnlyList<LayoutPage>? Pages = null, Layout? Layout = null);

    /// <summary>Who reads images of pages (scans, photos, PDF pages without text): local Tesseract unless set.</summary>
    public ILayoutProvider LayoutProvider { get; init; } = LocalOcrProvider.Instance;

    /// <summary>Where evidence crops of scanned pages are written; null: no crops.</summary>
    public EvidenceCrops? Crops { get; init; }

    // A batch keeps only what crops need of each layout until every file is read, not the whole layout.
    private ReadOutcome ReadOne(string path) => Read(path, () => DocumentReader.Read(path, LayoutProvider)) with { Layout = null };

    private ReadOutcome Read(string source, Func<Layout> read)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            var layout = read();
            var disclosure = Recognizer.Recognise(layout, Rules.Profiles);
            return new ReadOutcome(source, disclosure, null, clock.Elapsed, layout.Pages, layout);
        }
        catch (IntakeException e)
        {
            return new ReadOutcome(source, null, e.Message, clock.Elapsed);
        }
        catch (Exception e)
        {
            // Recognition or an unexpected reader failure: still name the file so the reviewer knows which one.
            return new ReadOutcome(source, null, $"{source}: 读取失败：{e.Message}", clock.Elapsed);
        }
    }

    /// <summary>
    /// Reads, recognises and audits one file held in memory (the service reads uploads from its store).
    /// <paramref name="link"/> may point the disclosure at its previous year before the rules run.
    /// Returns the layout too (null when unreadable) for its page images and the layout JSON, which the caller stores.
    /// </summary>
    public (DocumentResult Result, Layout? Layout) AuditOne(byte[] content, string name, Action<Disclosure>? link = null)
    {
        var read = Read(name, () => DocumentReader.Read(content, name, LayoutProvider));
        if (read.Disclosure is { } doc) link?.Invoke(doc);
        return (Audit(read), read.Layout);
    }

    /// <summary>
    /// Recognises and audits a layout intake made earlier (the service's stored layout): a re-audit after a rule change
    /// costs recognition and rules, never reading or OCR-ing the file again.
    /// </summary>
    public (DocumentResult Result, Layout? Layout) AuditOne(Layout layout, string name, Action<Disclosure>? link = null)
    {
        var read = Read(name, () => layout);
        if (read.Disclosure is { } doc) link?.Invoke(doc);
        return (Audit(read), read.Layout);
    }

    /// <summary>Reads and recognises one file held in memory, for previous-year comparison; null when unreadable.</summary>
    public Disclosure? Recognise(byte[] content, string name)
    {
        var read = Read(name, () => DocumentReader.Read(content, name, LayoutProvider));
        EvidenceCrops.ReleaseImages(read.Pages);
        return read.Disclosure;
    }

    /// <summary>Recognises a stored layout, for previous-year comparison; null when recognition fails.</summary>
    public Disclosure? Recognise(Layout layout, string name) => Read(name, () => layout).Disclosure;

    private DocumentResult Audit(ReadOutcome read)
    {
        if (read.Disclosure is not { } doc)
        {
            return new DocumentResult
            {
                Source = read.Path, Status = ResultStatus.Error, Error = read.Error, ElapsedSeconds = read.Elapsed.TotalSeconds,
            };
        }

        var clock = Stopwatch.StartNew();
        IReadOnlyList<Finding> findings;
        try
        {
            findings = Rules.Run(doc);
            if (Crops is not null && read.Pages is { } pages) findings = Crops.Attach(read.Path, pages, findings);
        }
        catch (Exception e)
        {
            return new DocumentResult
            {
                Source = read.Path, Department = doc.Department, Year = doc.Year, DocumentType = doc.Type, Status = ResultStatus.Error,
                Error = $"{read.Path}: 审核规则执行失败：{e.Message}",
                Tables = Summaries(doc), ElapsedSeconds = (read.Elapsed + clock.Elapsed).TotalSeconds,
            };
        }

        return new DocumentResult
        {
            Source = read.Path,
            Department = doc.Department,
            Year = doc.Year,
            DocumentType = doc.Type,
            Tables = Summaries(doc),
            Figures = KeyFigures.Of(doc),
            // OrderBy is stable: within a severity the rule set's own order is kept.
            Findings = findings.OrderByDescending(f => f.Severity).ToList(),
            ElapsedSeconds = (read.Elapsed + clock.Elapsed).TotalSeconds,
        };
    }

    private static List<TableSummary> Summaries(Disclosure doc) =>
        doc.Tables.Select(t => new TableSummary(t.KindName, t.Title, t.Provenance.Page, t.Provenance.Line, t.Rows.Count)).ToList();
}
