namespace MedSummary.Samples.Generation;

/// <summary>
/// The only source of randomness in generation: a seeded <see cref="Random"/> (whose seeded sequence is stable
/// across .NET versions) with the few helpers the writers need. Never shared between documents, so adding a
/// sentence to one document does not reshuffle the others.
/// </summary>
internal sealed class Rng
{
    private readonly Random _random;

    public Rng(int seed)
    {
        Seed = seed;
        _random = new Random(seed);
    }

    public int Seed { get; }

    /// <summary>A child generator for a named purpose: stable as long as the parent seed and the salt are.</summary>
    public Rng Fork(string salt) => new(Derive(Seed, salt));

    public int Between(int min, int maxInclusive) => _random.Next(min, maxInclusive + 1);

    public double Between(double min, double max) => min + (_random.NextDouble() * (max - min));

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items)
    {
        if (items.Count == 0)
        {
            throw new ArgumentException("Nothing to pick from.", nameof(items));
        }

        return items[_random.Next(items.Count)];
    }

    public T Pick<T>(T first, T second, params T[] rest) =>
        Pick((IReadOnlyList<T>)[first, second, .. rest]);

    public T Weighted<T>(params (T Item, double Weight)[] items)
    {
        var total = items.Sum(i => i.Weight);
        var roll = _random.NextDouble() * total;
        foreach (var (item, weight) in items)
        {
            roll -= weight;
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }

    public List<T> Shuffle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    /// <summary>A stable 32-bit mix of a seed and a string (FNV-1a over the salt, then a finalizer).</summary>
    public static int Derive(int seed, string salt)
    {
        unchecked
        {
            var hash = 2166136261u ^ (uint)seed;
            foreach (var c in salt)
            {
                hash = (hash ^ c) * 16777619u;
            }

            hash ^= hash >> 16;
            hash *= 0x85EBCA6Bu;
            hash ^= hash >> 13;
            hash *= 0xC2B2AE35u;
            hash ^= hash >> 16;
            return (int)(hash & 0x7FFFFFFF);
        }
    }
}
