using System.Security.Cryptography;
using AuditEngine.Storage;

namespace AuditEngine.Cli;

/// <summary>
/// <c>auditengine admin</c>: organisations, users, API keys and batches of the service's store, for the first set-up and for
/// scripts. The store is the service's: --data DIR (SQLite under it) or --postgres CONNECTION, else the same
/// environment variables the service reads (AuditEngine__DataDirectory, AuditEngine__Storage__Provider, …).
/// Passwords and keys are shown once and stored only as hashes.
/// </summary>
public static class AdminCommand
{
    public const string Usage = """
        Usage 用法:
          auditengine admin org create NAME                                  新建单位 create an organisation
          auditengine admin org list                                         列出单位 list organisations
          auditengine admin user create --org NAME --user NAME --role ROLE [--password P] [--display NAME]
                                                                             新建用户 create a user (role: uploader | reviewer | admin)
          auditengine admin user list --org NAME                             列出用户 list an organisation's users
          auditengine admin user password --user NAME [--password P]         重设密码 reset a password (ends the user's sessions)
          auditengine admin user disable --user NAME                         停用用户 disable: its sessions and keys stop at once
          auditengine admin user enable --user NAME                          重新启用 enable again
          auditengine admin key create --user NAME [--name LABEL] [--expires DAYS|YYYY-MM-DD] [--urls URL]
                                                                             新建 API 密钥 create an API key for scripts; the curl
                                                                             example names --urls, else the address the service
                                                                             last started with, else ASPNETCORE_URLS, else
                                                                             http://127.0.0.1:5000
          auditengine admin key list [--org NAME | --user NAME]              列出密钥 list keys (id, state; never the key)
          auditengine admin key revoke --id ID                               吊销密钥 revoke a key at once
          auditengine admin batch delete ID                                  删除批次 delete a batch (any organisation) with its
                                                                             documents, findings, reviews, ledger, images and the
                                                                             files no other batch uses; refused while one of its
                                                                             documents is being audited
          auditengine admin overview --org NAME [--type CODE]                部门 × 年度 every disclosure (department, year, type)
                                                                             across batches: versions, latest errors, 三公 (万元) and
                                                                             its change against the year before, tab-separated

        Store 存储 (default: the service's ./data/auditengine.db):
          --data DIR          SQLite under DIR 数据目录
          --postgres CONN     PostgreSQL connection string 连接串
        A password left out is generated and printed once. 未给出的密码会随机生成并只显示一次。
        """;

    /// <summary>The service's data directory: --data, else the service's own setting, else ./data.</summary>
    private static string DataDirectory(Dictionary<string, string> options) =>
        options.GetValueOrDefault("data") ?? Environment.GetEnvironmentVariable("AuditEngine__DataDirectory") ?? "data";

    public static int Run(IReadOnlyList<string> args, CliConsole console)
    {
        if (args.Count < 2 || args[1] is "-h" or "--help")
        {
            (args.Count < 2 ? console.Error : console.Out).WriteLine(Usage);
            return args.Count < 2 ? ExitCodes.Failure : ExitCodes.Clean;
        }
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var words = new List<string>();
        for (var i = 1; i < args.Count; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count) return Fail(console, $"{args[i]} 缺少取值 needs a value");
                options[args[i][2..]] = args[++i];
            }
            else words.Add(args[i]);
        }

        AuditStore store;
        try { store = OpenStore(options); }
        catch (Exception e) when (e is ArgumentException or System.Data.Common.DbException or InvalidOperationException)
        {
            return Fail(console, $"无法打开存储 cannot open the store: {e.Message}");
        }

        // PostgreSQL: the connection pool goes with the command.
        using var opened = store;
        try
        {
            return (string.Join(' ', words.Take(2)), words.Skip(2).ToList()) switch
            {
                ("org create", [var name]) => CreateOrganisation(store.Identity, name, console),
                ("org list", []) => ListOrganisations(store.Identity, console),
                ("user create", []) => CreateUser(store.Identity, options, console),
                ("user list", []) => ListUsers(store.Identity, options, console),
                ("user password", []) => ResetPassword(store.Identity, options, console),
                ("user disable", []) => SetDisabled(store.Identity, options, true, console),
                ("user enable", []) => SetDisabled(store.Identity, options, false, console),
                ("key create", []) => CreateKey(store.Identity, options, console),
                ("key list", []) => ListKeys(store.Identity, options, console),
                ("key revoke", []) => RevokeKey(store.Identity, options, console),
                ("batch delete", [var id]) => DeleteBatch(store.Retention, id, console),
                ("overview", []) => Overview(store.Identity, store.Overview, options, console),
                _ => Fail(console, $"未知的管理命令 unknown admin command: {string.Join(' ', words)}\n{Usage}"),
            };
        }
        catch (System.Data.Common.DbException e)
        {
            return Fail(console, $"存储拒绝了操作 the store refused: {e.Message}");
        }
    }

    private static AuditStore OpenStore(Dictionary<string, string> options)
    {
        if (options.TryGetValue("postgres", out var connection)) return AuditStores.Open("postgres", null, connection);
        var data = DataDirectory(options);
        var provider = options.ContainsKey("data") ? "sqlite" : Environment.GetEnvironmentVariable("AuditEngine__Storage__Provider") ?? "sqlite";
        var sqliteFile = Environment.GetEnvironmentVariable("AuditEngine__Storage__SqlitePath") ?? "auditengine.db";
        return AuditStores.Open(provider, Path.Combine(data, sqliteFile), Environment.GetEnvironmentVariable("AuditEngine__Storage__Postgres"));
    }

    private static int CreateOrganisation(IIdentityStore store, string name, CliConsole console)
    {
        if (store.FindOrganisation(name) is not null) return Fail(console, $"单位已存在 organisation exists: {name}");
        var org = store.CreateOrganisation(name);
        console.Out.WriteLine($"已创建单位 created organisation {org.Id}: {org.Name}");
        return ExitCodes.Clean;
    }

    private static int ListOrganisations(IIdentityStore store, CliConsole console)
    {
        foreach (var org in store.ListOrganisations()) console.Out.WriteLine($"{org.Id}\t{org.Name}");
        return ExitCodes.Clean;
    }

    private static int CreateUser(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("org", out var orgName) || !options.TryGetValue("user", out var userName) || !options.TryGetValue("role", out var roleText))
            return Fail(console, "需要 --org、--user 和 --role needs --org, --user and --role");
        if (!Roles.TryParse(roleText, out var role)) return Fail(console, $"未知角色 unknown role: {roleText}（uploader | reviewer | admin）");
        var org = store.FindOrganisation(orgName);
        if (org is null) return Fail(console, $"单位不存在 no such organisation: {orgName}");
        if (store.FindUser(userName) is not null) return Fail(console, $"用户名已被使用 user name taken: {userName}");
        var (password, generated) = Password(options);
        var user = store.CreateUser(org.Id, userName, options.GetValueOrDefault("display") ?? userName, role, PasswordHasher.Hash(password));
        console.Out.WriteLine($"已创建用户 created user {user.UserName} ({role.Name()}) in {org.Name}");
        if (generated) console.Out.WriteLine($"密码 password: {password}");
        return ExitCodes.Clean;
    }

    private static int ListUsers(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("org", out var orgName)) return Fail(console, "需要 --org needs --org");
        var org = store.FindOrganisation(orgName);
        if (org is null) return Fail(console, $"单位不存在 no such organisation: {orgName}");
        foreach (var u in store.ListUsers(org.Id))
            console.Out.WriteLine($"{u.UserName}\t{u.Role.Name()}\t{u.DisplayName}{(u.Disabled ? "\t已停用 disabled" : "")}");
        return ExitCodes.Clean;
    }

    private static int ResetPassword(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("user", out var userName)) return Fail(console, "需要 --user needs --user");
        var user = store.FindUser(userName);
        if (user is null) return Fail(console, $"用户不存在 no such user: {userName}");
        var (password, generated) = Password(options);
        store.SetPassword(user.Id, PasswordHasher.Hash(password));
        console.Out.WriteLine($"已重设密码 password reset for {user.UserName}");
        if (generated) console.Out.WriteLine($"密码 password: {password}");
        return ExitCodes.Clean;
    }

    private static int CreateKey(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("user", out var userName)) return Fail(console, "需要 --user needs --user");
        var user = store.FindUser(userName);
        if (user is null) return Fail(console, $"用户不存在 no such user: {userName}");
        if (user.Disabled) return Fail(console, $"用户已停用 user is disabled: {userName}");
        DateTimeOffset? expires = null;
        if (options.TryGetValue("expires", out var expiresText))
        {
            if (int.TryParse(expiresText, out var days) && days > 0) expires = DateTimeOffset.UtcNow.AddDays(days);
            else if (DateOnly.TryParseExact(expiresText, "yyyy-MM-dd", out var date) && date > DateOnly.FromDateTime(DateTime.Now))
                expires = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeZoneInfo.Local.GetUtcOffset(date.ToDateTime(TimeOnly.MinValue)));
            else return Fail(console, $"--expires 应为天数或将来的日期 YYYY-MM-DD needs a number of days or a future date: {expiresText}");
        }
        var key = PasswordHasher.NewApiKey();
        var record = store.CreateApiKey(user.Id, options.GetValueOrDefault("name") ?? "script", PasswordHasher.HashApiKey(key), expires);
        console.Out.WriteLine($"已为 {user.UserName}（{user.OrganisationName}，{user.Role.Name()}）创建 API 密钥 {record.Id}" +
            (expires is { } e ? $"，有效期至 {e.ToLocalTime():yyyy-MM-dd HH:mm}" : "") + "，只显示这一次：");
        console.Out.WriteLine(key);
        var address = ServiceAddress.Resolve(options.GetValueOrDefault("urls"), DataDirectory(options),
            Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        console.Out.WriteLine($"用法 use: curl -H 'X-Api-Key: {key}' {address}/api/batches");
        return ExitCodes.Clean;
    }

    private static int SetDisabled(IIdentityStore store, Dictionary<string, string> options, bool disabled, CliConsole console)
    {
        if (!options.TryGetValue("user", out var userName)) return Fail(console, "需要 --user needs --user");
        var user = store.FindUser(userName);
        if (user is null) return Fail(console, $"用户不存在 no such user: {userName}");
        store.SetUserDisabled(user.Id, disabled);
        console.Out.WriteLine(disabled
            ? $"已停用用户 disabled {user.UserName}: 其登录与 API 密钥立即失效 its sessions and keys stop now"
            : $"已启用用户 enabled {user.UserName}");
        return ExitCodes.Clean;
    }

    private static int ListKeys(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        long? org = null;
        if (options.TryGetValue("org", out var orgName))
        {
            if (store.FindOrganisation(orgName) is not { } found) return Fail(console, $"单位不存在 no such organisation: {orgName}");
            org = found.Id;
        }
        var userName = options.GetValueOrDefault("user");
        if (userName is not null && store.FindUser(userName) is null) return Fail(console, $"用户不存在 no such user: {userName}");
        var now = DateTimeOffset.UtcNow;
        foreach (var k in store.ListApiKeys(org).Where(k => userName is null || k.UserName == userName))
            console.Out.WriteLine($"{k.Id}\t{k.UserName}\t{k.Name}\t{k.StateAt(now).ToString().ToLowerInvariant()}\t" +
                $"created {k.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}\texpires {(k.ExpiresAt is { } e ? e.ToLocalTime().ToString("yyyy-MM-dd HH:mm") : "-")}");
        return ExitCodes.Clean;
    }

    private static int RevokeKey(IIdentityStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("id", out var idText) || !long.TryParse(idText, out var id))
            return Fail(console, "需要 --id（见 admin key list）needs --id (see admin key list)");
        var key = store.ListApiKeys(null).FirstOrDefault(k => k.Id == id);
        if (key is null) return Fail(console, $"密钥不存在 no such key: {id}");
        if (!store.RevokeApiKey(null, id)) return Fail(console, $"密钥已吊销 key already revoked: {id}");
        console.Out.WriteLine($"已吊销密钥 revoked key {id} ({key.Name}) of {key.UserName}");
        return ExitCodes.Clean;
    }

    private static int DeleteBatch(IBatchRetention retention, string idText, CliConsole console)
    {
        if (!long.TryParse(idText, out var id)) return Fail(console, $"批次编号应为数字 the batch id is a number: {idText}");
        var result = retention.DeleteBatch(null, id);
        switch (result.Status)
        {
            case BatchDeletionStatus.NotFound:
                return Fail(console, $"批次不存在 no such batch: {id}");
            case BatchDeletionStatus.Busy:
                return Fail(console, $"批次 {id}「{result.Name}」中有文档正在审核，请在审核结束后再删除 a document of the batch is being audited; retry when it is over");
        }
        console.Out.WriteLine($"已删除批次 deleted batch {id}「{result.Name}」(organisation {result.OrganisationId}): " +
            $"{result.Documents} 份文档 documents, {result.Findings} 条问题 findings, {result.ReviewEvents} 条复核记录 review events, " +
            $"{result.AuditRuns} 次审核 audit runs, {result.Images} 张图像 images; " +
            $"{result.BlobsRemoved} 个文件块 blobs removed ({result.BlobBytesRemoved:N0} 字节 bytes), {result.BlobsKept} 个仍被其他批次使用而保留 kept (shared)");
        return ExitCodes.Clean;
    }

    private static (string Password, bool Generated) Password(Dictionary<string, string> options) =>
        options.TryGetValue("password", out var given)
            ? (given, false)
            : (Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y'), true);

    /// <summary>The departments × years overview of docs/api.md as a table, one line per disclosure.</summary>
    private static int Overview(IIdentityStore store, IDisclosureOverview overview, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("org", out var orgName)) return Fail(console, "需要 --org needs --org");
        if (store.FindOrganisation(orgName) is not { } org) return Fail(console, $"没有该单位 no such organisation: {orgName}");
        AuditEngine.Model.DocumentType? type = null;
        if (options.TryGetValue("type", out var typeText))
        {
            if (!AuditEngine.Model.DocumentTypes.TryParse(typeText, out var parsed)) return Fail(console, $"未知的文件类型 unknown type: {typeText}");
            type = parsed;
        }
        static string N(decimal? v) => v?.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) ?? "-";
        console.Out.WriteLine("部门\t年度\t类型\t版本数\t错误\t错误变化\t三公经费\t三公变化\t文件");
        foreach (var d in overview.ListDisclosures(org.Id, type))
        {
            console.Out.WriteLine(string.Join('\t', d.Key.Department, d.Key.Year, AuditEngine.Model.DocumentTypes.Chinese(d.Key.Type), d.Versions,
                d.Latest.Errors, d.ErrorsChange?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-", N(d.Latest.Figures.SanGong),
                N(d.SanGongChange), d.Latest.FileName));
        }
        return ExitCodes.Clean;
    }

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"auditengine admin: {message}");
        return ExitCodes.Failure;
    }
}
