namespace AuditEngine.Model;

/// <summary>A table with figures whose title matched no table kind, as it was read (title, first page).</summary>
public sealed record UnclassifiedTable(string Title, Provenance Provenance) : IHasProvenance;
