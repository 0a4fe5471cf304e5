using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Fakes;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Conformance;
using MedSummary.Testing.Environment;

namespace MedSummary.Qdrant.Tests.Conformance;

/// <summary>
/// The shared IChunkStore suite through the real client, DI and resilience pipeline, against
/// <see cref="FakeQdrantServer"/> (the protocol as documented, in memory). Each store gets its own collection.
/// </summary>
public sealed class FakeQdrantConformanceTests : ChunkStoreConformanceTests
{
    private readonly FakeQdrantServer _server = new(apiKey: "conformance-key");
    private readonly List<QdrantTestHost> _hosts = [];

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var host = QdrantTestHost.Create(_server, o =>
        {
            o.Url = "https://qdrant.test:6333";
            o.ApiKey = "conformance-key";
            o.CollectionPrefix = $"conformance{_hosts.Count}_";
        });
        _hosts.Add(host);
        return Task.FromResult<IChunkStore>(host.Store);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _server.Dispose();
    }
}

/// <summary>
/// The same suite against a real Qdrant server at QDRANT_URL (with QDRANT_API_KEY when set), each store in a
/// collection of its own that is deleted afterwards. Reported as skipped, with the reason, where QDRANT_URL is unset.
/// </summary>
[RequiresEnvironment("QDRANT_URL", "no Qdrant server on this machine (set QDRANT_URL, and QDRANT_API_KEY if needed, to run against one)")]
public sealed class RealQdrantConformanceTests : ChunkStoreConformanceTests
{
    private readonly List<(QdrantTestHost Host, QdrantChunkStore Store)> _stores = [];

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var host = RealQdrant.CreateHost($"mstest_{Guid.NewGuid():N}_");
        _stores.Add((host, host.Store));
        return Task.FromResult<IChunkStore>(host.Store);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var (host, store) in _stores)
        {
            await store.DeleteCollectionAsync();
            host.Dispose();
        }
    }
}

/// <summary>A host whose client talks to the real server named by QDRANT_URL.</summary>
internal static class RealQdrant
{
    public static QdrantTestHost CreateHost(string prefix) =>
        QdrantTestHost.Create(new SocketsHttpHandler(), o =>
        {
            o.Url = Environment.GetEnvironmentVariable("QDRANT_URL")!;
            o.ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null;
            o.AllowApiKeyOverHttp = true;
            o.CollectionPrefix = prefix;
            o.RetryDelay = TimeSpan.FromMilliseconds(200);
        });
}
