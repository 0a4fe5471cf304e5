namespace MedSummary.Retrieval.Embeddings;

/// <summary>
/// FNV-1a over UTF-16 code units (byte-identical to FNV-1a over the bytes for ASCII text) followed by a
/// 64-bit finaliser so that low bits are usable as a bucket index. Fixed constants: the same text hashes to
/// the same value in every process, version and platform, which string.GetHashCode does not promise.
/// </summary>
internal static class FeatureHash
{
    public const ulong OffsetBasis = 14695981039346656037UL;
    public const ulong Prime = 1099511628211UL;

    public static ulong Step(ulong hash, char c) => (hash ^ c) * Prime;

    public static ulong Fnv1a(ReadOnlySpan<char> text, ulong basis = OffsetBasis)
    {
        var hash = basis;
        foreach (var c in text)
        {
            hash = Step(hash, c);
        }

        return hash;
    }

    /// <summary>The splitmix64 finaliser: spreads FNV's weak low bits over the whole word.</summary>
    public static ulong Mix(ulong value)
    {
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        value ^= value >> 31;
        return value;
    }
}
