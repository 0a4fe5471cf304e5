using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using MedSummary.Api.Diagnostics;
using MedSummary.Api.Dossiers;
using MedSummary.Api.Errors;
using MedSummary.Api.Hosting;
using MedSummary.Api.Security;
using MedSummary.Api.Storage;
using MedSummary.Api.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace MedSummary.Api.Review;

/// <summary>
/// The form as reviewed, field reviews (accept, correct, reject) with optimistic concurrency (the form's version is
/// its ETag; If-Match is checked when sent), validation of the form, and the audit trail.
/// </summary>
public static class ReviewApi
{
    public static RouteGroupBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/dossiers/{id}").WithTags("Review");

        group.MapGet("form", GetForm)
            .WithName(nameof(GetForm))
            .WithSummary("The form: each field as in the output contract, with its review and final value; the ETag is the form's version")
            .WithDescription("Each field of the contract with its value, status, confidence, source, citations, its review (or null) and its final value. The ETag header is the form's version; send it back in If-Match when reviewing.")
            .WithMetadata(new ReviewedFormMetadata())
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The form's version, to send back in If-Match.")
            .ProducesProblems(DossiersApi.CompletedDossierCodes);

        group.MapPatch("form/fields/{key}", ReviewField)
            .WithName(nameof(ReviewField))
            .WithSummary("Accept, correct or reject a field, with an optional comment (If-Match: the form's ETag)")
            .WithDescription("action is accept, correct (with value, optionally normalized) or reject; comment says why; reviewer names the person when a system key acts for one. With If-Match, the review applies only if the form is still at that version (412 otherwise). Recorded in the audit trail.")
            .Validate<ReviewRequest>()
            .WithMetadata(new IfMatchMetadata())
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The form's new version.")
            .ProducesProblems([ApiErrorCodes.InvalidReview, ApiErrorCodes.UnknownField, ApiErrorCodes.FormValidated, ApiErrorCodes.PreconditionFailed,
                .. DossiersApi.CompletedDossierCodes]);

        group.MapPost("form/validate", ValidateForm)
            .WithName(nameof(ValidateForm))
            .WithSummary("Mark the form validated; no field can be reviewed after")
            .WithDescription("Marks the form validated with the reviewer and an optional comment; no field can be reviewed after (409 form_validated). If-Match as for field reviews.")
            .Validate<ValidateRequest>()
            .WithMetadata(new IfMatchMetadata())
            .WithResponseHeader(StatusCodes.Status200OK, "ETag", "The form's new version.")
            .ProducesProblems([ApiErrorCodes.InvalidReview, ApiErrorCodes.FormValidated, ApiErrorCodes.PreconditionFailed, .. DossiersApi.CompletedDossierCodes]);

        group.MapGet("audit", GetAudit)
            .WithName(nameof(GetAudit))
            .WithSummary("The audit trail: upload, processing, every review and the validation (who, when, before, after, why)")
            .WithDescription("Every event of the dossier, oldest first: upload, processing outcome, field reviews with the state before and after, validation; each with who and when.")
            .ProducesProblems(ApiErrorCodes.DossierNotFound);

        return group;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetForm(
        string id, ClaimsPrincipal user, DossierRepository repository, ReviewRepository reviews, HttpContext http, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var decided = await reviews.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var form = ReviewedForms.Form(dossier.Record, dossier.Result, decided);
        http.Response.Headers.ETag = ETag(dossier.Record.FormVersion);
        return TypedResults.Content(form.ToJsonString(Core.Contract.ContractJson.Options), "application/json; charset=utf-8");
    }

    public static async Task<Results<Ok<ReviewResponse>, ProblemHttpResult>> ReviewField(
        string id,
        string key,
        ReviewRequest request,
        ClaimsPrincipal user,
        DossierRepository repository,
        ReviewRepository reviews,
        TimeProvider time,
        HttpContext http,
        ILogger<ReviewRequest> logger,
        CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        if (!TryIfMatch(http, out var expected))
        {
            return ApiProblems.Create(ApiErrorCodes.PreconditionFailed, "If-Match must be the ETag of the form (as GET /form returns it) or *.");
        }

        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        if (!dossier.Result.Form.Fields.TryGetValue(key, out var field))
        {
            return ApiProblems.Create(ApiErrorCodes.UnknownField, $"The form has no field '{ApiProblems.Shorten(key)}'.",
                new Dictionary<string, object?> { ["fields"] = dossier.Result.Form.Fields.Keys.ToList() });
        }

        var review = new FieldReview(
            key, request.Action!, request.Action == ReviewActions.Correct ? request.Value!.Trim() : null, request.Normalized?.Trim(),
            string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), user.GetActor(), request.Reviewer?.Trim(), time.GetUtcNow());
        var (outcome, version) = await reviews.ApplyAsync(
            tenant, id, review, previous => ReviewedForms.State(field, previous), ReviewedForms.State(field, review), expected, cancellationToken)
            .ConfigureAwait(false);
        if (Refused(outcome, id, version) is { } refused)
        {
            return refused;
        }

        ApiTelemetry.Reviews.Add(1, new KeyValuePair<string, object?>("action", review.Action));
        ApiLog.FieldReviewed(logger, tenant, id, key, review.Action);
        http.Response.Headers.ETag = ETag(version);
        return TypedResults.Ok(new ReviewResponse(id, key, version, ReviewedForms.Info(review), ReviewedForms.Final(field, review)));
    }

    public static async Task<Results<Ok<ValidateResponse>, ProblemHttpResult>> ValidateForm(
        string id,
        ValidateRequest request,
        ClaimsPrincipal user,
        DossierRepository repository,
        ReviewRepository reviews,
        TimeProvider time,
        HttpContext http,
        ILogger<ValidateRequest> logger,
        CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        if (!TryIfMatch(http, out var expected))
        {
            return ApiProblems.Create(ApiErrorCodes.PreconditionFailed, "If-Match must be the ETag of the form (as GET /form returns it) or *.");
        }

        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var decided = await reviews.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var summary = new JsonObject
        {
            ["fields"] = dossier.Result.Form.Fields.Count,
            ["reviewed"] = decided.Count,
            ["corrected"] = decided.Values.Count(r => r.Action == ReviewActions.Correct),
            ["rejected"] = decided.Values.Count(r => r.Action == ReviewActions.Reject),
        };
        var at = time.GetUtcNow();
        var actor = user.GetActor();
        var reviewer = request.Reviewer?.Trim();
        var (outcome, version) = await reviews.ValidateAsync(
            tenant, id, actor, reviewer, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), summary, expected, at, cancellationToken)
            .ConfigureAwait(false);
        if (Refused(outcome, id, version) is { } refused)
        {
            return refused;
        }

        ApiLog.FormValidated(logger, tenant, id);
        http.Response.Headers.ETag = ETag(version);
        return TypedResults.Ok(new ValidateResponse(id, version, at, reviewer ?? actor));
    }

    public static async Task<Results<Ok<AuditView>, ProblemHttpResult>> GetAudit(
        string id, ClaimsPrincipal user, DossierRepository repository, AuditLog audit, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        if (await repository.FindAsync(tenant, id, cancellationToken).ConfigureAwait(false) is null)
        {
            return ApiProblems.DossierNotFound(id);
        }

        return TypedResults.Ok(new AuditView(id, await audit.ListAsync(tenant, id, cancellationToken).ConfigureAwait(false)));
    }

    private static ProblemHttpResult? Refused(ReviewOutcome outcome, string id, int version) => outcome switch
    {
        ReviewOutcome.Applied => null,
        ReviewOutcome.DossierNotFound => ApiProblems.DossierNotFound(id),
        ReviewOutcome.NotReady => ApiProblems.Create(ApiErrorCodes.DossierNotReady, "The dossier is not completed."),
        ReviewOutcome.AlreadyValidated => ApiProblems.Create(ApiErrorCodes.FormValidated, "The form is validated; its fields can no longer change."),
        _ => ApiProblems.Create(ApiErrorCodes.PreconditionFailed,
            $"The form changed since it was read (its version is now {version}); read it again and retry.",
            new Dictionary<string, object?> { ["formVersion"] = version }),
    };

    private static string ETag(int version) => $"\"form-{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads If-Match: absent or * means no check; otherwise it must be one of our ETags.</summary>
    private static bool TryIfMatch(HttpContext http, out int? expected)
    {
        expected = null;
        var raw = http.Request.Headers.IfMatch.ToString().Trim();
        if (raw.Length == 0 || raw == "*")
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParse(raw, out var tag))
        {
            return false;
        }

        var value = tag.Tag.ToString().Trim('"');
        if (value.StartsWith("form-", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expected = version;
            return true;
        }

        return false;
    }
}
