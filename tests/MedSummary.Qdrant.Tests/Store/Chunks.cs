using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Stores;

namespace MedSummary.Qdrant.Tests.Store;

/// <summary>Indexed chunks built in code for the store tests.</summary>
internal static class Chunks
{
    public static IndexedChunk Make(string tenant, string dossier, string document, int index, string text, float[] vector, string? section = "Conclusion") =>
        new(new Chunk($"{document}:{index}", document, index, section, TextSpan.FromLength(index * 100, text.Length), 1, 2, text), tenant, dossier, $"{document}.pdf", vector);
}
