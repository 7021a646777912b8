using System.Text.Encodings.Web;
using AuditEngine.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AuditEngine.Service.Access;

/// <summary>Scripts authenticate with an <c>X-Api-Key</c> header; keys are looked up by hash.</summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IIdentityStore identityStore)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.ToString() is not { Length: > 0 } key)
            return Task.FromResult(AuthenticateResult.NoResult());
        var who = identityStore.FindApiKey(PasswordHasher.HashApiKey(key));
        return Task.FromResult(who is null
            ? AuthenticateResult.Fail("API 密钥无效 invalid API key")
            : AuthenticateResult.Success(new AuthenticationTicket(AccessClaims.For(who, SchemeName), SchemeName)));
    }
}
