using MedSummary.Retrieval.MiniLM.Embeddings;
using MedSummary.Testing.Conformance;
using Microsoft.Extensions.AI;
using Shouldly;

namespace MedSummary.Retrieval.MiniLM.Tests.Embeddings;

/// <summary>The shared embedder suite run against the real all-MiniLM-L6-v2 model shipped in the package.</summary>
public sealed class MiniLmEmbeddingGeneratorConformanceTests : EmbeddingGeneratorConformanceTests
{
    protected override IEmbeddingGenerator<string, Embedding<float>> CreateGenerator() =>
        new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { Threads = 1 });
}

/// <summary>What MiniLM adds over a lexical embedder, and its own settings.</summary>
public sealed class MiniLmEmbeddingGeneratorTests
{
    [Fact]
    public async Task Passages_with_the_same_meaning_and_no_shared_word_are_close()
    {
        using var embedder = new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { Threads = 1 });

        var vectors = await embedder.GenerateAsync(["The kidneys work poorly.", "Renal function is impaired.", "The chest CT shows a lung mass."]);

        Cosine(vectors[0].Vector.Span, vectors[1].Vector.Span).ShouldBeGreaterThan(Cosine(vectors[0].Vector.Span, vectors[2].Vector.Span));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(MiniLmEmbeddingOptions.MaxThreads + 1)]
    public void Unusable_thread_counts_are_refused(int threads)
    {
        new MiniLmEmbeddingOptions { Threads = threads }.Validate().ShouldNotBeEmpty();
        Should.Throw<ArgumentException>(() => new MiniLmEmbeddingGenerator(new MiniLmEmbeddingOptions { Threads = threads }));
    }

    [Fact]
    public async Task A_disposed_generator_refuses_work()
    {
        var embedder = new MiniLmEmbeddingGenerator();
        embedder.Dispose();

        await Should.ThrowAsync<ObjectDisposedException>(() => embedder.GenerateAsync(["text"]));
    }

    private static double Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
        }

        // MiniLM's vectors are L2-normalised: the dot product is the cosine.
        return dot;
    }
}
