using MedSummary.Core.Chunks;
using MedSummary.Core.Documents;

namespace MedSummary.Ingestion.Chunking;

/// <summary>Cuts a document into retrievable passages that keep their exact span, pages and section.</summary>
public interface IChunker
{
    IReadOnlyList<Chunk> Chunk(SourceDocument document);
}
