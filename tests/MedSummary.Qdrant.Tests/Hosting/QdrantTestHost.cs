using MedSummary.Qdrant.Store;
using MedSummary.Retrieval;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>
/// A service container as the application builds it (AddMedSummaryRetrieval + AddMedSummaryQdrant, provider
/// "qdrant"), with the HttpClient's innermost handler replaced, so tests go through the real client, its
/// resilience pipeline and the store. Retry delays are a millisecond so failing tests stay fast.
/// </summary>
internal sealed class QdrantTestHost : IDisposable
{
    public const string Url = "http://qdrant.test:6333";

    private QdrantTestHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public QdrantChunkStore Store => Services.GetRequiredService<QdrantChunkStore>();

    public static QdrantTestHost Create(HttpMessageHandler handler, Action<QdrantOptions>? configure = null, string provider = QdrantOptions.ProviderKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMedSummaryRetrieval(store => store.Provider = provider);
        services.AddMedSummaryQdrant(options =>
        {
            options.Url = Url;
            options.RetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });
        services.AddHttpClient(QdrantServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        return new QdrantTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public IChunkStore ChunkStore => Services.GetRequiredService<IChunkStore>();

    public void Dispose() => Services.Dispose();
}
