using System.Diagnostics;
using System.Text.RegularExpressions;
using AuditEngine.Intake;
using AuditEngine.Intake.Ocr;
using AuditEngine.Intake.Pdf;
using AuditEngine.Intake.Scan;
using AuditEngine.Model;
using AuditEngine.SampleGen;

namespace AuditEngine.Bench;

/// <summary>
/// Intake accuracy and speed per form: the seeds are rendered to DOCX, digital PDF and scans (200 and 300 dpi,
/// rotated, noisy, JPEG, fold shadow) by the sample generator, read back, and compared with the generator's truth.
/// Usage: AuditEngine.Bench --intake [--seeds DIR|FILE,…] [--pages N] [--out DIR] [--errors] [--dpi 200,300] [--compare]
/// (--compare: each scanned page is read on the previous OCR path and the current one, one after the other; each page
/// line is followed by its CPU by stage and the recognitions each stage asked for.)
/// AuditEngine.Bench --intake --page FILE.png reads one page image on the current path and prints that line and its
/// paragraphs; --intake --diff FILE.scan300.pdf prints the cells and paragraphs the two paths read differently.
/// </summary>
public static partial class IntakeBench
{
    private sealed record Score(int NumericTruth, int NumericHit, int TextTruth, int TextHit, int TablesTruth, int TablesFound, int ColumnsRight,
        int RowsTruth, int RowsFound, int Pages, double Seconds, double CpuSeconds);

    public static int Run(string[] args)
    {
        if (args is ["--diff", var scanFile]) return Diff(scanFile);
        if (args is ["--page", var pageImage]) return OnePage(pageImage);
        string seeds = "samples/seeds", output = Path.Combine(Path.GetTempPath(), "auditengine-intake-bench");
        int? pages = 2;
        var errors = false;
        var compare = false;
        int[] dpis = [200, 300];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seeds" when i + 1 < args.Length: seeds = args[++i]; break;
                case "--pages" when i + 1 < args.Length: pages = int.Parse(args[++i]) is var n && n > 0 ? n : null; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--errors": errors = true; break;
                case "--compare": compare = true; break;
                case "--dpi" when i + 1 < args.Length: dpis = args[++i].Split(',').Select(int.Parse).ToArray(); break;
                default:
                    Console.Error.WriteLine("usage: AuditEngine.Bench --intake [--seeds DIR|FILE,…] [--pages N (0 = all)] [--out DIR] [--errors] [--dpi 200,300] [--compare]");
                    return 2;
            }
        }
        Directory.CreateDirectory(output);
        Console.WriteLine($"intake benchmark: seeds {seeds}, scans limited to {(pages is null ? "all" : pages.ToString())} page(s) per document; a scanned PDF's pages read {PdfReader.ScanParallelism} at a time, a page image on 1 thread");
        var generated = SampleGenerator.Run(new GeneratorOptions
        {
            OutputDirectory = output, Seeds = seeds.Split(','), Forms = OutputForms.Docx | OutputForms.Pdf | OutputForms.Scan,
            Dpis = dpis, MaxPages = pages,
        });

        var byForm = new SortedDictionary<string, List<Score>>(StringComparer.Ordinal);
        var pageTimes = new SortedDictionary<string, List<(bool Table, double Cpu)>>(StringComparer.Ordinal);
        foreach (var file in generated.Where(f => !f.EndsWith(TruthFile.Suffix) && !f.EndsWith(".png")).OrderBy(FormOrder))
        {
            var truth = TruthFile.Load(TruthFile.PathFor(file));
            var form = truth.Scan is { } s ? $"scan {s.Dpi} dpi" : truth.Form;
            if (compare && truth.Scan is not null)
            {
                // The previous OCR path (one page after another) on the same scan, for the record; only the current
                // path is tabled.
                (ScanReader.Tuning, PdfReader.ScanParallelism) = (ScanTuning.Previous, 1);
                try
                {
                    var (previousCpu, previousWatch) = (Process.GetCurrentProcess().TotalProcessorTime, Stopwatch.StartNew());
                    var previousLayout = DocumentReader.Read(file);
                    var (wall, used) = (previousWatch.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - previousCpu).TotalSeconds);
                    var previous = Compare(truth, previousLayout, 0, 0, false);
                    Console.WriteLine($"  {Path.GetFileName(file),-44} {previousLayout.Pages.Count,3} p  {wall,7:0.00} s  {used,7:0.00} s cpu  numeric {Rate(previous.NumericHit, previous.NumericTruth)}  text {Rate(previous.TextHit, previous.TextTruth)}  (previous OCR path, 1 page at a time)");
                }
                finally { (ScanReader.Tuning, PdfReader.ScanParallelism) = (ScanTuning.Current, Environment.ProcessorCount); }
            }
            // CPU time beside wall time: the machine is shared, so CPU seconds are what a document costs whatever else
            // runs; wall time shows what reading a scanned PDF's pages in parallel gains on this machine.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            Layout layout;
            try { layout = DocumentReader.Read(file); }
            catch (IntakeException e) { Console.WriteLine($"  {Path.GetFileName(file)}: {e.Problem}"); continue; }
            var seconds = watch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var score = Compare(truth, layout, seconds, cpuSeconds, errors);
            (byForm.TryGetValue(form, out var list) ? list : byForm[form] = []).Add(score);
            Console.WriteLine($"  {Path.GetFileName(file),-44} {score.Pages,3} p  {seconds,7:0.00} s  {cpuSeconds,7:0.00} s cpu  numeric {Rate(score.NumericHit, score.NumericTruth)}  text {Rate(score.TextHit, score.TextTruth)}"
                              + (truth.Scan is null ? "" : $"  (up to {PdfReader.ScanParallelism} pages at a time)"));
            if (truth.Scan is { } scanned)
                (pageTimes.TryGetValue(form, out var times) ? times : pageTimes[form] = []).AddRange(TimePages(Path.GetDirectoryName(file)!, scanned, Letters(string.Concat(truth.Paragraphs)), compare));
        }

        Console.WriteLine();
        Console.WriteLine($"{"form",-14} {"numeric cells exact",21} {"text cells exact",18} {"tables found",13} {"columns right",14} {"rows found",18} {"pages/s",8} {"s/page",7} {"cpu s/page",11}");
        foreach (var (form, scores) in byForm)
        {
            var sum = scores.Aggregate((a, b) => new Score(a.NumericTruth + b.NumericTruth, a.NumericHit + b.NumericHit, a.TextTruth + b.TextTruth,
                a.TextHit + b.TextHit, a.TablesTruth + b.TablesTruth, a.TablesFound + b.TablesFound, a.ColumnsRight + b.ColumnsRight,
                a.RowsTruth + b.RowsTruth, a.RowsFound + b.RowsFound, a.Pages + b.Pages, a.Seconds + b.Seconds, a.CpuSeconds + b.CpuSeconds));
            Console.WriteLine($"{form,-14} {Rate(sum.NumericHit, sum.NumericTruth),21} {Rate(sum.TextHit, sum.TextTruth),18} {Rate(sum.TablesFound, sum.TablesTruth),13} {Rate(sum.ColumnsRight, sum.TablesTruth),14} {Rate(sum.RowsFound, sum.RowsTruth),18} {sum.Pages / sum.Seconds,8:0.00} {sum.Seconds / sum.Pages,7:0.00} {sum.CpuSeconds / sum.Pages,11:0.00}");
        }
        // The speed goal is per table page: each scanned page is read again on its own (its PNG, the image the PDF
        // page holds) and timed, split by whether a table was found on it.
        foreach (var (form, times) in pageTimes)
            foreach (var group in times.GroupBy(t => t.Table).OrderByDescending(g => g.Key))
            {
                var cpu = group.Select(t => t.Cpu).Order().ToList();
                Console.WriteLine($"{form}, {(group.Key ? "pages with tables" : "pages of text only")}: {cpu.Count}, cpu s/page median {cpu[cpu.Count / 2]:0.00}, slowest {cpu[^1]:0.00}, {cpu.Count(c => c <= 2.0)} of {cpu.Count} within 2 s");
            }
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
        return 0;
    }

    private static IEnumerable<(bool Table, double Cpu)> TimePages(string directory, ScanTruth scan, string truthText, bool compare)
    {
        foreach (var page in scan.Pages)
        {
            // --compare reads each page on the previous path and then on the current one, so both see the same
            // machine load; the figures that follow the table are the current path's.
            Layout? layout = null;
            double cpu = 0;
            foreach (var tuning in compare ? [ScanTuning.Previous, ScanTuning.Current] : new[] { ScanTuning.Current })
            {
                (layout, cpu) = TimePage(Path.Combine(directory, page.Image), tuning);
                PrintPage(page.Image, tuning, layout, cpu, truthText);
            }
            yield return (layout!.Tables.Any(), cpu);
        }
    }

    /// <summary>One page's line: CPU, narrative read in order against the truth, and where the CPU went.</summary>
    private static void PrintPage(string image, ScanTuning tuning, Layout layout, double cpu, string truthText)
    {
        var tally = OcrTally.Current;
        var narrative = Letters(string.Concat(layout.Paragraphs.Select(p => p.Text)));
        var cells = layout.Tables.SelectMany(t => t.Cells).Count(c => c.Text.Length > 0);
        Console.WriteLine($"    {image,-40} {(tuning == ScanTuning.Current ? "current" : "previous"),-8} {PageKind(layout),-9} cpu {cpu,5:0.00} s"
                          + $"  narrative {narrative.Length,4} chars {100.0 * InOrder(narrative, truthText) / Math.Max(1, narrative.Length),5:0.0}% in order  {cells,3} cells"
                          + $"  chi_sim {tally.TextCalls,3}× {tally.TextCharacters,5} chars {tally.TextCpu,5:0.00} s (enlarged {tally.EnlargedCalls,2}×)"
                          + $"  eng {tally.NumericCalls,3}× {tally.NumericCpu,5:0.00} s  rest {cpu - tally.TextCpu - tally.NumericCpu,5:0.00} s"
                          + (tally.FiguresChecked + tally.StretchesReread + tally.LinesReread == 0 ? ""
                              : $"  narrative figures checked {tally.FiguresChecked,2}, stretches re-read {tally.StretchesReread,2} (aligned {tally.StretchesAligned}), lines re-read {tally.LinesReread,2}"));
        // Where the CPU went: stages (inclusive) and the recognitions each stage asked for (calls, characters, CPU).
        Console.WriteLine("      stages " + string.Join("  ", tally.Stages.Select(s => $"{s.Key} {s.Value:0.00}"))
                          + "  | ocr " + string.Join("  ", tally.Recognitions.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value.Calls}× {r.Value.Characters} {r.Value.Cpu:0.00}")));
    }

    /// <summary>Reads one page image on the current path and prints its line (<c>--intake --page FILE.png</c>), for trying a change.</summary>
    private static int OnePage(string image)
    {
        var (layout, cpu) = TimePage(image, ScanTuning.Current);
        PrintPage(Path.GetFileName(image), ScanTuning.Current, layout, cpu, "");
        foreach (var paragraph in layout.Paragraphs) Console.WriteLine($"      ¶ {paragraph.Text}");
        return 0;
    }

    /// <summary>
    /// Reads one page image and returns the reading thread's own CPU: a PNG is read on the calling thread, and the
    /// thread clock leaves out whatever else the process (GC, the JIT's background threads) or the machine does.
    /// </summary>
    private static (Layout Layout, double Cpu) TimePage(string image, ScanTuning tuning)
    {
        var saved = ScanReader.Tuning;
        ScanReader.Tuning = tuning;
        try
        {
            OcrTally.Reset();
            var cpu = LibC.ThreadCpuSeconds();
            var layout = DocumentReader.Read(image);
            return (layout, LibC.ThreadCpuSeconds() - cpu);
        }
        finally { ScanReader.Tuning = saved; }
    }

    /// <summary>
    /// Reads one scan on the previous OCR path and the current one and prints the cells and paragraphs that differ
    /// (<c>--intake --diff FILE</c>): what a change of path does to a document beyond the counts.
    /// </summary>
    private static int Diff(string file)
    {
        var texts = new[] { ScanTuning.Previous, ScanTuning.Current }.Select(tuning =>
        {
            ScanReader.Tuning = tuning;
            try
            {
                var layout = DocumentReader.Read(file);
                return layout.Blocks.SelectMany(b => b switch
                {
                    LayoutTable t => t.Cells.Select(c => $"p{t.Page} cell r{c.Row} c{c.Column}: {c.Text} ({c.Confidence:0.00})"),
                    Paragraph p => [$"p{p.Page} paragraph: {p.Text}"],
                    _ => [],
                }).ToList();
            }
            finally { ScanReader.Tuning = ScanTuning.Current; }
        }).ToArray();
        foreach (var line in texts[0].Except(texts[1])) Console.WriteLine($"- {line}");
        foreach (var line in texts[1].Except(texts[0])) Console.WriteLine($"+ {line}");
        return 0;
    }

    /// <summary>Han characters, letters and digits only: what narrative accuracy is counted on.</summary>
    private static string Letters(string text) => string.Concat(text.Where(char.IsLetterOrDigit));

    /// <summary>
    /// How many characters of a page's narrative read appear in the same order in the document's true narrative
    /// (longest common subsequence): a misread or invented character lowers it, whatever page the truth holds it on.
    /// </summary>
    private static int InOrder(string read, string truth)
    {
        var previous = new int[truth.Length + 1];
        var current = new int[truth.Length + 1];
        foreach (var c in read)
        {
            for (var j = 1; j <= truth.Length; j++)
                current[j] = c == truth[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return previous[truth.Length];
    }

    /// <summary>Budget tables, 绩效 tables (their 指标 headers) or narrative only: the three kinds the speed goal names.</summary>
    internal static string PageKind(Layout layout) =>
        !layout.Tables.Any() ? "narrative" : layout.Tables.Any(t => t.Cells.Any(c => c.Text.Contains("指标"))) ? "绩效" : "table";

    private static int FormOrder(string file) => file.EndsWith(".docx") ? 0 : file.Contains(".scan") ? 2 : 1;

    private static string Rate(int hit, int total) => total == 0 ? "—" : $"{100.0 * hit / total:0.0}% ({hit}/{total})";

    /// <summary>
    /// Cells are compared as multisets of normalised texts: a figure must come back exactly (spaces aside), a text
    /// cell exactly after removing spaces. For scans only the truth of the pages that were rendered counts, so the
    /// truth is restricted to cells whose text occurs in the document's rendered range (approximated by table order).
    /// </summary>
    private static Score Compare(TruthFile truth, Layout layout, double seconds, double cpuSeconds, bool printErrors)
    {
        var pages = layout.Pages.Count;
        var truthTables = truth.Tables;
        if (truth.Scan is { } scan && layout.Tables.Any())
        {
            // A scan limited to N pages holds only the first tables: keep as many truth tables as were laid out.
            truthTables = truthTables.Take(Math.Max(1, CountLikely(truthTables, layout))).ToList();
        }
        var truthCells = truthTables.SelectMany(t => t.Rows.Skip(t.HeaderRows).SelectMany(r => r)).Select(Normalise).Where(t => t.Length > 0).ToList();
        var readCells = layout.Tables.SelectMany(t => t.Cells).Select(c => Normalise(c.Text)).Where(t => t.Length > 0).ToList();
        var (numericTruth, numericHit, numericMissed) = Overlap(truthCells.Where(IsNumber), readCells.Where(IsNumber));
        var (textTruth, textHit, textMissed) = Overlap(truthCells.Where(t => !IsNumber(t)), readCells.Where(t => !IsNumber(t)));
        if (printErrors && truth.Scan is not null) PrintErrors(truthCells, readCells, numericMissed.Concat(textMissed).ToList());
        var found = 0;
        var columns = 0;
        var tables = layout.Tables.ToList();
        foreach (var t in truthTables)
        {
            var texts = t.Rows.SelectMany(r => r).Select(Normalise).Where(x => x.Length > 0).ToHashSet();
            // The table read that is most like this one by the texts both hold (Jaccard): a larger table sharing many
            // of the same figures and names would otherwise win over the table itself.
            var best = tables.OrderByDescending(l => Jaccard(texts, l.Cells.Select(c => Normalise(c.Text)).Where(x => x.Length > 0).ToHashSet())).FirstOrDefault();
            if (best is null || best.Cells.Count(c => texts.Contains(Normalise(c.Text))) < Math.Min(3, texts.Count)) continue;
            found++;
            if (best.ColumnCount == t.ColumnCount) columns++;
        }
        // Rows found: a printed row is found when one row read holds at least half of its filled cells. Tables split
        // over pages are read as several, so rows are matched across all tables read rather than per table.
        var readRows = layout.Tables.SelectMany(t => t.Cells.GroupBy(c => c.Row)
            .Select(g => g.Select(c => Normalise(c.Text)).Where(x => x.Length > 0).ToList())).Where(r => r.Count > 0).ToList();
        int rowsTruth = 0, rowsFound = 0;
        foreach (var row in truthTables.SelectMany(t => t.Rows))
        {
            var cells = row.Select(Normalise).Where(x => x.Length > 0).ToList();
            if (cells.Count == 0) continue;
            rowsTruth++;
            if (readRows.Any(r => Overlap(cells, r).Hit * 2 >= cells.Count)) rowsFound++;
        }
        return new Score(numericTruth, numericHit, textTruth, textHit, truthTables.Count, found, columns, rowsTruth, rowsFound, pages, seconds, cpuSeconds);
    }

    private static double Jaccard(HashSet<string> a, HashSet<string> b) =>
        a.Count + b.Count == 0 ? 0 : (double)a.Count(b.Contains) / a.Union(b).Count();

    private static int CountLikely(IReadOnlyList<TruthTable> truth, Layout layout)
    {
        var read = layout.Tables.SelectMany(t => t.Cells).Select(c => Normalise(c.Text)).ToHashSet();
        var last = 0;
        for (var i = 0; i < truth.Count; i++)
            if (truth[i].Rows.SelectMany(r => r).Select(Normalise).Count(read.Contains) >= 3) last = i + 1;
        return last;
    }

    private static (int Truth, int Hit, List<string> Missed) Overlap(IEnumerable<string> truth, IEnumerable<string> read)
    {
        var pool = read.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        int total = 0, hit = 0;
        var missed = new List<string>();
        foreach (var t in truth)
        {
            total++;
            if (pool.TryGetValue(t, out var n) && n > 0) { hit++; pool[t] = n - 1; }
            else missed.Add(t);
        }
        return (total, hit, missed);
    }

    /// <summary>
    /// What a scan got wrong: each truth cell not read, beside the read cells no truth cell claimed (the comparison
    /// is by multiset, so a misreading shows up once on each side).
    /// </summary>
    private static void PrintErrors(List<string> truthCells, List<string> readCells, List<string> missed)
    {
        var pool = truthCells.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var unclaimed = new List<string>();
        foreach (var r in readCells)
        {
            if (pool.TryGetValue(r, out var n) && n > 0) pool[r] = n - 1;
            else unclaimed.Add(r);
        }
        foreach (var m in missed) Console.WriteLine($"      missed: {m}");
        foreach (var u in unclaimed) Console.WriteLine($"      read:   {u}");
    }

    private static string Normalise(string s) => Spaces().Replace(s, "").Replace('：', ':').Replace('（', '(').Replace('）', ')');

    private static bool IsNumber(string s) => NumberPattern().IsMatch(s);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^-?[\d,]+(\.\d+)?%?$")]
    private static partial Regex NumberPattern();
}
