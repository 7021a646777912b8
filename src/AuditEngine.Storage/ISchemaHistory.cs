namespace AuditEngine.Storage;

/// <summary>The store's schema versions as applied (schema_version), oldest first; the last is the current version.</summary>
public interface ISchemaHistory
{
    IReadOnlyList<AppliedSchemaStep> ListSchemaVersions();
}
