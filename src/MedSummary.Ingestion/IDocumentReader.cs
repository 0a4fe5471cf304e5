using MedSummary.Core.Documents;

namespace MedSummary.Ingestion;

/// <summary>
/// Reads one kind of file into a <see cref="SourceDocument"/> with full provenance.
/// Refuses unreadable input by throwing <see cref="Core.Errors.DocumentRejectedException"/> with a stable code.
/// </summary>
public interface IDocumentReader
{
    /// <summary>True when the content (magic bytes, not the name) is of this reader's kind.</summary>
    bool CanRead(ReadOnlySpan<byte> content);

    Task<SourceDocument> ReadAsync(InputFile file, CancellationToken cancellationToken);
}
