using MedSummary.Api.Errors;

namespace MedSummary.Api.Hosting;

/// <summary>The problem codes an endpoint can answer with (beside those every endpoint shares); the OpenAPI document lists them per status.</summary>
public sealed record ProblemCodesMetadata(IReadOnlyList<string> Codes);

/// <summary>A header an endpoint sets on one of its answers.</summary>
public sealed record ResponseHeaderMetadata(int Status, string Name, string Description);

/// <summary>The endpoint reads an optional If-Match (the form's ETag).</summary>
public sealed record IfMatchMetadata;

/// <summary>The endpoint's body is the multipart dossier upload that <see cref="Dossiers.UploadForm"/> reads.</summary>
public sealed record DossierUploadMetadata;

/// <summary>The endpoint answers 200 with the reviewed form (built as JSON from the contract's field, so described here).</summary>
public sealed record ReviewedFormMetadata;

/// <summary>The endpoint's 200 may also be an HTML page (text/html) beside its JSON.</summary>
public sealed record HtmlAlternativeMetadata;

/// <summary>The endpoint answers 200 with a FHIR R4 Bundle.</summary>
public sealed record FhirBundleMetadata;

/// <summary>Endpoint conventions that describe answers the handlers' types cannot: problems with their codes, headers, bodies.</summary>
public static class OpenApiMetadata
{
    /// <summary>Declares each code's status as an application/problem+json answer and remembers the codes for the document.</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new ProblemCodesMetadata(codes));
        foreach (var status in codes.Select(ApiErrorCodes.StatusOf).Distinct())
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }

    public static RouteHandlerBuilder WithResponseHeader(this RouteHandlerBuilder builder, int status, string name, string description) =>
        builder.WithMetadata(new ResponseHeaderMetadata(status, name, description));
}
