namespace MedSummary.Api.Review;

/// <summary>What a reviewer can do with a field.</summary>
public static class ReviewActions
{
    /// <summary>The machine's value (or its "not found") is right.</summary>
    public const string Accept = "accept";

    /// <summary>The value is replaced by the reviewer's.</summary>
    public const string Correct = "correct";

    /// <summary>The machine's value is wrong and none is to be used.</summary>
    public const string Reject = "reject";

    public static IReadOnlyList<string> All { get; } = [Accept, Correct, Reject];
}

/// <summary>
/// PATCH /v1/dossiers/{id}/form/fields/{key}: <see cref="Action"/> is accept, correct (with <see cref="Value"/>,
/// optionally <see cref="Normalized"/>) or reject; <see cref="Comment"/> says why; <see cref="Reviewer"/> names the
/// person when a system key acts for one (the audit also records the key's own name).
/// </summary>
public sealed record ReviewRequest(string? Action, string? Value, string? Normalized, string? Comment, string? Reviewer);

/// <summary>POST /v1/dossiers/{id}/form/validate: the form is complete and checked; no field can change after.</summary>
public sealed record ValidateRequest(string? Reviewer, string? Comment);

/// <summary>A field's review as shown with the form.</summary>
public sealed record ReviewInfo(string Action, string? Value, string? Normalized, string? Comment, string Actor, string? Reviewer, DateTimeOffset At);

/// <summary>
/// What the form says once reviewed: the machine's value when accepted or not reviewed, the reviewer's when
/// corrected, nothing when rejected. <see cref="Source"/> is the machine's ("rule", "llm") or "reviewer";
/// <see cref="Status"/> is the machine's status, "found" for a correction, "rejected" for a rejection.
/// </summary>
public sealed record FinalValue(string? Value, string? Normalized, string Status, string? Source);

/// <summary>The answer to a review: the field as it now stands and the form's new version (also the ETag).</summary>
public sealed record ReviewResponse(string DossierId, string FieldKey, int FormVersion, ReviewInfo Review, FinalValue Final);

/// <summary>The answer to a validation.</summary>
public sealed record ValidateResponse(string DossierId, int FormVersion, DateTimeOffset ValidatedAt, string ValidatedBy);

/// <summary>GET /audit: the dossier's audit trail, oldest first.</summary>
public sealed record AuditView(string DossierId, IReadOnlyList<Storage.AuditEntry> Entries);
