using System.Diagnostics;
using Serilog;
using Serilog.Context;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace AuditEngine.Service.Hosting;

/// <summary>
/// Serilog: readable lines on the console, JSON lines in a daily rolling file under data/logs, both enriched with
/// the correlation id (per request, per batch and per document). Configuration may override levels ("Serilog" section).
/// </summary>
public static class Logging
{
    public static Serilog.ILogger Create(IConfiguration configuration, string logDirectory) =>
        new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            // Keys sit unencrypted in the store, which is guarded like the audit data itself; no warning each start.
            .MinimumLevel.Override("Microsoft.AspNetCore.DataProtection", LogEventLevel.Error)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {CorrelationId}{NewLine}{Exception}")
            .WriteTo.Async(a => a.File(new JsonFormatter(renderMessage: true), Path.Combine(logDirectory, "auditengine-.json"),
                rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30))
            .CreateLogger();

    /// <summary>
    /// One line per request: method, path (never the query, which may carry filters but no secrets, nor headers,
    /// which carry keys and cookies), status, time and user, under a correlation id echoed in X-Correlation-Id.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app, Serilog.ILogger log) => app.Use(async (context, next) =>
    {
        var id = context.Request.Headers["X-Correlation-Id"].ToString() is { Length: > 0 and <= 64 } given ? given
            : Guid.NewGuid().ToString("N")[..12];
        context.Response.Headers["X-Correlation-Id"] = id;
        using var _ = LogContext.PushProperty("CorrelationId", id);
        var clock = Stopwatch.StartNew();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            log.Write(status >= 500 ? LogEventLevel.Error : LogEventLevel.Information,
                "HTTP {Method} {Path} → {StatusCode} in {Elapsed:0.0} ms ({User})",
                context.Request.Method, context.Request.Path.Value, status, clock.Elapsed.TotalMilliseconds,
                context.User.Identity?.Name ?? "-");
        }
    });
}
