using MedSummary.AI.Configuration;
using MedSummary.AI.Engines;
using MedSummary.AI.Models;
using MedSummary.AI.Status;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MedSummary's AI engines from configuration.</summary>
public static class AIServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <paramref name="sectionName"/> section (at start), and registers: <see cref="IModelStatus"/>,
    /// <see cref="ModelCatalog"/>, <see cref="ModelDownloader"/>, and, only for roles whose engine is configured,
    /// <see cref="IChatClient"/> and <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> both unkeyed and keyed by
    /// <see cref="AIRoles.Chat"/> / <see cref="AIRoles.Embeddings"/>. Models load lazily, on first resolution.
    /// </summary>
    public static IServiceCollection AddMedSummaryAI(this IServiceCollection services, IConfiguration configuration, string sectionName = AIOptions.SectionName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(sectionName);
        services.AddOptions<AIOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AIOptions>>(new AIOptionsValidator(sectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();

        services.TryAddSingleton(sp => new ModelStatus(sp.GetRequiredService<IOptions<AIOptions>>().Value));
        services.TryAddSingleton<IModelStatus>(sp => sp.GetRequiredService<ModelStatus>());
        services.TryAddSingleton(sp => new ModelCatalog(sp.GetRequiredService<IOptions<AIOptions>>().Value));
        services.TryAddSingleton(sp => new EngineFactory(
            sp.GetRequiredService<IOptions<AIOptions>>().Value,
            sp.GetRequiredService<ModelStatus>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));

        services.AddHttpClient(ModelDownloader.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddTransient(sp => new ModelDownloader(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ModelDownloader.HttpClientName),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ModelDownloader>()));

        // What is registered depends on configuration read now: consumers ask for IChatClient and get none when
        // chat is off, and IModelStatus says so.
        var options = section.Get<AIOptions>() ?? new AIOptions();
        AddResilientHttpClient(services, EngineFactory.ChatHttpClientName, options.Chat);
        AddResilientHttpClient(services, EngineFactory.EmbeddingsHttpClientName, options.Embeddings);

        if (options.Chat.NormalizedEngine != AIEngines.None)
        {
            services.AddKeyedSingleton<IChatClient>(AIRoles.Chat, (sp, _) => sp.GetRequiredService<EngineFactory>().CreateChatClient()!);
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IChatClient>(AIRoles.Chat));
        }

        if (options.Embeddings.NormalizedEngine != AIEngines.None)
        {
            services.AddKeyedSingleton<IEmbeddingGenerator<string, Embedding<float>>>(AIRoles.Embeddings, (sp, _) => sp.GetRequiredService<EngineFactory>().CreateEmbeddingGenerator()!);
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IEmbeddingGenerator<string, Embedding<float>>>(AIRoles.Embeddings));
        }

        return services;
    }

    private static void AddResilientHttpClient(IServiceCollection services, string name, EngineOptions engine)
    {
        var attempt = engine.AttemptTimeout > TimeSpan.Zero ? engine.AttemptTimeout : TimeSpan.FromMinutes(10);
        var retries = Math.Clamp(engine.MaxRetries, 0, 10);
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("medsummary-ai", builder =>
            {
                // CPU inference of a long answer takes minutes: long per-attempt timeout, few spaced retries on
                // transient failures (5xx, 408, 429, connection errors), and an overall cap.
                builder.AddTimeout(TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(2).Ticks, attempt.Ticks * (retries + 1) + TimeSpan.FromMinutes(1).Ticks)));
                if (retries > 0)
                {
                    builder.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = retries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = engine.RetryDelay > TimeSpan.Zero ? engine.RetryDelay : TimeSpan.FromSeconds(2),
                    });
                }

                builder.AddTimeout(attempt);
            });
    }
}
