using MedSummary.Core.Chunks;
using MedSummary.Core.Contract;
using MedSummary.Core.Documents;

namespace MedSummary.Ingestion.Pipeline;

/// <summary>One result per input: a document and its chunks, or the reason it could not be read.</summary>
public sealed record IngestionResult(string FileName, SourceDocument? Document, IReadOnlyList<Chunk> Chunks, InputError? Error)
{
    public bool Succeeded => Document is not null;

    public static IngestionResult Success(SourceDocument document, IReadOnlyList<Chunk> chunks) =>
        new(document.FileName, document, chunks, null);

    public static IngestionResult Failure(string fileName, string code, string message) =>
        new(fileName, null, [], new InputError(fileName, code, message));
}
