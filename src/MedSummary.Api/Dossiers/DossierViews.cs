using MedSummary.Api.Storage;
using MedSummary.Core.Contract;

namespace MedSummary.Api.Dossiers;

/// <summary>The answer to an upload: the dossier's id, where to poll, whether this upload created it, and the files as accepted.</summary>
public sealed record DossierAccepted(string Id, string Status, bool Created, string StatusUrl, IReadOnlyList<AcceptedDocument> Documents);

public sealed record AcceptedDocument(string DocumentId, string FileName, string MediaType, int Pages, long Bytes);

/// <summary>GET /v1/dossiers/{id}: where processing stands, per-document outcomes, failure reason, review state and links.</summary>
public sealed record DossierStatusView(
    string Id,
    string Status,
    string? ExternalRef,
    string? Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    ProgressView Progress,
    IReadOnlyList<DocumentStatusView> Documents,
    FailureView? Failure,
    ValidationView? Validated,
    DossierLinks Links);

/// <summary>
/// Progress: the current stage (queued, read, index, form, done), documents read of those uploaded, pages uploaded,
/// and form fields done of the contract's (all at once, when the form stage ends).
/// </summary>
public sealed record ProgressView(string Stage, int DocumentsRead, int DocumentsTotal, int Pages, int FieldsDone, int FieldsTotal);

/// <summary>One uploaded file: "pending" until processing ends, then "read" or "failed" with its stable code and reason.</summary>
public sealed record DocumentStatusView(string DocumentId, string FileName, string MediaType, int Pages, string Status, InputError? Error);

public sealed record FailureView(string Code, string Reason);

public sealed record ValidationView(DateTimeOffset At, string By);

public sealed record DossierLinks(string Self, string Result, string Form, string Summary, string Alerts, string Report, string Fhir, string Audit);

/// <summary>One dossier in a listing.</summary>
public sealed record DossierListItem(string Id, string Status, string? ExternalRef, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string Self);

public sealed record DossierList(IReadOnlyList<DossierListItem> Dossiers);

/// <summary>GET /summary: the contract's summary sentences and timeline, each cited.</summary>
public sealed record SummaryView(string DossierId, IReadOnlyList<SummarySentence> Summary, IReadOnlyList<TimelineEvent>? Timeline);

/// <summary>GET /alerts: the contract's alerts, each cited.</summary>
public sealed record AlertsView(string DossierId, IReadOnlyList<ClinicalAlert> Alerts);

internal static class DossierViews
{
    public static string StatusUrl(string id) => $"/v1/dossiers/{id}";

    public static DossierLinks Links(string id)
    {
        var self = StatusUrl(id);
        return new DossierLinks(self, self + "/result", self + "/form", self + "/summary", self + "/alerts", self + "/report", self + "/fhir", self + "/audit");
    }

    public static DossierStatusView Status(DossierRecord record, IReadOnlyList<UploadRecord> uploads, DossierResult? result)
    {
        var read = result?.Documents.Select(d => d.Id).ToHashSet(StringComparer.Ordinal) ?? [];
        var errors = result?.Errors.GroupBy(e => e.FileName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal)
            ?? [];
        var documents = uploads.Select(u =>
        {
            var error = errors.GetValueOrDefault(u.FileName);
            var status = !record.IsFinished ? "pending"
                : error is not null ? "failed"
                : read.Contains(u.DocumentId) ? "read"
                : record.Status == DossierStatus.Failed ? "not_processed" : "read";
            return new DocumentStatusView(u.DocumentId, u.FileName, u.MediaType, u.PageCount, status, error);
        }).ToList();

        var stage = record.Stage ?? (record.Status == DossierStatus.Queued ? "queued" : record.Status);
        var progress = new ProgressView(
            stage,
            record.IsFinished ? documents.Count(d => d.Status != "not_processed") : record.DocumentsRead,
            uploads.Count,
            uploads.Sum(u => u.PageCount),
            record.FieldsDone,
            Math.Max(ContractFields.Required.Count, result?.Form.Fields.Count ?? 0));
        return new DossierStatusView(
            record.Id,
            record.Status,
            record.ExternalRef,
            record.Language,
            record.CreatedAt,
            record.UpdatedAt,
            record.StartedAt,
            record.FinishedAt,
            record.Attempts,
            progress,
            documents,
            record.FailureCode is { } code ? new FailureView(code, record.FailureReason ?? code) : null,
            record.ValidatedAt is { } at ? new ValidationView(at, record.ValidatedBy ?? "unknown") : null,
            Links(record.Id));
    }
}
