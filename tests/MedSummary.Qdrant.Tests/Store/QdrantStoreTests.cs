using Grpc.Net.Client;
using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Qdrant;
using Qdrant.Client.Grpc;
using Shouldly;

namespace MedSummary.Qdrant.Tests.Store;

/// <summary>
/// How the store lays its data out in Qdrant and which calls it makes, seen from the in-process gRPC server and
/// read back through a second, plain Qdrant.Client connection (as an operator's tool would see the collection).
/// </summary>
public sealed class QdrantStoreTests : IAsyncLifetime
{
    private const string Tenant = "chu-lyon";
    private const string Collection = "medsummary_chunks";
    private const string Embedder = "hashed-ngrams-v1";
    private const int Dimension = 4;
    private readonly List<QdrantTestHost> _hosts = [];
    private QdrantTestServer _server = null!;
    private GrpcChannel _channel = null!;
    private QdrantGrpcClient _raw = null!;

    public async Task InitializeAsync()
    {
        _server = await QdrantTestServer.StartAsync();
        _channel = GrpcChannel.ForAddress(_server.Url);
        _raw = new QdrantGrpcClient(_channel);
    }

    [Fact]
    public async Task EnsureCreated_on_a_new_collection_checks_the_version_creates_it_with_metadata_then_its_payload_indexes()
    {
        await Store().EnsureCreatedAsync(Dimension, Embedder);

        Methods().ShouldBe(
        [
            "Collections/Get", "Qdrant/HealthCheck", "Collections/Create", "Collections/Get",
            "Points/CreateFieldIndex", "Points/CreateFieldIndex", "Points/CreateFieldIndex", "Points/CreateFieldIndex",
        ]);
        var info = (await _raw.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = Collection })).Result;
        var dense = info.Config.Params.VectorsConfig.ParamsMap.Map[QdrantChunkStore.DenseVectorName];
        dense.Size.ShouldBe((ulong)Dimension);
        dense.Distance.ShouldBe(Distance.Cosine);
        info.Config.Params.SparseVectorsConfig.Map[QdrantChunkStore.LexicalVectorName].Modifier.ShouldBe(Modifier.Idf);
        info.Config.Metadata[QdrantChunkStore.MetaSchema].IntegerValue.ShouldBe(1);
        info.Config.Metadata[QdrantChunkStore.MetaEmbedder].StringValue.ShouldBe(Embedder);
        info.Config.Metadata[QdrantChunkStore.MetaLexical].StringValue.ShouldBe(QdrantChunkStore.LexicalScheme);
        info.PayloadSchema.Keys.Order().ShouldBe(["document", "dossier", "section", "tenant"]);
        info.PayloadSchema.Values.ShouldAllBe(s => s.DataType == PayloadSchemaType.Keyword);
        info.PayloadSchema["tenant"].Params.KeywordIndexParams.IsTenant.ShouldBeTrue();
    }

    [Fact]
    public async Task EnsureCreated_on_an_existing_collection_creates_only_the_missing_indexes()
    {
        await _raw.Collections.CreateAsync(new CreateCollection
        {
            CollectionName = Collection,
            VectorsConfig = new VectorsConfig
            {
                ParamsMap = new VectorParamsMap { Map = { [QdrantChunkStore.DenseVectorName] = new VectorParams { Size = Dimension, Distance = Distance.Cosine } } },
            },
            SparseVectorsConfig = new SparseVectorConfig { Map = { [QdrantChunkStore.LexicalVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } } },
            Metadata =
            {
                [QdrantChunkStore.MetaSchema] = new Value { IntegerValue = 1 },
                [QdrantChunkStore.MetaEmbedder] = new Value { StringValue = Embedder },
                [QdrantChunkStore.MetaLexical] = new Value { StringValue = QdrantChunkStore.LexicalScheme },
            },
        });
        foreach (var field in new[] { "tenant", "dossier", "document" })
        {
            await _raw.Points.CreateFieldIndexAsync(new CreateFieldIndexCollection { CollectionName = Collection, FieldName = field, FieldType = FieldType.Keyword });
        }

        var before = _server.Calls.Count;

        await Store().EnsureCreatedAsync(Dimension, Embedder);

        _server.Calls.Skip(before).Select(c => c.Method).ShouldBe(["Collections/Get", "Points/CreateFieldIndex"]);
        var info = (await _raw.Collections.GetAsync(new GetCollectionInfoRequest { CollectionName = Collection })).Result;
        info.PayloadSchema.Keys.ShouldContain("section");
    }

    [Fact]
    public async Task EnsureCreated_refuses_a_collection_of_another_embedder_or_dimension_without_writing()
    {
        await Store().EnsureCreatedAsync(Dimension, "bge-m3");
        var before = _server.Calls.Count;

        var embedder = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));
        var dimension = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension + 1, "bge-m3"));

        embedder.Message.ShouldContain("bge-m3");
        embedder.Message.ShouldContain(Embedder);
        embedder.Message.ShouldContain(Collection);
        dimension.Message.ShouldContain("4-dimension");
        _server.Calls.Skip(before).Select(c => c.Method).ShouldAllBe(m => m == "Collections/Get");
    }

    [Fact]
    public async Task EnsureCreated_refuses_a_server_older_than_the_first_with_collection_metadata()
    {
        _server.Version = "1.15.4";

        var error = await Should.ThrowAsync<QdrantException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));

        error.Message.ShouldContain("1.15.4");
        error.Message.ShouldContain("1.16.0");
        Methods().ShouldNotContain("Collections/Create");
    }

    [Fact]
    public async Task A_collection_not_made_by_MedSummary_is_refused_with_what_to_do()
    {
        await _raw.Collections.CreateAsync(new CreateCollection
        {
            CollectionName = Collection,
            VectorsConfig = new VectorsConfig { Params = new VectorParams { Size = 384, Distance = Distance.Cosine } },
        });

        var error = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));

        error.Message.ShouldContain("CollectionPrefix");
    }

    [Fact]
    public async Task Two_processes_creating_the_collection_at_once_both_succeed()
    {
        await Task.WhenAll(Store().EnsureCreatedAsync(Dimension, Embedder), Store().EnsureCreatedAsync(Dimension, Embedder));

        (await Store().DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, Embedder));
    }

    [Fact]
    public async Task Describe_reads_the_collection_metadata_and_says_null_when_there_is_none()
    {
        var store = Store();
        (await store.DescribeAsync()).ShouldBeNull();

        await store.EnsureCreatedAsync(Dimension, Embedder);

        (await Store().DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, Embedder));
    }

    [Fact]
    public async Task Upsert_writes_batches_of_points_with_deterministic_ids_both_vectors_and_the_payload()
    {
        var store = Store(o => o.UpsertBatchSize = 2);
        await store.EnsureCreatedAsync(Dimension, Embedder);
        var chunks = Enumerable.Range(0, 5).Select(i => Chunks.Make(Tenant, "d1", "doc1", i, $"Carcinome canalaire {i}", [3, 4, 0, i])).ToList();

        await store.UpsertAsync(chunks);

        Methods().Count(m => m == "Points/Upsert").ShouldBe(3);
        _server.Data.PointCount(Collection).ShouldBe(5);
        var payload = _server.Data.Payload(Collection, PointIds.Format(PointIds.For(Tenant, "d1", "doc1:3"))).ShouldNotBeNull();
        payload["tenant"].StringValue.ShouldBe(Tenant);
        payload["dossier"].StringValue.ShouldBe("d1");
        payload["chunk_index"].IntegerValue.ShouldBe(3);
        payload["text"].StringValue.ShouldBe("Carcinome canalaire 3");
        payload["section"].StringValue.ShouldBe("Conclusion");
        // Qdrant normalises cosine vectors; the payload keeps the vector as given.
        Convert.FromBase64String(payload[QdrantChunkStore.VectorField].StringValue).ShouldBe(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes<float>([3f, 4f, 0f, 3f]).ToArray());
    }

    [Fact]
    public async Task Hybrid_search_asks_for_both_rankings_in_one_batch_and_single_modes_in_one_query()
    {
        var store = Store();
        await store.EnsureCreatedAsync(Dimension, Embedder);
        await store.UpsertAsync([Chunks.Make(Tenant, "d1", "doc1", 0, "Mutation EGFR exon 19", [1, 0, 0, 0]), Chunks.Make(Tenant, "d2", "doc2", 0, "Réarrangement ALK", [0, 1, 0, 0])]);
        var before = _server.Calls.Count;

        var hybrid = await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "EGFR", new float[] { 1, 0, 0, 0 }, 5, SearchMode.Hybrid));
        var dense = await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "EGFR", new float[] { 1, 0, 0, 0 }, 5, SearchMode.Dense));
        var lexical = await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "ALK", new float[] { 1, 0, 0, 0 }, 5, SearchMode.Lexical));

        _server.Calls.Skip(before).Select(c => c.Method).ShouldBe(["Points/QueryBatch", "Points/Query", "Points/Query"]);
        hybrid[0].Chunk.DossierId.ShouldBe("d1");
        hybrid[0].DenseScore.ShouldNotBeNull();
        hybrid[0].LexicalScore.ShouldNotBeNull();
        dense.Select(h => h.Chunk.DossierId).ShouldBe(["d1", "d2"]);
        lexical.Select(h => h.Chunk.DossierId).ShouldBe(["d2"]);
    }

    [Fact]
    public async Task List_scrolls_page_by_page_and_returns_the_stored_vectors()
    {
        var store = Store(o => o.UpsertBatchSize = 4096);
        await store.EnsureCreatedAsync(Dimension, Embedder);
        var chunks = Enumerable.Range(0, 300).Select(i => Chunks.Make(Tenant, $"d{i % 7}", $"doc{i}", 0, $"texte {i}", [i, 1, 2, 3])).ToList();
        await store.UpsertAsync(chunks);

        var listed = await store.ListAsync(new ChunkFilter(Tenant)).ToListAsync();

        Methods().Count(m => m == "Points/Scroll").ShouldBe(2);
        listed.Count.ShouldBe(300);
        listed.Single(c => c.Chunk.DocumentId == "doc42").Vector.ToArray().ShouldBe([42f, 1f, 2f, 3f]);
    }

    [Fact]
    public async Task The_api_key_goes_in_the_api_key_header_of_every_call()
    {
        await using var guarded = await QdrantTestServer.StartAsync(apiKey: "s3cr3t-key");
        var host = QdrantTestHost.Create(guarded.Url, o => o.ApiKey = "s3cr3t-key");
        _hosts.Add(host);

        await host.Store.EnsureCreatedAsync(Dimension, Embedder);
        await host.Store.CountAsync(new ChunkFilter(Tenant));

        // Get, HealthCheck, Create, Get, four CreateFieldIndex, then Count.
        guarded.Calls.Count.ShouldBe(9);
        guarded.Calls.ShouldAllBe(c => c.ApiKey == "s3cr3t-key");
    }

    [Fact]
    public async Task A_collection_deleted_behind_the_stores_back_is_reported_as_not_created_and_read_again_next_time()
    {
        var store = Store();
        await store.EnsureCreatedAsync(Dimension, Embedder);
        _server.Data.Drop(Collection);
        var before = _server.Calls.Count;

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(new ChunkFilter(Tenant)));
        await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Message.ShouldContain("has not been created");
        error.Message.ShouldContain("medsummary reindex");
        _server.Calls.Skip(before).Select(c => c.Method).ShouldBe(["Points/Count", "Collections/Get"]);
    }

    [Theory]
    [InlineData("Not found: Collection `medsummary_chunks` doesn't exist!", "Not found: Collection `medsummary_chunks` doesn't exist!")]
    [InlineData("Bad request: Index required but not found for \"tenant\" of one of the following types: [keyword]", "Bad request: Index required but not found for \"tenant\" of one of the following types: [keyword]")]
    [InlineData("invalid type: string \"Carcinome canalaire infiltrant\", expected u32", "invalid type: string \"…\", expected u32")]
    [InlineData("bad `récidive précoce à 6 mois`", "bad `…`")]
    public void Server_errors_keep_identifiers_and_drop_quoted_text(string error, string expected)
    {
        QdrantConnection.Sanitize(error).ShouldBe(expected);
    }

    [Fact]
    public void Long_server_errors_are_capped()
    {
        QdrantConnection.Sanitize(new string('x', 5000)).Length.ShouldBe(401);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _channel.Dispose();
        await _server.DisposeAsync();
    }

    private List<string> Methods() => _server.Calls.Select(c => c.Method).ToList();

    private QdrantChunkStore Store(Action<QdrantOptions>? configure = null)
    {
        var host = QdrantTestHost.Create(_server.Url, configure);
        _hosts.Add(host);
        return host.Store;
    }
}
