using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.LlamaCpp.Embeddings;

/// <summary>
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> over a GGUF embedding model run in-process: inputs are packed
/// into batches (one sequence each), pooled as the model declares and L2-normalised.
/// </summary>
public sealed partial class LlamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private const int MaxDefaultContext = 8192;

    private readonly LlamaEmbeddingGeneratorOptions _options;
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly LlamaContextPool _pool;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly int _contextSize;

    public LlamaEmbeddingGenerator(LlamaEmbeddingGeneratorOptions options, ILogger<LlamaEmbeddingGenerator>? logger = null, TimeProvider? timeProvider = null)
        : this(LoadModel(options), ownsModel: true, options, logger, timeProvider)
    {
    }

    /// <summary>Serves an already loaded model (not disposed with the generator).</summary>
    public LlamaEmbeddingGenerator(LlamaModel model, LlamaEmbeddingGeneratorOptions options, ILogger<LlamaEmbeddingGenerator>? logger = null, TimeProvider? timeProvider = null)
        : this(model, ownsModel: false, options, logger, timeProvider)
    {
    }

    private LlamaEmbeddingGenerator(LlamaModel model, bool ownsModel, LlamaEmbeddingGeneratorOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _model = model;
        _ownsModel = ownsModel;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        var train = model.TrainContextLength > 0 ? model.TrainContextLength : MaxDefaultContext;
        _contextSize = options.ContextSize > 0 ? Math.Min(options.ContextSize, train) : Math.Min(train, MaxDefaultContext);
        Pooling = options.Pooling ?? model.DeclaredPooling switch
        {
            null or LlamaPoolingType.None or LlamaPoolingType.Unspecified => LlamaPoolingType.Mean,
            { } declared => declared,
        };
        Dimensions = model.OutputEmbeddingLength > 0 ? model.OutputEmbeddingLength : model.EmbeddingLength;
        var settings = new LlamaContextSettings
        {
            ContextSize = _contextSize,
            BatchSize = _contextSize,
            Threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount,
            Embeddings = true,
            Pooling = Pooling,
            MaxSequences = options.MaxInputsPerBatch,
        };
        _pool = new LlamaContextPool(() => new LlamaContext(model, settings), options.MaxConcurrency);
        ModelId = options.ModelId ?? Path.GetFileNameWithoutExtension(model.Path);
        _metadata = new EmbeddingGeneratorMetadata("llama.cpp", providerUri: null, defaultModelId: ModelId, defaultModelDimensions: Dimensions);
        LogLoaded(_logger, ModelId, model.Description, Dimensions, Pooling.ToString(), _contextSize);
    }

    public string ModelId { get; }

    /// <summary>Length of every embedding.</summary>
    public int Dimensions { get; }

    /// <summary>Pooling in effect.</summary>
    public LlamaPoolingType Pooling { get; }

    public LlamaModel Model => _model;

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values,
        EmbeddingGenerationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values.ToList();
        var tokenized = inputs.Select((text, i) => Tokenize(text, i)).ToList();
        var vectors = new float[inputs.Count][];
        var batches = Pack(tokenized);
        var tasks = batches.Select(batch => EmbedBatchAsync(batch, tokenized, vectors, cancellationToken));
        await Task.WhenAll(tasks).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId, CreatedAt = now }))
        {
            Usage = new UsageDetails { InputTokenCount = tokenized.Sum(t => t.Length), TotalTokenCount = tokenized.Sum(t => t.Length) },
        };
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        LlamaServiceLookup.Find(this, _model, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
        _pool.Dispose();
        if (_ownsModel)
        {
            _model.Dispose();
        }
    }

    private static LlamaModel LoadModel(LlamaEmbeddingGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return LlamaModel.Load(options.ModelPath);
    }

    private int[] Tokenize(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text, $"values[{index}]");
        var tokens = _model.Tokenize(text, addSpecial: true, parseSpecial: false);
        if (tokens.Length == 0)
        {
            // An empty string still needs one position to pool over.
            tokens = [Math.Max(0, _model.BosToken)];
        }

        if (tokens.Length > _contextSize)
        {
            if (!_options.TruncateLongInputs)
            {
                throw new ArgumentException($"input {index} has {tokens.Length} tokens, more than the embedding context of {_contextSize}");
            }

            LogTruncated(_logger, index, tokens.Length, _contextSize);
            tokens = tokens[.._contextSize];
        }

        return tokens;
    }

    private List<List<int>> Pack(List<int[]> tokenized)
    {
        var batches = new List<List<int>>();
        var current = new List<int>();
        var tokens = 0;
        for (var i = 0; i < tokenized.Count; i++)
        {
            if (current.Count > 0 && (tokens + tokenized[i].Length > _contextSize || current.Count == _options.MaxInputsPerBatch))
            {
                batches.Add(current);
                current = [];
                tokens = 0;
            }

            current.Add(i);
            tokens += tokenized[i].Length;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private async Task EmbedBatchAsync(List<int> batch, List<int[]> tokenized, float[][] vectors, CancellationToken cancellationToken)
    {
        var sequences = batch.Select(i => tokenized[i]).ToList();
        using var lease = await _pool.RentAsync([], cancellationToken).ConfigureAwait(false);
        var pooled = await Task.Run(() => lease.Context.EmbedSequences(sequences, Dimensions, cancellationToken), cancellationToken).ConfigureAwait(false);
        for (var k = 0; k < batch.Count; k++)
        {
            vectors[batch[k]] = Normalize(pooled[k]);
        }
    }

    private static float[] Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        if (norm > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= norm;
            }
        }

        return vector;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "llama.cpp embedding model {ModelId} loaded ({Description}); {Dimensions} dimensions, pooling {Pooling}, context {ContextSize}")]
    private static partial void LogLoaded(ILogger logger, string modelId, string description, int dimensions, string pooling, int contextSize);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "embedding input {Index} has {Tokens} tokens; truncated to the context of {ContextSize}")]
    private static partial void LogTruncated(ILogger logger, int index, int tokens, int contextSize);
}
