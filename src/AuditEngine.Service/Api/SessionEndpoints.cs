using AuditEngine.Service.Access;
using AuditEngine.Service.Processing;
using AuditEngine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuditEngine.Service.Api;

public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/login", async (LoginRequest body, HttpContext http, IAuditStore store) =>
        {
            var user = string.IsNullOrWhiteSpace(body.UserName) ? null : store.FindUser(body.UserName.Trim());
            if (user is null || body.Password is null || !PasswordHasher.Verify(body.Password, user.PasswordHash))
                return Results.Json(new ErrorDto("用户名或密码错误"), statusCode: 401);
            var who = new Principal(user.OrganisationId, user.OrganisationName, user.UserName, user.Role);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                AccessClaims.For(who, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Ok(new MeDto(user.UserName, user.DisplayName, user.Role.Name(), user.OrganisationName));
        }).AllowAnonymous().WithTags("session").WithSummary("登录 Log in; sets the session cookie");

        app.MapPost("/api/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous().WithTags("session").WithSummary("退出 Log out");

        app.MapGet("/api/me", (HttpContext http, IAuditStore store) =>
        {
            var who = http.User.Caller();
            var user = store.FindUser(who.UserName);
            return Results.Ok(new MeDto(who.UserName, user?.DisplayName ?? who.UserName, who.Role.Name(), who.OrganisationName));
        }).RequireAuthorization(AccessPolicies.Read).WithTags("session").WithSummary("当前用户 The caller");

        app.MapGet("/api/health", (RuleSetProvider rules, NodeIdentity node) =>
            Results.Ok(new { status = "ok", ruleSetVersion = rules.Current.Version, node = node.Name }))
            .AllowAnonymous().WithTags("session").WithSummary("健康检查 Health and rule-set version");
    }
}
