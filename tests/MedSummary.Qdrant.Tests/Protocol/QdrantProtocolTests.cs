using System.Net;
using System.Text.Json;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Fakes;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Shouldly;
using static MedSummary.Qdrant.Tests.Protocol.QdrantExamples;

namespace MedSummary.Qdrant.Tests.Protocol;

/// <summary>
/// Every request the store sends (method, path, query string, api-key header, JSON body compared as JSON) and
/// its handling of every kind of answer, through the real HttpClient pipeline, against answers written from
/// Qdrant's API reference.
/// </summary>
public sealed class QdrantProtocolTests : IDisposable
{
    private const string CollectionPath = "/collections/" + Collection;
    private const string Tenant = "chu-lyon";

    private readonly RecordingHandler _server = new();
    private readonly List<QdrantTestHost> _hosts = [];

    [Fact]
    public async Task EnsureCreated_on_a_new_collection_checks_the_version_creates_it_then_its_payload_indexes()
    {
        // GET / has no envelope: it answers VersionInfo itself.
        _server.ReplyError(HttpStatusCode.NotFound, CollectionMissing())
            .Reply(HttpStatusCode.OK, Version("1.16.2"))
            .ReplyOk("true")
            .ReplyOk(CollectionInfo(indexes: []))
            .ReplyOk(Updated);

        await Store().EnsureCreatedAsync(Dimension, Embedder);

        _server.Requests.Select(r => r.ToString()).ShouldBe(
        [
            $"GET {CollectionPath}",
            "GET /",
            $"PUT {CollectionPath}",
            $"GET {CollectionPath}",
            $"PUT {CollectionPath}/index?wait=true",
            $"PUT {CollectionPath}/index?wait=true",
            $"PUT {CollectionPath}/index?wait=true",
            $"PUT {CollectionPath}/index?wait=true",
        ]);
        _server.Requests[2].Json.ShouldBeJson($$"""
            {
              "vectors": { "dense": { "size": 4, "distance": "Cosine" } },
              "sparse_vectors": { "lexical": { "modifier": "idf" } },
              "metadata": { "medsummary_schema": 1, "medsummary_embedder": "{{Embedder}}", "medsummary_lexical": "{{QdrantChunkStore.LexicalScheme}}" }
            }
            """);
        _server.Requests[2].ContentType.ShouldBe("application/json");
        _server.Requests[4].Json.ShouldBeJson("""{"field_name":"tenant","field_schema":{"type":"keyword","is_tenant":true}}""");
        _server.Requests[5].Json.ShouldBeJson("""{"field_name":"dossier","field_schema":"keyword"}""");
        _server.Requests[6].Json.ShouldBeJson("""{"field_name":"document","field_schema":"keyword"}""");
        _server.Requests[7].Json.ShouldBeJson("""{"field_name":"section","field_schema":"keyword"}""");
        _server.Requests.ShouldAllBe(r => r.ApiKey == null);
    }

    [Fact]
    public async Task EnsureCreated_on_an_existing_collection_reads_it_and_creates_only_missing_indexes()
    {
        _server.ReplyOk(CollectionInfo(indexes: ["tenant", "dossier", "document"])).ReplyOk(Updated);

        await Store().EnsureCreatedAsync(Dimension, Embedder);

        _server.Requests.Select(r => r.ToString()).ShouldBe([$"GET {CollectionPath}", $"PUT {CollectionPath}/index?wait=true"]);
        _server.Requests[1].Json.ShouldBeJson("""{"field_name":"section","field_schema":"keyword"}""");
    }

    [Fact]
    public async Task EnsureCreated_refuses_a_collection_of_another_embedder_or_dimension_without_writing()
    {
        _server.ReplyOk(CollectionInfo(embedder: "bge-m3"));

        var embedder = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));
        var dimension = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension + 1, "bge-m3"));

        embedder.Message.ShouldContain("bge-m3");
        embedder.Message.ShouldContain(Embedder);
        embedder.Message.ShouldContain(Collection);
        dimension.Message.ShouldContain("4-dimension");
        _server.Requests.ShouldAllBe(r => r.Method == HttpMethod.Get);
    }

    [Fact]
    public async Task EnsureCreated_refuses_a_server_older_than_the_first_with_collection_metadata()
    {
        _server.ReplyError(HttpStatusCode.NotFound, CollectionMissing()).Reply(HttpStatusCode.OK, Version("1.15.4"));

        var error = await Should.ThrowAsync<QdrantException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));

        error.Message.ShouldContain("1.15.4");
        error.Message.ShouldContain("1.16.0");
        _server.Requests.ShouldNotContain(r => r.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task EnsureCreated_after_a_conflict_reads_back_the_collection_another_process_made()
    {
        _server.ReplyError(HttpStatusCode.NotFound, CollectionMissing())
            .Reply(HttpStatusCode.OK, Version("1.17.0"))
            .ReplyError(HttpStatusCode.Conflict, $"Wrong input: Collection `{Collection}` already exists!")
            .ReplyOk(CollectionInfo());

        await Store().EnsureCreatedAsync(Dimension, Embedder);

        _server.Requests.Select(r => r.ToString()).ShouldBe([$"GET {CollectionPath}", "GET /", $"PUT {CollectionPath}", $"GET {CollectionPath}"]);
    }

    [Fact]
    public async Task A_collection_not_made_by_MedSummary_is_refused_with_what_to_do()
    {
        _server.ReplyOk("""{"status":"green","optimizer_status":"ok","segments_count":1,"payload_schema":{},"config":{"params":{"vectors":{"size":384,"distance":"Cosine"}},"hnsw_config":{},"optimizer_config":{}}}""");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => Store().EnsureCreatedAsync(Dimension, Embedder));

        error.Message.ShouldContain("CollectionPrefix");
    }

    [Fact]
    public async Task Describe_reads_the_collection_metadata_and_says_null_when_there_is_none()
    {
        _server.ReplyOk(CollectionInfo()).ReplyError(HttpStatusCode.NotFound, CollectionMissing());

        (await Store().DescribeAsync()).ShouldBe(new StoreDescriptor(Dimension, Embedder));
        (await Store().DescribeAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task Upsert_sends_batches_of_points_with_deterministic_ids_both_vectors_and_the_payload()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk(Updated);
        var chunks = new[]
        {
            Make("d1", "doc1", 0, "Délétion de l'exon 19 de l'EGFR.", [1, 0, 0, 0]),
            Make("d1", "doc1", 1, "Mutation EGFR exon 21.", [0, 1, 0, 0], section: null),
            Make("d2", "doc1", 0, "Copie dans un autre dossier.", [0, 0, 1, 0.5f]),
        };

        await Store(o => o.UpsertBatchSize = 2).UpsertAsync(chunks);

        _server.Requests.Select(r => r.ToString()).ShouldBe(
            [$"GET {CollectionPath}", $"PUT {CollectionPath}/points?wait=true", $"PUT {CollectionPath}/points?wait=true"]);
        _server.Requests[1].Json.ShouldBeJson($$"""{"points":[{{PointJson(chunks[0])}},{{PointJson(chunks[1])}}]}""");
        _server.Requests[2].Json.ShouldBeJson($$"""{"points":[{{PointJson(chunks[2])}}]}""");
        var ids = _server.Requests.Skip(1).SelectMany(r => r.Json!["points"]!.AsArray()).Select(p => p!["id"]!.GetValue<string>()).ToList();
        ids.Distinct().Count().ShouldBe(3);
        ids.ShouldAllBe(id => Guid.Parse(id).Version == 8);
    }

    [Fact]
    public async Task Upsert_validates_the_whole_batch_before_sending_anything()
    {
        _server.ReplyOk(CollectionInfo());

        await Should.ThrowAsync<ArgumentException>(() => Store().UpsertAsync([Make("d1", "doc1", 0, "ok", [1, 0, 0, 0]), Make("d1", "doc1", 1, "court", [1, 0, 0])]));

        _server.Requests.Select(r => r.Method).ShouldBe([HttpMethod.Get]);
    }

    [Fact]
    public async Task Dense_search_is_a_nearest_query_on_the_dense_vector_filtered_by_tenant()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk($$"""
            {"points":[{{ScoredPoint(Tenant, "d1", "doc1", 0, "Délétion de l'exon 19.", 0.93)}},{{ScoredPoint(Tenant, "d2", "doc7", 3, "Exon 21.", 0.41)}}]}
            """);

        var hits = await Store().SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), null, new float[] { 0.5f, 0.25f, 0, 1 }, 5, SearchMode.Dense));

        _server.Requests[1].ToString().ShouldBe($"POST {CollectionPath}/points/query");
        _server.Requests[1].Json.ShouldBeJson($$"""
            {"query":[0.5,0.25,0,1],"using":"dense","filter":{{Filter(Tenant)}},"limit":5,"with_payload":{{HitFields}},"with_vector":false}
            """);
        hits.Select(h => (h.Chunk.DossierId, h.Chunk.Chunk.Id)).ShouldBe([("d1", "doc1:0"), ("d2", "doc7:3")]);
        hits.Select(h => h.Score).ShouldBe([0.93, 0.41], tolerance: 1e-6);
        hits[0].DenseScore.ShouldBe(hits[0].Score);
        hits[0].LexicalScore.ShouldBeNull();
        hits[0].Chunk.ShouldBe(new IndexedChunk(
            new Chunk("doc1:0", "doc1", 0, "Conclusion", new TextSpan(0, 22), 1, 2, "Délétion de l'exon 19."), Tenant, "d1", "doc1.pdf", ReadOnlyMemory<float>.Empty),
            new ChunkComparer());
    }

    [Fact]
    public async Task Lexical_search_is_a_sparse_query_of_the_folded_query_words()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk($$"""{"points":[{{ScoredPoint(Tenant, "d1", "doc1", 0, "Délétion de l'exon 19.", 3.2)}}]}""");

        var hits = await Store().SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "Délétion EXON 19 de l'EGFR", null, 3, SearchMode.Lexical));

        var sparse = LexicalVector.ForQuery(["deletion", "exon", "19", "egfr"]);
        _server.Requests[1].Json.ShouldBeJson($$"""
            {"query":{"indices":{{JsonSerializer.Serialize(sparse.Indices)}},"values":[1,1,1,1]},"using":"lexical","filter":{{Filter(Tenant)}},
             "limit":3,"with_payload":{{HitFields}},"with_vector":false}
            """);
        hits.Single().LexicalScore!.Value.ShouldBe(3.2, 1e-6);
        hits.Single().DenseScore.ShouldBeNull();
    }

    [Fact]
    public async Task Hybrid_search_sends_both_queries_in_one_batch_and_fuses_them_by_reciprocal_rank()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk($$"""
            [
              {"points":[{{ScoredPoint(Tenant, "d1", "doc1", 0, "a", 0.9)}},{{ScoredPoint(Tenant, "d1", "doc1", 1, "b", 0.8)}}]},
              {"points":[{{ScoredPoint(Tenant, "d1", "doc1", 1, "b", 5.5)}},{{ScoredPoint(Tenant, "d1", "doc1", 2, "c", 2.5)}}]}
            ]
            """);

        var hits = await Store().SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "ganglion", new float[] { 1, 0, 0, 0 }, 2, SearchMode.Hybrid));

        var request = _server.Requests[1];
        request.ToString().ShouldBe($"POST {CollectionPath}/points/query/batch");
        var searches = request.Json!["searches"]!.AsArray();
        searches.Count.ShouldBe(2);
        searches[0]!["using"]!.GetValue<string>().ShouldBe("dense");
        searches[1]!["using"]!.GetValue<string>().ShouldBe("lexical");
        searches.ShouldAllBe(s => s!["limit"]!.GetValue<int>() == ReciprocalRankFusion.CandidateDepth(2));
        hits.Select(h => h.Chunk.Chunk.Index).ShouldBe([1, 0]);
        hits[0].Score.ShouldBe((1.0 / 62) + (1.0 / 61), 1e-12);
        hits[0].DenseScore!.Value.ShouldBe(0.8, 1e-6);
        hits[0].LexicalScore!.Value.ShouldBe(5.5, 1e-6);
    }

    [Fact]
    public async Task Hybrid_search_without_words_or_with_a_zero_vector_sends_one_query()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk("""{"points":[]}""");
        var store = Store();

        await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "* -- ?", new float[] { 1, 0, 0, 0 }, 2, SearchMode.Hybrid));
        await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "ganglion", new float[4], 2, SearchMode.Hybrid));
        (await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant), "*", new float[4], 2, SearchMode.Hybrid))).ShouldBeEmpty();

        _server.Requests.Skip(1).Select(r => (r.Path, r.Json!["using"]!.GetValue<string>())).ShouldBe(
            [($"{CollectionPath}/points/query", "dense"), ($"{CollectionPath}/points/query", "lexical")]);
    }

    [Fact]
    public async Task Filters_carry_dossier_and_document_lists_and_the_section_as_must_conditions()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk("""{"count":12}""");

        var count = await Store().CountAsync(new ChunkFilter(Tenant, ["d1", "d2", "d1"], ["doc9"], "Anatomopathologie"));

        count.ShouldBe(12);
        _server.Requests[1].ToString().ShouldBe($"POST {CollectionPath}/points/count");
        _server.Requests[1].Json.ShouldBeJson($$"""
            {"filter":{{Filter(Tenant,
                """{"key":"dossier","match":{"any":["d1","d2"]}}""",
                """{"key":"document","match":{"any":["doc9"]}}""",
                """{"key":"section","match":{"value":"Anatomopathologie"}}""")}},"exact":true}
            """);
    }

    [Fact]
    public async Task An_empty_dossier_list_matches_nothing_without_asking()
    {
        _server.ReplyOk(CollectionInfo());
        var store = Store();

        (await store.CountAsync(new ChunkFilter(Tenant, DossierIds: []))).ShouldBe(0);
        (await store.SearchAsync(new ChunkQuery(new ChunkFilter(Tenant, DocumentIds: []), "x", null, 3, SearchMode.Lexical))).ShouldBeEmpty();

        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task DeleteDossier_deletes_points_by_a_tenant_and_dossier_filter()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk(Updated);

        await Store().DeleteDossierAsync(Tenant, "d7");

        _server.Requests[1].ToString().ShouldBe($"POST {CollectionPath}/points/delete?wait=true");
        _server.Requests[1].Json.ShouldBeJson($$"""{"filter":{{Filter(Tenant, """{"key":"dossier","match":{"any":["d7"]}}""")}}}""");
    }

    [Fact]
    public async Task List_scrolls_page_by_page_from_each_next_offset_and_returns_the_stored_vectors()
    {
        var first = Make("d1", "doc1", 0, "un", [1, -0.5f, 3.4e38f, float.Epsilon]);
        var second = Make("d1", "doc1", 1, "deux", [0, 1, 0, 0]);
        var nextId = PointIds.Format(PointIds.For(Tenant, "d1", "doc1:1"));
        _server.ReplyOk(CollectionInfo())
            .ReplyOk($$"""{"points":[{"id":"{{PointIds.Format(PointIds.For(Tenant, "d1", "doc1:0"))}}","payload":{{StoredPayload(first)}}}],"next_page_offset":"{{nextId}}"}""")
            .ReplyOk($$"""{"points":[{"id":"{{nextId}}","payload":{{StoredPayload(second)}}}],"next_page_offset":null}""");

        var listed = new List<IndexedChunk>();
        await foreach (var chunk in Store().ListAsync(new ChunkFilter(Tenant, ["d1"])))
        {
            listed.Add(chunk);
        }

        _server.Requests.Skip(1).Select(r => r.ToString()).ShouldBe([$"POST {CollectionPath}/points/scroll", $"POST {CollectionPath}/points/scroll"]);
        var filter = Filter(Tenant, """{"key":"dossier","match":{"any":["d1"]}}""");
        _server.Requests[1].Json.ShouldBeJson($$"""{"filter":{{filter}},"limit":256,"with_payload":true,"with_vector":false}""");
        _server.Requests[2].Json.ShouldBeJson($$"""{"filter":{{filter}},"limit":256,"with_payload":true,"with_vector":false,"offset":"{{nextId}}"}""");
        listed.Select(c => c.Chunk).ShouldBe([first.Chunk, second.Chunk]);
        listed[0].Vector.ToArray().ShouldBe(first.Vector.ToArray());
    }

    [Fact]
    public async Task ListTenants_asks_for_an_exact_facet_of_the_tenant_field()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk("""{"hits":[{"value":"igr-paris","count":120},{"value":"chu-lyon","count":7}]}""");

        var tenants = await Store().ListTenantsAsync();

        _server.Requests[1].ToString().ShouldBe($"POST {CollectionPath}/facet");
        _server.Requests[1].Json.ShouldBeJson("""{"key":"tenant","limit":100000,"exact":true}""");
        tenants.ShouldBe(["chu-lyon", "igr-paris"]);
    }

    [Fact]
    public async Task The_api_key_goes_in_the_api_key_header_of_every_request()
    {
        _server.ReplyOk(CollectionInfo()).ReplyOk("""{"count":0}""");

        await Store(o =>
        {
            o.Url = "https://qdrant.hopital.example:6333";
            o.ApiKey = "s3cr3t-key";
        }).CountAsync(new ChunkFilter(Tenant));

        _server.Requests.Count.ShouldBe(2);
        _server.Requests.ShouldAllBe(r => r.ApiKey == "s3cr3t-key");
    }

    [Fact]
    public async Task A_collection_deleted_behind_the_stores_back_is_reported_as_not_created_and_read_again_next_time()
    {
        _server.ReplyOk(CollectionInfo())
            .ReplyError(HttpStatusCode.NotFound, CollectionMissing())
            .ReplyError(HttpStatusCode.NotFound, CollectionMissing());
        var store = Store();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(new ChunkFilter(Tenant)));
        await Should.ThrowAsync<InvalidOperationException>(() => store.CountAsync(new ChunkFilter(Tenant)));

        error.Message.ShouldContain("has not been created");
        error.Message.ShouldContain("medsummary reindex");
        _server.Requests.Select(r => r.ToString()).ShouldBe([$"GET {CollectionPath}", $"POST {CollectionPath}/points/count", $"GET {CollectionPath}"]);
    }

    [Fact]
    public async Task A_400_surfaces_Qdrants_error_without_document_text_and_is_not_retried()
    {
        _server.ReplyOk(CollectionInfo()).ReplyError(
            HttpStatusCode.BadRequest,
            "Wrong input: Validation error in JSON body: [points[0].payload.text: invalid value \"Patiente Jeanne Dupont, née le 3 mai 1950\" for `text`]");

        var error = await Should.ThrowAsync<QdrantException>(() => Store().UpsertAsync([Make("d1", "doc1", 0, "Patiente Jeanne Dupont, née le 3 mai 1950", [1, 0, 0, 0])]));

        error.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Message.ShouldContain("HTTP 400");
        error.Message.ShouldContain("Wrong input: Validation error in JSON body");
        error.Message.ShouldContain("`text`");
        error.Message.ShouldNotContain("Dupont");
        error.ServerError.ShouldNotBeNull().ShouldNotContain("Jeanne");
        error.Operation.ShouldBe("upsert points");
        _server.Requests.Count(r => r.Method == HttpMethod.Put).ShouldBe(1);
    }

    [Fact]
    public async Task Server_errors_are_retried_then_reported()
    {
        _server.ReplyOk(CollectionInfo()).ReplyError(HttpStatusCode.ServiceUnavailable, "Service internal error: shard 0 unavailable");

        var error = await Should.ThrowAsync<QdrantException>(() => Store(o => o.MaxRetries = 3).CountAsync(new ChunkFilter(Tenant)));

        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        error.Message.ShouldContain("retries exhausted");
        error.Message.ShouldContain("shard 0 unavailable");
        _server.Requests.Count(r => r.Path.EndsWith("/points/count", StringComparison.Ordinal)).ShouldBe(4);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public async Task A_transient_failure_followed_by_success_succeeds(HttpStatusCode transient)
    {
        _server.ReplyOk(CollectionInfo()).ReplyError(transient, "Timeout: operation timed out").ReplyOk("""{"count":3}""");

        (await Store().CountAsync(new ChunkFilter(Tenant))).ShouldBe(3);

        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Attempts_that_time_out_are_retried_then_reported_as_unavailable()
    {
        _server.ReplyOk(CollectionInfo()).ReplyHang();

        var error = await Should.ThrowAsync<QdrantException>(() => Store(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(50);
            o.MaxRetries = 2;
        }).CountAsync(new ChunkFilter(Tenant)));

        error.IsUnavailable.ShouldBeTrue();
        error.Message.ShouldContain("did not answer in time");
        error.Message.ShouldContain("qdrant.test:6333");
        _server.Requests.Count(r => r.Path.EndsWith("/points/count", StringComparison.Ordinal)).ShouldBe(3);
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_reported()
    {
        _server.ReplyConnectionRefused();

        var error = await Should.ThrowAsync<QdrantException>(() => Store(o => o.MaxRetries = 2).EnsureCreatedAsync(Dimension, Embedder));

        error.IsUnavailable.ShouldBeTrue();
        error.Message.ShouldContain("is unreachable");
        error.InnerException.ShouldBeOfType<HttpRequestException>();
        _server.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, null, "requires an API key")]
    [InlineData(HttpStatusCode.Forbidden, "wrong-key", "refused the API key")]
    public async Task A_refused_key_is_reported_once_without_retries(HttpStatusCode status, string? key, string expected)
    {
        _server.ReplyError(status, "Must provide an API key or an Authorization bearer token");

        var error = await Should.ThrowAsync<QdrantException>(() => Store(o =>
        {
            o.Url = "https://qdrant.test:6333";
            o.ApiKey = key;
        }).DescribeAsync());

        error.Message.ShouldContain(expected);
        error.StatusCode.ShouldBe(status);
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_cancelled_call_is_cancelled_not_retried()
    {
        _server.ReplyHang();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Should.ThrowAsync<OperationCanceledException>(() => Store().DescribeAsync(cancel.Token));

        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_answer_that_is_not_Qdrants_envelope_is_reported()
    {
        _server.Reply(HttpStatusCode.OK, """{"unexpected":true}""");

        var error = await Should.ThrowAsync<QdrantException>(() => Store().DescribeAsync());

        error.Message.ShouldContain("without a result");
    }

    [Theory]
    [InlineData("Not found: Collection `medsummary_chunks` doesn't exist!", "Not found: Collection `medsummary_chunks` doesn't exist!")]
    [InlineData("Bad request: Index required but not found for \"tenant\" of one of the following types: [keyword]", "Bad request: Index required but not found for \"tenant\" of one of the following types: [keyword]")]
    [InlineData("invalid type: string \"Carcinome canalaire infiltrant\", expected u32", "invalid type: string \"…\", expected u32")]
    [InlineData("bad `récidive précoce à 6 mois`", "bad `…`")]
    public void Server_errors_keep_identifiers_and_drop_quoted_text(string error, string expected)
    {
        QdrantHttpClient.Sanitize(error).ShouldBe(expected);
    }

    [Fact]
    public void Long_server_errors_are_capped()
    {
        QdrantHttpClient.Sanitize(new string('x', 5000)).Length.ShouldBe(401);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _server.Dispose();
    }

    private QdrantChunkStore Store(Action<QdrantOptions>? configure = null)
    {
        var host = QdrantTestHost.Create(_server, configure);
        _hosts.Add(host);
        return host.Store;
    }

    private static IndexedChunk Make(string dossier, string document, int index, string text, float[] vector, string? section = "Conclusion") =>
        new(new Chunk($"{document}:{index}", document, index, section, TextSpan.FromLength(index * 100, text.Length), 1, 2, text), Tenant, dossier, $"{document}.pdf", vector);

    private static string StoredPayload(IndexedChunk chunk)
    {
        var payload = System.Text.Json.Nodes.JsonNode.Parse(Payload(Tenant, chunk.DossierId, chunk.Chunk.DocumentId, chunk.Chunk.Index, chunk.Chunk.Text, chunk.Chunk.Section))!.AsObject();
        payload["vector_f32"] = Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chunk.Vector.Span).ToArray());
        return payload.ToJsonString();
    }

    private static string PointJson(IndexedChunk chunk)
    {
        var sparse = LexicalVector.ForDocument(chunk.Chunk.Text);
        return $$$"""
            {"id":"{{{PointIds.Format(PointIds.For(chunk.Tenant, chunk.DossierId, chunk.Chunk.Id))}}}",
             "vector":{"dense":{{{JsonSerializer.Serialize(chunk.Vector.ToArray())}}},
                       "lexical":{"indices":{{{JsonSerializer.Serialize(sparse.Indices)}}},"values":{{{JsonSerializer.Serialize(sparse.Values)}}}}},
             "payload":{{{StoredPayload(chunk)}}}}
            """;
    }

    /// <summary>Compares indexed chunks by value, vectors by content.</summary>
    private sealed class ChunkComparer : IEqualityComparer<IndexedChunk>
    {
        public bool Equals(IndexedChunk? x, IndexedChunk? y) =>
            x is not null && y is not null && x.Chunk == y.Chunk && x.Tenant == y.Tenant && x.DossierId == y.DossierId
            && x.FileName == y.FileName && x.Vector.Span.SequenceEqual(y.Vector.Span);

        public int GetHashCode(IndexedChunk obj) => obj.Chunk.GetHashCode();
    }
}
