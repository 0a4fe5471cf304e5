using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.Retrieval.Stores.Reindexing;

/// <summary>How far a re-index has got: the tenant being copied and the chunks copied so far (all tenants).</summary>
public readonly record struct ReindexProgress(string Tenant, long Copied);

/// <summary>What a re-index did: chunks copied per tenant, and the descriptor the target now has.</summary>
public sealed record ReindexReport(StoreDescriptor Descriptor, IReadOnlyDictionary<string, long> CopiedByTenant)
{
    public long Copied => CopiedByTenant.Values.Sum();
}

/// <summary>
/// Copies every chunk, vector included, from one store into another (e.g. the embedded SQLite file into Qdrant)
/// without re-embedding: the target is created with the source's dimension and embedder id, and refuses if it
/// already holds another embedder's vectors. Chunks are streamed tenant by tenant and upserted in batches, so a
/// re-run replaces what an interrupted run wrote and duplicates nothing. Chunks the target holds that the source
/// does not (a dossier deleted from the source only) are left in place.
/// </summary>
public sealed partial class ChunkStoreReindexer
{
    /// <summary>Default number of chunks per upsert.</summary>
    public const int DefaultBatchSize = 256;

    private readonly ILogger _logger;

    public ChunkStoreReindexer(ILogger<ChunkStoreReindexer>? logger = null)
    {
        _logger = logger ?? NullLogger<ChunkStoreReindexer>.Instance;
    }

    /// <param name="tenants">The tenants to copy; null copies every tenant of the source.</param>
    /// <exception cref="InvalidOperationException">The source was never created, or the target holds other vectors.</exception>
    public async Task<ReindexReport> CopyAsync(
        IChunkStore source,
        IChunkStore target,
        IReadOnlyList<string>? tenants = null,
        int batchSize = DefaultBatchSize,
        IProgress<ReindexProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (ReferenceEquals(source, target))
        {
            throw new ArgumentException("The source and the target are the same store.", nameof(target));
        }

        var descriptor = await source.DescribeAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The source store has never been created: there is nothing to re-index.");
        await target.EnsureCreatedAsync(descriptor.Dimension, descriptor.EmbedderId, cancellationToken).ConfigureAwait(false);

        var chosen = tenants ?? await source.ListTenantsAsync(cancellationToken).ConfigureAwait(false);
        var copied = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        var batch = new List<IndexedChunk>(batchSize);
        foreach (var tenant in chosen.Distinct(StringComparer.Ordinal))
        {
            long count = 0;
            await foreach (var chunk in source.ListAsync(new ChunkFilter(tenant), cancellationToken).ConfigureAwait(false))
            {
                batch.Add(chunk);
                if (batch.Count == batchSize)
                {
                    await target.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
                    count += batch.Count;
                    total += batch.Count;
                    batch.Clear();
                    progress?.Report(new ReindexProgress(tenant, total));
                }
            }

            if (batch.Count > 0)
            {
                await target.UpsertAsync(batch, cancellationToken).ConfigureAwait(false);
                count += batch.Count;
                total += batch.Count;
                batch.Clear();
                progress?.Report(new ReindexProgress(tenant, total));
            }

            copied[tenant] = count;
            LogTenantCopied(count);
        }

        return new ReindexReport(descriptor, copied);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-indexed a tenant: {Count} chunks copied")]
    private partial void LogTenantCopied(long count);
}
