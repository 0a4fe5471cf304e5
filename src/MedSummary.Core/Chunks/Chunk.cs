using MedSummary.Core.Provenance;

namespace MedSummary.Core.Chunks;

/// <summary>
/// A retrievable passage of one document: its exact span of canonical text, the pages it covers and the
/// section heading it falls under. <see cref="Text"/> is always the document's text over <see cref="Span"/>.
/// </summary>
public sealed record Chunk(
    string Id,
    string DocumentId,
    int Index,
    string? Section,
    TextSpan Span,
    int PageStart,
    int PageEnd,
    string Text)
{
    public static string MakeId(string documentId, int index) => $"{documentId}:{index}";
}
