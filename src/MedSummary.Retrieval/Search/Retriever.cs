using MedSummary.Core.Chunks;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MedSummary.Retrieval.Search;

/// <summary>
/// Indexing and search over an <see cref="IChunkStore"/> with an embedder: what the rest of MedSummary calls.
/// Creates the store on first use with the embedder's dimension.
/// </summary>
public sealed partial class Retriever
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly IChunkStore _store;
    private readonly RetrieverOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private int _createdDimension;

    public Retriever(
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IChunkStore store,
        IOptions<RetrieverOptions>? options = null,
        ILogger<Retriever>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(store);
        _embedder = embedder;
        _store = store;
        _options = options?.Value ?? new RetrieverOptions();
        var errors = _options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _logger = logger ?? NullLogger<Retriever>.Instance;
        EmbedderId = IdentifyEmbedder(embedder);
    }

    /// <summary>See <see cref="EmbedderId"/>.</summary>
    public static string IdentifyEmbedder(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        var id = !string.IsNullOrWhiteSpace(metadata?.DefaultModelId) ? metadata.DefaultModelId
            : !string.IsNullOrWhiteSpace(metadata?.ProviderName) ? metadata.ProviderName
            : embedder.GetType().FullName ?? embedder.GetType().Name;
        return id.Length > ChunkStoreGuards.MaxEmbedderIdLength ? id[..ChunkStoreGuards.MaxEmbedderIdLength] : id;
    }

    /// <summary>
    /// The identity recorded in the store for this retriever's embedder: the metadata's DefaultModelId, else its
    /// provider name, else the generator's type name. Same model id, same vectors: the provider that serves a model
    /// (in-process or an OpenAI-compatible server) is deliberately not part of it.
    /// </summary>
    public string EmbedderId { get; }

    /// <summary>
    /// The best <paramref name="top"/> chunks for a query within the filter. The query is embedded only for
    /// Dense and Hybrid. A blank query finds nothing.
    /// </summary>
    public async Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string query,
        ChunkFilter filter,
        int top = 10,
        SearchMode mode = SearchMode.Hybrid,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ChunkStoreGuards.ValidateFilter(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(top, ChunkStoreGuards.MaxTop);
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        ReadOnlyMemory<float>? vector = null;
        if (mode != SearchMode.Lexical)
        {
            var embeddings = await _embedder.GenerateAsync([query], cancellationToken: cancellationToken).ConfigureAwait(false);
            vector = SingleVector(embeddings, 1)[0];
            await EnsureStoreAsync(vector.Value.Length, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await EnsureStoreAsync(null, cancellationToken).ConfigureAwait(false);
        }

        var text = mode == SearchMode.Dense ? null : query;
        return await _store.SearchAsync(new ChunkQuery(filter, text, vector, top, mode), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Embeds the chunks of one dossier in batches and upserts them all in one call (so the dossier is
    /// indexed all or nothing); re-indexing the same chunks replaces them. Returns the number indexed.
    /// </summary>
    /// <param name="fileNameByDocumentId">The display file name of every document the chunks belong to.</param>
    public async Task<int> IndexAsync(
        IReadOnlyList<Chunk> chunks,
        string tenant,
        string dossierId,
        IReadOnlyDictionary<string, string> fileNameByDocumentId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(fileNameByDocumentId);
        ChunkStoreGuards.ValidateOwner(tenant, dossierId);
        foreach (var chunk in chunks)
        {
            ArgumentNullException.ThrowIfNull(chunk, nameof(chunks));
            if (!fileNameByDocumentId.ContainsKey(chunk.DocumentId))
            {
                throw new ArgumentException($"Chunk '{chunk.Id}' belongs to document '{chunk.DocumentId}', which has no file name.", nameof(fileNameByDocumentId));
            }
        }

        if (chunks.Count == 0)
        {
            return 0;
        }

        var indexed = new List<IndexedChunk>(chunks.Count);
        var batchSize = _options.EmbeddingBatchSize;
        for (var offset = 0; offset < chunks.Count; offset += batchSize)
        {
            var batch = chunks.Skip(offset).Take(batchSize).ToList();
            var embeddings = await _embedder.GenerateAsync(batch.Select(c => c.Text), cancellationToken: cancellationToken).ConfigureAwait(false);
            var vectors = SingleVector(embeddings, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                var chunk = batch[i];
                indexed.Add(new IndexedChunk(chunk, tenant, dossierId, fileNameByDocumentId[chunk.DocumentId], vectors[i]));
            }
        }

        await EnsureStoreAsync(indexed[0].Vector.Length, cancellationToken).ConfigureAwait(false);
        await _store.UpsertAsync(indexed, cancellationToken).ConfigureAwait(false);
        LogIndexed(indexed.Count);
        return indexed.Count;
    }

    private static ReadOnlyMemory<float>[] SingleVector(GeneratedEmbeddings<Embedding<float>> embeddings, int expected)
    {
        if (embeddings.Count != expected)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Count} vectors for {expected} texts.");
        }

        return embeddings.Select(e => e.Vector).ToArray();
    }

    /// <summary>Creates the store once per retriever; the dimension comes from a vector or the embedder's metadata.</summary>
    private async Task EnsureStoreAsync(int? dimension, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _createdDimension) != 0 && (dimension is null || dimension == _createdDimension))
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_createdDimension != 0 && (dimension is null || dimension == _createdDimension))
            {
                return;
            }

            var known = dimension ?? _embedder.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;
            if (known is null)
            {
                var probe = await _embedder.GenerateAsync(["dimension"], cancellationToken: cancellationToken).ConfigureAwait(false);
                known = SingleVector(probe, 1)[0].Length;
            }

            // The store refuses a dimension or an embedder other than those it was created with, naming them.
            await _store.EnsureCreatedAsync(known.Value, EmbedderId, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _createdDimension, known.Value);
        }
        finally
        {
            _createGate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexed {Count} chunks")]
    private partial void LogIndexed(int count);
}
