using System.Buffers.Binary;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Google.Protobuf.Collections;
using Grpc.Core;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Qdrant.Client;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client.Grpc;
using GrpcSparseVector = Qdrant.Client.Grpc.SparseVector;

namespace MedSummary.Qdrant.Store;

/// <summary>
/// <see cref="IChunkStore"/> over Qdrant's gRPC API (the official Qdrant.Client): one collection ("{prefix}chunks")
/// for every tenant, a named dense vector "dense" (cosine) and a sparse vector "lexical" (see <see cref="LexicalVector"/>),
/// keyword payload indexes on tenant (a tenant index), dossier, document and section, and every query filtered by tenant.
/// <para>
/// The dimension and embedder id live in the collection's metadata (Qdrant 1.16 or later). Qdrant normalises
/// cosine vectors when it stores them, so the vector as given is also kept in the payload (little-endian float32,
/// base64) for <see cref="ListAsync"/> to return it bit for bit. Hybrid search asks for both rankings in one
/// QueryBatch call and fuses them with <see cref="ReciprocalRankFusion"/>, exactly as the embedded store does, so
/// both stores rank alike and each hit keeps its dense and lexical scores (Qdrant's own RRF prefetch would return
/// the fused score only).
/// </para>
/// <para>
/// An upsert is validated whole before anything is sent; it is then written in batches, each atomic in Qdrant.
/// If the server fails midway, earlier batches stay written: re-running the upsert (ids are deterministic)
/// completes it without duplicates, which is also why every call may safely be retried. Nothing is sent at
/// construction: a server that is down fails the first operation with a <see cref="QdrantException"/>, not the
/// start of the service.
/// </para>
/// </summary>
public sealed partial class QdrantChunkStore : IChunkStore
{
    /// <summary>The name of the dense vector in the collection.</summary>
    public const string DenseVectorName = "dense";

    /// <summary>The name of the sparse (lexical) vector in the collection.</summary>
    public const string LexicalVectorName = "lexical";

    /// <summary>The oldest Qdrant that keeps collection metadata, where the store records its embedder.</summary>
    public static readonly Version MinimumServerVersion = new(1, 16, 0);

    internal const int SchemaVersion = 1;
    internal const string MetaSchema = "medsummary_schema";
    internal const string MetaEmbedder = "medsummary_embedder";
    internal const string MetaLexical = "medsummary_lexical";
    internal const string LexicalScheme = "bm25-tf-k1.2-b0.75-avg180-fnv32-v1";

    /// <summary>Payload fields that get a keyword index (tenant first: it is the tenant index).</summary>
    internal static readonly string[] IndexedFields = ["tenant", "dossier", "document", "section"];

    /// <summary>Every payload field but the stored vector: what a search hit needs.</summary>
    internal static readonly string[] HitFields =
        ["tenant", "dossier", "chunk_id", "document", "file_name", "chunk_index", "section", "span_start", "span_end", "page_start", "page_end", "text"];

    internal const string VectorField = "vector_f32";
    private const int ScrollPage = 256;
    private const int MaxTenants = 100_000;

    private readonly QdrantConnection _connection;
    private readonly string _collection;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private CollectionState? _state;

    public QdrantChunkStore(QdrantConnection connection, QdrantOptions options, ILogger<QdrantChunkStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _connection = connection;
        _collection = options.CollectionName;
        _batchSize = options.UpsertBatchSize;
        _logger = logger ?? NullLogger<QdrantChunkStore>.Instance;
    }

    /// <summary>The collection this store reads and writes.</summary>
    public string CollectionName => _collection;

    /// <summary>The server, for messages: scheme, host and port.</summary>
    public string ServerUrl => _connection.DisplayUrl;

    private string StoreName => $"'{_collection}' at {_connection.DisplayUrl}";

    public async Task EnsureCreatedAsync(int dimension, string embedderId, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateDimension(dimension);
        ChunkStoreGuards.ValidateEmbedderId(embedderId);
        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var info = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
            if (info is null)
            {
                await CheckServerVersionAsync(cancellationToken).ConfigureAwait(false);
                await CreateCollectionAsync(dimension, embedderId, cancellationToken).ConfigureAwait(false);
                info = await GetCollectionAsync(cancellationToken).ConfigureAwait(false)
                    ?? throw new QdrantException($"The Qdrant collection {StoreName} was created but cannot be read back.");
            }

            var state = ReadState(info);
            if (state.Dimension != dimension || !string.Equals(state.EmbedderId, embedderId, StringComparison.Ordinal))
            {
                throw ChunkStoreGuards.Mismatch(StoreName, new StoreDescriptor(state.Dimension, state.EmbedderId), dimension, embedderId);
            }

            await EnsureIndexesAsync(info, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _state, state);
            LogReady(_collection, dimension, state.Lexical);
        }
        finally
        {
            _createGate.Release();
        }
    }

    public async Task<StoreDescriptor?> DescribeAsync(CancellationToken cancellationToken = default)
    {
        var info = await GetCollectionAsync(cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            return null;
        }

        var state = ReadState(info);
        return new StoreDescriptor(state.Dimension, state.EmbedderId);
    }

    public async Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
        ChunkStoreGuards.ValidateBatch(chunks, state.Dimension, $"the Qdrant collection {StoreName}");
        if (chunks.Count == 0)
        {
            return;
        }

        // One point per identity, the last occurrence winning, as consecutive upserts would leave it.
        var byId = new Dictionary<Guid, IndexedChunk>(chunks.Count);
        var order = new List<Guid>(chunks.Count);
        foreach (var chunk in chunks)
        {
            var id = PointIds.For(chunk.Tenant, chunk.DossierId, chunk.Chunk.Id);
            if (!byId.ContainsKey(id))
            {
                order.Add(id);
            }

            byId[id] = chunk;
        }

        var batches = 0;
        for (var offset = 0; offset < order.Count; offset += _batchSize)
        {
            var request = new UpsertPoints { CollectionName = _collection, Wait = true };
            request.Points.AddRange(order.Skip(offset).Take(_batchSize).Select(id => ToPoint(id, byId[id], state.Lexical)));
            await CallAsync("upsert points", (g, o) => g.Points.UpsertAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
            batches++;
        }

        LogUpserted(order.Count, batches);
    }

    public async Task<IReadOnlyList<ChunkHit>> SearchAsync(ChunkQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ChunkStoreGuards.ValidateFilter(query.Filter);
        var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
        var terms = ChunkStoreGuards.ValidateQuery(query, state.Dimension);
        if (ChunkStoreGuards.MatchesNothing(query.Filter))
        {
            return [];
        }

        if (query.Mode == SearchMode.Lexical && !state.Lexical)
        {
            throw new NotSupportedException(
                $"The Qdrant collection {StoreName} has no sparse vector '{LexicalVectorName}' (it was not created by this version): "
                + "lexical search is unavailable; re-index into a new collection.");
        }

        var depth = query.Mode == SearchMode.Hybrid ? ReciprocalRankFusion.CandidateDepth(query.Top) : query.Top;
        var wantDense = query.Mode != SearchMode.Lexical && query.Vector is { } v && TensorPrimitives.Norm(v.Span) > 0;
        var wantLexical = query.Mode != SearchMode.Dense && state.Lexical && terms.Count > 0;

        // Nothing is similar to the zero vector (what an empty query embeds to), as in the embedded store.
        var requests = new List<QueryPoints>(2);
        if (wantDense)
        {
            var dense = new DenseVector();
            dense.Data.AddRange(query.Vector!.Value.ToArray());
            requests.Add(ToQuery(query.Filter, depth, DenseVectorName, new VectorInput { Dense = dense }));
        }

        if (wantLexical)
        {
            requests.Add(ToQuery(query.Filter, depth, LexicalVectorName, new VectorInput { Sparse = ToSparse(LexicalVector.ForQuery(terms)) }));
        }

        IReadOnlyList<IReadOnlyList<(IndexedChunk Chunk, double Score)>> rankings;
        switch (requests.Count)
        {
            case 0:
                return [];
            case 1:
            {
                var response = await CallAsync("query points", (g, o) => g.Points.QueryAsync(requests[0], o).ResponseAsync, cancellationToken)
                    .ConfigureAwait(false);
                rankings = [ReadScoredPoints(response.Result)];
                break;
            }

            default:
            {
                var batch = new QueryBatchPoints { CollectionName = _collection };
                batch.QueryPoints.AddRange(requests);
                var response = await CallAsync("query points (batch)", (g, o) => g.Points.QueryBatchAsync(batch, o).ResponseAsync, cancellationToken)
                    .ConfigureAwait(false);
                if (response.Result.Count != requests.Count)
                {
                    throw Malformed("query points (batch)", "not one answer per query");
                }

                rankings = response.Result.Select(r => ReadScoredPoints(r.Result)).ToList();
                break;
            }
        }

        var denseHits = wantDense ? ToHits(rankings[0], dense: true) : [];
        var lexicalHits = wantLexical ? ToHits(rankings[^1], dense: false) : [];
        return query.Mode switch
        {
            SearchMode.Dense => denseHits,
            SearchMode.Lexical => lexicalHits,
            _ => ReciprocalRankFusion.FuseHits(denseHits, lexicalHits, query.Top),
        };
    }

    public async Task DeleteDossierAsync(string tenant, string dossierId, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateOwner(tenant, dossierId);
        await GetStateAsync(cancellationToken).ConfigureAwait(false);
        var request = new DeletePoints
        {
            CollectionName = _collection,
            Wait = true,
            Points = new PointsSelector { Filter = ToFilter(new ChunkFilter(tenant, DossierIds: [dossierId])) },
        };
        await CallAsync("delete dossier points", (g, o) => g.Points.DeleteAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
        LogDossierDeleted();
    }

    public async Task<long> CountAsync(ChunkFilter filter, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateFilter(filter);
        await GetStateAsync(cancellationToken).ConfigureAwait(false);
        if (ChunkStoreGuards.MatchesNothing(filter))
        {
            return 0;
        }

        var request = new CountPoints { CollectionName = _collection, Filter = ToFilter(filter), Exact = true };
        var response = await CallAsync("count points", (g, o) => g.Points.CountAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
        return checked((long)(response.Result ?? throw Malformed("count points", "no count")).Count);
    }

    public IAsyncEnumerable<IndexedChunk> ListAsync(ChunkFilter filter, CancellationToken cancellationToken = default)
    {
        // Checked here, not on first MoveNext, so a bad filter fails where the call is made.
        ChunkStoreGuards.ValidateFilter(filter);
        return ListCoreAsync(filter, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken = default)
    {
        await GetStateAsync(cancellationToken).ConfigureAwait(false);
        var request = new FacetCounts { CollectionName = _collection, Key = "tenant", Limit = MaxTenants, Exact = true };
        var response = await CallAsync("list tenants", (g, o) => g.Points.FacetAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
        var tenants = response.Hits
            .Where(h => h.Count > 0 && h.Value?.VariantCase == FacetValue.VariantOneofCase.StringValue)
            .Select(h => h.Value.StringValue)
            .ToList();
        tenants.Sort(StringComparer.Ordinal);
        return tenants;
    }

    /// <summary>
    /// Deletes the whole collection (every tenant's chunks) and forgets it; true when there was one. For tests
    /// and for an operator rebuilding from scratch, never called by the pipeline.
    /// </summary>
    public async Task<bool> DeleteCollectionAsync(CancellationToken cancellationToken = default)
    {
        var request = new DeleteCollection { CollectionName = _collection };
        var response = await _connection.CallAsync("delete collection", (g, o) => g.Collections.DeleteAsync(request, o).ResponseAsync, cancellationToken)
            .ConfigureAwait(false);
        Volatile.Write(ref _state, null);
        return response.Result;
    }

    /// <summary>
    /// Whether the server answers with this store's credentials and whether the collection exists; throws
    /// <see cref="QdrantException"/> otherwise. Used by the health check.
    /// </summary>
    public async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var request = new CollectionExistsRequest { CollectionName = _collection };
        var response = await _connection.CallAsync("check collection", (g, o) => g.Collections.CollectionExistsAsync(request, o).ResponseAsync, cancellationToken)
            .ConfigureAwait(false);
        return (response.Result ?? throw Malformed("check collection", "no exists flag")).Exists;
    }

    private async IAsyncEnumerable<IndexedChunk> ListCoreAsync(ChunkFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
        if (ChunkStoreGuards.MatchesNothing(filter))
        {
            yield break;
        }

        PointId? offset = null;
        do
        {
            var request = new ScrollPoints
            {
                CollectionName = _collection,
                Filter = ToFilter(filter),
                Limit = ScrollPage,
                WithPayload = new WithPayloadSelector { Enable = true },
                WithVectors = new WithVectorsSelector { Enable = false },
                Offset = offset,
            };
            var response = await CallAsync("scroll points", (g, o) => g.Points.ScrollAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
            foreach (var point in response.Result)
            {
                yield return ReadChunk(point.Payload, ReadStoredVector(point.Payload, state.Dimension));
            }

            offset = response.NextPageOffset;
        }
        while (offset is not null);
    }

    private async Task<CollectionState> GetStateAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _state) is { } known)
        {
            return known;
        }

        var info = await GetCollectionAsync(cancellationToken).ConfigureAwait(false) ?? throw NotCreated();
        var state = ReadState(info);
        Volatile.Write(ref _state, state);
        return state;
    }

    /// <summary>The collection's info, or null when it does not exist.</summary>
    private async Task<CollectionInfo?> GetCollectionAsync(CancellationToken cancellationToken)
    {
        var request = new GetCollectionInfoRequest { CollectionName = _collection };
        try
        {
            var response = await _connection.CallAsync("get collection", (g, o) => g.Collections.GetAsync(request, o).ResponseAsync, cancellationToken)
                .ConfigureAwait(false);
            return response.Result ?? throw Malformed("get collection", "no collection info");
        }
        catch (QdrantException e) when (e.Status == StatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A call on the collection; NotFound means it was deleted behind our back: forget it and say so.</summary>
    private async Task<T> CallAsync<T>(string operation, Func<QdrantGrpcClient, CallOptions, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _connection.CallAsync(operation, call, cancellationToken).ConfigureAwait(false);
        }
        catch (QdrantException e) when (e.Status == StatusCode.NotFound)
        {
            Volatile.Write(ref _state, null);
            throw NotCreated(e);
        }
    }

    private async Task CheckServerVersionAsync(CancellationToken cancellationToken)
    {
        var reply = await _connection.CallAsync("get server version", (g, o) => g.Qdrant.HealthCheckAsync(new HealthCheckRequest(), o).ResponseAsync, cancellationToken)
            .ConfigureAwait(false);
        var text = string.IsNullOrEmpty(reply.Version) ? null : reply.Version;
        var core = text?.Split('-', '+')[0];
        if (core is null || !Version.TryParse(core, out var version))
        {
            LogUnknownVersion();
            return;
        }

        if (version < MinimumServerVersion)
        {
            throw new QdrantException(
                $"Qdrant at {_connection.DisplayUrl} is version {text}; MedSummary needs {MinimumServerVersion.ToString(3)} or later "
                + "(it records the embedder in the collection's metadata). Upgrade the server.");
        }
    }

    private async Task CreateCollectionAsync(int dimension, string embedderId, CancellationToken cancellationToken)
    {
        var request = new CreateCollection
        {
            CollectionName = _collection,
            VectorsConfig = new VectorsConfig
            {
                ParamsMap = new VectorParamsMap { Map = { [DenseVectorName] = new VectorParams { Size = (ulong)dimension, Distance = Distance.Cosine } } },
            },
            SparseVectorsConfig = new SparseVectorConfig { Map = { [LexicalVectorName] = new SparseVectorParams { Modifier = Modifier.Idf } } },
            Metadata =
            {
                [MetaSchema] = new Value { IntegerValue = SchemaVersion },
                [MetaEmbedder] = new Value { StringValue = embedderId },
                [MetaLexical] = new Value { StringValue = LexicalScheme },
            },
        };
        try
        {
            await _connection.CallAsync("create collection", (g, o) => g.Collections.CreateAsync(request, o).ResponseAsync, cancellationToken).ConfigureAwait(false);
            LogCreated(_collection, dimension);
        }
        catch (QdrantException e) when (e.Status is StatusCode.AlreadyExists or StatusCode.InvalidArgument)
        {
            // Another process (or a retried call whose first answer was lost) created it: the caller reads it back
            // and compares. Qdrant reports "already exists" as InvalidArgument; anything else stays an error.
            if (e.Status == StatusCode.InvalidArgument && e.ServerError?.Contains("already exists", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw;
            }
        }
    }

    /// <summary>Creates the keyword indexes the collection lacks (all of them on a new collection).</summary>
    private async Task EnsureIndexesAsync(CollectionInfo info, CancellationToken cancellationToken)
    {
        foreach (var field in IndexedFields.Where(f => !info.PayloadSchema.ContainsKey(f)))
        {
            var request = new CreateFieldIndexCollection
            {
                CollectionName = _collection,
                Wait = true,
                FieldName = field,
                FieldType = FieldType.Keyword,
            };
            if (field == "tenant")
            {
                // Qdrant keeps a tenant's points together and plans tenant-filtered searches accordingly.
                request.FieldIndexParams = new PayloadIndexParams { KeywordIndexParams = new KeywordIndexParams { IsTenant = true } };
            }

            await CallAsync($"create payload index '{field}'", (g, o) => g.Points.CreateFieldIndexAsync(request, o).ResponseAsync, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>The collection's dimension, embedder and lexical support; refuses a collection MedSummary did not make.</summary>
    private CollectionState ReadState(CollectionInfo info)
    {
        var parameters = info.Config?.Params ?? throw Malformed("get collection", "no config.params");
        if (parameters.VectorsConfig?.ParamsMap?.Map is not { } vectors
            || !vectors.TryGetValue(DenseVectorName, out var dense) || dense.Distance != Distance.Cosine)
        {
            throw new InvalidOperationException(
                $"The Qdrant collection {StoreName} was not made by MedSummary (it has no cosine vector '{DenseVectorName}'); "
                + "choose another MedSummary:Store:Qdrant:CollectionPrefix.");
        }

        var metadata = info.Config.Metadata;
        if (!metadata.TryGetValue(MetaEmbedder, out var embedder) || embedder.KindCase != Value.KindOneofCase.StringValue
            || !metadata.TryGetValue(MetaSchema, out var schemaVersion) || !TryGetInt(schemaVersion, out var version))
        {
            throw new InvalidOperationException(
                $"The Qdrant collection {StoreName} has no MedSummary metadata (embedder, schema version): it was made by another tool "
                + $"or a Qdrant older than {MinimumServerVersion.ToString(3)}. Choose another CollectionPrefix or delete the collection and re-index.");
        }

        if (version != SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The Qdrant collection {StoreName} has schema version {version.ToString(CultureInfo.InvariantCulture)}; this version of MedSummary "
                + $"reads version {SchemaVersion.ToString(CultureInfo.InvariantCulture)}. Re-index into a new collection.");
        }

        // The lexical weights are only comparable with the scheme that wrote them.
        var lexical = parameters.SparseVectorsConfig?.Map.ContainsKey(LexicalVectorName) == true
            && metadata.TryGetValue(MetaLexical, out var scheme) && scheme.KindCase == Value.KindOneofCase.StringValue
            && scheme.StringValue == LexicalScheme;
        return new CollectionState(checked((int)dense.Size), embedder.StringValue, lexical);
    }

    /// <summary>Metadata numbers come back as integers or, through JSON-minded tools, as doubles.</summary>
    private static bool TryGetInt(Value value, out int result)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.IntegerValue when value.IntegerValue is >= int.MinValue and <= int.MaxValue:
                result = (int)value.IntegerValue;
                return true;
            case Value.KindOneofCase.DoubleValue when value.DoubleValue == Math.Floor(value.DoubleValue) && Math.Abs(value.DoubleValue) < int.MaxValue:
                result = (int)value.DoubleValue;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    private static PointStruct ToPoint(Guid id, IndexedChunk item, bool lexical)
    {
        var chunk = item.Chunk;
        var dense = new DenseVector();
        dense.Data.AddRange(item.Vector.ToArray());
        var vectors = new NamedVectors { Vectors = { [DenseVectorName] = new Vector { Dense = dense } } };
        if (lexical)
        {
            vectors.Vectors[LexicalVectorName] = new Vector { Sparse = ToSparse(LexicalVector.ForDocument(chunk.Text ?? string.Empty)) };
        }

        var point = new PointStruct
        {
            Id = new PointId { Uuid = PointIds.Format(id) },
            Vectors = new Vectors { Vectors_ = vectors },
            Payload =
            {
                ["tenant"] = Text(item.Tenant),
                ["dossier"] = Text(item.DossierId),
                ["chunk_id"] = Text(chunk.Id),
                ["document"] = Text(chunk.DocumentId),
                ["file_name"] = Text(item.FileName ?? string.Empty),
                ["chunk_index"] = Number(chunk.Index),
                ["span_start"] = Number(chunk.Span.Start),
                ["span_end"] = Number(chunk.Span.End),
                ["page_start"] = Number(chunk.PageStart),
                ["page_end"] = Number(chunk.PageEnd),
                ["text"] = Text(chunk.Text ?? string.Empty),
                [VectorField] = Text(Convert.ToBase64String(ToBytes(item.Vector.Span))),
            },
        };
        if (chunk.Section is not null)
        {
            point.Payload["section"] = Text(chunk.Section);
        }

        return point;
    }

    private QueryPoints ToQuery(ChunkFilter filter, int limit, string vectorName, VectorInput input)
    {
        var include = new PayloadIncludeSelector();
        include.Fields.AddRange(HitFields);
        return new QueryPoints
        {
            CollectionName = _collection,
            Query = new Query { Nearest = input },
            Using = vectorName,
            Filter = ToFilter(filter),
            Limit = (ulong)limit,
            WithPayload = new WithPayloadSelector { Include = include },
            WithVectors = new WithVectorsSelector { Enable = false },
        };
    }

    /// <summary>A filter of "must" conditions: the tenant always, then the dossier and document lists and the section when given.</summary>
    internal static Filter ToFilter(ChunkFilter filter)
    {
        var result = new Filter { Must = { MatchOne("tenant", filter.Tenant) } };
        if (filter.DossierIds is { } dossiers)
        {
            result.Must.Add(MatchAny("dossier", dossiers));
        }

        if (filter.DocumentIds is { } documents)
        {
            result.Must.Add(MatchAny("document", documents));
        }

        if (filter.Section is not null)
        {
            result.Must.Add(MatchOne("section", filter.Section));
        }

        return result;
    }

    private static Condition MatchOne(string key, string value) =>
        new() { Field = new FieldCondition { Key = key, Match = new Match { Keyword = value } } };

    private static Condition MatchAny(string key, IReadOnlyList<string> values)
    {
        var keywords = new RepeatedStrings();
        keywords.Strings.AddRange(values.Select(v => v ?? string.Empty).Distinct(StringComparer.Ordinal));
        return new Condition { Field = new FieldCondition { Key = key, Match = new Match { Keywords = keywords } } };
    }

    private static GrpcSparseVector ToSparse(SparseVector vector)
    {
        var sparse = new GrpcSparseVector();
        sparse.Indices.AddRange(vector.Indices);
        sparse.Values.AddRange(vector.Values);
        return sparse;
    }

    private static Value Text(string value) => new() { StringValue = value };

    private static Value Number(int value) => new() { IntegerValue = value };

    private List<(IndexedChunk Chunk, double Score)> ReadScoredPoints(RepeatedField<ScoredPoint> points) =>
        points.Select(p => (ReadChunk(p.Payload, ReadOnlyMemory<float>.Empty), (double)p.Score)).ToList();

    private static List<ChunkHit> ToHits(IReadOnlyList<(IndexedChunk Chunk, double Score)> ranked, bool dense) =>
        ranked.Select(r => new ChunkHit(r.Chunk, r.Score, dense ? r.Score : null, dense ? null : r.Score)).ToList();

    private IndexedChunk ReadChunk(MapField<string, Value> payload, ReadOnlyMemory<float> vector)
    {
        try
        {
            var chunk = new Chunk(
                Id: GetString(payload, "chunk_id"),
                DocumentId: GetString(payload, "document"),
                Index: GetInt(payload, "chunk_index"),
                Section: payload.TryGetValue("section", out var section) && section.KindCase == Value.KindOneofCase.StringValue ? section.StringValue : null,
                Span: new TextSpan(GetInt(payload, "span_start"), GetInt(payload, "span_end")),
                PageStart: GetInt(payload, "page_start"),
                PageEnd: GetInt(payload, "page_end"),
                Text: GetString(payload, "text"));
            return new IndexedChunk(
                chunk,
                GetString(payload, "tenant"),
                GetString(payload, "dossier"),
                payload.TryGetValue("file_name", out var file) && file.KindCase == Value.KindOneofCase.StringValue ? file.StringValue : string.Empty,
                vector);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException or ArgumentException)
        {
            throw new InvalidDataException($"The Qdrant collection {StoreName} holds a point whose payload is not a MedSummary chunk.", e);
        }
    }

    private static string GetString(MapField<string, Value> payload, string key) =>
        payload[key] is { KindCase: Value.KindOneofCase.StringValue } value ? value.StringValue : throw new InvalidDataException(key);

    private static int GetInt(MapField<string, Value> payload, string key) =>
        TryGetInt(payload[key], out var value) ? value : throw new InvalidDataException(key);

    private float[] ReadStoredVector(MapField<string, Value> payload, int dimension)
    {
        var bytes = new byte[dimension * sizeof(float)];
        if (!payload.TryGetValue(VectorField, out var field) || field.KindCase != Value.KindOneofCase.StringValue
            || !Convert.TryFromBase64String(field.StringValue, bytes, out var written) || written != bytes.Length)
        {
            throw new InvalidDataException($"The Qdrant collection {StoreName} holds a point without its {dimension}-dimension stored vector.");
        }

        var vector = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return vector;
    }

    private static byte[] ToBytes(ReadOnlySpan<float> vector)
    {
        if (BitConverter.IsLittleEndian)
        {
            return MemoryMarshal.AsBytes(vector).ToArray();
        }

        var bytes = new byte[vector.Length * sizeof(float)];
        for (var i = 0; i < vector.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]);
        }

        return bytes;
    }

    private InvalidOperationException NotCreated(Exception? inner = null) =>
        new($"The Qdrant collection {StoreName} has not been created; call {nameof(EnsureCreatedAsync)} first "
            + "(indexing a dossier does), or rebuild it with 'medsummary reindex --from embedded --to qdrant'.", inner);

    private QdrantException Malformed(string operation, string what) =>
        new($"Qdrant at {_connection.DisplayUrl} answered {operation} with an unexpected message ({what}).", operation, StatusCode.OK, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} ({Dimension}-dimension vectors)")]
    private partial void LogCreated(string collection, int dimension);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant collection {Collection} ready ({Dimension}-dimension vectors, lexical {Lexical})")]
    private partial void LogReady(string collection, int dimension, bool lexical);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upserted {Count} points in {Batches} calls")]
    private partial void LogUpserted(int count, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted a dossier's points")]
    private partial void LogDossierDeleted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant did not report a version it could be checked against")]
    private partial void LogUnknownVersion();

    private sealed record CollectionState(int Dimension, string EmbedderId, bool Lexical);
}
