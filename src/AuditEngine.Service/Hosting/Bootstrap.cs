using System.Security.Cryptography;
using AuditEngine.Pipeline;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Hosting;

/// <summary>
/// First start on an empty store: a demo organisation with an admin (password printed once and kept in
/// data/first-login.txt, readable only by the owner) and, unless turned off, the repository's samples as a first batch,
/// so a new installation shows findings right away.
/// </summary>
public sealed class Bootstrap(
    IIdentityStore identityStore, BatchIntake intake, IOptions<ServiceOptions> options, DataPaths paths, ILogger<Bootstrap> logger)
    : IHostedService
{
    public const string DemoOrganisation = "示范财政局";
    public const string AdminUser = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (identityStore.ListOrganisations().Count > 0) return;
        var o = options.Value;
        Organisation organisation;
        try
        {
            organisation = identityStore.CreateOrganisation(DemoOrganisation);
        }
        catch (System.Data.Common.DbException e) when (identityStore.ListOrganisations().Count > 0)
        {
            // Cluster nodes started together on an empty database: another node made the first organisation (the
            // name is unique) between our check and our insert; it also makes the admin and seeds the samples.
            logger.LogInformation("首个单位已由其他节点创建 another node created the first organisation ({Error})", e.Message);
            return;
        }
        var password = string.IsNullOrEmpty(o.FirstAdminPassword)
            ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y')
            : o.FirstAdminPassword;
        identityStore.CreateUser(organisation.Id, AdminUser, "管理员", Role.Admin, PasswordHasher.Hash(password));
        Directory.CreateDirectory(paths.Root);
        await File.WriteAllTextAsync(paths.FirstLogin,
            $"单位 organisation: {DemoOrganisation}\n用户 user: {AdminUser}\n密码 password: {password}\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(paths.FirstLogin, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        logger.LogInformation("已创建首个管理员 first admin created for {Organisation}; login in {File}", DemoOrganisation, paths.FirstLogin);

        if (!o.SeedSamples) return;
        var samples = o.SamplesDirectory ?? FindSamples();
        if (samples is null || !Directory.Exists(samples)) return;
        var files = InputFiles.Expand([samples])
            .Select(f => new IncomingFile(Path.GetRelativePath(samples, f), File.ReadAllBytes(f))).ToList();
        var principal = new Principal(organisation.Id, organisation.Name, AdminUser, Role.Admin);
        await intake.Submit(principal, "示例 samples", "samples", files, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? FindSamples()
    {
        var rules = RulesLocator.Find();
        return rules is null ? null : Path.Combine(Path.GetDirectoryName(rules)!, "samples");
    }
}
