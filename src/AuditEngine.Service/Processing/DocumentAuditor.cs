using AuditEngine.Intake;
using AuditEngine.Intake.Providers;
using AuditEngine.Model;
using AuditEngine.Pipeline;
using AuditEngine.Reports;
using AuditEngine.Storage;
using Serilog.Context;

namespace AuditEngine.Service.Processing;

/// <summary>
/// Audits one stored document: claims it, runs the pipeline, and records the result, findings, page images and evidence
/// crops in one transaction. The layout intake stored is its product: a re-audit (a rule change, a sweep) recognises
/// that layout again and never reads or OCRs the file, unless its readers changed since (<see cref="DocumentReader.IsCurrent"/>).
/// A document already done (a job delivered twice, or recovered after another node finished it) is left alone, which
/// is what makes every audit count exactly once.
/// </summary>
public sealed class DocumentAuditor(
    IBlobStore blobStore, IBatchStore batchStore, IAuditLedger ledger, RuleSetProvider rules, NodeIdentity node, ILayoutProvider scans, AuditQueue queue, MemoryRelief memory,
    ILogger<DocumentAuditor> logger)
{
    private long filesRead;
    private long layoutsReused;

    /// <summary>Files this node read through intake (first audits, and re-audits whose stored layout was out of date).</summary>
    public long FilesRead => Interlocked.Read(ref filesRead);
    /// <summary>Audits (and previous-year links) this node made from a stored layout, without reading the file.</summary>
    public long LayoutsReused => Interlocked.Read(ref layoutsReused);

    public void Audit(long documentId)
    {
        var doc = batchStore.GetDocument(null, documentId);
        if (doc is null)
        {
            logger.LogWarning("文档 {DocumentId} 不存在，跳过", documentId);
            return;
        }
        using var _ = LogContext.PushProperty("DocumentId", doc.Id);
        using var __ = LogContext.PushProperty("BatchId", doc.BatchId);
        using var ___ = LogContext.PushProperty("CorrelationId", $"batch-{doc.BatchId}/doc-{doc.Id}");

        var claim = ledger.BeginAudit(doc.Id, node.Name);
        if (claim is null)
        {
            logger.LogInformation("文档 {FileName} 已审核，跳过 already audited", doc.FileName);
            return;
        }

        var ruleSet = rules.Current;
        memory.Begin();
        try
        {
            // Page images and crops stay in memory and go to the store with the result: nothing touches the temp folder.
            var crops = new CropsInMemory();
            var pipeline = new AuditPipeline(ruleSet) { Crops = new EvidenceCrops(crops), LayoutProvider = scans };
            var stored = StoredLayout(doc.Id, doc.FileName);
            DocumentResult result;
            Layout? layout;
            if (stored is not null)
            {
                RestorePageImages(doc.Id, stored);
                Interlocked.Increment(ref layoutsReused);
                (result, layout) = pipeline.AuditOne(stored, doc.FileName, d => LinkPreviousYear(doc, d, pipeline));
            }
            else
            {
                var content = blobStore.GetBlob(doc.Sha256)
                              ?? throw new InvalidOperationException($"{doc.FileName}: 存储中找不到文件内容 {doc.Sha256}");
                Interlocked.Increment(ref filesRead);
                (result, layout) = pipeline.AuditOne(content, doc.FileName, d => LinkPreviousYear(doc, d, pipeline));
            }
            if (result.Status != ResultStatus.Ok)
            {
                Fail(doc, claim, result.Error ?? $"{doc.FileName}: 无法读取", ruleSet.Version, result.ElapsedSeconds);
                return;
            }

            result = result with { Source = doc.FileName };
            var images = crops.Crops.Select(c => new DocumentImage(c.Name, c.Png)).ToList();
            // A layout recognised from the store is already there, and so are its page images: neither is written nor
            // hashed again. Only a freshly read file's page images are new.
            var pageImages = (layout?.Pages ?? []).Where(p => p.Image is not null).Select(p => new DocumentImage(PageImages.Name(p.Number), p.Image!)).ToList();
            var kept = stored is not null ? pageImages.Select(i => i.Name).ToList() : [];
            if (stored is null) images.AddRange(pageImages);
            var outcome = new AuditOutcome(result, ruleSet.Version, node.Name, layout is null || stored is not null ? null : LayoutText(layout),
                ResultJson(result, ruleSet.Version), images, kept);
            if (ledger.CompleteAudit(doc.Id, claim, outcome))
            {
                logger.LogInformation("已审核 audited {FileName}: {Errors} 错误 {Warnings} 警告 {Infos} 提示，用时 {Elapsed:0.00}s",
                    doc.FileName, result.Count(Severity.Error), result.Count(Severity.Warning), result.Count(Severity.Info),
                    result.ElapsedSeconds);
                // A new upload may be the previous year of a disclosure audited before it arrived.
                if (stored is null) RequeueFollowingYear(doc.OrganisationId, result);
            }
            else
            {
                logger.LogWarning("文档 {FileName} 已由其他节点完成，本次结果不记录", doc.FileName);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "审核失败 audit failed {FileName}", doc.FileName);
            Fail(doc, claim, $"{doc.FileName}: 审核失败：{e.Message}", ruleSet.Version, 0);
        }
        finally
        {
            memory.End(doc.Size);
        }
    }

    private void Fail(DocumentRecord doc, string claim, string error, string version, double elapsed)
    {
        logger.LogWarning("无法审核 {FileName}: {Error}", doc.FileName, error);
        ledger.FailAudit(doc.Id, claim, error, version, node.Name, elapsed);
    }

    /// <summary>
    /// Compares with the same department's previous year when this organisation has it stored. In the service a
    /// bureau's earlier uploads count, not only the same batch: last year's disclosure was uploaded last year.
    /// </summary>
    private void LinkPreviousYear(DocumentRecord doc, Disclosure disclosure, AuditPipeline pipeline)
    {
        if (string.IsNullOrWhiteSpace(disclosure.Department) || disclosure.Year is not { } year) return;
        var previous = batchStore.FindDisclosure(doc.OrganisationId, disclosure.Department.Trim(), year - 1);
        if (previous is null) return;
        if (StoredLayout(previous.Id, previous.FileName) is { } layout)
        {
            Interlocked.Increment(ref layoutsReused);
            disclosure.PreviousYear = pipeline.Recognise(layout, previous.FileName);
            return;
        }
        if (blobStore.GetBlob(previous.Sha256) is not { } bytes) return;
        Interlocked.Increment(ref filesRead);
        disclosure.PreviousYear = pipeline.Recognise(bytes, previous.FileName);
    }

    /// <summary>
    /// The same department's next year, audited before this year arrived, lacked its year-over-year comparison: it is
    /// re-audited now (from its stored layout, so at the cost of recognition and rules).
    /// </summary>
    private void RequeueFollowingYear(long organisationId, DocumentResult result)
    {
        if (string.IsNullOrWhiteSpace(result.Department) || result.Year is not { } year) return;
        var ids = ledger.RequeueDisclosures(organisationId, result.Department.Trim(), year + 1);
        if (ids.Count == 0) return;
        logger.LogInformation("{Department} {Year} 年的上一年度文件已到，重新审核 {Count} 份 re-auditing the following year",
            result.Department, year + 1, ids.Count);
        queue.Enqueue(ids).GetAwaiter().GetResult();
    }

    /// <summary>The layout stored with the document when the current readers made it; null means read the file.</summary>
    private Layout? StoredLayout(long documentId, string fileName)
    {
        if (batchStore.GetLayoutUtf8(documentId) is not { } json) return null;
        try
        {
            var layout = LayoutJson.Read(json, fileName);
            return DocumentReader.IsCurrent(layout) ? layout : null;
        }
        catch (IntakeException e)
        {
            // A damaged stored layout is not the upload's fault: read the file again.
            logger.LogWarning("文档 {FileName} 的版面记录无法读取，重新识别文件：{Problem}", fileName, e.Problem);
            return null;
        }
    }

    /// <summary>Scanned pages' images come back from the store, for evidence crops and to be stored with the result again.</summary>
    private void RestorePageImages(long documentId, Layout layout)
    {
        foreach (var page in layout.Pages.Where(p => p.Scanned))
            page.Image = blobStore.GetDocumentImage(documentId, PageImages.Name(page.Number));
    }

    private static string LayoutText(Layout layout)
    {
        using var buffer = new MemoryStream();
        LayoutJson.WriteStored(layout, buffer);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string ResultJson(DocumentResult result, string version)
    {
        using var buffer = new MemoryStream();
        JsonReport.Write([result], buffer, new ReportInfo(DateTimeOffset.Now, version));
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
