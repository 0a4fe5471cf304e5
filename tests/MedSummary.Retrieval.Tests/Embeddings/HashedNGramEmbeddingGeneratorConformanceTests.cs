using MedSummary.Retrieval.Embeddings;
using MedSummary.Testing.Conformance;
using Microsoft.Extensions.AI;

namespace MedSummary.Retrieval.Tests.Embeddings;

/// <summary>The shared embedder suite run against the default hashed n-gram embedder.</summary>
public sealed class HashedNGramEmbeddingGeneratorConformanceTests : EmbeddingGeneratorConformanceTests
{
    protected override IEmbeddingGenerator<string, Embedding<float>> CreateGenerator() => new HashedNGramEmbeddingGenerator();
}
