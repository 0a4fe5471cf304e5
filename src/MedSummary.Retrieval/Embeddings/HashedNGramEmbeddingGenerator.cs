using System.Buffers;
using System.Runtime.InteropServices;
using MedSummary.Retrieval.Text;
using Microsoft.Extensions.AI;

namespace MedSummary.Retrieval.Embeddings;

/// <summary>
/// The default embedder, needing no model file: signed feature hashing of character n-grams of
/// accent-folded lowercase words (padded with boundary marks) plus the whole words, square-root term
/// frequency, L2-normalised.
/// <para>
/// It is LEXICAL: two passages are close when they share spellings, not meanings. It tolerates OCR noise
/// ("rec3pteurs"), accents and French/English inflection ("métastase", "métastatique", "metastasis" share
/// n-grams) but "sein" and "breast" are unrelated to it. Use a semantic model (llama.cpp, an
/// OpenAI-compatible server) when one is installed; this one keeps dense and hybrid search working without.
/// </para>
/// <para>
/// Deterministic to the bit across processes and platforms: fixed FNV-1a hashing (never string.GetHashCode),
/// insertion-ordered accumulation, correctly rounded square roots, and a scalar normalisation.
/// </para>
/// </summary>
public sealed class HashedNGramEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "medsummary-hashed-ngram";

    private const char WordStart = '<';
    private const char WordEnd = '>';

    // Whole-word features hash from another basis so the word "sein" and the n-gram "sein" do not collide by design.
    private const ulong WordBasis = FeatureHash.OffsetBasis ^ 0x9E3779B97F4A7C15UL;

    private readonly int _minN;
    private readonly int _maxN;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public HashedNGramEmbeddingGenerator()
        : this(new HashedNGramEmbeddingOptions())
    {
    }

    public HashedNGramEmbeddingGenerator(HashedNGramEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        Dimension = options.Dimension;
        _minN = options.MinNGram;
        _maxN = options.MaxNGram;
        // v2: folding learned clinical abbreviations, bilingual synonyms and plurals (2026-12); v1 vectors differ.
        ModelId = $"hashed-ngram-{_minN}-{_maxN}-d{Dimension}-v2";
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, ModelId, Dimension);
    }

    /// <summary>Length of every vector produced.</summary>
    public int Dimension { get; }

    /// <summary>Names the feature scheme and its settings; vectors with different ids are not comparable.</summary>
    public string ModelId { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (options?.Dimensions is { } requested && requested != Dimension)
        {
            throw new ArgumentException(
                $"This embedder produces {Dimension}-dimension vectors; {requested} were requested. Configure {HashedNGramEmbeddingOptions.SectionName}:{nameof(HashedNGramEmbeddingOptions.Dimension)} instead.",
                nameof(options));
        }

        var scratch = new Scratch();
        var result = new GeneratedEmbeddings<Embedding<float>>(values.TryGetNonEnumeratedCount(out var count) ? count : 16);
        long words = 0;
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ArgumentNullException.ThrowIfNull(value, nameof(values));
            var vector = new float[Dimension];
            words += Embed(value, vector, scratch);
            result.Add(new Embedding<float>(vector) { ModelId = ModelId });
        }

        result.Usage = new UsageDetails { InputTokenCount = words };
        return Task.FromResult(result);
    }

    /// <summary>Embeds one text synchronously. Empty or symbol-only text gives the zero vector.</summary>
    public float[] Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var vector = new float[Dimension];
        Embed(text, vector, new Scratch());
        return vector;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
        // Nothing is held: no model, no native memory.
    }

    private int Embed(string text, float[] vector, Scratch scratch)
    {
        var counts = scratch.Counts;
        counts.Clear();
        var folded = ArrayPool<char>.Shared.Rent(LexicalText.MaxFoldedLength(text.Length));
        var words = 0;
        try
        {
            var length = LexicalText.Fold(text, folded);
            foreach (var range in folded.AsSpan(0, length).Split(' '))
            {
                var word = folded.AsSpan(0, length)[range];
                if (word.IsEmpty)
                {
                    continue;
                }

                words++;
                Count(counts, FeatureHash.Fnv1a(word, WordBasis));
                AddNGrams(word, counts, scratch);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(folded);
        }

        var dimension = (ulong)vector.Length;
        foreach (var (hash, count) in counts)
        {
            var mixed = FeatureHash.Mix(hash);
            var index = (int)(mixed % dimension);

            // Square root rather than 1+log: IEEE square roots are correctly rounded, so identical everywhere.
            var weight = (float)Math.Sqrt(count);
            vector[index] += (mixed >> 63) == 0 ? weight : -weight;
        }

        // Scalar and in double: SIMD norms sum in a hardware-dependent order and would break bit-determinism.
        double sumOfSquares = 0;
        foreach (var v in vector)
        {
            sumOfSquares += (double)v * v;
        }

        if (sumOfSquares > 0)
        {
            var inverse = 1.0 / Math.Sqrt(sumOfSquares);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = (float)(vector[i] * inverse);
            }
        }

        return words;
    }

    private void AddNGrams(ReadOnlySpan<char> word, Dictionary<ulong, int> counts, Scratch scratch)
    {
        var paddedLength = word.Length + 2;
        if (scratch.Padded.Length < paddedLength)
        {
            scratch.Padded = new char[Math.Max(paddedLength, scratch.Padded.Length * 2)];
        }

        var padded = scratch.Padded.AsSpan(0, paddedLength);
        padded[0] = WordStart;
        word.CopyTo(padded[1..]);
        padded[^1] = WordEnd;

        if (paddedLength < _minN)
        {
            Count(counts, FeatureHash.Fnv1a(padded));
            return;
        }

        // FNV-1a extends a prefix one character at a time, so all lengths from one start cost one pass.
        for (var start = 0; start <= paddedLength - _minN; start++)
        {
            var hash = FeatureHash.OffsetBasis;
            var end = Math.Min(paddedLength, start + _maxN);
            for (var j = start; j < end; j++)
            {
                hash = FeatureHash.Step(hash, padded[j]);
                if (j - start + 1 >= _minN)
                {
                    Count(counts, hash);
                }
            }
        }
    }

    private static void Count(Dictionary<ulong, int> counts, ulong hash) =>
        CollectionsMarshal.GetValueRefOrAddDefault(counts, hash, out _)++;

    /// <summary>Per-call working memory, so concurrent calls share nothing.</summary>
    private sealed class Scratch
    {
        public Dictionary<ulong, int> Counts { get; } = new(1024);

        public char[] Padded { get; set; } = new char[64];
    }
}
