using System.Text.Json.Nodes;

namespace MedSummary.Api.Storage;

/// <summary>Where a dossier stands. A dossier moves queued → processing → completed or failed; an interrupted one goes back through processing.</summary>
public static class DossierStatus
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

/// <summary>Codes of dossier failures (besides the input codes of unreadable documents).</summary>
public static class DossierFailureCodes
{
    /// <summary>No uploaded file could be read; the per-document errors say why.</summary>
    public const string NoReadableDocument = "no_readable_document";

    /// <summary>Processing was cut short (stop, crash) as many times as attempts are allowed.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>Processing threw an internal error; the uploaded files are kept and re-uploading them retries.</summary>
    public const string ProcessingError = "processing_error";
}

/// <summary>A dossier's row: identity, status, progress, failure and review state. Never holds document text.</summary>
public sealed record DossierRecord(
    string Tenant,
    string Id,
    string Status,
    string? ExternalRef,
    string? Language,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int Attempts,
    string? FailureCode,
    string? FailureReason,
    string? Stage,
    int DocumentsRead,
    int FieldsDone,
    int FormVersion,
    DateTimeOffset? ValidatedAt,
    string? ValidatedBy)
{
    public bool IsFinished => Status is DossierStatus.Completed or DossierStatus.Failed;
}

/// <summary>One uploaded file as kept until (and after) processing; <see cref="Content"/> is null when not asked for.</summary>
public sealed record UploadRecord(int Ordinal, string FileName, string DocumentId, string MediaType, long ByteCount, int PageCount, byte[]? Content);

/// <summary>An accepted upload to store: the dossier and its files, with who sent it.</summary>
public sealed record NewDossier(
    string Tenant,
    string Id,
    string? ExternalRef,
    string? Language,
    IReadOnlyList<UploadRecord> Uploads,
    DateTimeOffset At,
    string Actor);

/// <summary>What storing an upload did.</summary>
public enum CreateOutcome
{
    /// <summary>A new dossier, queued.</summary>
    Created,

    /// <summary>The same files were already submitted by this tenant; nothing new to do.</summary>
    Existing,

    /// <summary>The same files had failed; they are queued again.</summary>
    Requeued,
}

/// <summary>A reviewer's decision on one field, as kept (the latest per field).</summary>
public sealed record FieldReview(
    string FieldKey,
    string Action,
    string? Value,
    string? Normalized,
    string? Comment,
    string Actor,
    string? Reviewer,
    DateTimeOffset At);

/// <summary>One line of the append-only audit trail: who did what, when, the state before and after, and why.</summary>
public sealed record AuditEntry(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string? Reviewer,
    string Action,
    string? FieldKey,
    JsonNode? Before,
    JsonNode? After,
    string? Comment);

/// <summary>Actions recorded in the audit trail.</summary>
public static class AuditActions
{
    public const string Uploaded = "uploaded";
    public const string Requeued = "requeued";
    public const string Processed = "processed";
    public const string Failed = "failed";
    public const string Validated = "validated";
}
