namespace AuditEngine.Storage;

/// <summary>
/// One versioned change of the store's schema, applied once and recorded in schema_version. Statements are portable SQL
/// (both backends run them as they are); a step runs in one transaction with its schema_version row.
/// </summary>
public sealed record SchemaStep(int Version, string Description, IReadOnlyList<string> Statements);

/// <summary>A row of schema_version: which step was applied, when, and what it did.</summary>
public sealed record AppliedSchemaStep(int Version, DateTimeOffset AppliedAt, string Description);

/// <summary>
/// The ordered schema versions. Version 1 is the schema as it stood before versions were recorded (the tables of
/// <c>SqlSchema.Schema()</c> plus its AddedColumns), recognised in a store that has the tables but no
/// schema_version; every later step is applied once, in order, on top of it.
/// </summary>
public static class SchemaMigrations
{
    public const int Baseline = 1;

    public const string BaselineDescription = "初始结构 baseline schema (tables and added columns)";
    public const string RecognisedDescription = "已有库识别 existing store recognised at the baseline schema";

    /// <summary>Steps after the baseline, by version; append new ones at the end with the next version.</summary>
    public static readonly IReadOnlyList<SchemaStep> Steps =
    [
        new(2, "批次删除与保留期的索引 indexes for deleting batches and retention: blobs by referrer, batches by age",
        [
            "CREATE INDEX IF NOT EXISTS ix_documents_sha ON documents (sha256)",
            "CREATE INDEX IF NOT EXISTS ix_documents_layout ON documents (layout_sha)",
            "CREATE INDEX IF NOT EXISTS ix_document_images_sha ON document_images (sha256)",
            "CREATE INDEX IF NOT EXISTS ix_batches_created ON batches (created_at)",
            "CREATE INDEX IF NOT EXISTS ix_reviews_document ON reviews (document_id)",
        ]),
        new(3, "部门年度概览：已审核文档登记关键数字行 departments × years: a key-figures row for every document audited before it",
        [
            """
            INSERT INTO document_figures (document_id, document_type)
            SELECT id, document_type FROM documents WHERE status <> 'error' AND result_json IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM document_figures f WHERE f.document_id = documents.id)
            """,
        ]),
        new(4, "列表索引 indexes for the lists: findings in their default order, a batch's document counts without reading its rows",
        [
            "CREATE INDEX IF NOT EXISTS ix_findings_org_order ON findings (organisation_id, severity DESC, document_id, ordinal)",
            // Covers the batch list's per-status counts and sums, so they never read the documents' wide rows (result JSON).
            "CREATE INDEX IF NOT EXISTS ix_documents_batch_counts ON documents (batch_id, status, errors, warnings, infos)",
        ]),
        new(5, "问题筛选计数表 the findings' facet counts kept per batch, rule, category, severity, department and year (backfilled); indexes for the list's sorts, a batch's and a disclosure's findings, and the text search",
        [
            .. SqlFindingStore.FindingCountsSteps,
            // The list sorted by rule or department, in either direction, read in index order (ties: document, place,
            // id, ascending in both directions; department's empty values last, as the list's ORDER BY says).
            "CREATE INDEX IF NOT EXISTS ix_findings_sort_rule ON findings (organisation_id, rule_id, document_id, ordinal, id)",
            "CREATE INDEX IF NOT EXISTS ix_findings_sort_rule_desc ON findings (organisation_id, rule_id DESC, document_id, ordinal, id)",
            "CREATE INDEX IF NOT EXISTS ix_findings_sort_department ON findings " +
            "(organisation_id, (CASE WHEN department IS NULL THEN 1 ELSE 0 END), department, document_id, ordinal, id)",
            "CREATE INDEX IF NOT EXISTS ix_findings_sort_department_desc ON findings " +
            "(organisation_id, (CASE WHEN department IS NULL THEN 1 ELSE 0 END), department DESC, document_id, ordinal, id)",
            // A batch's and a disclosure's findings in the list's default order: the first page and the count read the
            // index only (the batch index before had no organisation, so its count read every finding's wide row); with
            // the category it also covers the batch overview's counts per document (CountFindingsByDocument).
            "CREATE INDEX IF NOT EXISTS ix_findings_batch_order ON findings (organisation_id, batch_id, severity DESC, document_id, ordinal, id, category)",
            "CREATE INDEX IF NOT EXISTS ix_findings_disclosure_order ON findings " +
            "(organisation_id, department, year, severity DESC, document_id, ordinal, id)",
            // Each backend then adds its index for the text search (SqlDatabase.BackendStatements): SQLite FTS5 trigram, PostgreSQL pg_trgm.
        ]),
        new(6, "概览变更计数 the overview's change count per organisation, so a node keeps the departments × years overview while no node changed it",
        [
            SqlDisclosureOverview.ChangesSchema,
        ]),
        // No portable statement: SQLite has no per-column compression; PostgreSQL's part is PostgresDatabase.Lz4Columns.
        new(7, "大字段改用 lz4 压缩 (PostgreSQL) the stored layouts, files and result JSON compressed with lz4 where the server has it", []),
    ];

    /// <summary>
    /// From this version on, applying a step moves every organisation's overview stamp (a step may rewrite the rows the
    /// overview reads), so a node running while another migrates does not keep an overview of the rows as they were.
    /// </summary>
    public const int OverviewStamped = 6;

    /// <summary>The newest version this build knows.</summary>
    public static int Latest => Steps.Count == 0 ? Baseline : Steps[^1].Version;
}

/// <summary>
/// The store was written by a newer AuditEngine: this build does not know its schema and refuses to touch it (an older
/// build writing rows the newer schema does not expect could lose data).
/// </summary>
public sealed class StoreSchemaTooNewException(int storeVersion, int knownVersion) : InvalidOperationException(
    $"存储的结构版本为 {storeVersion}，比本程序所知的最高版本 {knownVersion} 新：请升级 AuditEngine 后再打开此存储。" +
    $" The store's schema version {storeVersion} is newer than the newest this build knows ({knownVersion}); upgrade AuditEngine to open it.")
{
    public int StoreVersion { get; } = storeVersion;
    public int KnownVersion { get; } = knownVersion;
}
