namespace MedSummary.Api.Hosting;

/// <summary>
/// Headers on every answer, set as the answer starts so that problems, redirects and framework refusals carry them
/// too: <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c> everywhere; a Content-Security-Policy
/// on every HTML answer (the report and page views: no script, no outside resource, no framing; the Scalar reference
/// gets a looser policy of its own, still unframeable); <c>Cache-Control: no-store</c> on everything under /v1, where
/// every answer may carry patient data (dossiers, forms, reports, audit, FHIR, search).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>For the report and page views: inline styles and data: images only, nothing else loads, no frame, no form.</summary>
    public const string HtmlPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /// <summary>
    /// For Scalar's page: its bundled script and inline start-up script, its styles and fonts, calls back to this
    /// service only ("try it", the OpenAPI document); still unframeable.
    /// </summary>
    public const string ReferencePolicy =
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; " +
        "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public const string ReferencePath = "/scalar";

    private const string PatientDataPath = "/v1";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (response.ContentType is { } type && type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase)
                    ? ReferencePolicy
                    : HtmlPolicy;
            }

            if (context.Request.Path.StartsWithSegments(PatientDataPath, StringComparison.OrdinalIgnoreCase))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }

            return Task.CompletedTask;
        });
        await next(context).ConfigureAwait(false);
    });
}
