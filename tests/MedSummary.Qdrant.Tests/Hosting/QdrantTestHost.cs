using MedSummary.Qdrant.Store;
using MedSummary.Retrieval;
using MedSummary.Retrieval.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace MedSummary.Qdrant.Tests.Hosting;

/// <summary>
/// A service container as the application builds it (AddMedSummaryRetrieval + AddMedSummaryQdrant, provider
/// "qdrant") pointed at a gRPC server (the in-process test server or a real Qdrant), so tests go through the real
/// channel, its retries and the store. Retry delays are a millisecond so failing tests stay fast.
/// </summary>
internal sealed class QdrantTestHost : IDisposable
{
    private QdrantTestHost(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    public QdrantChunkStore Store => Services.GetRequiredService<QdrantChunkStore>();

    public IChunkStore ChunkStore => Services.GetRequiredService<IChunkStore>();

    public static QdrantTestHost Create(string url, Action<QdrantOptions>? configure = null, string provider = QdrantOptions.ProviderKey)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMedSummaryRetrieval(store => store.Provider = provider);
        services.AddMedSummaryQdrant(options =>
        {
            options.Url = url;
            options.RetryDelay = TimeSpan.FromMilliseconds(1);
            configure?.Invoke(options);
        });
        return new QdrantTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public void Dispose() => Services.Dispose();
}
