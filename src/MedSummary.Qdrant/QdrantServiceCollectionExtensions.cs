using MedSummary.Qdrant.Client;
using MedSummary.Qdrant.Health;
using MedSummary.Qdrant.Store;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedSummary.Qdrant;

/// <summary>Registration of the Qdrant chunk store.</summary>
public static class QdrantServiceCollectionExtensions
{
    /// <summary>The name of the health check.</summary>
    public const string HealthCheckName = "qdrant";

    /// <summary>
    /// Registers <see cref="QdrantOptions"/> (section MedSummary:Store:Qdrant, validated at start when the store
    /// provider is "qdrant"), the <see cref="QdrantConnection"/> (one gRPC channel through the official
    /// Qdrant.Client, with the API key, the CA trust, a deadline per attempt and retries with exponential back-off
    /// and jitter on Unavailable, DeadlineExceeded and ResourceExhausted within a total timeout),
    /// <see cref="QdrantChunkStore"/> as itself and as the keyed IChunkStore "qdrant", and the health check
    /// "qdrant" (tags "ready", "store"). Call with AddMedSummaryRetrieval, which makes the keyed store the
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
        services.TryAddSingleton(TimeProvider.System);

        // The channel is made on first use, so a container built with bad Qdrant settings but another store never makes one.
        services.TryAddSingleton(sp => new QdrantConnection(
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<QdrantConnection>>()));
        services.TryAddSingleton(sp => new QdrantChunkStore(
            sp.GetRequiredService<QdrantConnection>(),
            sp.GetRequiredService<IOptions<QdrantOptions>>().Value,
            sp.GetService<ILogger<QdrantChunkStore>>()));
        services.TryAddKeyedSingleton<IChunkStore>(QdrantOptions.ProviderKey, (sp, _) => sp.GetRequiredService<QdrantChunkStore>());

        services.AddHealthChecks().AddCheck<QdrantHealthCheck>(HealthCheckName, tags: ["ready", "store"]);
    }
}
