using MedSummary.Retrieval.Stores;

namespace MedSummary.Retrieval.Search;

/// <summary>An item and its fused score.</summary>
public readonly record struct FusedItem<T>(T Item, double Score);

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an item scores the sum over rankings of
/// 1 / (k + rank), rank counted from 1. It needs no score calibration between rankers, which is why cosine
/// similarities and BM25 scores can be combined with it. Shared by every <see cref="IChunkStore"/>.
/// </summary>
public static class ReciprocalRankFusion
{
    /// <summary>The constant from the original paper; larger values flatten the advantage of the top ranks.</summary>
    public const int DefaultK = 60;

    /// <summary>
    /// How many candidates each side of a hybrid search should return for a final top-<paramref name="top"/>:
    /// enough that an item ranked well by one side only still gets fused.
    /// </summary>
    public static int CandidateDepth(int top) => Math.Clamp(top * 4, 40, ChunkStoreGuards.MaxTop);

    /// <summary>
    /// Fuses rankings (each best first). Ties keep the item that reached its best rank earliest, then the
    /// order of the rankings, so the output is deterministic.
    /// </summary>
    public static IReadOnlyList<FusedItem<T>> Fuse<T>(
        IReadOnlyList<IReadOnlyList<T>> rankings,
        int k = DefaultK,
        IEqualityComparer<T>? comparer = null)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var entries = new Dictionary<T, (double Score, int BestRank, int FirstSeen)>(comparer);
        var order = 0;
        foreach (var ranking in rankings)
        {
            ArgumentNullException.ThrowIfNull(ranking, nameof(rankings));
            for (var i = 0; i < ranking.Count; i++)
            {
                var rank = i + 1;
                var contribution = 1.0 / (k + rank);
                if (entries.TryGetValue(ranking[i], out var entry))
                {
                    entries[ranking[i]] = (entry.Score + contribution, Math.Min(entry.BestRank, rank), entry.FirstSeen);
                }
                else
                {
                    entries[ranking[i]] = (contribution, rank, order++);
                }
            }
        }

        return entries
            .OrderByDescending(e => e.Value.Score)
            .ThenBy(e => e.Value.BestRank)
            .ThenBy(e => e.Value.FirstSeen)
            .Select(e => new FusedItem<T>(e.Key, e.Value.Score))
            .ToList();
    }

    /// <summary>
    /// Fuses a dense and a lexical hit list into the hybrid top-<paramref name="top"/>, keyed by
    /// (tenant, dossier, chunk id); each hit keeps the dense and lexical scores it had on either side.
    /// </summary>
    public static IReadOnlyList<ChunkHit> FuseHits(
        IReadOnlyList<ChunkHit> dense,
        IReadOnlyList<ChunkHit> lexical,
        int top,
        int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(dense);
        ArgumentNullException.ThrowIfNull(lexical);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);

        static (string, string, string) Key(ChunkHit hit) => (hit.Chunk.Tenant, hit.Chunk.DossierId, hit.Chunk.Chunk.Id);

        var denseByKey = new Dictionary<(string, string, string), ChunkHit>();
        foreach (var hit in dense)
        {
            denseByKey.TryAdd(Key(hit), hit);
        }

        var lexicalByKey = new Dictionary<(string, string, string), ChunkHit>();
        foreach (var hit in lexical)
        {
            lexicalByKey.TryAdd(Key(hit), hit);
        }

        var fused = Fuse<(string, string, string)>([dense.Select(Key).ToList(), lexical.Select(Key).ToList()], k);
        var hits = new List<ChunkHit>(Math.Min(top, fused.Count));
        foreach (var (key, score) in fused.Take(top))
        {
            denseByKey.TryGetValue(key, out var d);
            lexicalByKey.TryGetValue(key, out var l);
            var chunk = (d ?? l)!.Chunk;
            hits.Add(new ChunkHit(chunk, score, d?.DenseScore ?? d?.Score, l?.LexicalScore ?? l?.Score));
        }

        return hits;
    }
}
