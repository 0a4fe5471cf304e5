using MedSummary.Retrieval.Text;

namespace MedSummary.Retrieval.Stores;

/// <summary>
/// Argument checks every <see cref="IChunkStore"/> applies the same way, so that all implementations
/// refuse the same inputs with the same exception types and messages.
/// </summary>
public static class ChunkStoreGuards
{
    /// <summary>The largest Top a query may ask for; listing a whole dossier is <see cref="IChunkStore.ListAsync"/>'s job.</summary>
    public const int MaxTop = 1000;

    /// <summary>The largest vector dimension a store accepts.</summary>
    public const int MaxDimension = 65536;

    /// <summary>Most distinct terms a lexical query keeps: long pasted queries stay cheap.</summary>
    public const int MaxQueryTerms = 64;

    public static void ValidateDimension(int dimension)
    {
        if (dimension is < 1 or > MaxDimension)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"A vector dimension must be between 1 and {MaxDimension}.");
        }
    }

    /// <summary>The longest embedder id a store records.</summary>
    public const int MaxEmbedderIdLength = 256;

    public static void ValidateEmbedderId(string embedderId)
    {
        if (string.IsNullOrWhiteSpace(embedderId))
        {
            throw new ArgumentException("The embedder id is mandatory: a store records which embedder made its vectors.", nameof(embedderId));
        }

        if (embedderId.Length > MaxEmbedderIdLength)
        {
            throw new ArgumentException($"The embedder id is longer than {MaxEmbedderIdLength} characters.", nameof(embedderId));
        }
    }

    /// <summary>
    /// The refusal every store gives when asked to hold vectors other than those it was created for.
    /// <paramref name="storeName"/> names the store for the user (a file, a collection).
    /// </summary>
    public static InvalidOperationException Mismatch(string storeName, StoreDescriptor existing, int dimension, string embedderId) =>
        new($"The chunk store {storeName} holds {existing.Dimension}-dimension vectors made by embedder '{existing.EmbedderId}'; "
            + $"it cannot take {dimension}-dimension vectors made by '{embedderId}'. "
            + "Use the embedder it was created with, or index into a new store.");

    public static void ValidateFilter(ChunkFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (string.IsNullOrWhiteSpace(filter.Tenant))
        {
            throw new ArgumentException("The filter's tenant is mandatory.", nameof(filter));
        }
    }

    /// <summary>True when the filter can match nothing (an empty dossier or document list): no need to ask the store.</summary>
    public static bool MatchesNothing(ChunkFilter filter) =>
        filter.DossierIds is { Count: 0 } || filter.DocumentIds is { Count: 0 };

    public static void ValidateOwner(string tenant, string dossierId)
    {
        if (string.IsNullOrWhiteSpace(tenant))
        {
            throw new ArgumentException("The tenant is mandatory.", nameof(tenant));
        }

        if (string.IsNullOrWhiteSpace(dossierId))
        {
            throw new ArgumentException("The dossier id is mandatory.", nameof(dossierId));
        }
    }

    /// <summary>Checks a whole batch before anything is written, naming the first offending chunk.</summary>
    public static void ValidateBatch(IReadOnlyList<IndexedChunk> chunks, int dimension, string storeName)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        for (var i = 0; i < chunks.Count; i++)
        {
            var item = chunks[i] ?? throw new ArgumentException($"Chunk #{i} of the batch is null.", nameof(chunks));
            ArgumentNullException.ThrowIfNull(item.Chunk, nameof(chunks));
            if (string.IsNullOrWhiteSpace(item.Tenant) || string.IsNullOrWhiteSpace(item.DossierId))
            {
                throw new ArgumentException($"Chunk '{item.Chunk.Id}' has no tenant or no dossier id.", nameof(chunks));
            }

            if (string.IsNullOrEmpty(item.Chunk.Id) || string.IsNullOrEmpty(item.Chunk.DocumentId))
            {
                throw new ArgumentException($"Chunk #{i} of the batch has no id or no document id.", nameof(chunks));
            }

            if (item.Vector.Length != dimension)
            {
                throw new ArgumentException(
                    $"Chunk '{item.Chunk.Id}' has a {item.Vector.Length}-dimension vector but {storeName} holds {dimension}-dimension vectors; "
                    + "embed with the embedder the store was created with, or index into a new store.",
                    nameof(chunks));
            }

            foreach (var value in item.Vector.Span)
            {
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException($"Chunk '{item.Chunk.Id}' has a vector with a NaN or infinite component.", nameof(chunks));
                }
            }
        }
    }

    /// <summary>
    /// Checks a query against the store's dimension; returns the lexical terms to search for (possibly none),
    /// from <see cref="LexicalText.QueryTerms"/>.
    /// </summary>
    public static IReadOnlyList<string> ValidateQuery(ChunkQuery query, int dimension)
    {
        ArgumentNullException.ThrowIfNull(query);
        ValidateFilter(query.Filter);
        if (query.Top is < 1 or > MaxTop)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Top, $"Top must be between 1 and {MaxTop}.");
        }

        switch (query.Mode)
        {
            case SearchMode.Dense when query.Vector is null:
                throw new ArgumentException("A dense search needs a query vector.", nameof(query));
            case SearchMode.Lexical when query.Text is null:
                throw new ArgumentException("A lexical search needs a query text.", nameof(query));
            case SearchMode.Hybrid when query.Vector is null && query.Text is null:
                throw new ArgumentException("A hybrid search needs a query text, a query vector or both.", nameof(query));
            case SearchMode.Dense or SearchMode.Lexical or SearchMode.Hybrid:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.Mode, "Unknown search mode.");
        }

        if (query.Mode != SearchMode.Lexical && query.Vector is { } vector)
        {
            if (vector.Length != dimension)
            {
                throw new ArgumentException(
                    $"The query vector has {vector.Length} dimensions but the store holds {dimension}-dimension vectors.", nameof(query));
            }

            foreach (var value in vector.Span)
            {
                if (!float.IsFinite(value))
                {
                    throw new ArgumentException("The query vector has a NaN or infinite component.", nameof(query));
                }
            }
        }

        if (query.Mode == SearchMode.Dense || query.Text is null)
        {
            return [];
        }

        return LexicalText.QueryTerms(query.Text, MaxQueryTerms);
    }
}
