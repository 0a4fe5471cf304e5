using System.Security.Claims;
using MedSummary.Api.Errors;
using MedSummary.Api.Hosting;
using MedSummary.Api.ReportLinks;
using MedSummary.Api.Reports;
using MedSummary.Api.Security;
using MedSummary.Api.Storage;
using MedSummary.Api.Validation;
using MedSummary.Core.Contract;
using MedSummary.Core.Errors;
using MedSummary.Extraction.Grounding.Forms;
using MedSummary.Pipeline.Reports;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MedSummary.Api.Dossiers;

/// <summary>Upload, status, result, summary, alerts, page views and the HTML report of dossiers.</summary>
public static class DossiersApi
{
    /// <summary>What an endpoint that needs a completed dossier may refuse with (<see cref="DossierAccess.CompletedAsync"/>).</summary>
    internal static readonly string[] CompletedDossierCodes = [ApiErrorCodes.DossierNotFound, ApiErrorCodes.DossierNotReady, ApiErrorCodes.DossierFailed];

    public static RouteGroupBuilder MapDossiersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/dossiers").WithTags("Dossiers");

        group.MapPost("", UploadDossier)
            .WithName(nameof(UploadDossier))
            .WithSummary("Upload a dossier's files (multipart: one part per PDF or text file; optional patientRef and language)")
            .WithDescription("Answers 202 with the dossier id and its status URL; processing runs in the background. The same files from the same tenant are the same dossier: a repeat answers 200 and does no new work.")
            .WithMetadata(new DossierUploadMetadata())
            .WithResponseHeader(StatusCodes.Status202Accepted, "Location", "The dossier's status URL.")
            .Validate<UploadForm>()
            .ProducesProblems(ApiErrorCodes.NoFile, ApiErrorCodes.TooManyFiles, ApiErrorCodes.PayloadTooLarge, ApiErrorCodes.NotMultipart,
                ApiErrorCodes.QueueFull, InputErrorCodes.Empty, InputErrorCodes.UnsupportedType, InputErrorCodes.CorruptPdf,
                InputErrorCodes.EncryptedPdf, InputErrorCodes.TooLarge, InputErrorCodes.TooManyPages, InputErrorCodes.NoText, InputErrorCodes.Unreadable)
            .DisableAntiforgery();

        group.MapGet("", ListDossiers)
            .WithName(nameof(ListDossiers))
            .WithSummary("The tenant's dossiers, newest first")
            .WithDescription("At most `limit` dossiers (1 to 500, default 50) of the caller's tenant, optionally only those in one `status` (queued, processing, completed, failed).")
            .ProducesProblems(ApiErrorCodes.InvalidQuery);

        group.MapGet("{id}", GetDossier)
            .WithName(nameof(GetDossier))
            .WithSummary("A dossier's status: progress, per-document outcome, failure reason, review state")
            .WithDescription("Poll it after an upload until status is completed or failed. Another tenant's dossier is answered as not found.")
            .ProducesProblems(ApiErrorCodes.DossierNotFound);

        group.MapGet("{id}/result", GetResult)
            .WithName(nameof(GetResult))
            .WithSummary("The whole result in the output contract (as the CLI writes it)")
            .WithDescription("The dossier result exactly as the CLI writes it: documents, the form with cited fields, summary, timeline, alerts, errors. 409 while the dossier is not completed.")
            .Produces<DossierResult>()
            .ProducesProblems(CompletedDossierCodes);

        group.MapGet("{id}/summary", GetSummary)
            .WithName(nameof(GetSummary))
            .WithSummary("The summary sentences and timeline, each cited")
            .WithDescription("The summary sentences and the timeline of the completed dossier; every sentence and event carries its verified citations.")
            .Produces<SummaryView>()
            .ProducesProblems(CompletedDossierCodes);

        group.MapGet("{id}/alerts", GetAlerts)
            .WithName(nameof(GetAlerts))
            .WithSummary("The clinical alerts, each cited")
            .WithDescription("The clinical alerts of the completed dossier (missing data, conflicts, inconsistencies), each with its citations.")
            .Produces<AlertsView>()
            .ProducesProblems(CompletedDossierCodes);

        group.MapGet("{id}/documents/{documentId}/pages/{page:int}", GetPage)
            .WithName(nameof(GetPage))
            .WithSummary("A page's text with the spans the result cites (JSON, or HTML with ?format=html)")
            .WithDescription("The text of one page of one document and the character spans that the result cites on it, with what cites each. ?format=html answers a page for a person with the cited spans marked. Also readable with a report link's cookie.")
            .Produces<PageView>()
            .WithMetadata(new HtmlAlternativeMetadata())
            .ProducesProblems([ApiErrorCodes.InvalidQuery, ApiErrorCodes.DocumentNotFound, ApiErrorCodes.PageNotFound, .. CompletedDossierCodes])
            .RequireReportReader();

        group.MapGet("{id}/report", GetReport)
            .WithName(nameof(GetReport))
            .WithSummary("The dossier as an HTML page for a person, citations linked to their marked passages")
            .WithDescription("A self-contained HTML page (no script, no outside resource): the form with its review, summary, alerts, each citation linked to its page view. Readable with the API key or with the cookie a report link sets.")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblems(CompletedDossierCodes)
            .RequireReportReader();

        return group;
    }

    public static async Task<Results<Accepted<DossierAccepted>, Ok<DossierAccepted>, ProblemHttpResult>> UploadDossier(
        UploadForm form,
        ClaimsPrincipal user,
        DossierIntake intake,
        DossierRepository repository,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var intakeResult = await intake.SubmitAsync(user.GetTenant(), user.GetActor(), form, cancellationToken).ConfigureAwait(false);
        if (intakeResult.QueueFull)
        {
            var seconds = (int)Math.Ceiling(intakeResult.RetryAfter!.Value.TotalSeconds);
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Create(ApiErrorCodes.QueueFull,
                $"The processing queue is full; nothing was stored. Retry after {seconds} s.",
                new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
        }

        var record = intakeResult.Record!;
        var url = DossierViews.StatusUrl(record.Id);
        if (intakeResult.Outcome == CreateOutcome.Existing)
        {
            var stored = await repository.GetUploadsAsync(record.Tenant, record.Id, withContent: false, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(new DossierAccepted(record.Id, record.Status, false, url, Documents(stored)));
        }

        return TypedResults.Accepted(url, new DossierAccepted(record.Id, record.Status, true, url, Documents(intakeResult.Uploads)));
    }

    public static async Task<Results<Ok<DossierList>, ProblemHttpResult>> ListDossiers(
        ClaimsPrincipal user,
        DossierRepository repository,
        CancellationToken cancellationToken,
        [FromQuery] int? limit = null,
        [FromQuery] string? status = null)
    {
        if (limit is < 1 or > 500)
        {
            return ApiProblems.Create(ApiErrorCodes.InvalidQuery, "limit must be between 1 and 500.");
        }

        if (status is not (null or DossierStatus.Queued or DossierStatus.Processing or DossierStatus.Completed or DossierStatus.Failed))
        {
            return ApiProblems.Create(ApiErrorCodes.InvalidQuery, "status must be queued, processing, completed or failed.");
        }

        var records = await repository.ListAsync(user.GetTenant(), limit ?? 50, status, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DossierList(
            [.. records.Select(r => new DossierListItem(r.Id, r.Status, r.ExternalRef, r.CreatedAt, r.FinishedAt, DossierViews.StatusUrl(r.Id)))]));
    }

    public static async Task<Results<Ok<DossierStatusView>, ProblemHttpResult>> GetDossier(
        string id, ClaimsPrincipal user, DossierRepository repository, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        var record = await repository.FindAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return ApiProblems.DossierNotFound(id);
        }

        var uploads = await repository.GetUploadsAsync(tenant, id, withContent: false, cancellationToken).ConfigureAwait(false);
        var result = record.IsFinished ? await repository.GetResultAsync(tenant, id, cancellationToken).ConfigureAwait(false) : null;
        return TypedResults.Ok(DossierViews.Status(record, uploads, result));
    }

    public static async Task<Results<JsonHttpResult<DossierResult>, ProblemHttpResult>> GetResult(
        string id, ClaimsPrincipal user, DossierRepository repository, CancellationToken cancellationToken)
    {
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, user.GetTenant(), id, cancellationToken).ConfigureAwait(false);
        return dossier is null ? problem! : TypedResults.Json(dossier.Result, ContractJson.Options);
    }

    public static async Task<Results<JsonHttpResult<SummaryView>, ProblemHttpResult>> GetSummary(
        string id, ClaimsPrincipal user, DossierRepository repository, CancellationToken cancellationToken)
    {
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, user.GetTenant(), id, cancellationToken).ConfigureAwait(false);
        return dossier is null
            ? problem!
            : TypedResults.Json(new SummaryView(id, dossier.Result.Summary, dossier.Result.Timeline), ContractJson.Options);
    }

    public static async Task<Results<JsonHttpResult<AlertsView>, ProblemHttpResult>> GetAlerts(
        string id, ClaimsPrincipal user, DossierRepository repository, CancellationToken cancellationToken)
    {
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, user.GetTenant(), id, cancellationToken).ConfigureAwait(false);
        return dossier is null ? problem! : TypedResults.Json(new AlertsView(id, dossier.Result.Alerts), ContractJson.Options);
    }

    public static async Task<Results<JsonHttpResult<PageView>, ContentHttpResult, ProblemHttpResult>> GetPage(
        string id,
        string documentId,
        int page,
        ClaimsPrincipal user,
        DossierRepository repository,
        CancellationToken cancellationToken,
        [FromQuery] string? format = null)
    {
        if (format is not (null or "json" or "html"))
        {
            return ApiProblems.Create(ApiErrorCodes.InvalidQuery, "format must be json or html.");
        }

        var tenant = user.GetTenant();
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var documents = await repository.GetDocumentsAsync(tenant, id, documentId, cancellationToken).ConfigureAwait(false);
        if (documents.Count == 0)
        {
            return ApiProblems.Create(ApiErrorCodes.DocumentNotFound, $"The dossier has no document '{ApiProblems.Shorten(documentId)}' that was read.");
        }

        var document = documents[0];
        if (page < 1 || page > document.PageCount)
        {
            return ApiProblems.Create(ApiErrorCodes.PageNotFound, $"The document has {document.PageCount} page(s); there is no page {page}.");
        }

        var view = PageMarkup.View(id, document, page, dossier.Result);
        return format == "html"
            ? TypedResults.Content(PageMarkup.Html(view), "text/html; charset=utf-8")
            : TypedResults.Json(view, ContractJson.Options);
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetReport(
        string id, ClaimsPrincipal user, DossierRepository repository, ReviewRepository reviews, FormSchema schema, CancellationToken cancellationToken)
    {
        var tenant = user.GetTenant();
        var (dossier, problem) = await DossierAccess.CompletedAsync(repository, tenant, id, cancellationToken).ConfigureAwait(false);
        if (dossier is null)
        {
            return problem!;
        }

        var documents = await repository.GetDocumentsAsync(tenant, id, null, cancellationToken).ConfigureAwait(false);
        var decided = await reviews.GetAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        var record = dossier.Record;
        var report = new ReportInput(dossier.Result, schema, documents.ToDictionary(d => d.Id, StringComparer.Ordinal))
        {
            Reviews = decided.ToDictionary(p => p.Key, p => new ReportReview(p.Value.Action, p.Value.Value, p.Value.Reviewer ?? p.Value.Actor, p.Value.Comment), StringComparer.Ordinal),
            Validation = record.ValidatedAt is { } at ? new ReportValidation("validated", record.ValidatedBy, at)
                : new ReportValidation(decided.Count > 0 ? "in_review" : "machine"),
        };
        return TypedResults.Content(HtmlReport.Write(report), "text/html; charset=utf-8");
    }

    private static List<AcceptedDocument> Documents(IReadOnlyList<UploadRecord> uploads) =>
        [.. uploads.Select(u => new AcceptedDocument(u.DocumentId, u.FileName, u.MediaType, u.PageCount, u.ByteCount))];
}
