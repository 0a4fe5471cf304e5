using Microsoft.AspNetCore.OpenApi;
using MedSummary.Api.Security;
using Microsoft.OpenApi;

namespace MedSummary.Api.Hosting;

/// <summary>Declares the API key (X-Api-Key header) in the OpenAPI document, required by every operation but health.</summary>
internal sealed class ApiKeySecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "ApiKey";
    public const string OperatorSchemeName = "OperatorKey";
    public const string CookieSchemeName = "ReportLinkCookie";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "MedSummary API";
        document.Info.Description =
            "Cited tumor-board forms, summaries and alerts from referral dossiers. Every endpoint but /health needs an API key " +
            "(X-Api-Key header) or a bearer token; each key sees only its tenant's dossiers. Errors are RFC 9457 problem details " +
            "with a stable \"code\" member.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = Security.ApiKeyAuthenticationHandler.HeaderName,
            In = ParameterLocation.Header,
            Description = "The API key of a tenant.",
        };
        document.Components.SecuritySchemes[OperatorSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = OperatorRequirement.HeaderName,
            In = ParameterLocation.Header,
            Description = "The operator key (metrics and the detailed health).",
        };
        document.Components.SecuritySchemes[CookieSchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            Name = ReportLinks.ReportLinkAuthenticationHandler.CookieName,
            In = ParameterLocation.Cookie,
            Description = "Set by opening a report link (POST /v1/dossiers/{id}/report-link); reads that dossier's report and page views only.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
