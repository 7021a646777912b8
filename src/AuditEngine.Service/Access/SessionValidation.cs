using System.Security.Claims;
using AuditEngine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AuditEngine.Service.Access;

/// <summary>
/// Checks a login cookie against the store on every request: the cookie is only a signed copy of what was true at
/// login, so without this a copied cookie would outlive a logout, a password change or a disabled account for its
/// whole 12 hours. One indexed lookup per request is the price.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var identityStore = context.HttpContext.RequestServices.GetRequiredService<IIdentityStore>();
        var name = context.Principal?.Identity?.Name;
        var user = name is null ? null : identityStore.FindUser(name);
        if (user is not null && !user.Disabled && user.SecurityStamp == context.Principal!.FindFirstValue(AccessClaims.SecurityStamp))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
