namespace AuditEngine.Storage;

/// <summary>The store's schema: creating or upgrading it, and its versions as applied (schema_version).</summary>
public interface ISchemaHistory
{
    /// <summary>
    /// Creates or upgrades the schema (versioned steps recorded in schema_version, see <see cref="SchemaMigrations"/>);
    /// safe to call on every start and from several nodes at once. Throws <see cref="StoreSchemaTooNewException"/> for a
    /// store written by a newer version.
    /// </summary>
    void Migrate();

    /// <summary>The applied versions, oldest first; the last is the current version.</summary>
    IReadOnlyList<AppliedSchemaStep> ListSchemaVersions();
}
