using System.Security.Claims;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Dossiers;
using MedSummary.Api.Errors;
using MedSummary.Api.Hosting;
using MedSummary.Api.Security;
using MedSummary.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.ReportLinks;

/// <summary>The answer to a link request: the URL to open in a browser (once, before <see cref="ExpiresAt"/>).</summary>
public sealed record ReportLinkView(string DossierId, string Url, DateTimeOffset ExpiresAt, int SessionSeconds);

/// <summary>
/// A browser's way into a report without an API key in any URL: a caller with a key asks for a one-time link;
/// opening it spends it, sets a short-lived HttpOnly cookie limited to that dossier's path, and redirects (303) to
/// the report, so the token leaves the address bar and history at once and a copy of it (a log, a proxy) is useless.
/// </summary>
public static class ReportLinksApi
{
    public const string ReaderPolicy = "ReportReader";
    public const string OpenPath = "/v1/report-links";

    public static IServiceCollection AddReportLinks(this IServiceCollection services)
    {
        services.AddOptions<ReportLinkOptions>().BindConfiguration(ReportLinkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportLinkOptions>, ReportLinkOptionsValidator>();
        services.AddSingleton<ReportLinkSigner>();
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ReportLinkAuthenticationHandler>(ReportLinkAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ReaderPolicy, p => p
            .AddAuthenticationSchemes(SecurityServiceCollectionExtensions.SelectorScheme, ReportLinkAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(TenantClaims.Tenant));
        return services;
    }

    public static IEndpointRouteBuilder MapReportLinksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/dossiers/{id}/report-link", CreateReportLink)
            .WithTags("Dossiers")
            .WithName(nameof(CreateReportLink))
            .WithSummary("A one-time, short-lived link that opens the dossier's HTML report in a browser without an API key")
            .WithDescription("The link opens once, before expiresAt; opening it sets a cookie limited to this dossier's report and page views " +
                "(sessionSeconds) and redirects to the report. Ask for a new link for each person or each visit.")
            .ProducesProblems(ApiErrorCodes.DossierNotFound, ApiErrorCodes.DossierNotReady, ApiErrorCodes.DossierFailed);

        app.MapGet(OpenPath + "/{token}", OpenReportLink)
            .WithTags("Dossiers")
            .WithName(nameof(OpenReportLink))
            .WithSummary("Open a report link (for a browser): sets the report cookie and redirects (303) to the report")
            .WithDescription("For a browser, not a client: the token is checked (signature, expiry, never opened before) and spent; the answer sets a cookie limited to the dossier's report and page views and redirects there, so the token never stays in the address bar. An invalid, expired or used link is 404 report_link_invalid.")
            .AllowAnonymous()
            .Produces(StatusCodes.Status303SeeOther)
            .WithResponseHeader(StatusCodes.Status303SeeOther, "Location", "The dossier's report.")
            .WithResponseHeader(StatusCodes.Status303SeeOther, "Set-Cookie", "The report cookie: HttpOnly, SameSite=Lax, limited to the dossier's path, Secure over https.")
            .ProducesProblems(ApiErrorCodes.ReportLinkInvalid);
        return app;
    }

    /// <summary>
    /// The report and page views: a key or token of the tenant, or the cookie of a report link, which reads only the
    /// dossier it was issued for (any other is "not found", as another tenant's dossier is).
    /// </summary>
    public static RouteHandlerBuilder RequireReportReader(this RouteHandlerBuilder builder) => builder
        .RequireAuthorization(ReaderPolicy)
        .AddEndpointFilter(async (context, next) =>
        {
            var user = context.HttpContext.User;
            var byKey = user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType != ReportLinkAuthenticationHandler.SchemeName);
            var id = context.HttpContext.GetRouteValue("id") as string ?? string.Empty;
            if (!byKey && user.FindFirstValue(ReportLinkAuthenticationHandler.DossierClaim) != id)
            {
                return ApiProblems.DossierNotFound(id);
            }

            return await next(context).ConfigureAwait(false);
        });

    public static async Task<Results<Ok<ReportLinkView>, ProblemHttpResult>> CreateReportLink(
        string id,
        ClaimsPrincipal user,
        DossierRepository repository,
        ReportLinkSigner signer,
        IOptions<ReportLinkOptions> options,
        HttpContext http,
        ILogger<ReportLinkSigner> logger,
        CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var settings = options.Value;
        var (token, expires) = signer.IssueLink(tenant, id, TimeSpan.FromSeconds(settings.LinkLifetimeSeconds));
        var request = http.Request;
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{OpenPath}/{token}";
        ApiLog.ReportLinkIssued(logger, tenant, id, user.GetActor());
        return TypedResults.Ok(new ReportLinkView(id, url, expires, settings.SessionLifetimeSeconds));
    }

    public static Results<StatusCodeHttpResult, ProblemHttpResult> OpenReportLink(
        string token, ReportLinkSigner signer, IOptions<ReportLinkOptions> options, AuthFailureThrottle throttle, TimeProvider time, HttpContext http,
        ILogger<ReportLinkSigner> logger)
    {
        if (signer.OpenLink(token) is not { } grant)
        {
            throttle.RecordFailure(http);
            ApiLog.AuthenticationRefusedFrom(logger, throttle.MarkerOf(http), "report link invalid, expired or already used");
            return ApiProblems.Create(ApiErrorCodes.ReportLinkInvalid, "The link is not valid, has expired or was already opened; ask for a new one.");
        }

        var expires = time.GetUtcNow().AddSeconds(options.Value.SessionLifetimeSeconds);
        var report = $"{http.Request.PathBase}{DossierViews.StatusUrl(grant.DossierId)}";
        http.Response.Cookies.Append(ReportLinkAuthenticationHandler.CookieName, signer.IssueSession(grant, expires), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            // Lax, not Strict: a link is opened from another site (the EHR, a message), and browsers withhold a Strict
            // cookie from every request of a redirect chain that began cross-site, the report included. Lax sends it on
            // top-level GETs only; it grants reading one dossier, nothing that changes state, and no page can frame it.
            SameSite = SameSiteMode.Lax,
            Path = report,
            Expires = expires,
            IsEssential = true,
        });
        ApiLog.ReportLinkOpened(logger, grant.Tenant, grant.DossierId);
        // 303: the browser follows with a GET and the token's URL is replaced in its history.
        http.Response.Headers.Location = report + "/report";
        return TypedResults.StatusCode(StatusCodes.Status303SeeOther);
    }
}
