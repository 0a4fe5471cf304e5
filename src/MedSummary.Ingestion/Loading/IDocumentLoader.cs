using MedSummary.Core.Documents;

namespace MedSummary.Ingestion.Loading;

/// <summary>
/// Turns any input file into a <see cref="SourceDocument"/> or refuses it with a
/// <see cref="Core.Errors.DocumentRejectedException"/> carrying a stable code; nothing else escapes but cancellation.
/// </summary>
public interface IDocumentLoader
{
    Task<SourceDocument> LoadAsync(InputFile file, CancellationToken cancellationToken = default);
}
