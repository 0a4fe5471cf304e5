using System.ClientModel;
using System.ClientModel.Primitives;
using MedSummary.AI.Configuration;
using MedSummary.AI.Status;
using MedSummary.LlamaCpp.Chat;
using MedSummary.LlamaCpp.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI;

namespace MedSummary.AI.Engines;

/// <summary>Creates the configured chat client and embedding generator; records the outcome in <see cref="ModelStatus"/>.</summary>
public sealed partial class EngineFactory
{
    /// <summary>Name of the HttpClient (with resilience) used for the OpenAI-compatible chat engine.</summary>
    public const string ChatHttpClientName = "MedSummary.AI.chat";

    /// <summary>Name of the HttpClient (with resilience) used for the OpenAI-compatible embedding engine.</summary>
    public const string EmbeddingsHttpClientName = "MedSummary.AI.embeddings";

    /// <summary>ActivitySource / meter name of the model calls.</summary>
    public const string TelemetrySourceName = "MedSummary.AI";

    private readonly AIOptions _options;
    private readonly ModelStatus _status;
    private readonly IHttpClientFactory _http;
    private readonly ILoggerFactory _loggers;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public EngineFactory(AIOptions options, ModelStatus status, IHttpClientFactory http, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        _status = status;
        _http = http;
        _loggers = loggers;
        _time = time;
        _logger = loggers.CreateLogger<EngineFactory>();
    }

    /// <summary>The chat client for the configured engine, or null when chat is not configured.</summary>
    public IChatClient? CreateChatClient()
    {
        var chat = _options.Chat;
        try
        {
            IChatClient? inner = chat.NormalizedEngine switch
            {
                AIEngines.LlamaCpp => CreateLlamaChat(chat),
                AIEngines.OpenAICompatible => OpenAIClientFor(chat, ChatHttpClientName).GetChatClient(chat.Model).AsIChatClient(),
                _ => null,
            };
            if (inner is null)
            {
                return null;
            }

            _status.MarkReady(AIRoles.Chat);
            // Spans and metrics per model call; message content is not recorded (patient data).
            return new ChatClientBuilder(inner)
                .ConfigureOptions(o =>
                {
                    o.MaxOutputTokens ??= chat.MaxOutputTokens;
                    o.Temperature ??= chat.Temperature;
                })
                .UseOpenTelemetry(_loggers, TelemetrySourceName, c => c.EnableSensitiveData = false)
                .Build();
        }
        catch (Exception ex)
        {
            _status.MarkFailed(AIRoles.Chat, ex.Message);
            LogEngineFailed(_logger, AIRoles.Chat, ex.Message);
            throw;
        }
    }

    /// <summary>The embedding generator for the configured engine, or null when embeddings are not configured.</summary>
    public IEmbeddingGenerator<string, Embedding<float>>? CreateEmbeddingGenerator()
    {
        var embeddings = _options.Embeddings;
        try
        {
            IEmbeddingGenerator<string, Embedding<float>>? inner = embeddings.NormalizedEngine switch
            {
                AIEngines.LlamaCpp => new LlamaEmbeddingGenerator(
                    new LlamaEmbeddingGeneratorOptions
                    {
                        ModelPath = _options.ResolveModelPath(embeddings.ModelPath!),
                        ContextSize = embeddings.ContextSize,
                        MaxInputsPerBatch = embeddings.MaxInputsPerBatch,
                        Threads = embeddings.Threads,
                        MaxConcurrency = embeddings.MaxConcurrency,
                    },
                    _loggers.CreateLogger<LlamaEmbeddingGenerator>(),
                    _time),
                AIEngines.OpenAICompatible => OpenAIClientFor(embeddings, EmbeddingsHttpClientName)
                    .GetEmbeddingClient(embeddings.Model)
                    .AsIEmbeddingGenerator(embeddings.Dimensions),
                _ => null,
            };
            if (inner is null)
            {
                return null;
            }

            _status.MarkReady(AIRoles.Embeddings);
            return new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner)
                .UseOpenTelemetry(_loggers, TelemetrySourceName)
                .Build();
        }
        catch (Exception ex)
        {
            _status.MarkFailed(AIRoles.Embeddings, ex.Message);
            LogEngineFailed(_logger, AIRoles.Embeddings, ex.Message);
            throw;
        }
    }

    private LlamaChatClient CreateLlamaChat(ChatEngineOptions chat) => new(
        new LlamaChatClientOptions
        {
            ModelPath = _options.ResolveModelPath(chat.ModelPath!),
            ContextSize = chat.ContextSize,
            Threads = chat.Threads,
            MaxConcurrency = chat.MaxConcurrency,
            MaxParallelSequences = chat.MaxParallelSequences,
            DefaultMaxOutputTokens = chat.MaxOutputTokens,
            DefaultTemperature = chat.Temperature,
            ChatTemplate = chat.ChatTemplate,
            FlashAttention = chat.FlashAttention,
        },
        _loggers.CreateLogger<LlamaChatClient>(),
        _time);

    private OpenAIClient OpenAIClientFor(EngineOptions engine, string httpClientName)
    {
        var http = _http.CreateClient(httpClientName);
        var options = new OpenAIClientOptions
        {
            Endpoint = engine.Endpoint,
            Transport = new HttpClientPipelineTransport(http),
            // Retries and timeouts live in the HttpClient's resilience pipeline; the SDK's own would multiply them.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };

        // Local servers usually want no key, but the SDK requires a credential.
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrEmpty(engine.ApiKey) ? "no-key" : engine.ApiKey), options);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "AI {Role} engine could not start: {Reason}")]
    private static partial void LogEngineFailed(ILogger logger, string role, string reason);
}
