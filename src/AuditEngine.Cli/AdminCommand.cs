using System.Security.Cryptography;
using AuditEngine.Storage;

namespace AuditEngine.Cli;

/// <summary>
/// <c>auditengine admin</c>: organisations, users and API keys of the service's store, for the first set-up and for
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
          auditengine admin user password --user NAME [--password P]         重设密码 reset a password
          auditengine admin key create --user NAME [--name LABEL]            新建 API 密钥 create an API key for scripts

        Store 存储 (default: the service's ./data/auditengine.db):
          --data DIR          SQLite under DIR 数据目录
          --postgres CONN     PostgreSQL connection string 连接串
        A password left out is generated and printed once. 未给出的密码会随机生成并只显示一次。
        """;

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

        IAuditStore store;
        try { store = OpenStore(options); }
        catch (Exception e) when (e is ArgumentException or System.Data.Common.DbException or InvalidOperationException)
        {
            return Fail(console, $"无法打开存储 cannot open the store: {e.Message}");
        }

        try
        {
            return (string.Join(' ', words.Take(2)), words.Skip(2).ToList()) switch
            {
                ("org create", [var name]) => CreateOrganisation(store, name, console),
                ("org list", []) => ListOrganisations(store, console),
                ("user create", []) => CreateUser(store, options, console),
                ("user list", []) => ListUsers(store, options, console),
                ("user password", []) => ResetPassword(store, options, console),
                ("key create", []) => CreateKey(store, options, console),
                _ => Fail(console, $"未知的管理命令 unknown admin command: {string.Join(' ', words)}\n{Usage}"),
            };
        }
        catch (System.Data.Common.DbException e)
        {
            return Fail(console, $"存储拒绝了操作 the store refused: {e.Message}");
        }
    }

    private static IAuditStore OpenStore(Dictionary<string, string> options)
    {
        if (options.TryGetValue("postgres", out var connection)) return AuditStores.Open("postgres", null, connection);
        var data = options.GetValueOrDefault("data") ?? Environment.GetEnvironmentVariable("AuditEngine__DataDirectory") ?? "data";
        var provider = options.ContainsKey("data") ? "sqlite" : Environment.GetEnvironmentVariable("AuditEngine__Storage__Provider") ?? "sqlite";
        var sqliteFile = Environment.GetEnvironmentVariable("AuditEngine__Storage__SqlitePath") ?? "auditengine.db";
        return AuditStores.Open(provider, Path.Combine(data, sqliteFile), Environment.GetEnvironmentVariable("AuditEngine__Storage__Postgres"));
    }

    private static int CreateOrganisation(IAuditStore store, string name, CliConsole console)
    {
        if (store.FindOrganisation(name) is not null) return Fail(console, $"单位已存在 organisation exists: {name}");
        var org = store.CreateOrganisation(name);
        console.Out.WriteLine($"已创建单位 created organisation {org.Id}: {org.Name}");
        return ExitCodes.Clean;
    }

    private static int ListOrganisations(IAuditStore store, CliConsole console)
    {
        foreach (var org in store.ListOrganisations()) console.Out.WriteLine($"{org.Id}\t{org.Name}");
        return ExitCodes.Clean;
    }

    private static int CreateUser(IAuditStore store, Dictionary<string, string> options, CliConsole console)
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

    private static int ListUsers(IAuditStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("org", out var orgName)) return Fail(console, "需要 --org needs --org");
        var org = store.FindOrganisation(orgName);
        if (org is null) return Fail(console, $"单位不存在 no such organisation: {orgName}");
        foreach (var u in store.ListUsers(org.Id)) console.Out.WriteLine($"{u.UserName}\t{u.Role.Name()}\t{u.DisplayName}");
        return ExitCodes.Clean;
    }

    private static int ResetPassword(IAuditStore store, Dictionary<string, string> options, CliConsole console)
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

    private static int CreateKey(IAuditStore store, Dictionary<string, string> options, CliConsole console)
    {
        if (!options.TryGetValue("user", out var userName)) return Fail(console, "需要 --user needs --user");
        var user = store.FindUser(userName);
        if (user is null) return Fail(console, $"用户不存在 no such user: {userName}");
        var key = PasswordHasher.NewApiKey();
        store.CreateApiKey(user.Id, options.GetValueOrDefault("name") ?? "script", PasswordHasher.HashApiKey(key));
        console.Out.WriteLine($"已为 {user.UserName}（{user.OrganisationName}，{user.Role.Name()}）创建 API 密钥，只显示这一次：");
        console.Out.WriteLine(key);
        console.Out.WriteLine($"用法 use: curl -H 'X-Api-Key: {key}' http://127.0.0.1:5000/api/batches");
        return ExitCodes.Clean;
    }

    private static (string Password, bool Generated) Password(Dictionary<string, string> options) =>
        options.TryGetValue("password", out var given)
            ? (given, false)
            : (Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y'), true);

    private static int Fail(CliConsole console, string message)
    {
        console.Error.WriteLine($"auditengine admin: {message}");
        return ExitCodes.Failure;
    }
}
