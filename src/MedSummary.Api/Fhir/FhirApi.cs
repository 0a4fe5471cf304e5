using System.Security.Claims;
using Hl7.Fhir.Serialization;
using MedSummary.Api.Configuration;
using MedSummary.Api.Dossiers;
using MedSummary.Api.Hosting;
using MedSummary.Api.Security;
using MedSummary.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MedSummary.Api.Fhir;

/// <summary>FHIR R4 export of a completed dossier.</summary>
public static class FhirApi
{
    public const string ContentType = "application/fhir+json; fhirVersion=4.0";

    public static RouteGroupBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/dossiers/{id}").WithTags("FHIR");
        group.MapGet("fhir", GetFhirBundle)
            .WithName(nameof(GetFhirBundle))
            .WithSummary("The dossier as a FHIR R4 document Bundle (Composition, Condition, Observations, DocumentReferences, Provenance)")
            .WithDescription("A FHIR R4 Bundle of type document: Composition, Patient, Condition, Observations for the form's values, DocumentReferences of the files and Provenance pointing at the cited pages. Reviews are applied.")
            .Produces(StatusCodes.Status200OK, contentType: "application/fhir+json")
            .WithMetadata(new FhirBundleMetadata())
            .ProducesProblems(DossiersApi.CompletedDossierCodes);
        return group;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetFhirBundle(
        string id,
        ClaimsPrincipal user,
        DossierRepository repository,
        ReviewRepository reviews,
        IOptions<ApiOptions> options,
        CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var decided = await reviews.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var uploads = await repository.GetUploadsAsync(tenant, id, withContent: true, cancellationToken).ConfigureAwait(false);
        var bundle = FhirBundleBuilder.Build(new FhirExportInput(dossier.Record, dossier.Result, decided, uploads, options.Value.PatientIdentifierSystem));
        return TypedResults.Content(bundle.ToJson(), ContentType);
    }
}
