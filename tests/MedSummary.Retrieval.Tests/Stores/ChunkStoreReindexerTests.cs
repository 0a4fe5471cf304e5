using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Retrieval.Stores;
using MedSummary.Retrieval.Stores.Reindexing;
using MedSummary.Retrieval.Stores.Sqlite;
using MedSummary.Retrieval.Tests.TestSupport;
using Shouldly;

namespace MedSummary.Retrieval.Tests.Stores;

/// <summary>Re-indexing between two real SQLite files (the Qdrant tests run the same copier into Qdrant).</summary>
public sealed class ChunkStoreReindexerTests : IDisposable
{
    private const int Dimension = 4;
    private const string Embedder = "embedder-a";
    private readonly TempFolder _folder = new();
    private readonly SqliteChunkStore _source;
    private readonly SqliteChunkStore _target;

    public ChunkStoreReindexerTests()
    {
        _source = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("source.db") });
        _target = new SqliteChunkStore(new SqliteChunkStoreOptions { DatabasePath = _folder.File("target.db") });
    }

    [Fact]
    public async Task Every_tenant_is_copied_with_its_vectors_in_batches_and_a_rerun_duplicates_nothing()
    {
        await _source.EnsureCreatedAsync(Dimension, Embedder);
        var chunks = Enumerable.Range(0, 23).Select(i => Make(i % 3 == 0 ? "t1" : "t2", $"d{i % 4}", i)).ToList();
        await _source.UpsertAsync(chunks);
        var progress = new List<ReindexProgress>();

        var report = await new ChunkStoreReindexer().CopyAsync(_source, _target, batchSize: 5, progress: new SyncProgress(progress));
        await new ChunkStoreReindexer().CopyAsync(_source, _target, batchSize: 7);

        report.Descriptor.ShouldBe(new StoreDescriptor(Dimension, Embedder));
        report.CopiedByTenant.ShouldBe(new Dictionary<string, long> { ["t1"] = 8, ["t2"] = 15 });
        report.Copied.ShouldBe(23);
        (await _target.DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, Embedder));
        (await _target.CountAsync(new ChunkFilter("t1"))).ShouldBe(8);
        (await _target.CountAsync(new ChunkFilter("t2"))).ShouldBe(15);
        progress.Select(p => p.Copied).ShouldBe([5, 8, 13, 18, 23]);
        var copied = new List<IndexedChunk>();
        await foreach (var chunk in _target.ListAsync(new ChunkFilter("t2")))
        {
            copied.Add(chunk);
        }

        foreach (var original in chunks.Where(c => c.Tenant == "t2"))
        {
            var copy = copied.Single(c => c.DossierId == original.DossierId && c.Chunk.Id == original.Chunk.Id);
            copy.Chunk.ShouldBe(original.Chunk);
            copy.FileName.ShouldBe(original.FileName);
            copy.Vector.ToArray().ShouldBe(original.Vector.ToArray());
        }
    }

    [Fact]
    public async Task Only_the_named_tenants_are_copied()
    {
        await _source.EnsureCreatedAsync(Dimension, Embedder);
        await _source.UpsertAsync([Make("t1", "d1", 0), Make("t2", "d1", 1)]);

        var report = await new ChunkStoreReindexer().CopyAsync(_source, _target, tenants: ["t2", "nobody"]);

        report.CopiedByTenant.ShouldBe(new Dictionary<string, long> { ["t2"] = 1, ["nobody"] = 0 });
        (await _target.ListTenantsAsync()).ShouldBe(["t2"]);
    }

    [Fact]
    public async Task A_target_made_by_another_embedder_is_refused_before_anything_is_copied()
    {
        await _source.EnsureCreatedAsync(Dimension, Embedder);
        await _source.UpsertAsync([Make("t1", "d1", 0)]);
        await _target.EnsureCreatedAsync(Dimension, "embedder-b");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => new ChunkStoreReindexer().CopyAsync(_source, _target));

        error.Message.ShouldContain("embedder-b");
        (await _target.CountAsync(new ChunkFilter("t1"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_source_never_created_is_reported()
    {
        var error = await Should.ThrowAsync<InvalidOperationException>(() => new ChunkStoreReindexer().CopyAsync(_source, _target));

        error.Message.ShouldContain("never been created");
        (await _target.DescribeAsync()).ShouldBeNull();
    }

    public void Dispose()
    {
        _source.Dispose();
        _target.Dispose();
        _folder.Dispose();
    }

    private static IndexedChunk Make(string tenant, string dossier, int index)
    {
        var text = $"passage {index} du dossier {dossier}";
        var chunk = new Chunk(Chunk.MakeId("doc", index), "doc", index, null, TextSpan.FromLength(index * 100, text.Length), 1, 1, text);
        return new IndexedChunk(chunk, tenant, dossier, "doc.pdf", new float[] { index, 1, -index, 0.5f });
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test wants the reports in order, as they are made.</summary>
    private sealed class SyncProgress(List<ReindexProgress> reports) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => reports.Add(value);
    }
}
