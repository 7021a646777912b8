using System.Security.Claims;
using AuditEngine.Storage;

namespace AuditEngine.Service.Access;

/// <summary>The claims a login or an API key carries, and the <see cref="Principal"/> they stand for.</summary>
public static class AccessClaims
{
    public const string OrganisationId = "auditengine/org";
    public const string OrganisationName = "auditengine/org-name";
    /// <summary>The user's security stamp when the cookie was issued; a cookie whose stamp is no longer the user's is refused.</summary>
    public const string SecurityStamp = "auditengine/stamp";

    public static ClaimsPrincipal For(Principal who, string scheme, string? securityStamp = null) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, who.UserName),
        new Claim(ClaimTypes.Role, who.Role.Name()),
        new Claim(OrganisationId, who.OrganisationId.ToString()),
        new Claim(OrganisationName, who.OrganisationName),
        .. securityStamp is null ? Array.Empty<Claim>() : [new Claim(SecurityStamp, securityStamp)],
    ], scheme));

    /// <summary>The caller; only called behind authorisation, so the claims are there.</summary>
    public static Principal Caller(this ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(OrganisationId)!),
        user.FindFirstValue(OrganisationName)!,
        user.Identity!.Name!,
        Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : Role.Uploader);
}
