using MedSummary.Api.Diagnostics;
using MedSummary.Api.Processing;
using MedSummary.Api.Storage;
using MedSummary.Core.Documents;

namespace MedSummary.Api.Dossiers;

/// <summary>What became of an upload.</summary>
public sealed record IntakeResult(CreateOutcome? Outcome, DossierRecord? Record, IReadOnlyList<UploadRecord> Uploads, TimeSpan? RetryAfter)
{
    public bool QueueFull => Outcome is null;
}

/// <summary>
/// Accepts a validated upload: derives the dossier id from the files (same files, same tenant, same dossier),
/// answers a repeat without new work, reserves a place in the queue (or says when to retry), stores the dossier
/// with its files durably, then enqueues it.
/// </summary>
public sealed class DossierIntake(DossierRepository repository, DossierQueue queue, TimeProvider time, ILogger<DossierIntake> logger)
{
    public async Task<IntakeResult> SubmitAsync(string tenant, string actor, UploadForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var uploads = new List<UploadRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in form.Files)
        {
            var documentId = DocumentIds.Sha256Hex(file.Content);
            if (seen.Add(documentId))
            {
                uploads.Add(new UploadRecord(uploads.Count, file.FileName, documentId, file.Inspection.MediaType!, file.Length, file.Inspection.Pages, file.Content));
            }
        }

        var id = DocumentIds.DossierId(uploads.Select(u => u.DocumentId));
        var existing = await repository.FindAsync(tenant, id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.Status != DossierStatus.Failed)
        {
            return Existing(tenant, existing, uploads);
        }

        if (!queue.TryReserve(tenant))
        {
            ApiTelemetry.Uploads.Add(1, new KeyValuePair<string, object?>("outcome", "queue_full"));
            ApiLog.QueueFull(logger, tenant, queue.Depth, queue.Capacity);
            return new IntakeResult(null, null, uploads, queue.RetryAfter());
        }

        var enqueued = false;
        try
        {
            var (outcome, record) = await repository.CreateAsync(
                new NewDossier(tenant, id, form.PatientRef, form.Language, uploads, time.GetUtcNow(), actor), cancellationToken).ConfigureAwait(false);
            if (outcome == CreateOutcome.Existing)
            {
                return Existing(tenant, record, uploads);
            }

            queue.Enqueue(new DossierJob(tenant, id, record.UpdatedAt));
            enqueued = true;
            ApiTelemetry.Uploads.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
            ApiTelemetry.UploadedBytes.Add(uploads.Sum(u => u.ByteCount));
            ApiLog.DossierAccepted(logger, tenant, id, uploads.Count, uploads.Sum(u => u.PageCount), uploads.Sum(u => u.ByteCount));
            return new IntakeResult(outcome, record, uploads, null);
        }
        finally
        {
            if (!enqueued)
            {
                queue.Release(tenant);
            }
        }
    }

    private IntakeResult Existing(string tenant, DossierRecord record, IReadOnlyList<UploadRecord> uploads)
    {
        ApiTelemetry.Uploads.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
        ApiLog.DossierDuplicate(logger, tenant, record.Id, record.Status);
        return new IntakeResult(CreateOutcome.Existing, record, uploads, null);
    }
}
