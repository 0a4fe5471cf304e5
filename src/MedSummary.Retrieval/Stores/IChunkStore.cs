using MedSummary.Core.Chunks;

namespace MedSummary.Retrieval.Stores;

/// <summary>A chunk as stored: the passage, who owns it, and its dense vector.</summary>
public sealed record IndexedChunk(
    Chunk Chunk,
    string Tenant,
    string DossierId,
    string FileName,
    ReadOnlyMemory<float> Vector);

/// <summary>
/// Which chunks a query may see. Tenant is mandatory: no query ever crosses tenants.
/// Null lists mean "all of the tenant's".
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

/// <summary>A search: the filter, the query text (for lexical) and/or vector (for dense), and how many hits.</summary>
public sealed record ChunkQuery(ChunkFilter Filter, string? Text, ReadOnlyMemory<float>? Vector, int Top = 10, SearchMode Mode = SearchMode.Hybrid);

/// <summary>A hit: the stored chunk (vector may be empty) and its scores. Higher is better.</summary>
public sealed record ChunkHit(IndexedChunk Chunk, double Score, double? DenseScore, double? LexicalScore);

/// <summary>
/// The vector store abstraction. Every implementation passes the same conformance suite
/// (tests/MedSummary.Retrieval.Tests/Conformance).
/// </summary>
public interface IChunkStore
{
    /// <summary>Creates the collection/tables for vectors of this dimension; idempotent.</summary>
    Task EnsureCreatedAsync(int dimension, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces chunks by id; re-upserting the same chunk duplicates nothing.</summary>
    Task UpsertAsync(IReadOnlyList<IndexedChunk> chunks, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChunkHit>> SearchAsync(ChunkQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes every chunk of one dossier of one tenant.</summary>
    Task DeleteDossierAsync(string tenant, string dossierId, CancellationToken cancellationToken = default);

    Task<long> CountAsync(ChunkFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every chunk matching the filter, vectors included (used to re-index into another store).</summary>
    IAsyncEnumerable<IndexedChunk> ListAsync(ChunkFilter filter, CancellationToken cancellationToken = default);
}
