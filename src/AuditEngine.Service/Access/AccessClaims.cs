using System.Security.Claims;
using AuditEngine.Storage;

namespace AuditEngine.Service.Access;

/// <summary>The claims a login or an API key carries, and the <see cref="Principal"/> they stand for.</summary>
public static class AccessClaims
{
    public const string OrganisationId = "auditengine/org";
    public const string OrganisationName = "auditengine/org-name";

    public static ClaimsPrincipal For(Principal who, string scheme) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.Name, who.UserName),
        new Claim(ClaimTypes.Role, who.Role.Name()),
        new Claim(OrganisationId, who.OrganisationId.ToString()),
        new Claim(OrganisationName, who.OrganisationName),
    ], scheme));

    /// <summary>The caller; only called behind authorisation, so the claims are there.</summary>
    public static Principal Caller(this ClaimsPrincipal user) => new(
        long.Parse(user.FindFirstValue(OrganisationId)!),
        user.FindFirstValue(OrganisationName)!,
        user.Identity!.Name!,
        Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : Role.Uploader);
}
