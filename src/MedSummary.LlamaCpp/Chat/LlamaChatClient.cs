using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using MedSummary.LlamaCpp.Models;
using MedSummary.LlamaCpp.StructuredOutput;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MedSummary.LlamaCpp.Chat;

/// <summary>
/// <see cref="IChatClient"/> over a GGUF chat model run in-process by llama.cpp: the model's chat template, sampling
/// options, streaming, cancellation, token usage, JSON-schema structured output enforced by a grammar, and KV-cache
/// reuse of the prompt prefix shared with the previous request on the same context.
/// Messages contribute their text only; tool calls, images and other content kinds are not supported by this engine.
/// </summary>
public sealed partial class LlamaChatClient : IChatClient
{
    private readonly LlamaChatClientOptions _options;
    private readonly LlamaModel _model;
    private readonly bool _ownsModel;
    private readonly LlamaContextPool? _pool;
    private readonly LlamaBatchScheduler? _scheduler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    /// <summary>Text pieces generated ahead of the streaming reader at most.</summary>
    private const int StreamBuffer = 8;

    private readonly ConcurrentDictionary<string, string> _grammars = new(StringComparer.Ordinal);
    private readonly ChatClientMetadata _metadata;
    private readonly LlamaEngineCounters _counters = new();
    private long _reusedPromptTokens;
    private long _decodedPromptTokens;
    private long _generatedTokens;

    /// <summary>Loads the model named by <paramref name="options"/> (this can take seconds for large files).</summary>
    public LlamaChatClient(LlamaChatClientOptions options, ILogger<LlamaChatClient>? logger = null, TimeProvider? timeProvider = null)
        : this(LoadModel(options), ownsModel: true, options, logger, timeProvider)
    {
    }

    /// <summary>Serves an already loaded model (not disposed with the client).</summary>
    public LlamaChatClient(LlamaModel model, LlamaChatClientOptions options, ILogger<LlamaChatClient>? logger = null, TimeProvider? timeProvider = null)
        : this(model, ownsModel: false, options, logger, timeProvider)
    {
    }

    private LlamaChatClient(LlamaModel model, bool ownsModel, LlamaChatClientOptions options, ILogger? logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _model = model;
        _ownsModel = ownsModel;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        var contextSize = model.TrainContextLength > 0 ? Math.Min(options.ContextSize, model.TrainContextLength) : options.ContextSize;
        var threads = options.Threads > 0 ? options.Threads : Environment.ProcessorCount;
        var settings = new LlamaContextSettings
        {
            ContextSize = contextSize,
            BatchSize = Math.Min(options.BatchSize, contextSize),
            Threads = threads,
            FlashAttention = options.FlashAttention,
        };
        if (options.MaxParallelSequences > 1)
        {
            var batched = settings with { MaxSequences = options.MaxParallelSequences };
            _scheduler = new LlamaBatchScheduler(new LlamaContext(model, batched), TimeSpan.FromMilliseconds(options.BatchGatherMilliseconds), CountToken, _counters);
        }
        else
        {
            _pool = new LlamaContextPool(() => new LlamaContext(model, settings), options.MaxConcurrency);
        }

        ModelId = options.ModelId ?? Path.GetFileNameWithoutExtension(model.Path);
        _metadata = new ChatClientMetadata("llama.cpp", providerUri: null, defaultModelId: ModelId);

        // Fail at start rather than on the first request when the template is unusable.
        _ = RenderPrompt([new ChatMessage(ChatRole.User, "ping")], null);
        LogLoaded(_logger, ModelId, model.Description, contextSize, threads, options.MaxConcurrency);
    }

    public string ModelId { get; }

    /// <summary>The loaded model.</summary>
    public LlamaModel Model => _model;

    /// <summary>Prompt tokens served from the KV cache instead of being decoded, since start.</summary>
    public long ReusedPromptTokens => Interlocked.Read(ref _reusedPromptTokens);

    /// <summary>Prompt tokens actually decoded, since start.</summary>
    public long DecodedPromptTokens => Interlocked.Read(ref _decodedPromptTokens);

    /// <summary>Output tokens sampled since start, including those of cancelled or failed requests.</summary>
    public long GeneratedTokens => Interlocked.Read(ref _generatedTokens);

    /// <summary>
    /// With <see cref="LlamaChatClientOptions.MaxParallelSequences"/> above 1: generation steps decoded (one
    /// llama_decode each), those that carried several sequences, and the most sequences one step carried. Zero otherwise.
    /// </summary>
    public (long Steps, long BatchedSteps, int PeakSequences) BatchStatistics =>
        _scheduler is null ? default : (_scheduler.Steps, _scheduler.BatchedSteps, _scheduler.PeakSequences);

    /// <summary>Where this client's time went since start: prefill, decode steps, sampling phases, detokenization.</summary>
    public LlamaEngineProfile Profile => _counters.Snapshot();

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = BuildRequest(messages, options);
        GenerationResult result;
        try
        {
            if (_scheduler is not null)
            {
                result = await _scheduler.Enqueue(request, null, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var lease = await _pool!.RentAsync(request.PromptTokens, cancellationToken).ConfigureAwait(false);
                result = await Task.Run(() => LlamaGenerator.Run(lease.Context, request, null, CountToken, _counters, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            AccountCut(ex);
            throw;
        }

        Account(result);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, result.Text))
        {
            FinishReason = result.FinishReason,
            Usage = Usage(result),
            ModelId = ModelId,
            CreatedAt = _time.GetUtcNow(),
            ResponseId = Guid.NewGuid().ToString("N"),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = BuildRequest(messages, options);
        var responseId = Guid.NewGuid().ToString("N");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Channel<string> channel;
        Task<GenerationResult> producer;
        var unread = 0;
        if (_scheduler is not null)
        {
            // Never blocks the batch: a sequence whose reader is StreamBuffer pieces behind sits out the steps instead.
            var unbounded = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            channel = unbounded;
            producer = CompleteChannelAsync(
                _scheduler.Enqueue(
                    request,
                    t =>
                    {
                        Interlocked.Increment(ref unread);
                        unbounded.Writer.TryWrite(t);
                    },
                    () => Volatile.Read(ref unread) < StreamBuffer,
                    stop.Token),
                unbounded);
        }
        else
        {
            var lease = await _pool!.RentAsync(request.PromptTokens, cancellationToken).ConfigureAwait(false);

            // Bounded: generation waits for a slow reader instead of running ahead, so a consumer that cancels or stops
            // reading leaves at most a few pieces of wasted work behind, however fast the model is.
            var bounded = Channel.CreateBounded<string>(new BoundedChannelOptions(StreamBuffer)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,
            });
            channel = bounded;
            producer = Task.Run(() =>
            {
                try
                {
                    var result = LlamaGenerator.Run(
                        lease.Context,
                        request,
                        t => bounded.Writer.WriteAsync(t, stop.Token).AsTask().GetAwaiter().GetResult(),
                        CountToken,
                        _counters,
                        stop.Token);
                    bounded.Writer.TryComplete();
                    return result;
                }
                catch (Exception ex)
                {
                    AccountCut(ex);
                    bounded.Writer.TryComplete(ex);
                    throw;
                }
                finally
                {
                    lease.Dispose();
                }
            }, CancellationToken.None);
        }

        GenerationResult final;
        try
        {
            await foreach (var text in channel.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // Text already generated but not yet read is dropped once the caller cancels.
                cancellationToken.ThrowIfCancellationRequested();
                if (_scheduler is not null && Interlocked.Decrement(ref unread) == StreamBuffer - 1)
                {
                    _scheduler.Wake();
                }
                yield return new ChatResponseUpdate(ChatRole.Assistant, text)
                {
                    ResponseId = responseId,
                    MessageId = responseId,
                    ModelId = ModelId,
                    CreatedAt = _time.GetUtcNow(),
                };
            }

            final = await producer.ConfigureAwait(false);
        }
        finally
        {
            // A consumer that stops early (or an error) must stop the generation and free the context.
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The producer's failure already reached the consumer through the channel.
            }
        }

        Account(final);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ResponseId = responseId,
            MessageId = responseId,
            ModelId = ModelId,
            CreatedAt = _time.GetUtcNow(),
            FinishReason = final.FinishReason,
            Contents = [new UsageContent(Usage(final))],
        };
    }

    private async Task<GenerationResult> CompleteChannelAsync(Task<GenerationResult> generation, Channel<string> channel)
    {
        try
        {
            var result = await generation.ConfigureAwait(false);
            channel.Writer.TryComplete();
            return result;
        }
        catch (Exception ex)
        {
            AccountCut(ex);
            channel.Writer.TryComplete(ex);
            throw;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        LlamaServiceLookup.Find(this, _model, _metadata, serviceType, serviceKey);

    public void Dispose()
    {
        _pool?.Dispose();
        _scheduler?.Dispose();
        if (_ownsModel)
        {
            _model.Dispose();
        }
    }

    private static LlamaModel LoadModel(LlamaChatClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return LlamaModel.Load(options.ModelPath);
    }

    private GenerationRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var prompt = RenderPrompt(messages, options?.Instructions);
        var tokens = _model.Tokenize(prompt, addSpecial: true, parseSpecial: true);
        if (tokens.Length > 1 && tokens[0] == tokens[1] && tokens[0] == _model.BosToken)
        {
            // The template already wrote BOS and the tokenizer added another one.
            tokens = tokens[1..];
        }

        var sampling = new SamplingSettings(
            Temperature: options?.Temperature ?? _options.DefaultTemperature,
            TopK: options?.TopK ?? _options.DefaultTopK,
            TopP: options?.TopP ?? _options.DefaultTopP,
            Seed: options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
            FrequencyPenalty: options?.FrequencyPenalty ?? 0,
            PresencePenalty: options?.PresencePenalty ?? 0);
        var maxTokens = options?.MaxOutputTokens ?? _options.DefaultMaxOutputTokens;
        if (maxTokens < 1)
        {
            throw new ArgumentException($"MaxOutputTokens must be positive (is {maxTokens})", nameof(options));
        }

        return new GenerationRequest(tokens, sampling, maxTokens, options?.StopSequences, GrammarFor(options?.ResponseFormat));
    }

    private string RenderPrompt(IEnumerable<ChatMessage> messages, string? instructions)
    {
        var turns = new List<KeyValuePair<string, string>>();
        if (!string.IsNullOrEmpty(instructions))
        {
            turns.Add(new("system", instructions));
        }

        foreach (var message in messages)
        {
            turns.Add(new(message.Role.Value, message.Text));
        }

        return _model.ApplyChatTemplate(turns, addAssistantPrefix: true, _options.ChatTemplate);
    }

    private string? GrammarFor(ChatResponseFormat? format)
    {
        if (format is not ChatResponseFormatJson json)
        {
            return null;
        }

        if (json.Schema is not { } schema)
        {
            return JsonSchemaGrammar.AnyJsonObject;
        }

        var key = schema.GetRawText();
        return _grammars.GetOrAdd(key, static (_, s) => JsonSchemaGrammar.Compile(s), schema);
    }

    private void CountToken() => Interlocked.Increment(ref _generatedTokens);

    private void Account(GenerationResult result)
    {
        Interlocked.Add(ref _reusedPromptTokens, result.ReusedPromptTokens);
        Interlocked.Add(ref _decodedPromptTokens, result.PromptTokens - result.ReusedPromptTokens);
        LogGenerated(_logger, result.PromptTokens, result.ReusedPromptTokens, result.OutputTokens, result.FinishReason.Value);
    }

    // A structured answer cut at the token cap decoded its prompt all the same.
    private void AccountCut(Exception error)
    {
        if (error is LlamaStructuredOutputException { Result: { } cut })
        {
            Account(cut);
        }
    }

    internal static UsageDetails Usage(GenerationResult result) => new()
    {
        InputTokenCount = result.PromptTokens,
        OutputTokenCount = result.OutputTokens,
        TotalTokenCount = result.PromptTokens + result.OutputTokens,
        CachedInputTokenCount = result.ReusedPromptTokens,
    };

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "llama.cpp chat model {ModelId} loaded ({Description}); context {ContextSize} tokens, {Threads} threads, {MaxConcurrency} concurrent")]
    private static partial void LogLoaded(ILogger logger, string modelId, string description, int contextSize, int threads, int maxConcurrency);

    [LoggerMessage(EventId = 11, Level = LogLevel.Debug, Message = "llama.cpp generation: {PromptTokens} prompt tokens ({ReusedTokens} reused from cache), {OutputTokens} output tokens, finish {FinishReason}")]
    private static partial void LogGenerated(ILogger logger, int promptTokens, int reusedTokens, int outputTokens, string finishReason);
}
