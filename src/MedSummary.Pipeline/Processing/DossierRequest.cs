using MedSummary.Ingestion;

namespace MedSummary.Pipeline.Processing;

/// <summary>A dossier to process: its files, the tenant that owns it, and an optional fixed id.</summary>
public sealed record DossierRequest(IReadOnlyList<InputFile> Files)
{
    /// <summary>The owning tenant; the CLI uses "local". Chunks are indexed under it.</summary>
    public string Tenant { get; init; } = "local";

    /// <summary>Null: derive the id from the documents' ids (same files, same dossier).</summary>
    public string? DossierId { get; init; }
}

/// <summary>
/// Where processing stands, for progress displays. Carries file names, never document text. Stages, in order:
/// read (Done/Total files), index (chunks), form, summary and alerts (0/1 when they start, 1/1 for form when it
/// ends). During form and summary, a report is also made each time a model call is planned or finished.
/// </summary>
public sealed record DossierProgress(string Stage, int Done, int Total, string? FileName = null)
{
    /// <summary>Model calls of this stage finished so far; null on reports that are not about model calls.</summary>
    public int? ModelCallsDone { get; init; }

    /// <summary>Model calls this stage has planned so far (0 or null without a model).</summary>
    public int? ModelCallsTotal { get; init; }
}

/// <summary>
/// The verified result, the documents it cites (null when no input could be read) and what the last
/// verification gate removed (nothing, unless an upstream stage has a bug).
/// </summary>
public sealed record DossierOutcome(
    Core.Contract.DossierResult Result,
    Core.Documents.Dossier? Dossier,
    Verification.VerificationReport Verification);
