using MedSummary.Retrieval.Text;

namespace MedSummary.Qdrant.Store;

/// <summary>A sparse vector: strictly increasing indices and their weights.</summary>
public sealed record SparseVector(uint[] Indices, float[] Values);

/// <summary>
/// Lexical search in Qdrant: each folded word (<see cref="LexicalText"/>, as the embedded store's FTS5 index
/// sees it) is a dimension of a sparse vector. A chunk's weight for a word is BM25's saturated term frequency,
/// tf·(k1+1) / (tf + k1·(1 − b + b·len/avglen)); the query's weight is 1 per word; the collection's sparse vector
/// has Qdrant's "idf" modifier, so the server multiplies each query word by its inverse document frequency over
/// the collection. The score is thus BM25-like, not identical to FTS5's bm25(): the average length is a fixed
/// <see cref="AverageTerms"/> rather than the corpus's, and the IDF is Qdrant's over the whole collection
/// (all tenants: only ranks, never content, are shared). Words hash to 32-bit dimensions: two words colliding
/// (about one pair in 4 billion) would match each other.
/// </summary>
public static class LexicalVector
{
    /// <summary>BM25's term-frequency saturation.</summary>
    public const double K1 = 1.2;

    /// <summary>BM25's length normalisation.</summary>
    public const double B = 0.75;

    /// <summary>The assumed average chunk length in words: the chunker's 1 200-character chunks hold about 180.</summary>
    public const double AverageTerms = 180;

    /// <summary>The sparse vector of a chunk's text (empty for a text without words).</summary>
    public static SparseVector ForDocument(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = LexicalText.Fold(text);
        var counts = new Dictionary<uint, int>();
        var length = 0;
        foreach (var range in folded.AsSpan().Split(' '))
        {
            var word = folded.AsSpan(range);
            if (word.IsEmpty)
            {
                continue;
            }

            length++;
            var index = Hash(word);
            counts[index] = counts.GetValueOrDefault(index) + 1;
        }

        var norm = K1 * (1 - B + (B * length / AverageTerms));
        var indices = counts.Keys.Order().ToArray();
        var values = indices.Select(i => (float)(counts[i] * (K1 + 1) / (counts[i] + norm))).ToArray();
        return new SparseVector(indices, values);
    }

    /// <summary>The sparse vector of query terms (from <see cref="LexicalText.QueryTerms"/>): weight 1 each.</summary>
    public static SparseVector ForQuery(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var indices = terms.Select(t => Hash(t)).Distinct().Order().ToArray();
        return new SparseVector(indices, indices.Select(_ => 1f).ToArray());
    }

    /// <summary>
    /// FNV-1a over the word's UTF-16 code units, then a 64-bit finaliser, folded to 32 bits: fixed constants, so
    /// every process and version agrees (string.GetHashCode does not promise that).
    /// </summary>
    internal static uint Hash(ReadOnlySpan<char> word)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 30;
        hash *= 0xbf58476d1ce4e5b9UL;
        hash ^= hash >> 27;
        hash *= 0x94d049bb133111ebUL;
        hash ^= hash >> 31;
        return (uint)(hash ^ (hash >> 32));
    }
}
