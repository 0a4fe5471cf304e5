using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Reindexing;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Testing.Qdrant;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Store;

/// <summary>
/// The operational path: dossiers indexed in the embedded SQLite store, re-indexed into Qdrant (the in-process
/// gRPC server), then searched across dossiers there with the same answers.
/// </summary>
public sealed class ReindexIntoQdrantTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "medsummary-qdrant-tests", Guid.NewGuid().ToString("N"));
    private QdrantTestServer _server = null!;
    private QdrantTestHost _host = null!;
    private readonly SqliteChunkStore _embedded;
    private readonly HashedNGramEmbeddingGenerator _embedder = new();

    public ReindexIntoQdrantTests()
    {
        Directory.CreateDirectory(_folder);
        _embedded = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = Path.Combine(_folder, "embedded.db") });
    }

    public async Task InitializeAsync()
    {
        _server = await QdrantTestServer.StartAsync();
        _host = QdrantTestHost.Create(_server.Url, o => o.UpsertBatchSize = 7);
    }

    [Fact]
    public async Task A_reindexed_qdrant_answers_cross_dossier_searches_like_the_embedded_store()
    {
        var retriever = new Retriever(_embedder, _embedded);
        foreach (var (tenant, dossier, texts) in Dossiers())
        {
            var chunks = texts.Select((t, i) => new Chunk(Chunk.MakeId($"{dossier}-cr", i), $"{dossier}-cr", i, "Biologie moléculaire", TextSpan.FromLength(i * 500, t.Length), 1 + i, 1 + i, t)).ToList();
            await retriever.IndexAsync(chunks, tenant, dossier, new Dictionary<string, string> { [$"{dossier}-cr"] = "cr.pdf" });
        }

        var report = await new ChunkStoreReindexer().CopyAsync(_embedded, _host.Store, batchSize: 5);

        report.Copied.ShouldBe(await _embedded.CountAsync(new ChunkFilter("lyon")) + await _embedded.CountAsync(new ChunkFilter("paris")));
        (await _host.Store.DescribeAsync()).ShouldBe(new StoreDescriptor(_embedder.Dimension, _embedder.ModelId));
        (await _host.Store.ListTenantsAsync()).ShouldBe(["lyon", "paris"]);
        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            var embedded = await new CrossDossierSearch(new Retriever(_embedder, _embedded)).SearchAsync(new PassageSearchRequest("lyon", "EGFR exon 19 deletion", 10, Mode: mode));
            var qdrant = await new CrossDossierSearch(new Retriever(_embedder, _host.Store)).SearchAsync(new PassageSearchRequest("lyon", "EGFR exon 19 deletion", 10, Mode: mode));

            qdrant.Passages.ShouldAllBe(p => p.DossierId.StartsWith("ly", StringComparison.Ordinal));
            // Equal scores (the same sentence in two dossiers) may come in either order: each store breaks ties its own way.
            qdrant.Passages.Select(p => p.Citation).ShouldBe(embedded.Passages.Select(p => p.Citation).ToList(), ignoreOrder: true);
            if (mode != SearchMode.Dense)
            {
                qdrant.Passages[0].DossierId.ShouldBeOneOf("ly0", "ly4");
                embedded.Passages[0].DossierId.ShouldBeOneOf("ly0", "ly4");
            }
        }
    }

    [Fact]
    public async Task Qdrant_refuses_to_receive_vectors_of_another_embedder()
    {
        await _embedded.EnsureCreatedAsync(4, "model-a");
        await _embedded.UpsertAsync([new IndexedChunk(new Chunk("c:0", "c", 0, null, new TextSpan(0, 1), 1, 1, "x"), "t", "d", "c.pdf", new float[] { 1, 0, 0, 0 })]);
        await _host.Store.EnsureCreatedAsync(4, "model-b");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => new ChunkStoreReindexer().CopyAsync(_embedded, _host.Store));

        error.Message.ShouldContain("model-a");
        error.Message.ShouldContain("model-b");
        (await _host.Store.CountAsync(new ChunkFilter("t"))).ShouldBe(0);
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _server.DisposeAsync();
        _embedded.Dispose();
        _embedder.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a failing test must not be hidden by its cleanup.
        }
    }

    private static IEnumerable<(string Tenant, string Dossier, string[] Texts)> Dossiers()
    {
        string[] alterations =
        [
            "Délétion de l'exon 19 du gène EGFR (EGFR exon 19 deletion).",
            "Mutation EGFR p.L858R de l'exon 21.",
            "Mutation KRAS p.G12C ; EGFR sauvage.",
            "Réarrangement ALK en FISH.",
        ];
        for (var i = 0; i < 6; i++)
        {
            foreach (var tenant in new[] { "lyon", "paris" })
            {
                yield return (tenant, $"{tenant[..2]}{i}",
                [
                    $"Adénocarcinome pulmonaire du patient {i}, TTF1 positif.",
                    $"Biologie moléculaire : {alterations[(i + (tenant == "paris" ? 1 : 0)) % alterations.Length]}",
                    $"Proposition de la réunion {i} : traitement ciblé selon le statut moléculaire.",
                ]);
            }
        }
    }
}
