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
        var findings = r.Findings.Select((f, i) => reviews.TryGetValue(fingerprints[i], out var review) ? f with { Review = review } : f).ToList();
        return r with { Findings = findings };
    }

    /// <summary>The store's review (string states, the API's shape) as the reports' value.</summary>
    public static FindingReview ToFindingReview(Review review) =>
        review.User is null && review.At is null ? FindingReview.None
            : new FindingReview(ReviewStates.TryParse(review.Status, out var state) ? state : ReviewState.Open,
                review.User, review.At, review.Reason, review.Comment);

    /// <summary>Results of findings picked by a filter, grouped back into their documents (exports), with their reviews.</summary>
    public static IReadOnlyList<DocumentResult> FromFindings(IEnumerable<StoredFinding> findings) =>
        findings.GroupBy(f => f.DocumentId).Select(g => DocumentOf(g.First()) with
        {
            Findings = g.Select(WithReview).ToList(),
        }).ToList();

    public static DocumentResult DocumentOf(StoredFinding f) => new()
    {
        Source = f.FileName, Department = f.Department, Year = f.Year, DocumentType = f.DocumentType,
    };

    public static Finding WithReview(StoredFinding f) => f.Finding with { Review = ToFindingReview(f.Review) };

    /// <summary>
    /// Writes a report. HTML and PDF embed the evidence crops, read from the store by the document each result came
    /// from (nothing passes through the temp folder).
    /// </summary>
    /// <param name="organisation">The organisation and batch the PDF report's cover names.</param>
    public void Write(IReadOnlyList<DocumentResult> results, IReadOnlyDictionary<string, long> documentIdsBySource,
        ReportFormat format, string ruleSetVersion, Stream output, string? organisation = null, string? batch = null)
    {
        var info = ReportInfo.Now(ruleSetVersion) with
        {
            Organisation = organisation, Batch = batch, Crops = new StoredCrops(blobStore, documentIdsBySource),
        };
        ReportWriters.For(format, info).Write(results, output);
    }

    /// <summary>The crops a stored finding names are images of its document in the store.</summary>
    private sealed class StoredCrops(IBlobStore blobStore, IReadOnlyDictionary<string, long> documentIdsBySource) : ICropImages
    {
        public byte[]? Read(DocumentResult document, string crop) =>
            documentIdsBySource.TryGetValue(document.Source, out var id) ? blobStore.GetDocumentImage(id, Path.GetFileName(crop)) : null;
    }
}
