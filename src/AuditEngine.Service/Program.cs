using AuditEngine.Service.Hosting;

// The audit service: `./run.sh` starts it; see README.md and docs/api.md.
var app = ServiceApp.Build(args);
app.Run();

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
