using MedSummary.Qdrant.Store;
using MedSummary.Qdrant.Tests.Hosting;
using MedSummary.Retrieval.Stores;
using MedSummary.Testing.Conformance;
using MedSummary.Testing.Environment;
using MedSummary.Testing.Qdrant;

namespace MedSummary.Qdrant.Tests.Conformance;

/// <summary>
/// The shared IChunkStore suite through the real gRPC channel, DI and retries, against
/// <see cref="QdrantTestServer"/> (Qdrant's calls over HTTP/2 on loopback, in memory), with an API key.
/// Each store gets its own collection.
/// </summary>
public sealed class GrpcQdrantConformanceTests : ChunkStoreConformanceTests
{
    private const string ApiKey = "conformance-key";
    private readonly List<QdrantTestHost> _hosts = [];
    private QdrantTestServer? _server;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _server = await QdrantTestServer.StartAsync(ApiKey);
    }

    protected override Task<IChunkStore> CreateStoreAsync()
    {
        var host = QdrantTestHost.Create(_server!.Url, o =>
        {
            o.ApiKey = ApiKey;
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

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>
/// The same suite against a real Qdrant server's gRPC port at QDRANT_URL (e.g. http://localhost:6334, with
/// QDRANT_API_KEY when set), each store in a collection of its own that is deleted afterwards. Reported as
/// skipped, with the reason, where QDRANT_URL is unset.
/// </summary>
[RequiresEnvironment("QDRANT_URL", "no Qdrant server on this machine (set QDRANT_URL to its gRPC endpoint, e.g. http://localhost:6334, and QDRANT_API_KEY if needed)")]
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
        QdrantTestHost.Create(Environment.GetEnvironmentVariable("QDRANT_URL")!, o =>
        {
            o.ApiKey = Environment.GetEnvironmentVariable("QDRANT_API_KEY") is { Length: > 0 } key ? key : null;
            o.AllowApiKeyOverHttp = true;
            o.CollectionPrefix = prefix;
            o.RetryDelay = TimeSpan.FromMilliseconds(200);
        });
}
