namespace AuditEngine.Storage;

/// <summary>Asking intake to run again (<see cref="IIntakeRequests"/>).</summary>
internal sealed class SqlIntakeRequests(SqlDatabase database) : SqlRole(database), IIntakeRequests
{
    public bool RequestReread(long organisationId, long documentId)
    {
        using var c = Open();
        // The layout blob stays: other documents of the same content may use it, and retention removes what nothing uses.
        return Execute(c, null,
            "UPDATE documents SET status = 'queued', layout_sha = NULL WHERE id = @id AND organisation_id = @org AND status IN ('done', 'error')",
            ("id", documentId), ("org", organisationId)) > 0;
    }
}
