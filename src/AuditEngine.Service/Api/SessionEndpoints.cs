using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuditEngine.Service.Api;

public static class SessionEndpoints
{
    /// <summary>Shortest password a user may choose through the API.</summary>
    public const int MinPasswordLength = 8;

    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/login", async (LoginRequest body, HttpContext http, IIdentityStore identityStore, LoginThrottle throttle,
            ILogger<LoginThrottle> logger) =>
        {
            var name = body.UserName?.Trim() ?? "";
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.RetryAfter(name, address) is { } wait)
            {
                var seconds = (int)Math.Ceiling(wait.TotalSeconds);
                logger.LogWarning("登录被限流 login throttled for {UserName} from {Address}: retry after {Seconds} s", name, address, seconds);
                http.Response.Headers.RetryAfter = seconds.ToString();
                return Results.Json(new ErrorDto($"登录失败次数过多，请 {seconds} 秒后再试 too many failed logins, retry after {seconds} s"),
                    statusCode: 429);
            }
            var user = name.Length == 0 ? null : identityStore.FindUser(name);
            // Unknown names are checked against a dummy hash: the same work, so the answer time says nothing.
            if (!PasswordHasher.VerifyOrDummy(body.Password ?? "", user?.PasswordHash) || body.Password is null)
            {
                throttle.Failed(name, address);
                logger.LogWarning("登录失败 login failed for {UserName} from {Address} ({Reason})", name, address,
                    user is null ? "unknown user" : "wrong password");
                return Results.Json(new ErrorDto("用户名或密码错误 wrong user name or password"), statusCode: 401);
            }
            throttle.Succeeded(name);
            if (user!.Disabled)
            {
                logger.LogWarning("停用账号登录 login refused for disabled user {UserName} from {Address}", name, address);
                return Results.Json(new ErrorDto("账号已停用，请联系管理员 account disabled"), statusCode: 403);
            }
            var who = new Principal(user.OrganisationId, user.OrganisationName, user.UserName, user.Role);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                AccessClaims.For(who, CookieAuthenticationDefaults.AuthenticationScheme, user.SecurityStamp));
            return Results.Ok(new MeDto(user.UserName, user.DisplayName, user.Role.Name(), user.OrganisationName));
        }).AllowAnonymous().WithTags("session").WithSummary("登录 Log in; sets the session cookie (429 with Retry-After after repeated failures)");

        app.MapPost("/api/logout", async (HttpContext http, IIdentityStore identityStore) =>
        {
            // A new stamp ends this cookie everywhere, even a copy kept by someone else; it also ends the user's
            // other sessions, which is the safe side for a shared government workstation.
            if (http.User.Identity?.IsAuthenticated == true && http.User.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme
                && identityStore.FindUser(http.User.Identity.Name!) is { } user)
                identityStore.RenewSecurityStamp(user.Id);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous().WithTags("session").WithSummary("退出 Log out: ends the user's sessions");

        app.MapPost("/api/me/password", async (PasswordChangeRequest body, HttpContext http, IIdentityStore identityStore, LoginThrottle throttle,
            ILogger<LoginThrottle> logger) =>
        {
            var who = http.User.Caller();
            var user = identityStore.FindUser(who.UserName);
            if (user is null) return Results.Json(new ErrorDto("用户不存在 no such user"), statusCode: 404);
            var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (throttle.RetryAfter(user.UserName, address) is { } wait)
            {
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString();
                return Results.Json(new ErrorDto("失败次数过多，请稍后再试 too many failed attempts"), statusCode: 429);
            }
            if (!PasswordHasher.Verify(body.CurrentPassword ?? "", user.PasswordHash))
            {
                throttle.Failed(user.UserName, address);
                logger.LogWarning("改密失败 password change refused for {UserName} from {Address}: wrong current password", user.UserName, address);
                return Results.Json(new ErrorDto("当前密码错误 wrong current password"), statusCode: 400);
            }
            if (body.NewPassword is not { Length: >= MinPasswordLength } password)
                return Results.Json(new ErrorDto($"新密码至少 {MinPasswordLength} 个字符 the new password needs at least {MinPasswordLength} characters"),
                    statusCode: 400);
            identityStore.SetPassword(user.Id, PasswordHasher.Hash(password));
            logger.LogInformation("密码已修改 password changed by {UserName}; other sessions ended", user.UserName);
            // The new stamp ended every session, this one too: a cookie caller gets a fresh cookie (a key caller keeps its key).
            if (http.User.Identity?.AuthenticationType != CookieAuthenticationDefaults.AuthenticationScheme) return Results.NoContent();
            var fresh = identityStore.FindUser(user.UserName)!;
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccessClaims.For(
                new Principal(fresh.OrganisationId, fresh.OrganisationName, fresh.UserName, fresh.Role),
                CookieAuthenticationDefaults.AuthenticationScheme, fresh.SecurityStamp));
            return Results.NoContent();
        }).RequireAuthorization(AccessPolicies.Read).WithTags("session").WithSummary("修改密码 Change one's password: ends every other session");

        app.MapGet("/api/me", (HttpContext http, IIdentityStore identityStore) =>
        {
            var who = http.User.Caller();
            var user = identityStore.FindUser(who.UserName);
            return Results.Ok(new MeDto(who.UserName, user?.DisplayName ?? who.UserName, who.Role.Name(), who.OrganisationName));
        }).RequireAuthorization(AccessPolicies.Read).WithTags("session").WithSummary("当前用户 The caller");

        // The intake counters say whether audits reuse stored layouts (a re-audit sweep should read no file).
        app.MapGet("/api/health", (RuleSetProvider rules, NodeIdentity node, DocumentAuditor auditor) =>
            Results.Ok(new
            {
                status = "ok", ruleSetVersion = rules.Current.Version, node = node.Name,
                intake = new { version = AuditEngine.Intake.DocumentReader.Version, filesRead = auditor.FilesRead, layoutsReused = auditor.LayoutsReused },
                memory = MemoryFigures(),
            }))
            .AllowAnonymous().WithTags("session").WithSummary("健康检查 Health and rule-set version");
    }

    /// <summary>The node's memory in MiB: resident set, and of it the managed heap (live) and what the GC holds committed.</summary>
    private static object MemoryFigures()
    {
        const double MiB = 1024 * 1024;
        var gc = GC.GetGCMemoryInfo();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new
        {
            workingSetMiB = Math.Round(self.WorkingSet64 / MiB, 1),
            managedHeapMiB = Math.Round(gc.HeapSizeBytes / MiB, 1),
            gcCommittedMiB = Math.Round(gc.TotalCommittedBytes / MiB, 1),
        };
    }
}
