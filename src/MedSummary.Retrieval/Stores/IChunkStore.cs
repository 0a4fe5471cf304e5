using MedSummary.Core.Chunks;

namespace MedSummary.Retrieval.Stores;

/// <summary>
/// A chunk as stored: the passage, who owns it, and its dense vector. Its identity in a store is
/// (Tenant, DossierId, Chunk.Id): chunk ids derive from file contents, so the same file submitted in two
/// dossiers or by two tenants yields the same chunk id, and each copy must stay its owner's.
/// </summary>
public sealed record IndexedChunk(
    Chunk Chunk,
    string Tenant,
    string DossierId,
    string FileName,
    ReadOnlyMemory<float> Vector);

/// <summary>
/// Which chunks a query may see. Tenant is mandatory: no query ever crosses tenants.
/// Null lists mean "all of the tenant's"; an empty list matches nothing. Values compare exactly (ordinal).
/// </summary>
public sealed record ChunkFilter(
    string Tenant,
    IReadOnlyList<string>? DossierIds = null,
    IReadOnlyList<string>? DocumentIds = null,
    string? Section = null);

public enum SearchMode
{
    /// <summary>Cosine similarity of dense vectors.</summary>
    Dense,

    /// <summary>BM25 over the chunk text.</summary>
    Lexical,

    /// <summary>Both, fused by reciprocal rank.</summary>
    Hybrid,
}

/// <summary>
/// A search: the filter, the query text (for lexical) and/or vector (for dense), and how many hits
/// (1 to <see cref="ChunkStoreGuards.MaxTop"/>). Dense needs the vector, Lexical the text; Hybrid uses
/// whichever are given and needs at least one.
/// </summary>
public sealed record ChunkQuery(ChunkFilter Filter, string? Text, ReadOnlyMemory<float>? Vector, int Top = 10, SearchMode Mode = SearchMode.Hybrid);

/// <summary>
/// A hit: the stored chunk (vector may be empty) and its scores, higher is better. Score is the cosine
/// similarity (Dense), the BM25 score (Lexical) or the reciprocal-rank-fusion score (Hybrid); DenseScore and
/// LexicalScore are set when the chunk was ranked by that side.
/// </summary>
public sealed record ChunkHit(IndexedChunk Chunk, double Score, double? DenseScore, double? LexicalScore);

/// <summary>
/// What a store's vectors are: their dimension and the embedder that made them (its model id, e.g.
/// <c>EmbeddingGeneratorMetadata.DefaultModelId</c>). Two embedders of the same dimension make incomparable
/// vectors, so a store records both and refuses any other pair.
/// </summary>
public sealed record StoreDescriptor(int Dimension, string EmbedderId);

/// <summary>
/// The vector store abstraction. Every implementation passes the same conformance suite
/// (tests/MedSummary.Testing/Conformance/ChunkStoreConformanceTests.cs). Every operation but
/// <see cref="EnsureCreatedAsync"/> throws <see cref="InvalidOperationException"/> on a store never created.
/// Implementations are safe for concurrent use.
/// </summary>
public interface IChunkStore
{
    /// <summary>
    /// Creates the collection/tables for vectors of this dimension made by this embedder; idempotent. A store
    /// already created with another dimension or another embedder id (compared ordinally) throws
    /// <see cref="InvalidOperationException"/> naming both: its vectors would be incomparable.
    /// </summary>
    Task EnsureCreatedAsync(int dimension, string embedderId, CancellationToken cancellationToken = default);

    /// <summary>The dimension and embedder the store was created with, or null when it was never created.</summary>
    Task<StoreDescriptor?> DescribeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or replaces chunks by (tenant, dossier, chunk id), all or none; re-upserting the same chunk
    /// duplicates nothing. A vector of the wrong dimension (or not finite) throws <see cref="ArgumentException"/>
    /// and nothing of the batch is written.
    /// </summary>
    Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChunkHit>> SearchAsync(ChunkQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes every chunk of one dossier of one tenant.</summary>
    Task DeleteDossierAsync(string tenant, string dossierId, CancellationToken cancellationToken = default);

    Task<long> CountAsync(ChunkFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every chunk matching the filter, vectors included (used to re-index into another store).</summary>
    IAsyncEnumerable<IndexedChunk> ListAsync(ChunkFilter filter, CancellationToken cancellationToken = default);

    /// <summary>The distinct tenants holding at least one chunk, in ordinal order (used to re-index a whole store).</summary>
    Task<IReadOnlyList<string>> ListTenantsAsync(CancellationToken cancellationToken = default);
}
