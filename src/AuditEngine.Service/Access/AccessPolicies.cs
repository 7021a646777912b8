using AuditEngine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuditEngine.Service.Access;

/// <summary>Who may do what: any member reads; uploaders and admins upload; reviewers and admins triage; admins run sweeps.</summary>
public static class AccessPolicies
{
    public const string Read = "read";
    public const string Upload = "upload";
    public const string Triage = "triage";
    public const string Admin = "admin";
    public const string CookieName = "auditengine";
    private const string Either = "cookie-or-key";

    public static IServiceCollection AddAuditEngineAccess(this IServiceCollection services)
    {
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, Either, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthentication.Header)
                    ? ApiKeyAuthentication.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                // Secure whenever the request came over HTTPS; plain HTTP stays usable on 127.0.0.1.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                // An API answers 401/403; the dashboard decides where to go.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Read, p => p.RequireAuthenticatedUser())
            .AddPolicy(Upload, p => p.RequireRole(Role.Uploader.Name(), Role.Admin.Name()))
            .AddPolicy(Triage, p => p.RequireRole(Role.Reviewer.Name(), Role.Admin.Name()))
            .AddPolicy(Admin, p => p.RequireRole(Role.Admin.Name()));
        return services;
    }
}
