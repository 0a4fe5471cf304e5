using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Health;
using MedSummary.Qdrant.Store;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace MedSummary.Qdrant;

/// <summary>Registration of the Qdrant chunk store.</summary>
public static class QdrantServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient the store uses (tests replace its primary handler).</summary>
    public const string HttpClientName = "MedSummary.Qdrant";

    /// <summary>The name of the health check.</summary>
    public const string HealthCheckName = "qdrant";

    /// <summary>
    /// Registers <see cref="QdrantOptions"/> (section MedSummary:Store:Qdrant, validated at start when the store
    /// provider is "qdrant"), the named HttpClient with its resilience pipeline (a total timeout over retries with
    /// exponential back-off and jitter on connection errors, 408, 429, 5xx and attempt timeouts, over a per-attempt
    /// timeout), <see cref="QdrantChunkStore"/> as itself and as the keyed IChunkStore "qdrant", and the health
    /// check "qdrant" (tags "ready", "store"). Call with AddMedSummaryRetrieval, which makes the keyed store the
    /// IChunkStore when MedSummary:Store:Provider is "qdrant". Nothing here contacts the server.
    /// </summary>
    /// <param name="configure">Applied after configuration binding, so code wins over settings.</param>
    public static IServiceCollection AddMedSummaryQdrant(this IServiceCollection services, Action<QdrantOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(QdrantChunkStore)))
        {
            Register(services);
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return services;
    }

    private static void Register(IServiceCollection services)
    {
        services.AddOptions<QdrantOptions>()
            .Configure<IServiceProvider>((options, sp) => sp.GetService<IConfiguration>()?.GetSection(QdrantOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.AddOptions<StoreOptions>();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QdrantOptions>, QdrantOptionsValidator>());

        services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (options.CaCertificatePath is { } path && File.Exists(path))
                {
                    handler.SslOptions.RemoteCertificateValidationCallback = CertificateTrust.Validator(CertificateTrust.LoadCa(path));
                }

                return handler;
            })
            .AddResilienceHandler("qdrant", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<QdrantOptions>>().Value;
                pipeline
                    .AddTimeout(options.TotalTimeout)
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(options.MaxRetries, 1),
                        ShouldHandle = options.MaxRetries == 0
                            ? static _ => ValueTask.FromResult(false)
                            : new HttpRetryStrategyOptions().ShouldHandle,
                        Delay = options.RetryDelay,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                    })
                    .AddTimeout(options.Timeout);
            });

        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<QdrantOptions>>().Value;
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var client = new QdrantHttpClient(() => factory.CreateClient(HttpClientName), options, sp.GetService<ILogger<QdrantHttpClient>>());
            return new QdrantChunkStore(client, options, sp.GetService<ILogger<QdrantChunkStore>>());
        });
        services.TryAddKeyedSingleton<IChunkStore>(QdrantOptions.ProviderKey, (sp, _) => sp.GetRequiredService<QdrantChunkStore>());

        services.AddHealthChecks().AddCheck<QdrantHealthCheck>(HealthCheckName, tags: ["ready", "store"]);
    }
}
