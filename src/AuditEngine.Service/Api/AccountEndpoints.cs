using AuditEngine.Service.Access;
using AuditEngine.Storage;

namespace AuditEngine.Service.Api;

/// <summary>An admin's accounts page: the users and API keys of its own organisation, disabled and revoked at once.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("accounts").RequireAuthorization(AccessPolicies.Admin);

        users.MapGet("", (HttpContext http, IIdentityStore identityStore) =>
            Results.Ok(identityStore.ListUsers(http.User.Caller().OrganisationId).Select(UserDto.Of).ToList()))
            .WithSummary("用户列表 The organisation's users");

        users.MapPost("/{userName}/disable", (string userName, HttpContext http, IIdentityStore identityStore, ILogger<LoginThrottle> logger) =>
            SetDisabled(userName, true, http, identityStore, logger)).WithSummary("停用用户 Disable a user: its sessions and keys stop at once");
        users.MapPost("/{userName}/enable", (string userName, HttpContext http, IIdentityStore identityStore, ILogger<LoginThrottle> logger) =>
            SetDisabled(userName, false, http, identityStore, logger)).WithSummary("启用用户 Enable a user again");

        var keys = app.MapGroup("/api/keys").WithTags("accounts").RequireAuthorization(AccessPolicies.Admin);

        keys.MapGet("", (HttpContext http, IIdentityStore identityStore, TimeProvider time) =>
            Results.Ok(identityStore.ListApiKeys(http.User.Caller().OrganisationId).Select(k => ApiKeyDto.Of(k, time.GetUtcNow())).ToList()))
            .WithSummary("API 密钥列表 The organisation's API keys (never the keys themselves)");

        keys.MapPost("/{id:long}/revoke", (long id, HttpContext http, IIdentityStore identityStore, TimeProvider time, ILogger<LoginThrottle> logger) =>
        {
            var who = http.User.Caller();
            var key = identityStore.ListApiKeys(who.OrganisationId).FirstOrDefault(k => k.Id == id);
            if (key is null) return BatchEndpoints.NotFound("API 密钥");
            identityStore.RevokeApiKey(who.OrganisationId, id);
            logger.LogWarning("API 密钥已吊销 API key {KeyId} ({KeyName}) of {UserName} revoked by {Admin}", id, key.Name, key.UserName, who.UserName);
            return Results.Ok(ApiKeyDto.Of(identityStore.ListApiKeys(who.OrganisationId).Single(k => k.Id == id), time.GetUtcNow()));
        }).WithSummary("吊销 API 密钥 Revoke an API key at once");
    }

    private static IResult SetDisabled(string userName, bool disabled, HttpContext http, IIdentityStore identityStore, ILogger logger)
    {
        var who = http.User.Caller();
        var user = identityStore.FindUser(userName);
        // Another organisation's user is not there for this admin.
        if (user is null || user.OrganisationId != who.OrganisationId) return BatchEndpoints.NotFound("用户");
        if (disabled && user.UserName == who.UserName)
            return Results.Json(new ErrorDto("不能停用自己的账号 an admin cannot disable itself"), statusCode: 400);
        identityStore.SetUserDisabled(user.Id, disabled);
        logger.LogWarning("用户{Action} user {UserName} {State} by {Admin}", disabled ? "已停用" : "已启用", user.UserName,
            disabled ? "disabled" : "enabled", who.UserName);
        return Results.Ok(UserDto.Of(identityStore.FindUser(userName)!));
    }
}
