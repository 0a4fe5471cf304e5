using System.Security.Claims;
using System.Text.Encodings.Web;
using MedSummary.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.ReportLinks;

/// <summary>
/// Reads the cookie a report link set: a signed grant to one dossier's report and page views. Only the endpoints
/// that name this scheme in their policy ever consult it (<see cref="ReportLinksApi.RequireReportReader"/>); every
/// other endpoint still wants a key or a token.
/// </summary>
internal sealed class ReportLinkAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ReportLinkSigner signer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ReportLink";
    public const string CookieName = "medsummary_report";

    /// <summary>The dossier a cookie identity may read.</summary>
    public const string DossierClaim = "medsummary:report-dossier";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (signer.ReadSession(value) is not { } grant)
        {
            return Task.FromResult(AuthenticateResult.Fail("The report cookie is not valid or has expired."));
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(TenantClaims.Tenant, grant.Tenant),
                new Claim(TenantClaims.Actor, "report-link"),
                new Claim(TenantClaims.RateKey, "report-link:" + grant.Tenant + ":" + grant.DossierId),
                new Claim(DossierClaim, grant.DossierId),
            ],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
