using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Embeddings;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Search;

/// <summary>The retriever over the real embedder and a real SQLite file.</summary>
public sealed class RetrieverTests : IDisposable
{
    private const string Tenant = "clinique";
    private const string Dossier = "dossier-1";

    private static readonly string DocumentText = string.Join("\n\n",
        "Compte rendu anatomopathologique. Carcinome canalaire infiltrant du sein gauche, grade SBR II.",
        "Récepteurs aux œstrogènes positifs à 90 %, récepteurs à la progestérone positifs à 40 %. HER2 négatif.",
        "Ganglion sentinelle : 0/2, absence de métastase ganglionnaire.",
        "Scanner thoraco-abdomino-pelvien : pas de lésion secondaire décelable.",
        "Proposition : tumorectomie puis radiothérapie adjuvante, hormonothérapie par tamoxifène.");

    private readonly TempFolder _folder = new();
    private readonly SqliteChunkStore _store;
    private readonly HashedNGramEmbeddingGenerator _embedder = new();

    public RetrieverTests()
    {
        _store = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("retriever.db") });
    }

    [Theory]
    [InlineData(SearchMode.Lexical)]
    [InlineData(SearchMode.Dense)]
    [InlineData(SearchMode.Hybrid)]
    public async Task Indexed_chunks_are_found_by_their_words_in_every_mode(SearchMode mode)
    {
        var retriever = new Retriever(_embedder, _store);
        var chunks = ChunksOf("doc-a", DocumentText);
        await retriever.IndexAsync(chunks, Tenant, Dossier, new Dictionary<string, string> { ["doc-a"] = "anapath.pdf" });

        var hits = await retriever.SearchAsync("recepteurs oestrogenes", new ChunkFilter(Tenant), top: 3, mode);

        hits.Count.ShouldBe(mode == SearchMode.Lexical ? 1 : 3);
        var best = hits[0].Chunk;
        best.Chunk.ShouldBe(chunks[1]);
        best.FileName.ShouldBe("anapath.pdf");
        best.Tenant.ShouldBe(Tenant);
        best.DossierId.ShouldBe(Dossier);
        DocumentText.Substring(best.Chunk.Span.Start, best.Chunk.Span.Length).ShouldBe(best.Chunk.Text);
    }

    [Fact]
    public async Task Vectors_are_the_embedders_whatever_the_batch_size()
    {
        var retriever = new Retriever(_embedder, _store, Options.Create(new RetrieverOptions { EmbeddingBatchSize = 2 }));
        var chunks = ChunksOf("doc-a", DocumentText);

        var count = await retriever.IndexAsync(chunks, Tenant, Dossier, new Dictionary<string, string> { ["doc-a"] = "a.pdf" });

        count.ShouldBe(chunks.Count);
        var listed = new List<IndexedChunk>();
        await foreach (var item in _store.ListAsync(new ChunkFilter(Tenant)))
        {
            listed.Add(item);
        }

        listed.Count.ShouldBe(chunks.Count);
        foreach (var item in listed)
        {
            item.Vector.ToArray().ShouldBe(_embedder.Embed(item.Chunk.Text));
        }
    }

    [Fact]
    public async Task Reindexing_a_dossier_duplicates_nothing()
    {
        var retriever = new Retriever(_embedder, _store);
        var chunks = ChunksOf("doc-a", DocumentText);
        var names = new Dictionary<string, string> { ["doc-a"] = "a.pdf" };

        await retriever.IndexAsync(chunks, Tenant, Dossier, names);
        await retriever.IndexAsync(chunks, Tenant, Dossier, names);

        (await _store.CountAsync(new ChunkFilter(Tenant))).ShouldBe(chunks.Count);
    }

    [Fact]
    public async Task A_chunk_whose_document_has_no_file_name_is_refused_before_anything_is_written()
    {
        var retriever = new Retriever(_embedder, _store);
        var chunks = ChunksOf("doc-a", DocumentText).Concat(ChunksOf("doc-b", "Autre document.")).ToList();

        var error = await Should.ThrowAsync<ArgumentException>(() =>
            retriever.IndexAsync(chunks, Tenant, Dossier, new Dictionary<string, string> { ["doc-a"] = "a.pdf" }));

        error.Message.ShouldContain("doc-b");
        File.Exists(_store.DatabasePath).ShouldBeFalse();
    }

    [Fact]
    public async Task Searching_before_anything_is_indexed_finds_nothing()
    {
        var retriever = new Retriever(_embedder, _store);

        foreach (var mode in Enum.GetValues<SearchMode>())
        {
            (await retriever.SearchAsync("carcinome", new ChunkFilter(Tenant), 5, mode)).ShouldBeEmpty();
        }

        (await retriever.SearchAsync("   ", new ChunkFilter(Tenant))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Searches_stay_within_the_filter()
    {
        var retriever = new Retriever(_embedder, _store);
        await retriever.IndexAsync(ChunksOf("doc-a", DocumentText), Tenant, Dossier, new Dictionary<string, string> { ["doc-a"] = "a.pdf" });
        await retriever.IndexAsync(ChunksOf("doc-a", DocumentText), "autre-clinique", Dossier, new Dictionary<string, string> { ["doc-a"] = "a.pdf" });

        var hits = await retriever.SearchAsync("tamoxifène", new ChunkFilter("autre-clinique"), 10, SearchMode.Hybrid);

        hits.ShouldNotBeEmpty();
        hits.ShouldAllBe(h => h.Chunk.Tenant == "autre-clinique");
    }

    [Fact]
    public async Task A_store_made_for_another_embedder_is_reported()
    {
        await _store.EnsureCreatedAsync(64, "another-embedder");
        var retriever = new Retriever(_embedder, _store);

        var error = await Should.ThrowAsync<InvalidOperationException>(() =>
            retriever.IndexAsync(ChunksOf("doc-a", DocumentText), Tenant, Dossier, new Dictionary<string, string> { ["doc-a"] = "a.pdf" }));

        error.Message.ShouldContain("64-dimension");
    }

    [Fact]
    public async Task A_store_made_by_another_embedder_of_the_same_dimension_is_reported()
    {
        await _store.EnsureCreatedAsync(_embedder.Dimension, "another-model-same-size");
        var retriever = new Retriever(_embedder, _store);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => retriever.SearchAsync("carcinome", new ChunkFilter(Tenant)));

        retriever.EmbedderId.ShouldBe(_embedder.ModelId);
        error.Message.ShouldContain("another-model-same-size");
        error.Message.ShouldContain(_embedder.ModelId);
    }

    public void Dispose()
    {
        _store.Dispose();
        _embedder.Dispose();
        _folder.Dispose();
    }

    /// <summary>One chunk per paragraph, with exact spans, as a chunker would produce them.</summary>
    private static List<Chunk> ChunksOf(string documentId, string text)
    {
        var chunks = new List<Chunk>();
        var start = 0;
        foreach (var paragraph in text.Split("\n\n"))
        {
            var index = chunks.Count;
            chunks.Add(new Chunk(Chunk.MakeId(documentId, index), documentId, index, "Conclusion", TextSpan.FromLength(start, paragraph.Length), 1, 1, paragraph));
            start += paragraph.Length + 2;
        }

        return chunks;
    }
}
