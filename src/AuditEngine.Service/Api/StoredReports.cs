using AuditEngine.Model;
using AuditEngine.Reports;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>
/// Reports of stored results in the CLI's formats and JSON contract. Results are kept as that JSON, so a report is
/// the stored documents read back and written by the same writers the CLI uses.
/// </summary>
public sealed class StoredReports(IBlobStore blobStore, IBatchStore batchStore, IFindingStore findingStore)
{
    public IReadOnlyList<DocumentResult> Results(IEnumerable<DocumentRecord> documents)
    {
        var results = new List<DocumentResult>();
        foreach (var d in documents)
        {
            if (d.Status == DocumentStatus.Error)
            {
                results.Add(new DocumentResult { Source = d.FileName, Status = ResultStatus.Error, Error = d.Error, ElapsedSeconds = d.ElapsedSeconds });
                continue;
            }
            if (d.Status != DocumentStatus.Done || batchStore.GetResultJson(d.Id) is not { } json) continue;
            using var input = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
            results.AddRange(JsonReport.Read(input).Documents.Select(r => WithReviews(r, d)));
        }
        return results;
    }

    /// <summary>
    /// The stored result with each finding's current review. Reviews are kept by fingerprint, not in the stored
    /// result, so the result's findings are fingerprinted the way the store did when it recorded them.
    /// </summary>
    private DocumentResult WithReviews(DocumentResult r, DocumentRecord d)
    {
        var reviews = findingStore.QueryFindings(d.OrganisationId, new FindingFilter { Documents = [d.Id] }, 100_000, 0).Items
            .ToDictionary(f => f.Fingerprint, f => ToFindingReview(f.Review), StringComparer.Ordinal);
        if (reviews.Values.All(v => v.State == ReviewState.Open && v.At is null)) return r;
        var fingerprints = FindingFingerprint.Of(r.Findings);
        var findings = r.Findings.Select((f, i) => reviews.TryGetValue(fingerprints[i], out var review) ? Copy(f, review: review) : f).ToList();
        return Copy(r, findings);
    }

    /// <summary>The store's review (string states, the API's shape) as the reports' value.</summary>
    public static FindingReview ToFindingReview(Review review) =>
        review.User is null && review.At is null ? FindingReview.None
            : new FindingReview(ReviewStates.TryParse(review.Status, out var state) ? state : ReviewState.Open,
                review.User, review.At, review.Reason, review.Comment);

    /// <summary>Results of findings picked by a filter, grouped back into their documents (exports), with their reviews.</summary>
    public static IReadOnlyList<DocumentResult> FromFindings(IEnumerable<StoredFinding> findings) =>
        findings.GroupBy(f => f.DocumentId).Select(g => new DocumentResult
        {
            Source = g.First().FileName, Department = g.First().Department, Year = g.First().Year,
            DocumentType = g.First().DocumentType,
            Findings = g.Select(f => Copy(f.Finding, review: ToFindingReview(f.Review))).ToList(),
        }).ToList();

    private static Finding Copy(Finding f, List<Evidence>? evidence = null, FindingReview? review = null) =>
        f with { Evidence = evidence ?? f.Evidence, Review = review ?? f.Review };

    private static DocumentResult Copy(DocumentResult r, List<Finding> findings) => r with { Findings = findings };

    /// <summary>
    /// Writes a report. For HTML and PDF the stored evidence crops are put in a temporary folder first, because the HTML
    /// writer embeds crops from files so that the report stays one self-contained page.
    /// </summary>
    /// <param name="organisation">The organisation and batch the PDF report's cover names.</param>
    public void Write(IReadOnlyList<DocumentResult> results, IReadOnlyDictionary<string, long> documentIdsBySource,
        ReportFormat format, string ruleSetVersion, Stream output, string? organisation = null, string? batch = null)
    {
        var info = ReportInfo.Now(ruleSetVersion) with { Organisation = organisation, Batch = batch };
        // HTML and PDF embed the crops from files.
        if (format is not (ReportFormat.Html or ReportFormat.Pdf))
        {
            ReportWriters.For(format, info).Write(results, output);
            return;
        }
        var folder = Directory.CreateTempSubdirectory("auditengine-report-");
        try
        {
            var withCrops = results.Select(r => documentIdsBySource.TryGetValue(r.Source, out var id) ? WithCropFiles(r, id, folder.FullName) : r).ToList();
            ReportWriters.For(format, info).Write(withCrops, output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private DocumentResult WithCropFiles(DocumentResult r, long documentId, string folder)
    {
        if (r.Findings.All(f => f.Evidence.All(e => e.Crop is null))) return r;
        var findings = r.Findings.Select(f => Copy(f, evidence: f.Evidence.Select(e =>
        {
            if (e.Crop is not { } name || blobStore.GetDocumentImage(documentId, name) is not { } png) return e;
            var path = Path.Combine(folder, $"{documentId}-{Path.GetFileName(name)}");
            File.WriteAllBytes(path, png);
            return e with { Crop = path };
        }).ToList())).ToList();
        return Copy(r, findings);
    }
}
