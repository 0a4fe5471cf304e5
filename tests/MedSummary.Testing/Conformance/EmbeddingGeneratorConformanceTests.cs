using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MedSummary.Testing.Conformance;

/// <summary>
/// What the retriever relies on from every <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> it may be given:
/// one finite vector per text, in order, of the dimension its metadata announces, the same whatever the batch or
/// the concurrency, an identity a store records (and a store made with it refuses another embedder), and
/// related passages closer than unrelated ones. Each embedder's test project subclasses this once.
/// </summary>
public abstract class EmbeddingGeneratorConformanceTests : IDisposable
{
    /// <summary>Same for models whose arithmetic depends on the batch (padding, SIMD paths).</summary>
    private const float Tolerance = 1e-4f;

    private const string Tumour = "Invasive ductal carcinoma of the left breast, grade 2, 15 mm.";
    private const string SameTumour = "Left breast invasive ductal carcinoma measuring 15 mm, grade 2.";
    private const string Unrelated = "Urea 7.9 mmol/L and haemoglobin 131 g/L on the morning sample.";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "medsummary-embedder-conformance", Guid.NewGuid().ToString("N"));
    private IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    /// <summary>The generator under test; made once per test and disposed with it.</summary>
    protected abstract IEmbeddingGenerator<string, Embedding<float>> CreateGenerator();

    private IEmbeddingGenerator<string, Embedding<float>> Embedder => _embedder ??= CreateGenerator();

    [Fact]
    public void Metadata_names_the_model_and_its_dimension()
    {
        var metadata = Embedder.GetService<EmbeddingGeneratorMetadata>();

        metadata.ShouldNotBeNull();
        metadata.DefaultModelId.ShouldNotBeNullOrWhiteSpace();
        metadata.DefaultModelDimensions.ShouldNotBeNull();
        metadata.DefaultModelDimensions.Value.ShouldBeGreaterThan(0);
        Retriever.IdentifyEmbedder(Embedder).ShouldBe(metadata.DefaultModelId);
    }

    [Fact]
    public async Task One_finite_vector_per_text_in_order_of_the_announced_dimension()
    {
        var dimension = Embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions!.Value;

        var result = await Embedder.GenerateAsync([Tumour, Unrelated, "HER2 négatif", "x"]);

        result.Count.ShouldBe(4);
        foreach (var embedding in result)
        {
            embedding.Vector.Length.ShouldBe(dimension);
            embedding.Vector.ToArray().ShouldAllBe(v => float.IsFinite(v));
        }

        Cosine(result[0].Vector, (await Embedder.GenerateAsync([Tumour]))[0].Vector).ShouldBeGreaterThan(1 - Tolerance);
        Cosine(result[1].Vector, (await Embedder.GenerateAsync([Unrelated]))[0].Vector).ShouldBeGreaterThan(1 - Tolerance);
    }

    [Fact]
    public async Task Nothing_to_embed_gives_nothing()
    {
        (await Embedder.GenerateAsync([])).Count.ShouldBe(0);
    }

    [Fact]
    public async Task A_null_text_is_refused()
    {
        await Should.ThrowAsync<ArgumentNullException>(() => Embedder.GenerateAsync([Tumour, null!]));
    }

    [Fact]
    public async Task Asking_for_another_dimension_is_refused()
    {
        var dimension = Embedder.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelDimensions!.Value;

        await Should.ThrowAsync<ArgumentException>(() => Embedder.GenerateAsync([Tumour], new EmbeddingGenerationOptions { Dimensions = dimension + 1 }));
    }

    [Fact]
    public async Task Vectors_do_not_depend_on_the_batch_or_on_concurrent_calls()
    {
        var texts = Enumerable.Range(0, 12).Select(i => $"Cycle {i} of FEC100 chemotherapy, tolerance {(i % 2 == 0 ? "good" : "poor")}.").ToList();
        var alone = new List<ReadOnlyMemory<float>>();
        foreach (var text in texts)
        {
            alone.Add((await Embedder.GenerateAsync([text]))[0].Vector);
        }

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Embedder.GenerateAsync(texts))));

        foreach (var batch in concurrent)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Cosine(batch[i].Vector, alone[i]).ShouldBeGreaterThan(1 - Tolerance, $"text {i}");
            }
        }
    }

    [Fact]
    public async Task Related_passages_are_closer_than_unrelated_ones()
    {
        var vectors = await Embedder.GenerateAsync([Tumour, SameTumour, Unrelated]);

        Cosine(vectors[0].Vector, vectors[1].Vector).ShouldBeGreaterThan(Cosine(vectors[0].Vector, vectors[2].Vector));
    }

    [Fact]
    public async Task A_store_indexed_with_it_finds_passages_and_refuses_another_embedder()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "store.db");
        var texts = new[] { Tumour, Unrelated };
        var chunks = texts.Select((t, i) => new Chunk(Chunk.MakeId("doc", i), "doc", i, null, TextSpan.FromLength(0, t.Length), 1, 1, t)).ToList();
        using (var store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = path }))
        {
            var retriever = new Retriever(Embedder, store);
            await retriever.IndexAsync(chunks, "tenant", "dossier", new Dictionary<string, string> { ["doc"] = "doc.pdf" });

            var hits = await retriever.SearchAsync(SameTumour, new ChunkFilter("tenant"), top: 2, SearchMode.Dense);
            hits[0].Chunk.Chunk.Text.ShouldBe(Tumour);
            (await store.DescribeAsync())!.EmbedderId.ShouldBe(Retriever.IdentifyEmbedder(Embedder));
        }

        using (var store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = path }))
        {
            var other = new Retriever(new OtherEmbedder(), store);
            var refusal = await Should.ThrowAsync<InvalidOperationException>(() =>
                other.IndexAsync(chunks, "tenant", "dossier-2", new Dictionary<string, string> { ["doc"] = "doc.pdf" }));
            refusal.Message.ShouldContain(Retriever.IdentifyEmbedder(Embedder));
        }
    }

    public void Dispose()
    {
        _embedder?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private static double Cosine(ReadOnlyMemory<float> a, ReadOnlyMemory<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        var x = a.Span;
        var y = b.Span;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            na += x[i] * x[i];
            nb += y[i] * y[i];
        }

        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>A stand-in for "some other model": a constant 3-dimension embedder with its own id.</summary>
    private sealed class OtherEmbedder : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("other", null, "other-model-v1", 3);

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[] { 1, 0, 0 }))));

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }
}
