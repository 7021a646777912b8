using AuditEngine.Model;

namespace AuditEngine.Pipeline;

/// <summary>One document finished: reported as each completes, so Completed counts up while order may vary.</summary>
public sealed record AuditProgress(int Completed, int Total, DocumentResult Result);
