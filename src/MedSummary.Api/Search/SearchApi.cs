using System.Security.Claims;
using FluentValidation;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Errors;
using MedSummary.Api.Hosting;
using MedSummary.Api.Security;
using MedSummary.Api.Validation;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedSummary.Api.Search;

/// <summary>GET /v1/search: <c>q</c> (required), <c>top</c> (1 to 50, default 10), <c>dossier</c> (repeatable), <c>mode</c> (hybrid, lexical, dense).</summary>
public sealed record SearchQuery(
    [property: FromQuery(Name = "q")] string? Q,
    [property: FromQuery(Name = "top")] int? Top,
    [property: FromQuery(Name = "dossier")] string[]? Dossier,
    [property: FromQuery(Name = "mode")] string? Mode);

internal sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator()
    {
        RuleFor(q => q.Q).Must(q => !string.IsNullOrWhiteSpace(q) && q.Length <= 500)
            .WithErrorCode(ApiErrorCodes.InvalidQuery).WithMessage("q is required, at most 500 characters.");
        RuleFor(q => q.Top).Must(t => t is null or >= 1 and <= ChunkStoreGuards.MaxTop)
            .WithErrorCode(ApiErrorCodes.InvalidQuery).WithMessage($"top must be between 1 and {ChunkStoreGuards.MaxTop}.");
        RuleFor(q => q.Dossier).Must(d => d is null || (d.Length <= 100 && d.All(id => id.Length is > 0 and <= 64)))
            .WithErrorCode(ApiErrorCodes.InvalidQuery).WithMessage("dossier must name at most 100 dossier ids.");
        RuleFor(q => q.Mode).Must(m => m is null or "hybrid" or "lexical" or "dense")
            .WithErrorCode(ApiErrorCodes.InvalidQuery).WithMessage("mode must be hybrid, lexical or dense.");
    }
}

/// <summary>Passage search across the caller's tenant's dossiers; the tenant comes from the credentials, never from the query.</summary>
public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/search").WithTags("Search");
        group.MapGet("", SearchPassages)
            .WithName(nameof(SearchPassages))
            .WithSummary("Passages across the tenant's dossiers, best first, each with its citation")
            .WithDescription("Hybrid (lexical and dense), lexical or dense search over the passages of the caller's tenant's dossiers, optionally only some (`dossier`, repeatable); `top` 1 to 50.")
            .Validate<SearchQuery>()
            .ProducesProblems(ApiErrorCodes.InvalidQuery);
        return group;
    }

    public static async Task<Results<Ok<PassageSearchResponse>, ProblemHttpResult>> SearchPassages(
        [AsParameters] SearchQuery query,
        ClaimsPrincipal user,
        CrossDossierSearch search,
        ILogger<CrossDossierSearch> logger,
        CancellationToken cancellationToken)
    {
        var mode = query.Mode switch
        {
            "lexical" => SearchMode.Lexical,
            "dense" => SearchMode.Dense,
            _ => SearchMode.Hybrid,
        };
        var request = new PassageSearchRequest(user.GetTenant(), query.Q!.Trim(), query.Top ?? 10, query.Dossier is { Length: > 0 } d ? d : null, mode);
        try
        {
            return TypedResults.Ok(await search.SearchAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is HttpRequestException or Qdrant.Client.QdrantException or Microsoft.Data.Sqlite.SqliteException or TimeoutException)
        {
            ApiLog.StoreUnavailable(logger, e.GetType().Name);
            return ApiProblems.Create(ApiErrorCodes.StoreUnavailable, "The chunk store did not answer; retry later.");
        }
    }
}
