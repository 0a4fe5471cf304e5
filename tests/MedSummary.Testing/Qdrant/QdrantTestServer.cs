using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MedSummary.Testing.Qdrant;

/// <summary>
/// A Qdrant gRPC server in the test process: Kestrel on 127.0.0.1 (a free port), HTTP/2 only (TLS with the given
/// certificate), serving qdrant.Qdrant, qdrant.Collections and qdrant.Points calls with the real protobuf messages
/// of Qdrant.Client over an in-memory collection (<see cref="InMemoryQdrant"/>). Clients talk to it exactly as to
/// Qdrant on port 6334. <see cref="Faults"/> makes the next calls fail or stall; <see cref="Calls"/> records each
/// call with the API key it carried.
/// </summary>
public sealed class QdrantTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private QdrantTestServer(WebApplication app, QdrantTestService service, string url)
    {
        _app = app;
        Service = service;
        Url = url;
    }

    /// <summary>The gRPC endpoint, e.g. "http://127.0.0.1:41234" (https://localhost:… with a certificate).</summary>
    public string Url { get; }

    /// <summary>Failures and delays to inject into the next calls.</summary>
    public QdrantFaults Faults => Service.Faults;

    /// <summary>Every call received, in order: "Service/Method" and the api-key header (null when absent).</summary>
    public IReadOnlyList<QdrantCall> Calls => [.. Service.Calls];

    /// <summary>The version the health check reports (the store refuses servers older than 1.16).</summary>
    public string Version
    {
        get => Service.Version;
        set => Service.Version = value;
    }

    /// <summary>The collections, for tests that look at what was stored.</summary>
    public InMemoryQdrant Data => Service.Data;

    internal QdrantTestService Service { get; }

    /// <summary>A gRPC URL where nothing listens: a loopback port the system just gave out and took back.</summary>
    public static string UnreachableUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    /// <summary>Starts a server; with <paramref name="apiKey"/> every call must carry it in the "api-key" header.</summary>
    public static async Task<QdrantTestServer> StartAsync(string? apiKey = null, X509Certificate2? certificate = null)
    {
        var service = new QdrantTestService(apiKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        builder.Services.AddGrpc(options => options.MaxReceiveMessageSize = 64 * 1024 * 1024);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton<IServiceMethodProvider<QdrantTestService>, QdrantTestMethods>();
        var app = builder.Build();
        app.MapGrpcService<QdrantTestService>();
        await app.StartAsync().ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var port = new Uri(address).Port;
        // A certificate names a host, not an address: TLS clients come through "localhost".
        var url = certificate is null ? $"http://127.0.0.1:{port}" : $"https://localhost:{port}";
        return new QdrantTestServer(app, service, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

/// <summary>One call the server received.</summary>
public sealed record QdrantCall(string Method, string? ApiKey)
{
    public override string ToString() => Method;
}

/// <summary>
/// Failures for the next calls: each queued fault is used by one call (optionally only by calls of one method),
/// then the server answers normally again. <see cref="Stall"/> holds every call that long before answering.
/// </summary>
public sealed class QdrantFaults
{
    private readonly ConcurrentQueue<(StatusCode Status, string? Method, string? Detail)> _next = new();

    /// <summary>How long each call waits before it is served (until the client gives up first). Default none.</summary>
    public TimeSpan Stall { get; set; }

    /// <summary>
    /// The next <paramref name="count"/> calls (of <paramref name="method"/>, e.g. "Points/Upsert", when given) fail
    /// with <paramref name="status"/> and <paramref name="detail"/> as the error text.
    /// </summary>
    public QdrantFaults FailNext(int count, StatusCode status, string? method = null, string? detail = null)
    {
        for (var i = 0; i < count; i++)
        {
            _next.Enqueue((status, method, detail));
        }

        return this;
    }

    /// <summary>Faults not yet used.</summary>
    public int Pending => _next.Count;

    internal Status? Take(string method)
    {
        if (_next.TryPeek(out var next) && (next.Method is null || next.Method == method) && _next.TryDequeue(out next))
        {
            return new Status(next.Status, next.Detail ?? $"injected {next.Status}");
        }

        return null;
    }
}
