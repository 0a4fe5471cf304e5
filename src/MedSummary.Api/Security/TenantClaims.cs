using System.Security.Claims;

namespace MedSummary.Api.Security;

/// <summary>The claims the service relies on, whichever way the caller authenticated.</summary>
public static class TenantClaims
{
    /// <summary>The tenant the caller acts for: it scopes every dossier, review and search.</summary>
    public const string Tenant = "medsummary:tenant";

    /// <summary>Who the caller is, for the audit trail (a key's name, a token's user).</summary>
    public const string Actor = "medsummary:actor";

    /// <summary>What rate limits apply to: one key, or one token subject.</summary>
    public const string RateKey = "medsummary:rate-key";

    public static string GetTenant(this ClaimsPrincipal user) =>
        user.FindFirstValue(Tenant) ?? throw new InvalidOperationException("The caller has no tenant; the authorization policy should have refused it.");

    public static string GetActor(this ClaimsPrincipal user) => user.FindFirstValue(Actor) ?? "unknown";
}
