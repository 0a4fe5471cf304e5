namespace MedSummary.Pipeline.Processing;

/// <summary>Files in, verified result out: ingestion, indexing, form, summary and alerts, citations checked.</summary>
public interface IDossierProcessor
{
    Task<DossierOutcome> ProcessAsync(
        DossierRequest request,
        IProgress<DossierProgress>? progress = null,
        CancellationToken cancellationToken = default);
}
