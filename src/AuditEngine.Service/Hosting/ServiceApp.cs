using System.Text.Encodings.Web;
using AuditEngine.Intake.Providers;
using AuditEngine.Pipeline;
using AuditEngine.Service.Access;
using AuditEngine.Service.Api;
using AuditEngine.Service.Processing;
using AuditEngine.Service.Scheduling;
using AuditEngine.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Quartz;
using Serilog;

namespace AuditEngine.Service.Hosting;

/// <summary>Wires the service: storage, rules, Quartz workers and sweeps, access, the API and the dashboard.</summary>
public static class ServiceApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Settings and the dashboard travel with the binary; relative data paths stay relative to the caller.
            Args = args, ContentRootPath = AppContext.BaseDirectory, WebRootPath = WebRoot(),
        });
        var section = builder.Configuration.GetSection("AuditEngine");
        var options = section.Get<ServiceOptions>() ?? new ServiceOptions();
        builder.Services.Configure<ServiceOptions>(section);
        if (!builder.Configuration.GetSection("urls").Exists() && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
            builder.WebHost.UseUrls(ServiceAddress.Default);

        var paths = new DataPaths(Options.Create(options));
        Directory.CreateDirectory(paths.Root);
        // One logger per host rather than Serilog's static one: tests run several hosts in one process.
        var logger = Logging.Create(builder.Configuration, paths.Logs);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);

        var node = NodeIdentity.From(options.NodeName);
        var rulesDirectory = options.RulesDirectory ?? RulesLocator.Find()
            ?? throw new InvalidOperationException("找不到规则目录 rules/：请设置 AuditEngine:RulesDirectory");

        // Who reads scans and photos: the same environment settings as the CLI (docs/azure-di.md). A wrong Azure
        // setting stops the service at start rather than failing every scanned upload. Not per organisation yet:
        // organisations carry no settings of their own.
        var ocr = OcrSettings.FromEnvironment();
        logger.Information("OCR: {Provider} {Endpoint}", ocr.Provider, ocr.Azure?.Endpoint.ToString() ?? "");

        var services = builder.Services;
        services.AddSingleton(ocr.CreateProvider());
        services.AddSingleton(paths);
        services.AddSingleton(node);
        services.AddSingleton(_ => AuditStores.Open(options.Storage.Provider, paths.Database, options.Storage.Postgres));
        // The store's roles, each registered by itself: an endpoint or job takes only what it needs of the store.
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Schema);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Identity);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Blobs);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Batches);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Ledger);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Findings);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().FindingCounts);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Triage);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Overview);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Retention);
        services.AddSingleton(sp => sp.GetRequiredService<AuditStore>().Intake);
        services.AddSingleton(sp => new RuleSetProvider(rulesDirectory, sp.GetRequiredService<ILogger<RuleSetProvider>>()));
        services.AddSingleton(new UploadUnpacker(options.Limits));
        MemoryRelief.KeepLargeNativeBlocksMapped();
        services.AddSingleton<MemoryRelief>();
        services.AddSingleton<DocumentAuditor>();
        services.AddSingleton<AuditQueue>();
        services.AddSingleton<BatchIntake>();
        services.AddSingleton<PageImages>();
        services.AddSingleton<StoredReports>();
        services.AddSingleton<CsvExportCache>();
        services.AddSingleton<OverviewCache>();
        services.AddTransient<ReauditSweepJob>();
        services.AddTransient<InboxSweepJob>();
        services.AddTransient<RetentionSweepJob>();
        services.AddTransient<AuditDocumentJob>();

        services.AddQuartz(QuartzProperties.For(options, paths, node));
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        // After Quartz: sweeps and resumption need the scheduler; the first batch needs both.
        services.AddHostedService<SchedulerSetup>();
        services.AddHostedService<Bootstrap>();

        services.AddAuditEngineAccess();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LoginThrottle>();
        services.AddDataProtection().SetApplicationName("AuditEngine");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IIdentityStore>((o, identity) => o.XmlRepository = new StoredProtectionKeys(identity));
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        var maxBody = options.Limits.MaxBatchBytes + UploadUnpacker.RequestOverheadBytes;
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        services.Configure<FormOptions>(f =>
        {
            f.MultipartBodyLengthLimit = maxBody;
            f.KeyLengthLimit = 1024;
            f.ValueCountLimit = options.Limits.MaxFiles + 16;
        });

        var app = builder.Build();
        app.UseRequestLogging(logger);
        app.UseSecurityHeaders();
        app.UseJsonErrors();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        app.MapSessionEndpoints();
        app.MapBatchEndpoints();
        app.MapDocumentEndpoints();
        app.MapAnnotatedPdfEndpoints();
        app.MapFindingEndpoints();
        app.MapBulkTriageEndpoints();
        app.MapRuleEndpoints();
        app.MapAccountEndpoints();
        app.MapOverviewEndpoints();
        // The dashboard routes in the browser; any other non-API path loads it.
        app.MapFallback("/api/{**rest}", () => Results.Json(new ErrorDto("没有这个接口"), statusCode: 404));
        app.MapFallbackToFile("index.html");

        app.Lifetime.ApplicationStarted.Register(() => Announce(app, paths));
        return app;
    }

    /// <summary>The dashboard's files: beside the binary when published, else in the source tree.</summary>
    private static string? WebRoot()
    {
        var besideBinary = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return Directory.Exists(besideBinary) ? besideBinary : null;
    }

    /// <summary>Printed to the console only (never logged): where to go and the first login, if one was made here.</summary>
    private static void Announce(WebApplication app, DataPaths paths)
    {
        foreach (var url in app.Urls) Console.WriteLine($"审核服务已启动 AuditEngine is running: {url}");
        // For `auditengine admin key create`, which prints a curl example: the address really in use, not a guess.
        if (app.Urls.Count > 0)
        {
            try { File.WriteAllLines(Path.Combine(paths.Root, ServiceAddress.NoteFileName), app.Urls); }
            catch (IOException e) { Console.Error.WriteLine($"无法记录服务地址 cannot note the address: {e.Message}"); }
        }
        if (File.Exists(paths.FirstLogin))
        {
            Console.WriteLine($"首次登录 first login ({paths.FirstLogin}):");
            Console.WriteLine(File.ReadAllText(paths.FirstLogin).TrimEnd());
        }
    }
}
