using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using MedSummary.Core.Chunks;
using MedSummary.Core.Provenance;
using MedSummary.Qdrant.Client;
using MedSummary.Retrieval.Search;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Qdrant.Store;

/// <summary>
/// <see cref="IChunkStore"/> over Qdrant's REST API: one collection ("{prefix}chunks") for every tenant, a named
/// dense vector "dense" (cosine) and a sparse vector "lexical" (see <see cref="LexicalVector"/>), keyword payload
/// indexes on tenant (a tenant index), dossier, document and section, and every query filtered by tenant.
/// <para>
/// The dimension and embedder id live in the collection's metadata (Qdrant 1.16 or later). Qdrant normalises
/// cosine vectors when it stores them, so the vector as given is also kept in the payload (little-endian float32,
/// base64) for <see cref="ListAsync"/> to return it bit for bit. Hybrid search asks for both rankings in one
/// batch request and fuses them with <see cref="ReciprocalRankFusion"/>, exactly as the embedded store does, so
/// both stores rank alike and each hit keeps its dense and lexical scores.
/// </para>
/// <para>
/// An upsert is validated whole before anything is sent; it is then written in batches, each atomic in Qdrant.
/// If the server fails midway, earlier batches stay written: re-running the upsert (ids are deterministic)
/// completes it without duplicates. Nothing is sent at construction: a server that is down fails the first
/// operation with a <see cref="QdrantException"/>, not the start of the service.
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

    private const string VectorField = "vector_f32";
    private const int ScrollPage = 256;
    private const int MaxTenants = 100_000;

    private readonly QdrantHttpClient _client;
    private readonly string _collection;
    private readonly string _path;
    private readonly int _batchSize;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private CollectionState? _state;

    public QdrantChunkStore(QdrantHttpClient client, QdrantOptions options, ILogger<QdrantChunkStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _client = client;
        _collection = options.CollectionName;
        _path = "collections/" + Uri.EscapeDataString(_collection);
        _batchSize = options.UpsertBatchSize;
        _logger = logger ?? NullLogger<QdrantChunkStore>.Instance;
    }

    /// <summary>The collection this store reads and writes.</summary>
    public string CollectionName => _collection;

    /// <summary>The server, for messages: scheme, host and port.</summary>
    public string ServerUrl => _client.DisplayUrl;

    private string StoreName => $"'{_collection}' at {_client.DisplayUrl}";

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

            var state = ReadState(info.Value);
            if (state.Dimension != dimension || !string.Equals(state.EmbedderId, embedderId, StringComparison.Ordinal))
            {
                throw ChunkStoreGuards.Mismatch(StoreName, new StoreDescriptor(state.Dimension, state.EmbedderId), dimension, embedderId);
            }

            await EnsureIndexesAsync(info.Value, cancellationToken).ConfigureAwait(false);
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

        var state = ReadState(info.Value);
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
            var batch = order.Skip(offset).Take(_batchSize).Select(id => (id, byId[id])).ToList();
            var body = QdrantHttpClient.Json(w => WriteUpsert(w, batch, state.Lexical));
            await CallAsync(HttpMethod.Put, _path + "/points?wait=true", body, "upsert points", cancellationToken).ConfigureAwait(false);
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
        var requests = new List<Action<Utf8JsonWriter>>(2);
        if (wantDense)
        {
            var vector = query.Vector!.Value;
            requests.Add(w => WriteQuery(w, query.Filter, depth, DenseVectorName, q => WriteFloats(q, vector.Span)));
        }

        if (wantLexical)
        {
            var sparse = LexicalVector.ForQuery(terms);
            requests.Add(w => WriteQuery(w, query.Filter, depth, LexicalVectorName, q => WriteSparse(q, sparse)));
        }

        IReadOnlyList<IReadOnlyList<(IndexedChunk Chunk, double Score)>> rankings;
        switch (requests.Count)
        {
            case 0:
                return [];
            case 1:
            {
                var result = await CallAsync(HttpMethod.Post, _path + "/points/query", QdrantHttpClient.Json(requests[0]), "query points", cancellationToken)
                    .ConfigureAwait(false);
                rankings = [ReadScoredPoints(result)];
                break;
            }

            default:
            {
                var body = QdrantHttpClient.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteStartArray("searches");
                    foreach (var request in requests)
                    {
                        request(w);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                });
                var result = await CallAsync(HttpMethod.Post, _path + "/points/query/batch", body, "query points (batch)", cancellationToken)
                    .ConfigureAwait(false);
                if (result.ValueKind != JsonValueKind.Array || result.GetArrayLength() != requests.Count)
                {
                    throw Malformed("query points (batch)", "not one answer per query");
                }

                rankings = result.EnumerateArray().Select(ReadScoredPoints).ToList();
                break;
            }
        }

        var dense = wantDense ? ToHits(rankings[0], dense: true) : [];
        var lexical = wantLexical ? ToHits(rankings[^1], dense: false) : [];
        return query.Mode switch
        {
            SearchMode.Dense => dense,
            SearchMode.Lexical => lexical,
            _ => ReciprocalRankFusion.FuseHits(dense, lexical, query.Top),
        };
    }

    public async Task DeleteDossierAsync(string tenant, string dossierId, CancellationToken cancellationToken = default)
    {
        ChunkStoreGuards.ValidateOwner(tenant, dossierId);
        await GetStateAsync(cancellationToken).ConfigureAwait(false);
        var body = QdrantHttpClient.Json(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("filter");
            WriteFilter(w, new ChunkFilter(tenant, DossierIds: [dossierId]));
            w.WriteEndObject();
        });
        await CallAsync(HttpMethod.Post, _path + "/points/delete?wait=true", body, "delete dossier points", cancellationToken).ConfigureAwait(false);
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

        var body = QdrantHttpClient.Json(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("filter");
            WriteFilter(w, filter);
            w.WriteBoolean("exact", true);
            w.WriteEndObject();
        });
        var result = await CallAsync(HttpMethod.Post, _path + "/points/count", body, "count points", cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Object && result.TryGetProperty("count", out var count) && count.TryGetInt64(out var value)
            ? value
            : throw Malformed("count points", "no count");
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
        var body = QdrantHttpClient.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("key", "tenant");
            w.WriteNumber("limit", MaxTenants);
            w.WriteBoolean("exact", true);
            w.WriteEndObject();
        });
        var result = await CallAsync(HttpMethod.Post, _path + "/facet", body, "list tenants", cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("hits", out var hits) || hits.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("list tenants", "no hits");
        }

        var tenants = new List<string>();
        foreach (var hit in hits.EnumerateArray())
        {
            if (hit.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String
                && (!hit.TryGetProperty("count", out var count) || count.GetInt64() > 0))
            {
                tenants.Add(value.GetString()!);
            }
        }

        tenants.Sort(StringComparer.Ordinal);
        return tenants;
    }

    /// <summary>
    /// Deletes the whole collection (every tenant's chunks) and forgets it; true when there was one. For tests
    /// and for an operator rebuilding from scratch, never called by the pipeline.
    /// </summary>
    public async Task<bool> DeleteCollectionAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.SendAsync(HttpMethod.Delete, _path, null, "delete collection", cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _state, null);
        return result is { ValueKind: JsonValueKind.True };
    }

    /// <summary>
    /// Whether the server answers with this store's credentials and whether the collection exists; throws
    /// <see cref="QdrantException"/> otherwise. Used by the health check.
    /// </summary>
    public async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var result = await _client.SendAsync(HttpMethod.Get, _path + "/exists", null, "check collection", cancellationToken).ConfigureAwait(false);
        return result is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("exists", out var exists)
            ? exists.ValueKind == JsonValueKind.True
            : throw Malformed("check collection", "no exists flag");
    }

    private async IAsyncEnumerable<IndexedChunk> ListCoreAsync(ChunkFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var state = await GetStateAsync(cancellationToken).ConfigureAwait(false);
        if (ChunkStoreGuards.MatchesNothing(filter))
        {
            yield break;
        }

        JsonElement? offset = null;
        do
        {
            var from = offset;
            var body = QdrantHttpClient.Json(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("filter");
                WriteFilter(w, filter);
                w.WriteNumber("limit", ScrollPage);
                w.WriteBoolean("with_payload", true);
                w.WriteBoolean("with_vector", false);
                if (from is { } f)
                {
                    w.WritePropertyName("offset");
                    f.WriteTo(w);
                }

                w.WriteEndObject();
            });
            var result = await CallAsync(HttpMethod.Post, _path + "/points/scroll", body, "scroll points", cancellationToken).ConfigureAwait(false);
            if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
            {
                throw Malformed("scroll points", "no points");
            }

            foreach (var point in points.EnumerateArray())
            {
                var payload = point.TryGetProperty("payload", out var p) ? p : throw Malformed("scroll points", "a point without payload");
                yield return ReadChunk(payload, ReadStoredVector(payload, state.Dimension));
            }

            offset = result.TryGetProperty("next_page_offset", out var next) && next.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? next.Clone()
                : null;
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
    private async Task<JsonElement?> GetCollectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(HttpMethod.Get, _path, null, "get collection", cancellationToken).ConfigureAwait(false)
                ?? throw Malformed("get collection", "not JSON");
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>A request on the collection; a 404 means it was deleted behind our back: forget it and say so.</summary>
    private async Task<JsonElement> CallAsync(HttpMethod method, string path, byte[] body, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false)
                ?? throw Malformed(operation, "not JSON");
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            Volatile.Write(ref _state, null);
            throw NotCreated(e);
        }
    }

    private async Task CheckServerVersionAsync(CancellationToken cancellationToken)
    {
        var root = await _client.SendAsync(HttpMethod.Get, string.Empty, null, "get server version", cancellationToken, envelope: false).ConfigureAwait(false);
        var text = root is { ValueKind: JsonValueKind.Object } r && r.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : null;
        var core = text?.Split('-', '+')[0];
        if (core is null || !Version.TryParse(core, out var version))
        {
            LogUnknownVersion();
            return;
        }

        if (version < MinimumServerVersion)
        {
            throw new QdrantException(
                $"Qdrant at {_client.DisplayUrl} is version {text}; MedSummary needs {MinimumServerVersion.ToString(3)} or later "
                + "(it records the embedder in the collection's metadata). Upgrade the server.");
        }
    }

    private async Task CreateCollectionAsync(int dimension, string embedderId, CancellationToken cancellationToken)
    {
        var body = QdrantHttpClient.Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("vectors");
            w.WriteStartObject(DenseVectorName);
            w.WriteNumber("size", dimension);
            w.WriteString("distance", "Cosine");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("sparse_vectors");
            w.WriteStartObject(LexicalVectorName);
            w.WriteString("modifier", "idf");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("metadata");
            w.WriteNumber(MetaSchema, SchemaVersion);
            w.WriteString(MetaEmbedder, embedderId);
            w.WriteString(MetaLexical, LexicalScheme);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        try
        {
            await _client.SendAsync(HttpMethod.Put, _path, body, "create collection", cancellationToken).ConfigureAwait(false);
            LogCreated(_collection, dimension);
        }
        catch (QdrantException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another process (or a retried request whose first answer was lost) created it: read it back and compare.
        }
    }

    /// <summary>Creates the keyword indexes the collection lacks (all of them on a new collection).</summary>
    private async Task EnsureIndexesAsync(JsonElement info, CancellationToken cancellationToken)
    {
        var existing = info.TryGetProperty("payload_schema", out var schema) && schema.ValueKind == JsonValueKind.Object
            ? schema.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];
        foreach (var field in IndexedFields.Where(f => !existing.Contains(f)))
        {
            var body = QdrantHttpClient.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("field_name", field);
                if (field == "tenant")
                {
                    // Qdrant keeps a tenant's points together and plans tenant-filtered searches accordingly.
                    w.WriteStartObject("field_schema");
                    w.WriteString("type", "keyword");
                    w.WriteBoolean("is_tenant", true);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteString("field_schema", "keyword");
                }

                w.WriteEndObject();
            });
            await CallAsync(HttpMethod.Put, _path + "/index?wait=true", body, $"create payload index '{field}'", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The collection's dimension, embedder and lexical support; refuses a collection MedSummary did not make.</summary>
    private CollectionState ReadState(JsonElement info)
    {
        if (!info.TryGetProperty("config", out var config) || !config.TryGetProperty("params", out var parameters))
        {
            throw Malformed("get collection", "no config.params");
        }

        if (!parameters.TryGetProperty("vectors", out var vectors) || vectors.ValueKind != JsonValueKind.Object
            || !vectors.TryGetProperty(DenseVectorName, out var dense) || !dense.TryGetProperty("size", out var size)
            || !dense.TryGetProperty("distance", out var distance) || distance.GetString() != "Cosine")
        {
            throw new InvalidOperationException(
                $"The Qdrant collection {StoreName} was not made by MedSummary (it has no cosine vector '{DenseVectorName}'); "
                + "choose another MedSummary:Store:Qdrant:CollectionPrefix.");
        }

        var metadata = config.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        if (metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty(MetaEmbedder, out var embedder) || embedder.ValueKind != JsonValueKind.String
            || !metadata.TryGetProperty(MetaSchema, out var schemaVersion) || !schemaVersion.TryGetInt32(out var version))
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
        var lexical = parameters.TryGetProperty("sparse_vectors", out var sparse) && sparse.ValueKind == JsonValueKind.Object
            && sparse.TryGetProperty(LexicalVectorName, out _)
            && metadata.TryGetProperty(MetaLexical, out var scheme) && scheme.ValueKind == JsonValueKind.String && scheme.GetString() == LexicalScheme;
        return new CollectionState(size.GetInt32(), embedder.GetString()!, lexical);
    }

    private static void WriteUpsert(Utf8JsonWriter w, List<(Guid Id, IndexedChunk Item)> batch, bool lexical)
    {
        w.WriteStartObject();
        w.WriteStartArray("points");
        foreach (var (id, item) in batch)
        {
            var chunk = item.Chunk;
            w.WriteStartObject();
            w.WriteString("id", PointIds.Format(id));
            w.WriteStartObject("vector");
            w.WritePropertyName(DenseVectorName);
            WriteFloats(w, item.Vector.Span);
            if (lexical)
            {
                w.WritePropertyName(LexicalVectorName);
                WriteSparse(w, LexicalVector.ForDocument(chunk.Text ?? string.Empty));
            }

            w.WriteEndObject();
            w.WriteStartObject("payload");
            w.WriteString("tenant", item.Tenant);
            w.WriteString("dossier", item.DossierId);
            w.WriteString("chunk_id", chunk.Id);
            w.WriteString("document", chunk.DocumentId);
            w.WriteString("file_name", item.FileName ?? string.Empty);
            w.WriteNumber("chunk_index", chunk.Index);
            if (chunk.Section is not null)
            {
                w.WriteString("section", chunk.Section);
            }

            w.WriteNumber("span_start", chunk.Span.Start);
            w.WriteNumber("span_end", chunk.Span.End);
            w.WriteNumber("page_start", chunk.PageStart);
            w.WriteNumber("page_end", chunk.PageEnd);
            w.WriteString("text", chunk.Text ?? string.Empty);
            w.WriteBase64String(VectorField, ToBytes(item.Vector.Span));
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter w, ChunkFilter filter, int limit, string vectorName, Action<Utf8JsonWriter> writeQuery)
    {
        w.WriteStartObject();
        w.WritePropertyName("query");
        writeQuery(w);
        w.WriteString("using", vectorName);
        w.WritePropertyName("filter");
        WriteFilter(w, filter);
        w.WriteNumber("limit", limit);
        w.WriteStartArray("with_payload");
        foreach (var field in HitFields)
        {
            w.WriteStringValue(field);
        }

        w.WriteEndArray();
        w.WriteBoolean("with_vector", false);
        w.WriteEndObject();
    }

    /// <summary>A filter with "must" conditions: the tenant always, then the dossier and document lists and the section when given.</summary>
    internal static void WriteFilter(Utf8JsonWriter w, ChunkFilter filter)
    {
        w.WriteStartObject();
        w.WriteStartArray("must");
        WriteMatch(w, "tenant", filter.Tenant);
        WriteMatchAny(w, "dossier", filter.DossierIds);
        WriteMatchAny(w, "document", filter.DocumentIds);
        if (filter.Section is not null)
        {
            WriteMatch(w, "section", filter.Section);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteMatch(Utf8JsonWriter w, string key, string value)
    {
        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteStartObject("match");
        w.WriteString("value", value);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMatchAny(Utf8JsonWriter w, string key, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("key", key);
        w.WriteStartObject("match");
        w.WriteStartArray("any");
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(value ?? string.Empty);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteFloats(Utf8JsonWriter w, ReadOnlySpan<float> values)
    {
        w.WriteStartArray();
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteSparse(Utf8JsonWriter w, SparseVector vector)
    {
        w.WriteStartObject();
        w.WriteStartArray("indices");
        foreach (var index in vector.Indices)
        {
            w.WriteNumberValue(index);
        }

        w.WriteEndArray();
        w.WriteStartArray("values");
        foreach (var value in vector.Values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private IReadOnlyList<(IndexedChunk Chunk, double Score)> ReadScoredPoints(JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("points", out var points) || points.ValueKind != JsonValueKind.Array)
        {
            throw Malformed("query points", "no points");
        }

        var ranked = new List<(IndexedChunk, double)>(points.GetArrayLength());
        foreach (var point in points.EnumerateArray())
        {
            if (!point.TryGetProperty("score", out var score) || !point.TryGetProperty("payload", out var payload))
            {
                throw Malformed("query points", "a point without score or payload");
            }

            ranked.Add((ReadChunk(payload, ReadOnlyMemory<float>.Empty), score.GetDouble()));
        }

        return ranked;
    }

    private static List<ChunkHit> ToHits(IReadOnlyList<(IndexedChunk Chunk, double Score)> ranked, bool dense) =>
        ranked.Select(r => new ChunkHit(r.Chunk, r.Score, dense ? r.Score : null, dense ? null : r.Score)).ToList();

    private IndexedChunk ReadChunk(JsonElement payload, ReadOnlyMemory<float> vector)
    {
        try
        {
            var chunk = new Chunk(
                Id: payload.GetProperty("chunk_id").GetString()!,
                DocumentId: payload.GetProperty("document").GetString()!,
                Index: payload.GetProperty("chunk_index").GetInt32(),
                Section: payload.TryGetProperty("section", out var section) && section.ValueKind == JsonValueKind.String ? section.GetString() : null,
                Span: new TextSpan(payload.GetProperty("span_start").GetInt32(), payload.GetProperty("span_end").GetInt32()),
                PageStart: payload.GetProperty("page_start").GetInt32(),
                PageEnd: payload.GetProperty("page_end").GetInt32(),
                Text: payload.GetProperty("text").GetString()!);
            return new IndexedChunk(
                chunk,
                payload.GetProperty("tenant").GetString()!,
                payload.GetProperty("dossier").GetString()!,
                payload.TryGetProperty("file_name", out var file) ? file.GetString() ?? string.Empty : string.Empty,
                vector);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"The Qdrant collection {StoreName} holds a point whose payload is not a MedSummary chunk.", e);
        }
    }

    private float[] ReadStoredVector(JsonElement payload, int dimension)
    {
        if (!payload.TryGetProperty(VectorField, out var field) || !field.TryGetBytesFromBase64(out var bytes) || bytes.Length != dimension * sizeof(float))
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
        new($"Qdrant at {_client.DisplayUrl} answered {operation} with an unexpected body ({what}).", operation, HttpStatusCode.OK, null);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Qdrant collection {Collection} ({Dimension}-dimension vectors)")]
    private partial void LogCreated(string collection, int dimension);

    [LoggerMessage(Level = LogLevel.Information, Message = "Qdrant collection {Collection} ready ({Dimension}-dimension vectors, lexical {Lexical})")]
    private partial void LogReady(string collection, int dimension, bool lexical);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Upserted {Count} points in {Batches} requests")]
    private partial void LogUpserted(int count, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted a dossier's points")]
    private partial void LogDossierDeleted();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Qdrant did not report a version it could be checked against")]
    private partial void LogUnknownVersion();

    private sealed record CollectionState(int Dimension, string EmbedderId, bool Lexical);
}
