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

/// <summary>Where processing stands, for progress displays. Carries file names, never document text.</summary>
public sealed record DossierProgress(string Stage, int Done, int Total, string? FileName = null);

/// <summary>
/// The verified result, the documents it cites (null when no input could be read) and what the last
/// verification gate removed (nothing, unless an upstream stage has a bug).
/// </summary>
public sealed record DossierOutcome(
    Core.Contract.DossierResult Result,
    Core.Documents.Dossier? Dossier,
    Verification.VerificationReport Verification);
