using MedSummary.Api.Errors;
using MedSummary.Api.Storage;
using MedSummary.Core.Contract;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MedSummary.Api.Dossiers;

/// <summary>A dossier of the caller's tenant with its result, or the problem that says why it cannot be served yet.</summary>
internal sealed record CompletedDossier(DossierRecord Record, DossierResult Result);

internal static class DossierAccess
{
    /// <summary>
    /// The completed dossier, or: 404 dossier_not_found (also for another tenant's), 409 dossier_not_ready while
    /// queued or processing, 409 dossier_failed with the failure's code and reason.
    /// </summary>
    public static async Task<(CompletedDossier? Dossier, ProblemHttpResult? Problem)> CompletedAsync(
        DossierRepository repository, string tenant, string id, CancellationToken cancellationToken)
    {
        var record = await repository.FindAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return (null, ApiProblems.DossierNotFound(id));
        }

        if (record.Status == DossierStatus.Failed)
        {
            return (null, ApiProblems.Create(ApiErrorCodes.DossierFailed, $"The dossier failed: {record.FailureReason}",
                new Dictionary<string, object?> { ["failureCode"] = record.FailureCode, ["statusUrl"] = DossierViews.StatusUrl(id) }));
        }

        if (record.Status != DossierStatus.Completed)
        {
            return (null, ApiProblems.Create(ApiErrorCodes.DossierNotReady, $"The dossier is {record.Status}; poll its status until it is completed.",
                new Dictionary<string, object?> { ["dossierStatus"] = record.Status, ["statusUrl"] = DossierViews.StatusUrl(id) }));
        }

        var result = await repository.GetResultAsync(tenant, id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("A completed dossier has no stored result.");
        return (new CompletedDossier(record, result), null);
    }
}
